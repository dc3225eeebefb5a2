package dev.baton.core.describe;

import dev.baton.core.wire.BodyWriter;
import dev.baton.core.wire.StreamFormatException;

/**
 * A codec whose value always takes {@link #minSize()} octets (the scalars). A run of such fields
 * is saved and loaded at known offsets after one check of room ({@link FixedRun}); the octets
 * are those of {@link #save} and {@link #load}.
 */
interface FixedSizeCodec<T> extends Codec<T> {

    /** Puts the value at {@code at} in the room {@link BodyWriter#reserve} made. */
    void saveAt(T obj, BodyWriter out, int at);

    /** Loads the value at {@code at} in the octets {@link SectionInput#take} took. */
    void loadAt(T obj, SectionInput in, int at) throws StreamFormatException;
}
