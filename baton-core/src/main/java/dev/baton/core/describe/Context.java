package dev.baton.core.describe;

/**
 * What a {@code when} or {@code needed} predicate may read besides the object: the version of
 * the description being saved or loaded, and the properties the release profile pins.
 */
public interface Context {

    /** Version of the description being saved (its local version) or loaded (the stream's). */
    int version();

    /** A property pinned by the release profile the stream is written for, or {@code null}. */
    String property(String name);

    /**
     * Whether a feature property is on: true unless the profile pins it to {@code off} or
     * {@code false}. New state is gated this way, so that writing for an older release's
     * profile leaves out what that release cannot read.
     */
    default boolean enabled(String name) {
        String v = property(name);
        return v == null || !(v.equals("off") || v.equals("false"));
    }
}
