package dev.baton.store.server;

/**
 * The store's releases. A server runs as one of them: release 1.0 refuses what 2.0 added (watch
 * depth) so that clients see what a 1.0 store offered, and a live update to a 1.0 process writes
 * its stream with the 1.0 release profile.
 */
public enum Release {
    /** The first release: no watch depth; node generations are not carried by its streams. */
    R1_0("1.0"),
    /** The current release: watches with a depth limit; streams carry node generations. */
    R2_0("2.0");

    private final String label;

    Release(String label) {
        this.label = label;
    }

    /** "1.0" or "2.0": the name of its release profile. */
    public String label() {
        return label;
    }

    /** Whether WATCH takes a depth. */
    public boolean watchDepth() {
        return this != R1_0;
    }

    /** The newest release: what this build is. */
    public static Release current() {
        return R2_0;
    }

    /**
     * The release of that label.
     *
     * @throws IllegalArgumentException naming the known releases
     */
    public static Release of(String label) {
        for (Release r : values()) {
            if (r.label.equals(label)) {
                return r;
            }
        }
        throw new IllegalArgumentException("unknown release '" + label + "': this build knows 1.0 and 2.0");
    }

    @Override
    public String toString() {
        return label;
    }
}
