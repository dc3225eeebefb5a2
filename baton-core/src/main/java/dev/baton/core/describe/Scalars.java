package dev.baton.core.describe;

import dev.baton.core.wire.BodyWriter;

/** Writing integer scalars of each kind, and the range each kind holds. */
final class Scalars {
    private Scalars() {
    }

    static void write(BodyWriter out, FieldKind kind, long v) {
        switch (size(kind)) {
            case 1 -> out.putU8((int) v);
            case 2 -> out.putU16((int) v);
            case 4 -> out.putInt((int) v);
            default -> out.putLong(v);
        }
    }

    /** {@link #write} at {@code at} in the room {@link BodyWriter#reserve} made. */
    static void writeAt(BodyWriter out, FieldKind kind, int at, long v) {
        switch (size(kind)) {
            case 1 -> out.putU8At(at, (int) v);
            case 2 -> out.putU16At(at, (int) v);
            case 4 -> out.putIntAt(at, (int) v);
            default -> out.putLongAt(at, v);
        }
    }

    /**
     * Octets of an integer or bool kind. Comparisons rather than a switch on the enum: javac turns
     * such a switch into a lookup in an array the JIT cannot fold, while a codec's kind is a
     * constant to it, so these comparisons fold to one answer and a field's put or get is all that
     * is left (a switch on the int answer folds too).
     */
    static int size(FieldKind kind) {
        if (kind == FieldKind.S32 || kind == FieldKind.U32) {
            return 4;
        }
        if (kind == FieldKind.S64 || kind == FieldKind.U64) {
            return 8;
        }
        if (kind == FieldKind.S16 || kind == FieldKind.U16) {
            return 2;
        }
        if (kind == FieldKind.BOOL || kind == FieldKind.U8 || kind == FieldKind.S8) {
            return 1;
        }
        throw new IllegalArgumentException(kind + " is not an integer kind");
    }

    /** Whether {@code v} is a value of {@code kind}; u64 takes every long (as its unsigned bits). */
    static boolean fits(FieldKind kind, long v) {
        if (kind == FieldKind.S32) {
            return v >= Integer.MIN_VALUE && v <= Integer.MAX_VALUE;
        }
        if (kind == FieldKind.U32) {
            return v >= 0 && v <= 0xFFFF_FFFFL;
        }
        if (kind == FieldKind.U8) {
            return v >= 0 && v <= 0xFF;
        }
        if (kind == FieldKind.S8) {
            return v >= Byte.MIN_VALUE && v <= Byte.MAX_VALUE;
        }
        if (kind == FieldKind.U16) {
            return v >= 0 && v <= 0xFFFF;
        }
        if (kind == FieldKind.S16) {
            return v >= Short.MIN_VALUE && v <= Short.MAX_VALUE;
        }
        return kind != FieldKind.BOOL || v == 0 || v == 1;
    }

    /** {@code v}, or an error naming the field when it is not a value of {@code kind}. */
    static long checked(String field, FieldKind kind, long v) {
        if (!fits(kind, v)) {
            throw doesNotFit(field, kind, v);
        }
        return v;
    }

    /** {@link #checked(String, FieldKind, long)} of an {@code int}, which every s32 holds. */
    static long checked(String field, FieldKind kind, int v) {
        return kind == FieldKind.S32 ? v : checked(field, kind, (long) v);
    }

    private static IllegalArgumentException doesNotFit(String field, FieldKind kind, long v) {
        return new IllegalArgumentException("field '" + field + "' value " + v + " does not fit " + kind.jsonName());
    }

    /** Null when an {@code equal} field's values agree, else a sentence saying both. */
    static String mismatch(FieldKind kind, long theirs, long ours) {
        return theirs == ours ? null : "stream has " + format(kind, theirs) + ", this build has " + format(kind, ours);
    }

    static String format(FieldKind kind, long v) {
        return kind == FieldKind.U64 ? Long.toUnsignedString(v) : Long.toString(v);
    }
}
