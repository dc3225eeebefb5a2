package dev.baton.migrate;

/**
 * The time a session measures, paces and times out by: on the source, how long each pre-copy
 * pass took (so the throughput, and with it the switchover decision and the downtime estimate),
 * the waits that keep live passes to the bandwidth limit, the downtime and duration in
 * {@link dev.baton.migrate.session.MigrationStats}, and how long it waits for each of the target's
 * answers; on both ends, the transport's timeout ({@link dev.baton.migrate.transport.Transport#clock}).
 *
 * <p>{@link #system()}, the default, is the JVM's monotonic clock. A test gives
 * {@link dev.baton.migrate.session.SourceSession.Builder#clock} and
 * {@link dev.baton.migrate.session.TargetSession.Builder#clock} a clock of its own whose time moves
 * only when the session waits or the test says: then what pre-copy decides follows from the sizes
 * and rates alone, and nothing times out before the test lets it, the same on any machine under
 * any load.
 */
public interface MigrationClock {

    /**
     * Nanoseconds since an arbitrary origin, never decreasing, as {@link System#nanoTime()}: only
     * differences mean anything.
     */
    long nanoTime();

    /**
     * Waits about {@code nanos} nanoseconds (nothing when it is 0 or less). It may return early;
     * callers that must not run ahead read {@link #nanoTime()} again.
     */
    void sleep(long nanos);

    /** The JVM's monotonic clock ({@link System#nanoTime()}); waits park the thread. */
    static MigrationClock system() {
        return SystemClock.INSTANCE;
    }
}
