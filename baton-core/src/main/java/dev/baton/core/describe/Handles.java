package dev.baton.core.describe;

import java.lang.invoke.MethodHandle;
import java.util.function.BiConsumer;
import java.util.function.BiPredicate;
import java.util.function.Function;
import java.util.function.ObjDoubleConsumer;
import java.util.function.ObjIntConsumer;
import java.util.function.ObjLongConsumer;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.function.ToDoubleFunction;
import java.util.function.ToIntFunction;
import java.util.function.ToLongFunction;

/**
 * Method handles (of a class's fields, methods and constructor, a record's accessors, found
 * through the caller's lookup) behind the functional interfaces the builder takes: derived
 * descriptions' {@code when} and {@code needed} methods and validations, and their fields'
 * accessors where {@link FieldAccessors} cannot define classes. Each is a record, so the JIT
 * trusts its handle as a constant where the record is one (under a description's compiled steps)
 * and inlines the handle's target. The handle's type is already the interface's, erased to
 * {@code Object}, so {@code invokeExact} links straight to it. What a handle inlines is some two
 * hundred octets of lambda forms, against a lambda's few: enough, over a hundred fields, to
 * outgrow the JIT's inlining budget, which is why fields get classes of their own.
 */
final class Handles {
    private Handles() {
    }

    /** What a target threw, unchanged when unchecked. */
    static RuntimeException rethrow(Throwable t) {
        if (t instanceof RuntimeException r) {
            throw r;
        }
        if (t instanceof Error e) {
            throw e;
        }
        return new IllegalStateException(t);
    }

    /** {@code (Object)boolean}. */
    record BoolGetter(MethodHandle mh) implements Predicate<Object> {
        @Override
        public boolean test(Object o) {
            try {
                return (boolean) mh.invokeExact(o);
            } catch (Throwable t) {
                throw rethrow(t);
            }
        }
    }

    /** {@code (Object,boolean)void}. */
    record BoolSetter(MethodHandle mh) implements ObjBoolConsumer<Object> {
        @Override
        public void accept(Object o, boolean v) {
            try {
                mh.invokeExact(o, v);
            } catch (Throwable t) {
                throw rethrow(t);
            }
        }
    }

    /** {@code (Object)int}. */
    record IntGetter(MethodHandle mh) implements ToIntFunction<Object> {
        @Override
        public int applyAsInt(Object o) {
            try {
                return (int) mh.invokeExact(o);
            } catch (Throwable t) {
                throw rethrow(t);
            }
        }
    }

    /** {@code (Object,int)void}. */
    record IntSetter(MethodHandle mh) implements ObjIntConsumer<Object> {
        @Override
        public void accept(Object o, int v) {
            try {
                mh.invokeExact(o, v);
            } catch (Throwable t) {
                throw rethrow(t);
            }
        }
    }

    /** {@code (Object)long}. */
    record LongGetter(MethodHandle mh) implements ToLongFunction<Object> {
        @Override
        public long applyAsLong(Object o) {
            try {
                return (long) mh.invokeExact(o);
            } catch (Throwable t) {
                throw rethrow(t);
            }
        }
    }

    /** {@code (Object,long)void}. */
    record LongSetter(MethodHandle mh) implements ObjLongConsumer<Object> {
        @Override
        public void accept(Object o, long v) {
            try {
                mh.invokeExact(o, v);
            } catch (Throwable t) {
                throw rethrow(t);
            }
        }
    }

    /** {@code (Object)double}. */
    record DoubleGetter(MethodHandle mh) implements ToDoubleFunction<Object> {
        @Override
        public double applyAsDouble(Object o) {
            try {
                return (double) mh.invokeExact(o);
            } catch (Throwable t) {
                throw rethrow(t);
            }
        }
    }

    /** {@code (Object,double)void}. */
    record DoubleSetter(MethodHandle mh) implements ObjDoubleConsumer<Object> {
        @Override
        public void accept(Object o, double v) {
            try {
                mh.invokeExact(o, v);
            } catch (Throwable t) {
                throw rethrow(t);
            }
        }
    }

    /** {@code (Object)Object}: a reference getter, or a validation's {@code String} method. */
    record Getter(MethodHandle mh) implements Function<Object, Object> {
        @Override
        public Object apply(Object o) {
            try {
                return (Object) mh.invokeExact(o);
            } catch (Throwable t) {
                throw rethrow(t);
            }
        }
    }

    /** {@code (Object,Object)void}. */
    record Setter(MethodHandle mh) implements BiConsumer<Object, Object> {
        @Override
        public void accept(Object o, Object v) {
            try {
                mh.invokeExact(o, v);
            } catch (Throwable t) {
                throw rethrow(t);
            }
        }
    }

    /** {@code ()Object}: a class's constructor without parameters. */
    record Factory(MethodHandle mh) implements Supplier<Object> {
        @Override
        public Object get() {
            try {
                return (Object) mh.invokeExact();
            } catch (Throwable t) {
                throw rethrow(t);
            }
        }
    }

    /** {@code (Object,Context)boolean}: a {@code when} or {@code needed} method, or a boolean field. */
    record Condition(MethodHandle mh) implements BiPredicate<Object, Context> {
        @Override
        public boolean test(Object o, Context ctx) {
            try {
                return (boolean) mh.invokeExact(o, ctx);
            } catch (Throwable t) {
                throw rethrow(t);
            }
        }
    }
}
