package dev.baton.migrate.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.baton.migrate.ManualClock;
import dev.baton.migrate.StateDigest;
import dev.baton.migrate.precopy.PrecopyPolicy;
import dev.baton.migrate.sample.SampleApplication;
import java.time.Duration;
import java.util.List;
import java.util.function.LongConsumer;
import org.junit.jupiter.api.Test;

/**
 * Pre-copy under a steady dirty rate converges and switches over with a small rest; under a rate
 * the link cannot keep up with, it stops at the iteration limit. The bandwidth limit makes the
 * link 32 MB/s.
 *
 * <p>The session runs on a {@link ManualClock}: its time moves only when a live pass waits for
 * the bandwidth limit, and the source's writes follow that time at a steady rate. So each pass
 * takes exactly its octets at 32 MB/s, the application dirties exactly what that rate makes in
 * that time, and every decision below follows from those inputs alone, on any machine under any
 * load. (Concurrent writes from the sample's own thread are {@link TcpMigrationTest}'s subject.)
 */
class PrecopyConvergenceTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final int REGION = 4 << 20;
    private static final long LINK = 32_000_000;

    /** The source's writes, {@code writesPerSecond} in the clock's time: those due by each instant it reaches. */
    private static LongConsumer steadily(SampleApplication source, long writesPerSecond) {
        long[] done = {0};
        return now -> {
            long due = (long) (now / 1e9 * writesPerSecond);
            source.write(due - done[0]);
            done[0] = due;
        };
    }

    private static Recorder migrate(long writesPerSecond, PrecopyPolicy policy) throws Exception {
        SampleApplication source = new SampleApplication(REGION, 100, 0).fill(5).start();
        ManualClock clock = new ManualClock(steadily(source, writesPerSecond));
        Recorder events = new Recorder();
        try (Loopback loop = Loopback.tcp(TargetSession.builder(() -> new SampleApplication(REGION, 100, 0)).build(),
                TIMEOUT)) {
            SourceSession.builder(source).precopy(policy).listener(events).timeout(TIMEOUT).clock(clock).build()
                    .migrate(loop.connect(TIMEOUT));
            SampleApplication migrated = (SampleApplication) loop.outcome();
            assertThat(StateDigest.of(migrated)).isEqualTo(StateDigest.of(source));
        }
        assertThat(source.ticks()).as("writes made as the clock moved").isPositive();
        return events;
    }

    private static List<MigrationEvent.Iteration> live(Recorder events) {
        return events.all(MigrationEvent.Iteration.class).stream().filter(i -> !i.paused()).toList();
    }

    @Test
    void aSteadyDirtyRateConverges() throws Exception {
        long writesPerSecond = 2000;
        Duration limit = Duration.ofMillis(5);
        Recorder events = migrate(writesPerSecond, PrecopyPolicy.defaults().withDowntimeLimit(limit)
                .withBandwidthLimit(LINK));
        MigrationEvent.Switchover s = events.one(MigrationEvent.Switchover.class);
        assertThat(s.reason()).isEqualTo(MigrationEvent.Reason.CONVERGED);
        assertThat(s.iterations()).isBetween(2, 10);
        assertThat(s.estimateMillis()).isLessThanOrEqualTo(5);
        List<MigrationEvent.Iteration> its = events.all(MigrationEvent.Iteration.class);
        List<MigrationEvent.Iteration> live = live(events);
        assertThat(live).hasSize(s.iterations());
        MigrationEvent.Iteration first = its.getFirst();
        assertThat(first.octets()).isGreaterThan(REGION);
        assertThat(first.pages()).isEqualTo(REGION / 4096);
        // every live pass is held to the limit: it takes its octets at 32 MB/s, no more, no less
        for (MigrationEvent.Iteration i : live) {
            assertThat(i.nanos()).as("pass %d", i.index()).isCloseTo((long) (i.octets() * 1e9 / LINK), within(2L));
        }
        assertThat(first.throughput()).isCloseTo(LINK, within(LINK * 1e-6));
        // the application dirtied pages at its rate: at most a 4 KiB page a write (and a small session every 16th)
        for (MigrationEvent.Iteration i : live) {
            assertThat(i.dirtyRate()).as("pass %d", i.index()).isPositive()
                    .isLessThanOrEqualTo(writesPerSecond * 4096 * 1.01);
        }
        // every live pass sends less than the one before: the dirty set shrinks to what the rate refills
        for (int i = 1; i < live.size(); i++) {
            assertThat(live.get(i).octets()).isLessThan(live.get(i - 1).octets());
        }
        // it switched over at the first pass whose rest, at the throughput measured, fits the limit
        double fits = LINK * limit.toNanos() / 1e9;
        for (MigrationEvent.Iteration i : live.subList(0, live.size() - 1)) {
            assertThat((double) i.dirtyOctets()).as("pass %d went on", i.index()).isGreaterThan(fits);
        }
        assertThat((double) live.getLast().dirtyOctets()).isLessThanOrEqualTo(fits);
        assertThat(s.dirtyOctets()).isEqualTo(live.getLast().dirtyOctets());
        // the last pass, paused, sends that rest (nothing changed since) at full speed: no wait
        MigrationEvent.Iteration last = its.getLast();
        assertThat(last.paused()).isTrue();
        assertThat(last.octets()).isLessThan(REGION / 16);
        assertThat(last.pages() * 4096).isLessThanOrEqualTo(s.dirtyOctets());
        MigrationStats stats = events.one(MigrationEvent.Completed.class).stats();
        assertThat(stats.downtimeNanos()).as("the paused pass is not held to the bandwidth limit").isZero();
        assertThat(stats.nanos()).isEqualTo(live.stream().mapToLong(MigrationEvent.Iteration::nanos).sum());
    }

    @Test
    void aTooHighDirtyRateStopsAtTheIterationLimit() throws Exception {
        Recorder events = migrate(400_000, PrecopyPolicy.defaults().withDowntimeLimit(Duration.ofMillis(20))
                .withMaxIterations(5).withBandwidthLimit(LINK));
        MigrationEvent.Switchover s = events.one(MigrationEvent.Switchover.class);
        assertThat(s.reason()).isEqualTo(MigrationEvent.Reason.ITERATION_LIMIT);
        assertThat(s.iterations()).isEqualTo(5);
        assertThat(s.estimateMillis()).isGreaterThan(20);
        List<MigrationEvent.Iteration> live = live(events);
        assertThat(live).hasSize(5);
        // the dirty set never shrinks: each pass finds most of the region dirty again
        for (MigrationEvent.Iteration i : live) {
            assertThat(i.dirtyOctets()).isGreaterThan(REGION / 2);
            assertThat(i.dirtyRate()).isGreaterThan(LINK / 2.0);
            assertThat(i.estimateMillis()).as("pass %d could not switch over", i.index()).isGreaterThan(20);
        }
    }
}
