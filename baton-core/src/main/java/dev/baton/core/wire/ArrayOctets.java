package dev.baton.core.wire;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Scalars at an index of a heap array, in either byte order: a bounds check, a load or store and
 * a byte swap each (a direct buffer's puts and gets add their own checks to every access). What
 * {@link BodyWriter}'s runs are put with and what a section input reads them back with.
 */
public final class ArrayOctets {
    private static final VarHandle SHORT_BE = MethodHandles.byteArrayViewVarHandle(short[].class, ByteOrder.BIG_ENDIAN);
    private static final VarHandle SHORT_LE = MethodHandles.byteArrayViewVarHandle(short[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle INT_BE = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.BIG_ENDIAN);
    private static final VarHandle INT_LE = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle LONG_BE = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);
    private static final VarHandle LONG_LE = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    private ArrayOctets() {
    }

    public static short getShort(byte[] a, int i, boolean bigEndian) {
        return bigEndian ? (short) SHORT_BE.get(a, i) : (short) SHORT_LE.get(a, i);
    }

    public static int getInt(byte[] a, int i, boolean bigEndian) {
        return bigEndian ? (int) INT_BE.get(a, i) : (int) INT_LE.get(a, i);
    }

    public static long getLong(byte[] a, int i, boolean bigEndian) {
        return bigEndian ? (long) LONG_BE.get(a, i) : (long) LONG_LE.get(a, i);
    }

    public static void putShort(byte[] a, int i, short v, boolean bigEndian) {
        if (bigEndian) {
            SHORT_BE.set(a, i, v);
        } else {
            SHORT_LE.set(a, i, v);
        }
    }

    public static void putInt(byte[] a, int i, int v, boolean bigEndian) {
        if (bigEndian) {
            INT_BE.set(a, i, v);
        } else {
            INT_LE.set(a, i, v);
        }
    }

    public static void putLong(byte[] a, int i, long v, boolean bigEndian) {
        if (bigEndian) {
            LONG_BE.set(a, i, v);
        } else {
            LONG_LE.set(a, i, v);
        }
    }
}
