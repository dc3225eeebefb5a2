package dev.baton.migrate.precopy;

/**
 * What pre-copy does when its live passes reach {@link PrecopyPolicy#maxIterations()} without the
 * rest fitting in {@link PrecopyPolicy#downtimeLimit()} (docs/MIGRATION.md, "When pre-copy does
 * not converge"). QEMU's users choose between waiting (auto-converge) and failing; these are the
 * same choices, with today's behaviour the default.
 */
public enum OnLimit {
    /**
     * Switch over anyway (the default): before the pause, the switchover event says the downtime
     * it expects against the limit, which it will exceed.
     */
    SWITCHOVER,
    /**
     * Give up before pausing: the application keeps running with its state intact, the target
     * discards what it loaded, and the failure says why (passes, dirty rate against send rate,
     * expected downtime against the limit).
     */
    ABORT,
    /**
     * Slow the application down ({@link dev.baton.migrate.MigratableApplication#throttle(int)}),
     * one {@link ThrottleSteps step} more after each live pass that does not converge, until a pass
     * does; at the iteration limit without converging, do as {@link #ABORT}: the downtime stays a
     * bound. The throttle is released (0) when the application pauses or the migration fails.
     */
    THROTTLE
}
