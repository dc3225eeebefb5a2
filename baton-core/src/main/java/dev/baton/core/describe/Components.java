package dev.baton.core.describe;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;

/**
 * The component values of a record being loaded, before its canonical constructor makes the
 * record ({@link Construction}): primitive components as the bits of a long (a double's raw
 * bits, a boolean 0 or 1), the others as references. Components a stream does not carry stay
 * 0, false or null.
 */
final class Components {
    final long[] bits;
    final Object[] refs;

    Components(int bits, int refs) {
        this.bits = new long[bits];
        this.refs = new Object[refs];
    }

    private static long bit(Components c, int k) {
        return c.bits[k];
    }

    private static Object ref(Components c, int k) {
        return c.refs[k];
    }

    private static final MethodHandle BIT;
    private static final MethodHandle REF;

    static {
        try {
            MethodHandles.Lookup l = MethodHandles.lookup();
            BIT = l.findStatic(Components.class, "bit", MethodType.methodType(long.class, Components.class, int.class));
            REF = l.findStatic(Components.class, "ref", MethodType.methodType(Object.class, Components.class, int.class));
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /**
     * {@code (Components) type}: the value of primitive slot {@code k} as {@code type}, which it
     * holds as {@code holder} wrote it (narrowed as a cast narrows: a u8 of 200 is the byte -56,
     * whose unsigned value the record's accessor gives back).
     */
    static MethodHandle bitAs(int k, Holder holder, Class<?> type) {
        MethodHandle h = MethodHandles.insertArguments(BIT, 1, k);
        if (holder == Holder.DOUBLE) {
            try {
                h = MethodHandles.filterReturnValue(h, MethodHandles.lookup().findStatic(Double.class,
                        "longBitsToDouble", MethodType.methodType(double.class, long.class)));
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException(e);
            }
        }
        return MethodHandles.explicitCastArguments(h, MethodType.methodType(type, Components.class));
    }

    /** {@code (Components) type}: reference slot {@code k}, cast to {@code type}. */
    static MethodHandle refAs(int k, Class<?> type) {
        return MethodHandles.insertArguments(REF, 1, k).asType(MethodType.methodType(type, Components.class));
    }
}
