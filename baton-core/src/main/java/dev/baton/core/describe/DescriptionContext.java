package dev.baton.core.describe;

/**
 * The {@link Context} the save and load paths hand to predicates: the {@link Pins} of the release
 * profile, and the version of the description being saved or loaded. One instance serves one
 * walk, a whole save or load on one thread: entering a nested description sets its version and
 * leaving restores the outer one, so nothing is allocated per field. That version is a cursor of
 * the walk, so two walks, on two threads say, each need their own context (a {@code StateSaver}
 * makes one per save); the pins are immutable and shared.
 */
public final class DescriptionContext implements Context {
    private final Pins pins;
    private int version;

    /** A context for one walk under {@code pins}. */
    public DescriptionContext(Pins pins) {
        this.pins = pins;
    }

    /** A context with no profile properties and no pinned versions. */
    public static DescriptionContext empty() {
        return new DescriptionContext(Pins.NONE);
    }

    /** The profile's pins this context answers from. */
    public Pins pins() {
        return pins;
    }

    /**
     * The version {@code d} is written at: its pinned version, or its own.
     *
     * @throws IllegalArgumentException when the pin lies outside the description's window
     */
    public int writeVersion(StateDescription<?> d) {
        return pins.writeVersion(d);
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
        return pins.properties().get(name);
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
