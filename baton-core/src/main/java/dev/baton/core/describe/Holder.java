package dev.baton.core.describe;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodType;

/**
 * The Java type a builder's accessors hold a field's value in (docs/DESCRIPTIONS.md, "Field
 * kinds"): a bool in a boolean, u8 to s32 in an int, u32, u64 and s64 in a long, f32 and f64 in
 * a double, everything else in a reference. A derived field's accessors convert between its
 * member's Java type and this one.
 */
enum Holder {
    BOOL(boolean.class), INT(int.class), LONG(long.class), DOUBLE(double.class), REF(Object.class);

    final Class<?> type;

    Holder(Class<?> type) {
        this.type = type;
    }

    /** The getter's type: {@code (Object) type}. */
    MethodType getter() {
        return MethodType.methodType(type, Object.class);
    }

    /** The setter's type: {@code (Object, type) void}. */
    MethodType setter() {
        return MethodType.methodType(void.class, Object.class, type);
    }

    /**
     * A getter and a setter over handles of {@link #getter()} and {@link #setter()} types, as the
     * builder takes them; {@code set} may be null (a record's side that only saves).
     */
    Accessors handles(MethodHandle get, MethodHandle set) {
        return switch (this) {
            case BOOL -> new Accessors(new Handles.BoolGetter(get), set == null ? null : new Handles.BoolSetter(set));
            case INT -> new Accessors(new Handles.IntGetter(get), set == null ? null : new Handles.IntSetter(set));
            case LONG -> new Accessors(new Handles.LongGetter(get), set == null ? null : new Handles.LongSetter(set));
            case DOUBLE -> new Accessors(new Handles.DoubleGetter(get),
                    set == null ? null : new Handles.DoubleSetter(set));
            case REF -> new Accessors(new Handles.Getter(get), set == null ? null : new Handles.Setter(set));
        };
    }

    /** A getter and a setter of slot {@code k} of a record's {@link Components}. */
    Accessors slot(int k) {
        return switch (this) {
            case BOOL -> new Accessors((java.util.function.Predicate<Components>) c -> c.bits[k] != 0,
                    (ObjBoolConsumer<Components>) (c, v) -> c.bits[k] = v ? 1 : 0);
            case INT -> new Accessors((java.util.function.ToIntFunction<Components>) c -> (int) c.bits[k],
                    (java.util.function.ObjIntConsumer<Components>) (c, v) -> c.bits[k] = v);
            case LONG -> new Accessors((java.util.function.ToLongFunction<Components>) c -> c.bits[k],
                    (java.util.function.ObjLongConsumer<Components>) (c, v) -> c.bits[k] = v);
            case DOUBLE -> new Accessors(
                    (java.util.function.ToDoubleFunction<Components>) c -> Double.longBitsToDouble(c.bits[k]),
                    (java.util.function.ObjDoubleConsumer<Components>) (c, v) -> c.bits[k] = Double
                            .doubleToRawLongBits(v));
            case REF -> new Accessors((java.util.function.Function<Components, Object>) c -> c.refs[k],
                    (java.util.function.BiConsumer<Components, Object>) (c, v) -> c.refs[k] = v);
        };
    }

    /**
     * One field's getter and setter, typed as {@link Holder} says (a {@code ToIntFunction} for
     * {@link #INT}, ...); erased here because the builder's methods take each its own pair.
     */
    record Accessors(Object getter, Object setter) {
        @SuppressWarnings("unchecked")
        <F> F get() {
            return (F) getter;
        }

        @SuppressWarnings("unchecked")
        <F> F set() {
            return (F) setter;
        }
    }
}
