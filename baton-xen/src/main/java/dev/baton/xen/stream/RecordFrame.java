package dev.baton.xen.stream;

import dev.baton.core.wire.Plural;
import dev.baton.core.wire.StreamFormatException;
import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * The framing libxc and libxl records share: {@code u32 type, u32 length}, the body, then zero
 * padding to a multiple of 8. Reading a frame checks the length against what remains before the
 * body is touched; finishing one skips what the checker left and checks the padding.
 *
 * @param offset absolute offset of the record header
 * @param index  the record's index in its layer
 * @param type   the type number
 * @param length the body length, padding excluded
 */
public record RecordFrame(long offset, long index, int type, long length) {
    public static final int HEADER = 8;

    /** Octets of zero padding after the body. */
    public int padding() {
        return (int) (-length & 7);
    }

    /**
     * Peeks at the next record header without consuming it; the input ending first is fatal.
     *
     * @param layer "libxc" or "libxl", for messages
     */
    public static RecordFrame peek(XenInput in, long index, String layer) throws IOException {
        long at = in.offset();
        int have = in.fill(HEADER);
        if (have == 0) {
            throw new StreamFormatException("missing END: the " + layer + " stream ends after "
                    + Plural.count(index, "record"), at,
                    index, StreamFormatException.NO_TYPE, layer);
        }
        if (have < HEADER) {
            throw new StreamFormatException("truncated record header: the stream ends after " + have + " of 8 octets",
                    at + have, index, StreamFormatException.NO_TYPE, layer);
        }
        ByteBuffer b = in.buffer();
        int type = b.getInt(b.position());
        long length = b.getInt(b.position() + 4) & 0xFFFF_FFFFL;
        return new RecordFrame(at, index, type, length);
    }

    /**
     * Reports octets after a stream's END (not fatal: the stream itself is whole).
     *
     * @param nextIndex the index a record after END would have
     * @param layer     "libxc" or "libxl", for messages
     */
    public static void checkNothingAfterEnd(XenInput in, long nextIndex, Problems problems, String layer)
            throws IOException {
        long at = in.offset();
        int have = in.fill(HEADER);
        if (have > 0) {
            problems.report(new StreamFormatException("octets after END: " + (have == HEADER ? "at least 8 octets follow"
                    : Plural.count(have, "octet") + (have == 1 ? " follows" : " follow")) + " the stream's last record",
                    at, nextIndex,
                    StreamFormatException.NO_TYPE, layer));
        }
    }

    /** Fatal when the input's size is known and the body and padding do not fit in it. */
    public void checkFits(XenInput in, String context) throws IOException {
        long remaining = in.remaining();
        long needed = length + padding();
        if (remaining >= 0 && needed > remaining - (offset + HEADER - in.offset())) {
            long follow = remaining - (offset + HEADER - in.offset());
            throw new StreamFormatException("length " + length + " runs past the end of the input: only "
                    + Plural.count(follow, "octet") + (follow == 1 ? " follows" : " follow") + " the record header",
                    offset + 4, index, StreamFormatException.NO_TYPE, context);
        }
    }

    /** Skips what the checker left of the body, then reads the padding, which must be zero. */
    public void finish(XenInput in, RecordBody body, Problems problems, String context) throws IOException {
        body.skipRest();
        int pad = padding();
        if (pad == 0) {
            return;
        }
        long at = in.offset();
        if (in.fill(pad) < pad) {
            throw new StreamFormatException("truncated padding: the stream ends inside the record's "
                    + Plural.count(pad, "octet") + " of padding", at, index, StreamFormatException.NO_TYPE, context);
        }
        ByteBuffer b = in.buffer();
        StringBuilder octets = new StringBuilder();
        boolean nonZero = false;
        for (int i = 0; i < pad; i++) {
            int v = b.get(b.position() + i) & 0xFF;
            nonZero |= v != 0;
            octets.append(i == 0 ? "" : " ").append(String.format("%02x", v));
        }
        in.consume(pad);
        if (nonZero) {
            problems.report(new StreamFormatException("non-zero padding after the body: " + octets, at, index,
                    StreamFormatException.NO_TYPE, context));
        }
    }
}
