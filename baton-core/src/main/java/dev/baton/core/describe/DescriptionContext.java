package dev.baton.core.describe;

import java.util.Map;

/**
 * The {@link Context} the save and load paths hand to predicates. One instance serves a whole
 * save or load: entering a nested description sets its version and leaving restores the outer
 * one, so nothing is allocated per field.
 */
public final class DescriptionContext implements Context {
    private final Map<String, String> properties;
    private final Map<String, Integer> versions;
    private int version;

    /**
     * @param properties the release profile's pinned properties
     * @param versions   the versions to write descriptions at, by description name, for a release
     *                   that reads only older versions; descriptions not named are written at
     *                   their own version
     */
    public DescriptionContext(Map<String, String> properties, Map<String, Integer> versions) {
        this.properties = Map.copyOf(properties);
        this.versions = Map.copyOf(versions);
    }

    public DescriptionContext(Map<String, String> properties) {
        this(properties, Map.of());
    }

    /** A context with no profile properties and no pinned versions. */
    public static DescriptionContext empty() {
        return new DescriptionContext(Map.of(), Map.of());
    }

    public Map<String, Integer> versions() {
        return versions;
    }

    /**
     * The version {@code d} is written at: its pinned version, or its own.
     *
     * @throws IllegalArgumentException when the pin lies outside the description's window
     */
    public int writeVersion(StateDescription<?> d) {
        Integer pinned = versions.isEmpty() ? null : versions.get(d.name());
        if (pinned == null) {
            return d.version();
        }
        if (pinned < d.minimumVersion() || pinned > d.version()) {
            throw new IllegalArgumentException("'" + d.name() + "' cannot be written at version " + pinned
                    + ": this build writes versions " + d.minimumVersion() + " to " + d.version());
        }
        return pinned;
    }

    /**
     * The version a nested description without a version on the wire is read at: its local
     * version (the writer wrote it at that version, or at the one a profile pinned, which the
     * reader's release also calls its own).
     */
    int readVersion(StateDescription<?> d) {
        return d.version();
    }

    @Override
    public int version() {
        return version;
    }

    @Override
    public String property(String name) {
        return properties.get(name);
    }

    public Map<String, String> properties() {
        return properties;
    }

    /** Sets the current version and returns the previous one, for the caller to restore. */
    int enter(int newVersion) {
        int old = version;
        version = newVersion;
        return old;
    }

    void leave(int oldVersion) {
        version = oldVersion;
    }
}
