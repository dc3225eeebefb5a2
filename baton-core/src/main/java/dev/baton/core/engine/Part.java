package dev.baton.core.engine;

/** Where a section goes in the stream: before STATIC_DATA_END (configuration) or after it (state). */
public enum Part {
    /** Does not change while running; sent first, so the target can refuse before any state. */
    STATIC,
    /** The running state. */
    DYNAMIC
}
