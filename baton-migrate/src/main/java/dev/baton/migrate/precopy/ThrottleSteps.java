package dev.baton.migrate.precopy;

/**
 * The steps of {@link OnLimit#THROTTLE}, QEMU's auto-converge defaults: {@value #INITIAL} % after
 * the first live pass that does not converge, {@value #INCREMENT} % more after each one after it,
 * at most {@value #MAX} %: 20, 30, ..., 90, 99.
 *
 * <p>A pass does not converge when its rest does not fit the downtime limit and the application
 * dirtied, while it ran, at least half as much as it sent (QEMU's test: the dirty rate is at least
 * half the rate the pass sent at). A pass that leaves less dirty than that is shrinking the dirty
 * set fast enough: throttling would slow the application for nothing.
 */
public final class ThrottleSteps {
    /** The first step, in percent. */
    public static final int INITIAL = 20;
    /** What each later step adds, in percent. */
    public static final int INCREMENT = 10;
    /** The last step, in percent: the application still makes some progress. */
    public static final int MAX = 99;

    private ThrottleSteps() {
    }

    /** The step after {@code percent} (0 when not throttled): {@link #MAX} stays {@link #MAX}. */
    public static int next(int percent) {
        return percent <= 0 ? INITIAL : Math.min(MAX, percent + INCREMENT);
    }

    /**
     * {@code percent} when it is a throttle, 0 (none) to {@link #MAX}: for an application's
     * {@code throttle} to check what it is given.
     *
     * @throws IllegalArgumentException otherwise
     */
    public static int checked(int percent) {
        if (percent < 0 || percent > MAX) {
            throw new IllegalArgumentException("a throttle is 0 to " + MAX + " %, not " + percent);
        }
        return percent;
    }

    /**
     * Whether a live pass failed to converge: its rest did not fit ({@code fits} false) and the
     * application dirtied at least half of what the pass sent ({@code dirtied} against {@code sent},
     * in octets, nodes, or whatever the pass counts).
     */
    public static boolean stalled(boolean fits, long dirtied, long sent) {
        return !fits && 2 * dirtied >= sent;
    }
}
