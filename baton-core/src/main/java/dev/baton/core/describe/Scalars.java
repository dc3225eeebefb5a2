package dev.baton.core.describe;

import dev.baton.core.wire.BodyWriter;

/** Writing integer scalars of each kind, and the range each kind holds. */
final class Scalars {
    private Scalars() {
    }

    static void write(BodyWriter out, FieldKind kind, long v) {
        switch (kind) {
            case BOOL, U8, S8 -> out.putU8((int) v);
            case U16, S16 -> out.putU16((int) v);
            case U32, S32 -> out.putInt((int) v);
            case U64, S64 -> out.putLong(v);
            default -> throw new IllegalArgumentException(kind + " is not an integer kind");
        }
    }

    /** {@link #write} at {@code at} in the room {@link BodyWriter#reserve} made. */
    static void writeAt(BodyWriter out, FieldKind kind, int at, long v) {
        switch (kind) {
            case BOOL, U8, S8 -> out.putU8At(at, (int) v);
            case U16, S16 -> out.putU16At(at, (int) v);
            case U32, S32 -> out.putIntAt(at, (int) v);
            case U64, S64 -> out.putLongAt(at, v);
            default -> throw new IllegalArgumentException(kind + " is not an integer kind");
        }
    }

    /** Whether {@code v} is a value of {@code kind}; u64 takes every long (as its unsigned bits). */
    static boolean fits(FieldKind kind, long v) {
        return switch (kind) {
            case BOOL -> v == 0 || v == 1;
            case U8 -> v >= 0 && v <= 0xFF;
            case S8 -> v >= Byte.MIN_VALUE && v <= Byte.MAX_VALUE;
            case U16 -> v >= 0 && v <= 0xFFFF;
            case S16 -> v >= Short.MIN_VALUE && v <= Short.MAX_VALUE;
            case U32 -> v >= 0 && v <= 0xFFFF_FFFFL;
            case S32 -> v >= Integer.MIN_VALUE && v <= Integer.MAX_VALUE;
            default -> true;
        };
    }

    /** {@code v}, or an error naming the field when it is not a value of {@code kind}. */
    static long checked(String field, FieldKind kind, long v) {
        if (!fits(kind, v)) {
            throw new IllegalArgumentException("field '" + field + "' value " + v + " does not fit " + kind.jsonName());
        }
        return v;
    }

    /** Null when an {@code equal} field's values agree, else a sentence saying both. */
    static String mismatch(FieldKind kind, long theirs, long ours) {
        return theirs == ours ? null : "stream has " + format(kind, theirs) + ", this build has " + format(kind, ours);
    }

    static String format(FieldKind kind, long v) {
        return kind == FieldKind.U64 ? Long.toUnsignedString(v) : Long.toString(v);
    }
}
