package dev.baton.migrate.precopy;

import java.time.Duration;

/**
 * When pre-copy stops iterating and how fast it may send.
 *
 * @param downtimeLimit   switch over when the rest is estimated to take less than this (default 300 ms)
 * @param maxIterations   switch over after this many live passes whatever the estimate (default 30);
 *                        the first pass, which sends everything, counts
 * @param bandwidthLimit  octets per second the live passes may send, 0 for no limit; the final pass,
 *                        during the downtime, is never limited
 */
public record PrecopyPolicy(Duration downtimeLimit, int maxIterations, long bandwidthLimit) {

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
    }

    public static PrecopyPolicy defaults() {
        return new PrecopyPolicy(Duration.ofMillis(300), 30, 0);
    }

    public PrecopyPolicy withDowntimeLimit(Duration limit) {
        return new PrecopyPolicy(limit, maxIterations, bandwidthLimit);
    }

    public PrecopyPolicy withMaxIterations(int n) {
        return new PrecopyPolicy(downtimeLimit, n, bandwidthLimit);
    }

    public PrecopyPolicy withBandwidthLimit(long octetsPerSecond) {
        return new PrecopyPolicy(downtimeLimit, maxIterations, octetsPerSecond);
    }
}
