package dev.baton.migrate.session;

/**
 * What a session reports as it goes, to a {@link MigrationListener}. Source and target report
 * the events that apply to them.
 */
public sealed interface MigrationEvent {

    /**
     * What the two ends agreed on, or, without a return path, what the source chose alone.
     *
     * @param transport  the transport's description
     * @param returnPath whether there was a handshake
     * @param protocol   the migration protocol version (stage table)
     * @param stream     the stream format version
     * @param profile    the release profile, empty for none
     * @param note       why these were chosen, in words
     */
    record Handshake(String transport, boolean returnPath, int protocol, int stream, String profile, String note)
            implements MigrationEvent {
    }

    /** A stage of the stage table begins. */
    record StageStarted(int index, String name) implements MigrationEvent {
    }

    /** The target accepted the static data (source), or accepted it and told the source (target). */
    record StaticDataAccepted() implements MigrationEvent {
    }

    /**
     * A pre-copy pass ended.
     *
     * @param index          0 for the first pass, which sends everything
     * @param octets         octets of the stream the pass wrote
     * @param pages          pages it sent
     * @param objects        objects (and removals) it sent
     * @param nanos          how long it took
     * @param dirtyOctets    octets dirty when it ended: what the next pass would send
     * @param dirtyRate      octets per second the application dirtied during the pass
     * @param throughput     octets per second sent, over all passes so far
     * @param estimateMillis how long sending the dirty octets would take at that throughput
     * @param paused         true for the last pass, made while the application was paused
     */
    record Iteration(int index, long octets, long pages, long objects, long nanos, long dirtyOctets, double dirtyRate,
            double throughput, long estimateMillis, boolean paused) implements MigrationEvent {
    }

    /** Why pre-copy stopped iterating. */
    enum Reason {
        /** The rest fits in the downtime limit. */
        CONVERGED,
        /** The iteration limit was hit first: the downtime will be longer than the limit. */
        ITERATION_LIMIT
    }

    /**
     * Pre-copy stops iterating: the source pauses and sends the rest. It comes before the pause,
     * so it says beforehand the downtime the source expects against the limit.
     *
     * @param reason         why now
     * @param iterations     the live passes made
     * @param dirtyOctets    what is left to send while paused
     * @param estimateMillis how long that is expected to take: the downtime expected
     * @param limitMillis    the downtime limit ({@link dev.baton.migrate.precopy.PrecopyPolicy#downtimeLimit()})
     */
    record Switchover(Reason reason, int iterations, long dirtyOctets, long estimateMillis, long limitMillis)
            implements MigrationEvent {
    }

    /**
     * The source set the application's throttle ({@link dev.baton.migrate.MigratableApplication#throttle(int)}):
     * a step higher after live pass {@code afterPass} did not converge, or 0 (released) when the
     * application paused or the migration failed.
     *
     * @param afterPass the index of the pass it followed; for a release, of the last live pass
     * @param percent   the throttle now, 0 to {@link dev.baton.migrate.precopy.ThrottleSteps#MAX}
     */
    record Throttled(int afterPass, int percent) implements MigrationEvent {
    }

    /**
     * The rest of pre-copy fits the downtime limit, but the target has not loaded what was sent:
     * the source waits for it (its LOADED answer, docs/MIGRATION.md "Load marks") instead of
     * pausing, then makes another pass. Only with a target that answers LOAD_MARK.
     *
     * @param afterPass      the live pass it followed
     * @param backlogOctets  octets written that the target had not loaded
     * @param loadRate       octets a second the target loads, as measured so far; 0 before it was
     * @param expectedMillis the downtime expected had the source paused: the rest, and the backlog
     *                       at that rate (at 1 MB a second while the rate is unknown)
     * @param limitMillis    the downtime limit
     */
    record TargetBehind(int afterPass, long backlogOctets, double loadRate, long expectedMillis, long limitMillis)
            implements MigrationEvent {
    }

    /** The source paused the application. */
    record Paused() implements MigrationEvent {
    }

    /**
     * The target read a section through a quirk of a past producer ({@link TargetSession.Builder#quirks}):
     * the section was declared at one version and read at the version the quirk names.
     *
     * @param applied the section and the quirk, as {@code StateLoader.Report#quirks} says them:
     *                {@code "sample.counters/0: quirk: baton-sample 2.0.1..2.0.1 wrote ..."}
     */
    record QuirkApplied(String applied) implements MigrationEvent {
    }

    /** The target loaded the whole stream and acknowledged it (target), or received that acknowledgement (source). */
    record Loaded(long records, long octets) implements MigrationEvent {
    }

    /** The target received GO and hands the state to the application. */
    record Activated() implements MigrationEvent {
    }

    /** Done: the source committed and the target runs. */
    record Completed(MigrationStats stats) implements MigrationEvent {
    }

    /**
     * The target refused a connection that came as one of the migration's extra channels
     * (docs/MIGRATION.md, "Channels"): a wrong token, a channel joined twice, not a JOIN. The
     * migration goes on waiting for its own.
     *
     * @param reason one line: who and why
     */
    record ChannelRefused(String reason) implements MigrationEvent {
    }

    /**
     * The migration failed.
     *
     * @param reason  one line
     * @param outcome what the end that reports it did: "the source resumed with its state intact",
     *                "the target discarded what it loaded"
     */
    record Failed(String reason, String outcome) implements MigrationEvent {
    }
}
