package dev.baton.core.wire;

import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * A bounded, endian-aware cursor: typed reads of the octets from a buffer's position to its
 * limit, in the buffer's byte order, front to back ({@link #u32()}) or at an index
 * ({@link #u32(int)}), each read checked against what is there, every error a
 * {@link StreamFormatException} located in the stream: absolute offset, record index and type,
 * and a context such as {@code "libxc PAGE_DATA"}.
 *
 * <p>The one cursor of every decoder in Baton. Over octets in memory ({@link #of(ByteBuffer,
 * long, long, int, String)}): section data ({@code describe.SectionInput} extends it), a SECTION
 * header, a xenstore record body. Over the window of a {@link WireInput} ({@link #of(WireInput,
 * long, long, int, String)}), for decoders that stream: QEMU's savevm reader and Xen's libxc and libxl
 * record bodies {@link #fill} the octets a field needs (saying in their own words what was cut
 * short), then read them here; reading front to back consumes them from the input.
 *
 * <p>A read that finds too few octets throws {@link #shortage}. UTF-8 is decoded by
 * {@link Utf8}, strictly. Not thread-safe.
 */
public class ByteCursor {
    /** The octets; unread ones from its position to its limit. For a window: the input's buffer as of the last fill. */
    private ByteBuffer buf;
    /** The input whose window this cursor reads, or null for octets in memory. */
    private final WireInput in;
    /** Octets in memory: absolute offset of buffer index 0. A window: of the input's first octet. */
    private final long base;
    private long recordIndex;
    private final int recordType;
    private String context;

    /**
     * A cursor over the octets from the position of {@code octets} to its limit.
     *
     * @param base        absolute stream offset of the buffer's index 0
     * @param recordIndex the record the octets belong to, or {@link StreamFormatException#IN_HEADER}
     * @param recordType  its type, or {@link StreamFormatException#NO_TYPE}
     * @param context     where errors say they are beyond offset and record, or null
     */
    protected ByteCursor(ByteBuffer octets, long base, long recordIndex, int recordType, String context) {
        this.buf = octets;
        this.in = null;
        this.base = base;
        this.recordIndex = recordIndex;
        this.recordType = recordType;
        this.context = context;
    }

    private ByteCursor(WireInput in, long base, long recordIndex, int recordType, String context) {
        this.buf = in.buffer();
        this.in = in;
        this.base = base;
        this.recordIndex = recordIndex;
        this.recordType = recordType;
        this.context = context;
    }

    /** A cursor over octets in memory, from the buffer's position to its limit; see the constructor. */
    public static ByteCursor of(ByteBuffer octets, long base, long recordIndex, int recordType, String context) {
        return new ByteCursor(octets, base, recordIndex, recordType, context);
    }

    /**
     * A cursor over the window of {@code in}: it reads the octets a {@link #fill} made available;
     * reading front to back consumes them.
     *
     * @param base absolute stream offset of the input's first octet: 0, or where a held tail of
     *             the stream starts
     */
    public static ByteCursor of(WireInput in, long base, long recordIndex, int recordType, String context) {
        return new ByteCursor(in, base, recordIndex, recordType, context);
    }

    // ---- where -------------------------------------------------------------------------------

    /** Absolute stream offset of the next octet. */
    public final long offset() {
        return base + (in == null ? buf.position() : in.offset());
    }

    /** The octets: unread ones from its position to its limit, for subclasses' own ways of reading them. */
    protected final ByteBuffer buffer() {
        return buf;
    }

    /** Octets that can be read now: to the end of the octets in memory, or of what the last fill brought. */
    public final int remaining() {
        return buf.remaining();
    }

    /** Whether nothing is left to read now. */
    public final boolean atEnd() {
        return !buf.hasRemaining();
    }

    /** Index in the buffer of the next octet: what the index reads ({@link #u32(int)}) count from. */
    public final int position() {
        return buf.position();
    }

    /** Moves to an index of the buffer, within the octets. */
    public final void position(int index) {
        buf.position(index);
    }

    /** The record errors name. */
    public final long recordIndex() {
        return recordIndex;
    }

    public final void recordIndex(long index) {
        this.recordIndex = index;
    }

    /** Where errors say they are beyond offset and record, or null. */
    public final String context() {
        return context;
    }

    public final void context(String where) {
        this.context = where;
    }

    /** A format error at the next octet. */
    public final StreamFormatException error(String problem) {
        return errorAt(offset(), problem);
    }

    /** A format error at an absolute offset, such as the start of the field being read. */
    public final StreamFormatException errorAt(long at, String problem) {
        return new StreamFormatException(problem, at, recordIndex, recordType, context);
    }

    /**
     * A fatal format error at an absolute offset: for a window's decoder whose input ended, or
     * whose length cannot be trusted, so that the framing is lost.
     */
    public final FatalFormatException fatalAt(long at, String problem) {
        return new FatalFormatException(problem, at, recordIndex, recordType, context);
    }

    /**
     * The error of a read that needs {@code n} octets where fewer remain. A subclass says what
     * the octets are ("section data ends: ...").
     */
    protected StreamFormatException shortage(int n) {
        return error(Plural.count(n, "octet") + " needed, " + buf.remaining() + " left");
    }

    // ---- a window's octets ---------------------------------------------------------------------

    /**
     * Makes up to {@code n} octets of a window's input available ({@link WireInput#fill}).
     *
     * @return how many are: {@code n} unless the input ended first
     */
    public final int fill(int n) throws IOException {
        int have = in.fill(n);
        buf = in.buffer();
        return have;
    }

    // ---- front to back -------------------------------------------------------------------------

    /** Throws {@link #shortage} unless {@code n} octets remain. */
    public final void need(int n) throws StreamFormatException {
        if (buf.remaining() < n) {
            throw shortage(n);
        }
    }

    public final int u8() throws StreamFormatException {
        need(1);
        return buf.get() & 0xFF;
    }

    public final int s8() throws StreamFormatException {
        need(1);
        return buf.get();
    }

    public final int u16() throws StreamFormatException {
        need(2);
        return buf.getShort() & 0xFFFF;
    }

    public final int s16() throws StreamFormatException {
        need(2);
        return buf.getShort();
    }

    public final int s32() throws StreamFormatException {
        need(4);
        return buf.getInt();
    }

    public final long u32() throws StreamFormatException {
        return Integer.toUnsignedLong(s32());
    }

    /** Eight octets: a {@code long}, or the bits of an unsigned one. */
    public final long s64() throws StreamFormatException {
        need(8);
        return buf.getLong();
    }

    public final float f32() throws StreamFormatException {
        need(4);
        return buf.getFloat();
    }

    public final double f64() throws StreamFormatException {
        need(8);
        return buf.getDouble();
    }

    /** {@code n} octets, copied. */
    public final byte[] bytes(int n) throws StreamFormatException {
        need(n);
        byte[] b = new byte[n];
        buf.get(b);
        return b;
    }

    /** The next {@code n} octets as a view, valid until the next fill; they count as read. */
    public final ByteBuffer view(int n) throws StreamFormatException {
        need(n);
        int at = buf.position();
        buf.position(at + n);
        return buf.slice(at, n).order(buf.order());
    }

    /**
     * {@code n} octets of strict UTF-8 ({@link Utf8#decode}); they count as read either way.
     *
     * @return the text, or {@code null} when the octets are not UTF-8 (the caller says what they were)
     */
    public final String utf8(int n) throws StreamFormatException {
        need(n);
        int at = buf.position();
        buf.position(at + n);
        return Utf8.decode(buf, at, n);
    }

    /** Moves past {@code n} octets. */
    public final void skip(int n) throws StreamFormatException {
        need(n);
        buf.position(buf.position() + n);
    }

    // ---- at an index ---------------------------------------------------------------------------
    // The caller has checked that the field lies inside the octets (with its own words for when
    // it does not); the buffer checks the index again, so a caller's mistake is an index error,
    // never a read of other octets.

    public final int u8(int index) {
        return buf.get(index) & 0xFF;
    }

    public final int u16(int index) {
        return buf.getShort(index) & 0xFFFF;
    }

    public final int s32(int index) {
        return buf.getInt(index);
    }

    public final long u32(int index) {
        return Integer.toUnsignedLong(buf.getInt(index));
    }

    public final long s64(int index) {
        return buf.getLong(index);
    }

    /** {@code n} octets at {@code index}, copied. */
    public final byte[] bytes(int index, int n) {
        byte[] b = new byte[n];
        buf.get(index, b);
        return b;
    }

    /** {@code n} octets at {@code index} as strict UTF-8, or {@code null} when they are not UTF-8. */
    public final String utf8(int index, int n) {
        return Utf8.decode(buf, index, n);
    }

    /** The index of the first octet at or after {@code index} that is {@code octet}, before {@code end}, or -1. */
    public final int indexOf(byte octet, int index, int end) {
        for (int i = index; i < end; i++) {
            if (buf.get(i) == octet) {
                return i;
            }
        }
        return -1;
    }
}
