package dev.baton.core.document;

import dev.baton.core.describe.DescriptionContext;
import dev.baton.core.describe.GenericState;
import dev.baton.core.describe.Pins;
import dev.baton.core.describe.StateDescription;
import dev.baton.core.wire.BodyWriter;
import dev.baton.core.wire.RecordWriter;
import dev.baton.core.wire.WriterOptions;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.Instant;

/**
 * Saves a state through a description as a section's data, and says whether that gives the
 * octets a stream holds: the check that a section decoded into JSON values encodes back to the
 * same octets. The data is saved by a writer of its own, in the stream's byte order, exactly as
 * {@link StreamEncoder} saves it into the stream.
 */
final class SectionOctets {
    /** The octets before a section's data in the scratch writer's record: record header, section header, idstr "s". */
    private static final int DATA_AT = 8 + 10 + 1;

    private final Sink sink = new Sink();
    private final RecordWriter writer;
    private final ByteOrder order;

    SectionOctets(ByteOrder order) {
        this.order = order;
        writer = RecordWriter.open(sink, WriterOptions.defaults().withByteOrder(order).withCreated(Instant.EPOCH));
        flush();
        sink.reset(); // the header is no part of any section
    }

    /**
     * Writes {@code state}'s data through {@code d} at {@code version}, as a SECTION body's data.
     *
     * @throws IllegalArgumentException when {@code version} is outside {@code d}'s window, or a value does not fit
     */
    static void save(StateDescription<GenericState> d, GenericState state, int version, BodyWriter body) {
        d.save(state, body, new DescriptionContext(Pins.NONE.withVersion(d.name(), version)));
    }

    /** Whether saving {@code state} through {@code d} at {@code version} gives exactly {@code data}'s remaining octets. */
    boolean same(StateDescription<GenericState> d, GenericState state, int version, ByteBuffer data) {
        sink.reset();
        BodyWriter body = writer.beginSection("s", 0, version);
        try {
            save(d, state, version, body);
        } finally {
            body.end(); // the scratch record is closed either way, for the next check
            flush();
        }
        int length = ByteBuffer.wrap(sink.octets(), 4, 4).order(order).getInt() - (DATA_AT - 8);
        return length == data.remaining() && ByteBuffer.wrap(sink.octets(), DATA_AT, length).equals(data);
    }

    private void flush() {
        try {
            writer.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a byte array cannot fail
        }
    }

    /** A byte array stream whose array the check reads in place. */
    private static final class Sink extends ByteArrayOutputStream {
        byte[] octets() {
            return buf;
        }
    }
}
