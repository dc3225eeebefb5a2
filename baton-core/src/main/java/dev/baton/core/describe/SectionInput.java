package dev.baton.core.describe;

import dev.baton.core.wire.ArrayOctets;
import dev.baton.core.wire.ByteCursor;
import dev.baton.core.wire.Plural;
import dev.baton.core.wire.StreamFormatException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Reads section data field by field, in the stream's byte order: the core {@link ByteCursor}
 * (every read checked against what remains) with what section data adds to it: reads by
 * {@link FieldKind}, runs of fixed-size fields checked once, and counts checked against the
 * octets they would need before anything is allocated. Errors are {@link StreamFormatException}s
 * located at the absolute stream offset; the save/load path adds the section and field path.
 */
public final class SectionInput extends ByteCursor {
    /** The octets {@link #take} took: their index in the buffer, and for a heap buffer its array and their index there. */
    private int run;
    private byte[] runArray;
    private int runBase;
    private boolean runBigEndian;

    /**
     * @param data        the section data, positioned at its start, in the stream's byte order
     * @param base        absolute stream offset of {@code data}'s index 0
     * @param recordIndex index of the record the data came from, for errors
     * @param recordType  type of that record, for errors
     */
    public SectionInput(ByteBuffer data, long base, long recordIndex, int recordType) {
        super(data, base, recordIndex, recordType, null);
    }

    /** Section data not tied to a stream (offsets are relative to the data), for tests and tools. */
    public static SectionInput of(ByteBuffer data) {
        return new SectionInput(data, -data.position(), StreamFormatException.IN_HEADER,
                StreamFormatException.NO_TYPE);
    }

    @Override
    protected StreamFormatException shortage(int n) {
        return error("section data ends: " + Plural.count(n, "octet") + " needed, " + remaining() + " left");
    }

    /**
     * Reads a scalar of an integer or bool kind as a long: sign-extended for signed kinds. It asks
     * the kind by comparisons, not a switch, so that for a codec's constant kind the JIT folds it
     * to the one read (see Scalars.size).
     */
    public long integer(FieldKind kind) throws StreamFormatException {
        if (kind == FieldKind.S32) {
            return s32();
        }
        if (kind == FieldKind.S64 || kind == FieldKind.U64) {
            return s64();
        }
        if (kind == FieldKind.U32) {
            return u32();
        }
        if (kind == FieldKind.BOOL) {
            int v = u8();
            if (v > 1) {
                position(position() - 1);
                throw error("bool octet is " + v + ", not 0 or 1");
            }
            return v;
        }
        if (kind == FieldKind.U8) {
            return u8();
        }
        if (kind == FieldKind.U16) {
            return u16();
        }
        if (kind == FieldKind.S8) {
            return s8();
        }
        if (kind == FieldKind.S16) {
            return s16();
        }
        throw new IllegalArgumentException(kind + " is not an integer kind");
    }

    /**
     * Takes {@code n} octets for a run of fixed-size fields, read with the {@code ...At} methods
     * at offsets from the run's start: one check for the whole run. Returns false, taking
     * nothing, when fewer remain (the caller then reads field by field, to fail at the right one).
     */
    boolean take(int n) {
        ByteBuffer buf = buffer();
        int at = buf.position();
        if (buf.limit() - at < n) {
            return false;
        }
        run = at;
        if (buf.hasArray()) {
            runArray = buf.array();
            runBase = buf.arrayOffset() + at;
            runBigEndian = buf.order() == ByteOrder.BIG_ENDIAN;
        } else {
            runArray = null;
        }
        buf.position(at + n);
        return true;
    }

    // A heap buffer's run is read from its array (ArrayOctets: a bounds check, a load
    // and a byte swap); a direct buffer's through its absolute gets.

    int s32At(int at) {
        byte[] a = runArray;
        if (a == null) {
            return s32(run + at);
        }
        return ArrayOctets.getInt(a, runBase + at, runBigEndian);
    }

    long s64At(int at) {
        byte[] a = runArray;
        if (a == null) {
            return s64(run + at);
        }
        return ArrayOctets.getLong(a, runBase + at, runBigEndian);
    }

    private int s16At(int at) {
        byte[] a = runArray;
        if (a == null) {
            return buffer().getShort(run + at);
        }
        return ArrayOctets.getShort(a, runBase + at, runBigEndian);
    }

    private int s8At(int at) {
        byte[] a = runArray;
        return a == null ? buffer().get(run + at) : a[runBase + at];
    }

    float f32At(int at) {
        return Float.intBitsToFloat(s32At(at));
    }

    double f64At(int at) {
        return Double.longBitsToDouble(s64At(at));
    }

    /** {@link #integer} of the value at {@code at} in the run {@link #take} took. */
    long integerAt(FieldKind kind, int at) throws StreamFormatException {
        if (kind == FieldKind.S32) {
            return s32At(at);
        }
        if (kind == FieldKind.S64 || kind == FieldKind.U64) {
            return s64At(at);
        }
        if (kind == FieldKind.U32) {
            return Integer.toUnsignedLong(s32At(at));
        }
        if (kind == FieldKind.BOOL) {
            int v = s8At(at) & 0xFF;
            if (v > 1) {
                throw errorAt(offset() - position() + run + at, "bool octet is " + v + ", not 0 or 1");
            }
            return v;
        }
        if (kind == FieldKind.U8) {
            return s8At(at) & 0xFF;
        }
        if (kind == FieldKind.U16) {
            return s16At(at) & 0xFFFF;
        }
        if (kind == FieldKind.S8) {
            return s8At(at);
        }
        if (kind == FieldKind.S16) {
            return s16At(at);
        }
        throw new IllegalArgumentException(kind + " is not an integer kind");
    }

    /**
     * Reads a count of elements that take at least {@code minElementSize} octets each, refusing
     * one that cannot fit in what remains (so nothing is allocated for a hostile count).
     */
    public int count(long n, int minElementSize, String what) throws StreamFormatException {
        if (n < 0 || n > Integer.MAX_VALUE - 8 || n * Math.max(1, minElementSize) > remaining()) {
            throw error(what + " " + Long.toUnsignedString(n) + " cannot fit in the "
                    + Plural.count(remaining(), "octet") + " left");
        }
        return (int) n;
    }

    /**
     * {@link #count(long, int, String)} of the elements of field {@code field}, whose error calls
     * it "'field' count": the words are put together only when the count is refused, not on every
     * load of the field.
     */
    public int fieldCount(long n, int minElementSize, String field) throws StreamFormatException {
        if (n < 0 || n > Integer.MAX_VALUE - 8 || n * Math.max(1, minElementSize) > remaining()) {
            return count(n, minElementSize, "'" + field + "' count");
        }
        return (int) n;
    }

    /** A u32 length, then that many octets of strict UTF-8. */
    public String string() throws StreamFormatException {
        int n = count(u32(), 1, "string length");
        String s = utf8(n);
        if (s == null) { // where the octets start, worked out only for the error
            throw errorAt(offset() - n, "string is not valid UTF-8");
        }
        return s;
    }
}
