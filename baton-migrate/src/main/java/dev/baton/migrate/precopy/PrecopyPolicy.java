package dev.baton.migrate.precopy;

import java.time.Duration;
import java.util.Objects;

/**
 * When pre-copy stops iterating, how fast it may send, and what it does when it does not converge.
 *
 * @param downtimeLimit   switch over when the rest is estimated to take less than this (default 300 ms)
 * @param maxIterations   stop after this many live passes whatever the estimate (default 30); the
 *                        first pass, which sends everything, counts
 * @param bandwidthLimit  octets per second the live passes may send, 0 for no limit; the final pass,
 *                        during the downtime, is never limited
 * @param onLimit         what to do at {@code maxIterations} without converging (default
 *                        {@link OnLimit#SWITCHOVER}); {@link OnLimit#THROTTLE} also slows the
 *                        application down on the way there
 */
public record PrecopyPolicy(Duration downtimeLimit, int maxIterations, long bandwidthLimit, OnLimit onLimit) {

    public PrecopyPolicy {
        if (downtimeLimit.isNegative()) {
            throw new IllegalArgumentException("negative downtime limit");
        }
        if (maxIterations < 1) {
            throw new IllegalArgumentException("at least one iteration: " + maxIterations);
        }
        if (bandwidthLimit < 0) {
            throw new IllegalArgumentException("negative bandwidth limit");
        }
        Objects.requireNonNull(onLimit, "onLimit");
    }

    /** A policy that switches over at the iteration limit, as before there was a choice. */
    public PrecopyPolicy(Duration downtimeLimit, int maxIterations, long bandwidthLimit) {
        this(downtimeLimit, maxIterations, bandwidthLimit, OnLimit.SWITCHOVER);
    }

    public static PrecopyPolicy defaults() {
        return new PrecopyPolicy(Duration.ofMillis(300), 30, 0);
    }

    public PrecopyPolicy withDowntimeLimit(Duration limit) {
        return new PrecopyPolicy(limit, maxIterations, bandwidthLimit, onLimit);
    }

    public PrecopyPolicy withMaxIterations(int n) {
        return new PrecopyPolicy(downtimeLimit, n, bandwidthLimit, onLimit);
    }

    public PrecopyPolicy withBandwidthLimit(long octetsPerSecond) {
        return new PrecopyPolicy(downtimeLimit, maxIterations, octetsPerSecond, onLimit);
    }

    public PrecopyPolicy withOnLimit(OnLimit action) {
        return new PrecopyPolicy(downtimeLimit, maxIterations, bandwidthLimit, action);
    }
}
