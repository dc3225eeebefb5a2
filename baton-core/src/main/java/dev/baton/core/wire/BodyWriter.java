package dev.baton.core.wire;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Appends the body of the record a {@link RecordWriter} has open, straight into the writer's
 * buffer, in the stream's byte order. One instance per writer, reused for every record: the
 * write path allocates nothing per record or field.
 *
 * <p>Obtain it from {@link RecordWriter#begin} or {@link RecordWriter#beginSection}, put the
 * body, then call {@link #end()}.
 */
public final class BodyWriter {
    private final RecordWriter writer;
    /** Where ASCII strings are copied on their way into a direct buffer: no allocation per string. */
    private final byte[] scratch = new byte[512];
    /** Longest run {@link #reserve} takes. */
    public static final int MAX_RUN = 1024;
    /** The run {@link #reserve} opened: its octets, then where they go. */
    private final byte[] runOctets = new byte[MAX_RUN];
    private ByteBuffer run;
    private int runStart;
    private int runLength;
    private boolean runBigEndian;

    BodyWriter(RecordWriter writer) {
        this.writer = writer;
    }

    public BodyWriter putU8(int v) {
        writer.room(1).put((byte) v);
        return this;
    }

    public BodyWriter putBoolean(boolean v) {
        return putU8(v ? 1 : 0);
    }

    public BodyWriter putU16(int v) {
        writer.room(2).putShort((short) v);
        return this;
    }

    /** Four octets: an {@code int}, or the low 32 bits of an unsigned value. */
    public BodyWriter putInt(int v) {
        writer.room(4).putInt(v);
        return this;
    }

    public BodyWriter putLong(long v) {
        writer.room(8).putLong(v);
        return this;
    }

    public BodyWriter putFloat(float v) {
        writer.room(4).putFloat(v);
        return this;
    }

    public BodyWriter putDouble(double v) {
        writer.room(8).putDouble(v);
        return this;
    }

    public BodyWriter put(byte[] src) {
        return put(src, 0, src.length);
    }

    public BodyWriter put(byte[] src, int offset, int length) {
        writer.room(length).put(src, offset, length);
        return this;
    }

    /** Copies the source's remaining octets and leaves its position unchanged. */
    public BodyWriter put(ByteBuffer src) {
        int n = src.remaining();
        ByteBuffer b = writer.room(n);
        b.put(b.position(), src, src.position(), n).position(b.position() + n);
        return this;
    }

    /** {@code n} zero octets. */
    public BodyWriter putZeros(int n) {
        ByteBuffer b = writer.room(n);
        int at = b.position();
        for (int i = 0; i < n; i++) {
            b.put(at + i, (byte) 0);
        }
        b.position(at + n);
        return this;
    }

    /** The UTF-8 octets of {@code s}, without length or terminator; see {@link Utf8#encodedLength}. */
    public BodyWriter putUtf8(CharSequence s) {
        return putUtf8(s, Utf8.encodedLength(s));
    }

    /**
     * A u32 count of octets, then the UTF-8 octets of {@code s}: {@link #putInt} of
     * {@link Utf8#encodedLength} and {@link #putUtf8}, measuring the string once.
     */
    public BodyWriter putUtf8WithLength(CharSequence s) {
        if (s instanceof String str) {
            putStringWithLength(str);
            return this;
        }
        int octets = Utf8.encodedLength(s);
        writer.room(4).putInt(octets);
        return putUtf8(s, octets);
    }

    /**
     * The common case, ASCII, in one pass: the chars are put as they are checked, into room made
     * for the count and every char, then the count. At the first char that is not ASCII only the
     * rest of the string is measured (the position has not moved), room made for all of it, and
     * the whole string encoded with plain stores: into a heap buffer's array, or into the scratch
     * array and then one bulk put into a direct buffer, whose every relative put checks its index.
     */
    private void putStringWithLength(String s) {
        int n = s.length();
        ByteBuffer b = writer.room(4 + n);
        int at = b.position();
        int ascii = b.hasArray() ? putAscii(s, b.array(), b.arrayOffset() + at + 4) : putAscii(s, b, at + 4);
        if (ascii == n) {
            b.putInt(at, n);
            b.position(at + 4 + n);
            return;
        }
        int octets = ascii + Utf8.encodedLength(s, ascii);
        b = writer.room(4 + octets); // may have written out finished records: the position moves
        at = b.position();
        b.putInt(at, octets);
        if (b.hasArray()) {
            Utf8.encode(s, b.array(), b.arrayOffset() + at + 4);
        } else if (octets <= scratch.length) {
            Utf8.encode(s, scratch, 0); // plain stores, then one bulk put: a direct buffer checks each put
            b.put(at + 4, scratch, 0, octets);
        } else {
            b.position(at + 4);
            Utf8.encode(s, b);
        }
        b.position(at + 4 + octets);
    }

    /**
     * Copies the chars of {@code s} into a heap buffer's array at {@code to} if they are all ASCII:
     * checked first, then copied in bulk ({@code String.getBytes}), plain stores the JIT compiles
     * tighter than the buffer's own puts.
     *
     * @return {@code s.length()} when copied, else the index of the first char that is not ASCII
     */
    @SuppressWarnings("deprecation") // String.getBytes(int, int, byte[], int): the bulk copy of ASCII chars
    private static int putAscii(String s, byte[] a, int to) {
        int n = s.length();
        for (int i = 0; i < n; i++) {
            if (s.charAt(i) >= 0x80) {
                return i;
            }
        }
        s.getBytes(0, n, a, to);
        return n;
    }

    /**
     * Puts the chars of {@code s} into a direct buffer at index {@code to} while they are ASCII,
     * each as it is checked.
     *
     * @return {@code s.length()} when all were put, else the index of the first char that is not ASCII
     */
    private static int putAscii(String s, ByteBuffer b, int to) {
        int n = s.length();
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c >= 0x80) {
                return i;
            }
            b.put(to + i, (byte) c);
        }
        return n;
    }

    /** The UTF-8 octets of {@code s}, whose {@link Utf8#encodedLength} the caller has measured. */
    BodyWriter putUtf8(CharSequence s, int octets) {
        Utf8.encode(s, octets, writer.room(octets), scratch);
        return this;
    }

    /**
     * Makes room for {@code n} octets and moves past them, for a run of fixed-size fields that
     * the {@code put...At} methods then put at offsets {@code 0 <= at < n} from the room's start
     * and {@link #endRun} copies into place: one check of room for the whole run instead of one
     * per field. The fields are put into a heap array first, where a put is a store and a byte
     * swap (a direct buffer adds its own checks to every put), and copied with one bulk put.
     *
     * @throws IllegalArgumentException when {@code n} exceeds {@link #MAX_RUN}
     */
    public BodyWriter reserve(int n) {
        if (n > MAX_RUN) {
            throw new IllegalArgumentException("a run of " + Plural.count(n, "octet") + " exceeds " + MAX_RUN);
        }
        ByteBuffer b = writer.room(n);
        run = b;
        runStart = b.position();
        runLength = n;
        runBigEndian = b.order() == ByteOrder.BIG_ENDIAN;
        b.position(runStart + n);
        return this;
    }

    /** Copies the run's octets into the room {@link #reserve} made. */
    public void endRun() {
        run.put(runStart, runOctets, 0, runLength);
    }

    /** One octet at {@code at} in the run {@link #reserve} opened. */
    public void putU8At(int at, int v) {
        runOctets[at] = (byte) v;
    }

    public void putU16At(int at, int v) {
        ArrayOctets.putShort(runOctets, at, (short) v, runBigEndian);
    }

    public void putIntAt(int at, int v) {
        ArrayOctets.putInt(runOctets, at, v, runBigEndian);
    }

    public void putLongAt(int at, long v) {
        ArrayOctets.putLong(runOctets, at, v, runBigEndian);
    }

    public void putFloatAt(int at, float v) {
        putIntAt(at, Float.floatToRawIntBits(v));
    }

    public void putDoubleAt(int at, double v) {
        putLongAt(at, Double.doubleToRawLongBits(v));
    }

    /**
     * Overwrites four octets already put, at {@code bodyOffset} from the start of the body: for
     * lengths known only after what they count was written.
     */
    public BodyWriter patchInt(int bodyOffset, int v) {
        writer.patchInt(bodyOffset, v);
        return this;
    }

    /** Octets put into the body so far. */
    public int length() {
        return writer.openBodyLength();
    }

    /** Closes the record: sets its length, pads it and adds its checksum. */
    public void end() {
        writer.endRecord();
    }
}
