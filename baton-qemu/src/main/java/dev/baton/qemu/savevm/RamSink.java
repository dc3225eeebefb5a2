package dev.baton.qemu.savevm;

import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * Where the RAM section's content goes as it streams by: nothing of it is held by the reader.
 * Every method has a do-nothing default; a sink that wants page octets says so with
 * {@link #wantsPages()}, otherwise the reader skips them without looking.
 */
public interface RamSink {

    /** A sink that wants nothing. */
    RamSink NONE = new RamSink() {
    };

    /** True when {@link #page} should receive the octets of every page. */
    default boolean wantsPages() {
        return false;
    }

    /** A block of the block list, before any of its pages. */
    default void block(RamBlock block) throws IOException {
    }

    /**
     * A page whose octets all equal {@code value} (RAM_SAVE_FLAG_ZERO; QEMU writes only 0 now,
     * older versions any repeated octet).
     */
    default void fill(RamBlock block, long offset, int value) throws IOException {
    }

    /**
     * A page's octets (plain, or inflated from RAM_SAVE_FLAG_COMPRESS_PAGE): {@code page} holds
     * one target page from its position and is valid only during the call.
     */
    default void page(RamBlock block, long offset, ByteBuffer page) throws IOException {
    }

    /**
     * An XBZRLE-encoded change to a page the sink already has ({@link XbzrleDecoder} applies it).
     * The encoding was checked; {@code delta} is valid only during the call.
     */
    default void delta(RamBlock block, long offset, ByteBuffer delta) throws IOException {
    }

    /**
     * Thrown by a sink that cannot take a block or page because of what the stream says (a block id
     * that is no safe file name); the reader turns it into a {@link dev.baton.core.wire.StreamFormatException}
     * at the record's offset.
     */
    final class Refused extends IOException {
        private static final long serialVersionUID = 1L;

        public Refused(String problem) {
            super(problem);
        }
    }
}
