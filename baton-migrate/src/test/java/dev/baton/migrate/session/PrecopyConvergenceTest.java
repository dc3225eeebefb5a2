package dev.baton.migrate.session;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.migrate.StateDigest;
import dev.baton.migrate.precopy.PrecopyPolicy;
import dev.baton.migrate.sample.SampleApplication;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Pre-copy under a steady dirty rate converges and switches over with a small rest; under a rate
 * the link cannot keep up with, it stops at the iteration limit. The bandwidth limit makes the
 * link slow enough (32 MB/s) for the rates to be meaningful on any machine.
 */
class PrecopyConvergenceTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final int REGION = 4 << 20;
    private static final long LINK = 32_000_000;

    private static Recorder migrate(long writesPerSecond, PrecopyPolicy policy) throws Exception {
        SampleApplication source = new SampleApplication(REGION, 100, writesPerSecond).fill(5).start();
        Recorder events = new Recorder();
        try (Loopback loop = Loopback.tcp(TargetSession.builder(() -> new SampleApplication(REGION, 100, 0)).build(),
                TIMEOUT)) {
            SourceSession.builder(source).precopy(policy).listener(events).timeout(TIMEOUT).build()
                    .migrate(loop.connect(TIMEOUT));
            SampleApplication migrated = (SampleApplication) loop.outcome();
            assertThat(StateDigest.of(migrated)).isEqualTo(StateDigest.of(source));
        }
        return events;
    }

    @Test
    void aSteadyDirtyRateConverges() throws Exception {
        Recorder events = migrate(2000, PrecopyPolicy.defaults().withDowntimeLimit(Duration.ofMillis(5))
                .withBandwidthLimit(LINK));
        MigrationEvent.Switchover s = events.one(MigrationEvent.Switchover.class);
        assertThat(s.reason()).isEqualTo(MigrationEvent.Reason.CONVERGED);
        assertThat(s.iterations()).isBetween(2, 10);
        assertThat(s.estimateMillis()).isLessThanOrEqualTo(5);
        List<MigrationEvent.Iteration> its = events.all(MigrationEvent.Iteration.class);
        MigrationEvent.Iteration first = its.getFirst();
        assertThat(first.octets()).isGreaterThan(REGION);
        assertThat(first.pages()).isEqualTo(REGION / 4096);
        assertThat(first.throughput()).isBetween(LINK * 0.5, LINK * 1.2);
        assertThat(first.dirtyRate()).isPositive();
        // every live pass sends less than the one before: the dirty set shrinks to what the rate refills
        for (int i = 1; i < its.size() - 1; i++) {
            assertThat(its.get(i).octets()).isLessThan(its.get(i - 1).octets());
        }
        assertThat(its.getLast().paused()).isTrue();
        assertThat(its.getLast().octets()).isLessThan(REGION / 16);
        assertThat(events.one(MigrationEvent.Completed.class).stats().downtimeMillis()).isLessThan(1000);
    }

    @Test
    void aTooHighDirtyRateStopsAtTheIterationLimit() throws Exception {
        Recorder events = migrate(400_000, PrecopyPolicy.defaults().withDowntimeLimit(Duration.ofMillis(20))
                .withMaxIterations(5).withBandwidthLimit(LINK));
        MigrationEvent.Switchover s = events.one(MigrationEvent.Switchover.class);
        assertThat(s.reason()).isEqualTo(MigrationEvent.Reason.ITERATION_LIMIT);
        assertThat(s.iterations()).isEqualTo(5);
        assertThat(s.estimateMillis()).isGreaterThan(20);
        List<MigrationEvent.Iteration> live = events.all(MigrationEvent.Iteration.class).stream()
                .filter(i -> !i.paused()).toList();
        assertThat(live).hasSize(5);
        // the dirty set never shrinks: each pass finds most of the region dirty again
        for (MigrationEvent.Iteration i : live) {
            assertThat(i.dirtyOctets()).isGreaterThan(REGION / 2);
            assertThat(i.dirtyRate()).isGreaterThan(LINK / 2.0);
        }
    }
}
