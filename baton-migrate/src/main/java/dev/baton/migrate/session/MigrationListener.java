package dev.baton.migrate.session;

/** Hears a session's events and its progress. Called on the session's thread: return quickly. */
public interface MigrationListener {

    void event(MigrationEvent e);

    /**
     * Octets of the stream so far, and an estimate of the total (which grows as pre-copy passes
     * find more dirty state). Called often: after every record that carries region data.
     */
    default void progress(long octets, long estimatedTotal) {
    }

    /** Hears nothing. */
    static MigrationListener none() {
        return e -> {
        };
    }
}
