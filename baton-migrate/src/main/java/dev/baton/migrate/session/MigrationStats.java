package dev.baton.migrate.session;

import java.util.List;

/**
 * What a completed migration measured, on the source.
 *
 * @param iterations       the pre-copy passes
 * @param octets           octets of the stream written, preamble to END (with several channels: of
 *                         every channel's stream)
 * @param nanos            from the start of the session to the commit
 * @param downtimeNanos    from the pause of the application to the target's acknowledgement (or,
 *                         without a return path, to the stream being written); 0 when never paused
 * @param targetConfirmed  whether the target confirmed it runs (DONE); false without a return path
 * @param protocol         the migration protocol version used
 * @param stream           the stream format version used
 * @param profile          the release profile written for
 * @param sentNanos        the first part of the downtime: from the pause to the end of the stream
 *                         written (the last pass, the dynamic sections, END); the rest of
 *                         {@code downtimeNanos} is the target loading what it had not yet and
 *                         its post-load, until its ACK arrived. 0 when never paused
 */
public record MigrationStats(List<MigrationEvent.Iteration> iterations, long octets, long nanos, long downtimeNanos,
        boolean targetConfirmed, int protocol, int stream, String profile, long sentNanos) {

    public MigrationStats {
        iterations = List.copyOf(iterations);
    }

    /** Octets per second over the whole session. */
    public double throughput() {
        return nanos == 0 ? 0 : octets * 1e9 / nanos;
    }

    public double downtimeMillis() {
        return downtimeNanos / 1e6;
    }
}
