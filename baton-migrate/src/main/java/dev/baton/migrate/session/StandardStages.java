package dev.baton.migrate.session;

import dev.baton.core.engine.Part;
import dev.baton.core.wire.Plural;
import dev.baton.core.wire.StreamRecord;
import dev.baton.migrate.RecordTypes;
import dev.baton.migrate.precopy.Region;
import dev.baton.migrate.precopy.ThrottleSteps;
import java.io.IOException;
import java.util.List;
import java.util.Locale;

/**
 * Baton's stage table, protocol version 1:
 *
 * <pre>
 *   #  name               part     source                                 target
 *   0  static-sections    static   the static SECTIONs                    (loaded by the engine)
 *      ---- STATIC_DATA_END; the target accepts or refuses ----
 *   1  precopy            dynamic  live passes over the regions until     loads PAGES, OBJECT,
 *                                  they converge or hit the limit         OBJECT_REMOVED
 *   2  stop-and-copy      dynamic  pauses the application; the last pass  loads them too
 *   3  dynamic-sections   dynamic  the dynamic SECTIONs                   (loaded by the engine)
 *      ---- END; post-load; ACK; GO ----
 * </pre>
 */
final class StandardStages {
    static final String STATIC_SECTIONS = "static-sections";
    static final String PRECOPY = "precopy";
    static final String STOP_AND_COPY = "stop-and-copy";
    static final String DYNAMIC_SECTIONS = "dynamic-sections";

    private StandardStages() {
    }

    static StageTable table() {
        return new StageTable(List.of(
                Stage.of(STATIC_SECTIONS, Part.STATIC, ctx -> ctx.save().sections(Part.STATIC), TargetStep.none()),
                Stage.of(PRECOPY, Part.DYNAMIC, StandardStages::precopy, REGION_RECORDS),
                Stage.of(STOP_AND_COPY, Part.DYNAMIC, StandardStages::stopAndCopy, REGION_RECORDS),
                Stage.of(DYNAMIC_SECTIONS, Part.DYNAMIC, ctx -> ctx.save().sections(Part.DYNAMIC), TargetStep.none())));
    }

    /** The target's side of both pre-copy stages: region records into the receiver. */
    private static final TargetStep REGION_RECORDS = (ctx, record) -> {
        switch (record.type()) {
            case RecordTypes.PAGES, RecordTypes.OBJECT, RecordTypes.OBJECT_REMOVED -> ctx.receiver().load(record);
            case RecordTypes.ITERATION_END -> {
                iterationEnd(record);
                ctx.iterationEnded();
            }
            default -> throw record.error(record.typeName() + " in stage '" + ctx.stage() + "'", 0);
        }
    };

    private static void iterationEnd(StreamRecord record) throws IOException {
        if (record.length() != 16) {
            throw record.error("ITERATION_END body is " + Plural.count(record.length(), "octet") + ", not 16", 0);
        }
    }

    /**
     * Live passes while the application runs, until the rest fits the downtime limit or the
     * iteration limit is reached; then what the policy's {@link dev.baton.migrate.precopy.OnLimit}
     * says. A pass that does not converge steps the throttle up under THROTTLE.
     */
    private static void precopy(SourceContext ctx) throws IOException {
        List<Region> regions = ctx.regions();
        if (regions.isEmpty()) {
            return;
        }
        for (Region r : regions) {
            r.markAllDirty();
        }
        int limit = ctx.policy().maxIterations();
        long limitMillis = ctx.policy().downtimeLimit().toMillis();
        for (int i = 0;; i++) {
            MigrationEvent.Iteration it = pass(ctx, i, ctx.policy().bandwidthLimit(), false);
            long send = ctx.estimator().estimateNanos(it.dirtyOctets());
            boolean fits = ctx.estimator().converged(it.dirtyOctets());
            if (fits && ctx.waitForTarget(i, send) && i + 1 < limit) {
                continue; // another pass: what the application dirtied while the target caught up
            }
            long expected = ctx.expectedDowntimeNanos(send);
            if (fits) {
                ctx.listener().event(new MigrationEvent.Switchover(MigrationEvent.Reason.CONVERGED, i + 1,
                        it.dirtyOctets(), millis(expected), limitMillis));
                return;
            }
            if (i + 1 >= limit) {
                ctx.limitReached(String.format(Locale.ROOT, "pre-copy did not converge in %s: the application dirtied"
                        + " %.1f MB/s while %.1f MB/s were sent, so the %.1f MB left would take about %d ms, over the"
                        + " downtime limit of %d ms", Plural.count(i + 1, "pass"), it.dirtyRate() / 1e6,
                        ctx.estimator().throughput() / 1e6, it.dirtyOctets() / 1e6, it.estimateMillis(), limitMillis));
                ctx.listener().event(new MigrationEvent.Switchover(MigrationEvent.Reason.ITERATION_LIMIT, i + 1,
                        it.dirtyOctets(), millis(expected), limitMillis));
                return;
            }
            if (ThrottleSteps.stalled(fits, (long) (it.dirtyRate() * it.nanos() / 1e9), it.octets())) {
                ctx.stalled(i);
            }
        }
    }

    /** Nanoseconds in whole milliseconds, {@link Long#MAX_VALUE} staying itself (unknown, unbounded). */
    private static long millis(long nanos) {
        return nanos == Long.MAX_VALUE ? Long.MAX_VALUE : nanos / 1_000_000;
    }

    /** Pauses the application (not in a rehearsal) and sends what is left, at full speed. */
    private static void stopAndCopy(SourceContext ctx) throws IOException {
        ctx.pause();
        if (!ctx.regions().isEmpty()) {
            pass(ctx, ctx.iterations().size(), 0, ctx.paused());
        }
    }

    private static MigrationEvent.Iteration pass(SourceContext ctx, int index, long bandwidthLimit, boolean paused)
            throws IOException {
        List<Region> regions = ctx.regions();
        long[] newlyBefore = new long[regions.size()];
        for (int i = 0; i < newlyBefore.length; i++) {
            newlyBefore[i] = regions.get(i).newlyDirtied();
        }
        long start = ctx.clock().nanoTime();
        if (!paused) {
            ctx.passBegins();
        }
        long octets = ctx.sender().pass(bandwidthLimit);
        ctx.writer().begin(RecordTypes.ITERATION_END).putInt(index).putInt(paused ? 1 : 0).putLong(octets).end();
        if (!paused) {
            ctx.passEnds();
        }
        ctx.writer().flush();
        long nanos = Math.max(1, ctx.clock().nanoTime() - start);
        if (!paused) {
            ctx.estimator().passSent(octets, nanos);
        }
        long dirty = 0;
        for (Region r : regions) {
            dirty += r.dirtyBytes();
        }
        long dirtied = 0;
        for (int i = 0; i < newlyBefore.length; i++) {
            dirtied += (regions.get(i).newlyDirtied() - newlyBefore[i]) * regions.get(i).unitBytes();
        }
        double rate = dirtied * 1e9 / nanos;
        long estimate = ctx.estimator().estimateNanos(dirty);
        ctx.estimatedTotal(ctx.writer().offset() + dirty);
        MigrationEvent.Iteration it = new MigrationEvent.Iteration(index, octets, ctx.sender().pages(),
                ctx.sender().objects(), nanos, dirty, rate, ctx.estimator().throughput(),
                estimate == Long.MAX_VALUE ? Long.MAX_VALUE : estimate / 1_000_000, paused);
        ctx.iteration(it);
        return it;
    }
}
