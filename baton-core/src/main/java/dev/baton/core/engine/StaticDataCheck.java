package dev.baton.core.engine;

/** A target's decision at STATIC_DATA_END: return to go on, throw {@link StreamRefusedException} to refuse. */
@FunctionalInterface
public interface StaticDataCheck {
    void check(StaticData data) throws StreamRefusedException;

    /** Accepts every stream. */
    static StaticDataCheck acceptAll() {
        return data -> {
        };
    }
}
