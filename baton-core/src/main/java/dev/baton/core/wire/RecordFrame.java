package dev.baton.core.wire;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.zip.CRC32C;

/**
 * Record framing (docs/FORMAT.md, section 7), the one framing of every record Baton reads or
 * writes:
 *
 * <pre>
 *   0  u32  type
 *   4  u32  length        of the body, padding and trailer excluded
 *   8  u8[length] body
 *      u8[0-7]  zero padding to a multiple of 8
 *      with a trailer: u32 crc32c of type, length, body and padding; u32 zero
 * </pre>
 *
 * Baton's own records ({@link RecordReader}, {@link RecordWriter}; the trailer when the stream's
 * checksums flag is set), the return path's control messages (baton-migrate; always the trailer)
 * and Xen's libxc, libxl and xenstore records (baton-xen; never a trailer) are framed so.
 *
 * <p>An instance is the header of one record as {@link #peek} read it, for readers that keep one
 * per record; the static methods are the arithmetic, the header read and the checks, for readers
 * and writers that keep none (Baton's own, whose loops must not allocate per record).
 *
 * @param offset absolute offset of the record header in its input
 * @param index  the record's position in its stream, 0 for the first
 * @param type   the type field
 * @param length the length field, unsigned
 */
public record RecordFrame(long offset, long index, int type, long length) {
    /** Octets of the header: type and length. */
    public static final int HEADER = 8;
    /** Octets of the trailer: crc32c and a reserved u32. */
    public static final int TRAILER = 8;

    /** {@code n} rounded up to a multiple of 8. */
    public static int pad8(int n) {
        return (n + 7) & ~7;
    }

    /** {@code n} rounded up to a multiple of 8. */
    public static long pad8(long n) {
        return (n + 7) & ~7L;
    }

    /** Octets of zero padding after a body of {@code length}. */
    public static int padding(long length) {
        return (int) (-length & 7);
    }

    /** Octets a record with a body of {@code length} takes, with or without a trailer. */
    public static long size(long length, boolean trailer) {
        return HEADER + pad8(length) + (trailer ? TRAILER : 0);
    }

    /** Absolute offset of the body's first octet. */
    public long bodyOffset() {
        return offset + HEADER;
    }

    /** Octets of zero padding after this record's body. */
    public int padding() {
        return padding(length);
    }

    // ---- reading -------------------------------------------------------------------------------

    /**
     * Makes the header of record {@code index} available at the position of {@code in.buffer()},
     * without consuming it. The input ending first is fatal: before any octet of it, "missing END";
     * inside it, "truncated record header".
     *
     * @param stream  the stream's name in "missing END: the NAME stream ends ..." ({@code "libxc"}),
     *                or {@code null} for "the stream"
     * @param context the errors' context ({@link StreamFormatException#context()}), or {@code null}
     */
    public static void requireHeader(WireInput in, long index, String stream, String context) throws IOException {
        int have = in.fill(HEADER);
        if (have < HEADER) {
            throw cutShort(in.offset(), have, index, stream, context);
        }
    }

    /** The error for a header of which only {@code have} octets exist at {@code at}: fatal, the framing is lost. */
    private static FatalFormatException cutShort(long at, int have, long index, String stream, String context) {
        if (have == 0) {
            return new FatalFormatException("missing END: the " + (stream == null ? "" : stream + " ")
                    + "stream ends after " + Plural.count(index, "record"), at, index, StreamFormatException.NO_TYPE,
                    context);
        }
        return new FatalFormatException("truncated record header: the stream ends after " + have + " of "
                + Plural.count(HEADER, "octet"), at + have, index, StreamFormatException.NO_TYPE, context);
    }

    /**
     * The header of record {@code index} at the input's position, not consumed; see
     * {@link #requireHeader} for the errors.
     */
    public static RecordFrame peek(WireInput in, long index, String stream, String context) throws IOException {
        long at = in.offset();
        requireHeader(in, index, stream, context);
        ByteBuffer b = in.buffer();
        return new RecordFrame(at, index, type(b), length(b));
    }

    /** The type of the header at the buffer's position. */
    public static int type(ByteBuffer b) {
        return b.getInt(b.position());
    }

    /** The length of the header at the buffer's position, unsigned. */
    public static long length(ByteBuffer b) {
        return Integer.toUnsignedLong(b.getInt(b.position() + 4));
    }

    // ---- checking ------------------------------------------------------------------------------

    /** Index of the first octet in {@code [from, to)} of {@code b} that is not zero, or -1. */
    public static int firstNonZero(ByteBuffer b, int from, int to) {
        for (int i = from; i < to; i++) {
            if (b.get(i) != 0) {
                return i;
            }
        }
        return -1;
    }

    /** The problem a padding octet that is not zero is reported as. */
    public static String nonZeroPadding(byte octet) {
        return String.format("non-zero padding octet 0x%02x", octet & 0xFF);
    }

    /**
     * The CRC-32C of the record at index {@code at} of {@code b} with a body of {@code length}:
     * header, body and padding, what its trailer holds. Leaves the buffer's position and limit as
     * they were.
     */
    public static int checksum(CRC32C crc, ByteBuffer b, int at, int length) {
        int position = b.position();
        int limit = b.limit();
        b.limit(at + HEADER + pad8(length)).position(at); // no slice: nothing allocated per record
        crc.reset();
        crc.update(b);
        b.limit(limit).position(position);
        return (int) crc.getValue();
    }

    /** The problem a trailer whose crc32c is not the record's is reported as. */
    public static String checksumMismatch(int stored, int computed) {
        return String.format("checksum mismatch: stored 0x%08x, computed 0x%08x", stored, computed);
    }

    // ---- writing -------------------------------------------------------------------------------

    /** Puts a header at the buffer's position. */
    public static ByteBuffer putHeader(ByteBuffer b, int type, int length) {
        return b.putInt(type).putInt(length);
    }

    /**
     * Ends the record whose header is at index {@code at} of {@code b} and whose body of
     * {@code length} octets ends at the buffer's position: puts the zero padding and, when
     * {@code crc} is not null, the trailer.
     */
    public static void end(ByteBuffer b, int at, int length, CRC32C crc) {
        for (int i = padding(length); i > 0; i--) {
            b.put((byte) 0);
        }
        if (crc != null) {
            b.putInt(checksum(crc, b, at, length)).putInt(0);
        }
    }
}
