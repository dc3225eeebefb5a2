package dev.baton.migrate;

/**
 * The time a source session measures and paces itself by: how long each pre-copy pass took (so
 * the throughput, and with it the switchover decision and the downtime estimate), the waits that
 * keep live passes to the bandwidth limit, and the downtime and duration in
 * {@link dev.baton.migrate.session.MigrationStats}.
 *
 * <p>{@link #system()}, the default, is the JVM's monotonic clock. A test gives
 * {@link dev.baton.migrate.session.SourceSession.Builder#clock} a clock of its own whose time moves
 * only when the session waits, and changes its application's state as that time passes: then
 * what pre-copy decides follows from the sizes and rates alone, the same on any machine under
 * any load. Timeouts (waits for the target's answers, stalled connections) are not measured by
 * this clock: they guard against a real peer in real time.
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
