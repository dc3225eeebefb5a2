package dev.baton.migrate.precopy;

import java.time.Duration;

/**
 * Decides when to switch over: when the octets still dirty, sent at the throughput measured so
 * far, would take less than the downtime limit. The throughput is that of every live pass
 * together (octets over time), so a short pass's fixed costs weigh no more than its octets.
 */
public final class ConvergenceEstimator {
    private final long limitNanos;
    private long octets;
    private long nanos;

    public ConvergenceEstimator(Duration downtimeLimit) {
        this.limitNanos = downtimeLimit.toNanos();
    }

    /** Records a pass: its octets and how long it took. */
    public void passSent(long passOctets, long passNanos) {
        octets += passOctets;
        nanos += Math.max(1, passNanos);
    }

    /** Octets per second measured so far; 0 before the first pass. */
    public double throughput() {
        return nanos == 0 ? 0 : octets * 1e9 / nanos;
    }

    /** How long sending {@code dirtyOctets} would take at the measured throughput, in nanoseconds. */
    public long estimateNanos(long dirtyOctets) {
        if (dirtyOctets == 0) {
            return 0;
        }
        double t = throughput();
        return t == 0 ? Long.MAX_VALUE : (long) Math.min(Long.MAX_VALUE, dirtyOctets * 1e9 / t);
    }

    /** Whether the rest fits in the downtime limit. */
    public boolean converged(long dirtyOctets) {
        return estimateNanos(dirtyOctets) <= limitNanos;
    }
}
