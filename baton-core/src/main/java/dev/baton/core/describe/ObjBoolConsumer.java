package dev.baton.core.describe;

/** Sets a boolean on an object without boxing: the bool counterpart of {@link java.util.function.ObjIntConsumer}. */
@FunctionalInterface
public interface ObjBoolConsumer<T> {
    void accept(T obj, boolean value);
}
