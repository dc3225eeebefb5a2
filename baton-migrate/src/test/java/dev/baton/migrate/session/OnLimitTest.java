package dev.baton.migrate.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.baton.migrate.ManualClock;
import dev.baton.migrate.StateDigest;
import dev.baton.migrate.precopy.OnLimit;
import dev.baton.migrate.precopy.PrecopyPolicy;
import dev.baton.migrate.precopy.ThrottleSteps;
import dev.baton.migrate.sample.SampleApplication;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * What pre-copy does when the application dirties its state faster than the link sends it: the
 * three {@link OnLimit} policies. The link is 32 MB/s (the bandwidth limit); the sample's 4 MiB
 * region is written at a steady rate in the time of a {@link ManualClock}, through
 * {@link SampleApplication#run}, which the sample's throttle slows as it slows its own mutator.
 * So each pass takes its octets at 32 MB/s, the application makes exactly the writes its
 * (throttled) rate makes in that time, and every decision follows from those inputs alone.
 */
class OnLimitTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final int REGION = 4 << 20;
    private static final long LINK = 32_000_000;
    /** Writes a second that dirty the region far faster than the link sends it (some 1.6 GB/s of pages). */
    private static final long TOO_FAST = 400_000;

    /** A source of seed 5 whose writes follow a manual clock; {@link #batches} lists them, for {@link #twin}. */
    private static final class Source {
        final SampleApplication app = new SampleApplication(REGION, 100, 0).fill(5).start();
        final List<Long> batches = new ArrayList<>();
        final ManualClock clock;

        Source(long writesPerSecond) {
            long[] last = {0};
            clock = new ManualClock(now -> {
                batches.add(app.run(now - last[0], writesPerSecond));
                last[0] = now;
            });
        }

        /**
         * A sample of the same seed that made the same writes in the same batches, and was never
         * migrated: what the source must hold when a migration changed nothing of it.
         */
        SampleApplication twin() {
            SampleApplication twin = new SampleApplication(REGION, 100, 0).fill(5).start();
            batches.forEach(twin::write);
            return twin;
        }
    }

    private static SourceSession session(Source source, PrecopyPolicy policy, Recorder events) {
        return SourceSession.builder(source.app).precopy(policy).listener(events).timeout(TIMEOUT).clock(source.clock)
                .build();
    }

    /** Migrates the source to a new sample over loopback TCP, and checks that the target holds the source's state. */
    private static void migrateWhole(Source source, PrecopyPolicy policy, Recorder events) throws Exception {
        try (Loopback loop = Loopback.tcp(TargetSession.builder(() -> new SampleApplication(REGION, 100, 0)).build(),
                TIMEOUT)) {
            session(source, policy, events).migrate(loop.connect(TIMEOUT));
            assertThat(StateDigest.of((SampleApplication) loop.outcome())).isEqualTo(StateDigest.of(source.app));
        }
    }

    private static List<MigrationEvent.Iteration> live(Recorder events) {
        return events.all(MigrationEvent.Iteration.class).stream().filter(i -> !i.paused()).toList();
    }

    private static PrecopyPolicy policy(int limitMillis, int maxIterations, OnLimit onLimit) {
        return PrecopyPolicy.defaults().withDowntimeLimit(Duration.ofMillis(limitMillis))
                .withMaxIterations(maxIterations).withBandwidthLimit(LINK).withOnLimit(onLimit);
    }

    @Test
    void abortFailsBeforeThePauseAndTheSourceRunsOnWithNothingLost() throws Exception {
        Source source = new Source(TOO_FAST);
        Recorder events = new Recorder();
        AtomicReference<SampleApplication> target = new AtomicReference<>();
        try (Loopback loop = Loopback.tcp(TargetSession.builder(() -> {
            target.set(new SampleApplication(REGION, 100, 0));
            return target.get();
        }).build(), TIMEOUT)) {
            SourceSession session = session(source, policy(20, 5, OnLimit.ABORT), events);
            assertThatThrownBy(() -> session.migrate(loop.connect(TIMEOUT)))
                    .isInstanceOf(MigrationFailedException.class)
                    .hasMessageStartingWith("migration failed: pre-copy did not converge in 5 passes: the application"
                            + " dirtied ")
                    .hasMessageContaining(" MB/s while 32.0 MB/s were sent, so the ")
                    .hasMessageContaining(" ms, over the downtime limit of 20 ms; aborted before the pause (on limit:"
                            + " abort); the source resumed with its state intact")
                    .satisfies(e -> assertThat(e.getMessage().lines()).hasSize(1));
            // the target was left with half a stream: it failed and discarded it
            assertThat(loop.failure()).isInstanceOf(MigrationFailedException.class)
                    .hasMessageEndingWith("; the target discarded what it loaded");
            assertThat(target.get().state()).isEqualTo("discarded");
        }
        assertThat(live(events)).hasSize(5);
        assertThat(events.all(MigrationEvent.Switchover.class)).as("no switchover").isEmpty();
        assertThat(events.all(MigrationEvent.Paused.class)).as("never paused").isEmpty();
        assertThat(events.all(MigrationEvent.Throttled.class)).as("abort does not throttle").isEmpty();
        assertThat(events.one(MigrationEvent.Failed.class).reason()).startsWith("pre-copy did not converge in 5 passes");
        assertThat(source.app.state()).isEqualTo("running");
        // nothing lost: the source holds exactly what its writes made, as a sample never migrated does
        assertThat(source.app.ticks()).isGreaterThan(5 * TOO_FAST / 10);
        assertThat(StateDigest.of(source.app)).isEqualTo(StateDigest.of(source.twin()));

        // and it migrates afterwards, its state whole, once the policy lets it switch over
        Recorder again = new Recorder();
        migrateWhole(source, policy(20, 5, OnLimit.SWITCHOVER), again);
        assertThat(source.app.state()).isEqualTo("handed over");
    }

    @Test
    void switchoverSaysTheDowntimeItExpectsAgainstTheLimitBeforeThePause() throws Exception {
        Source source = new Source(TOO_FAST);
        Recorder events = new Recorder();
        migrateWhole(source, policy(20, 5, OnLimit.SWITCHOVER), events);
        MigrationEvent.Switchover s = events.one(MigrationEvent.Switchover.class);
        assertThat(s.reason()).isEqualTo(MigrationEvent.Reason.ITERATION_LIMIT);
        assertThat(s.limitMillis()).isEqualTo(20);
        assertThat(s.estimateMillis()).as("the downtime expected").isGreaterThan(20)
                .isEqualTo(live(events).getLast().estimateMillis());
        assertThat(events.events.indexOf(s)).as("said before the pause")
                .isLessThan(events.events.indexOf(events.one(MigrationEvent.Paused.class)));
        assertThat(events.all(MigrationEvent.Throttled.class)).isEmpty();
    }

    @Test
    void throttleStepsUpUntilThePassesConvergeWithinTheLimit() throws Exception {
        long writesPerSecond = 20_000; // some 80 MB/s of pages: 2.5 times the link
        Duration limit = Duration.ofMillis(5);
        Source source = new Source(writesPerSecond);
        Recorder events = new Recorder();
        migrateWhole(source, policy(5, 30, OnLimit.THROTTLE), events);
        MigrationEvent.Switchover s = events.one(MigrationEvent.Switchover.class);
        assertThat(s.reason()).isEqualTo(MigrationEvent.Reason.CONVERGED);
        assertThat(s.estimateMillis()).isLessThanOrEqualTo(limit.toMillis());
        List<MigrationEvent.Iteration> live = live(events);
        List<MigrationEvent.Throttled> throttled = events.all(MigrationEvent.Throttled.class);
        List<MigrationEvent.Throttled> steps = throttled.subList(0, throttled.size() - 1);
        // the steps: 20 %, then 10 % more after each pass that did not converge
        assertThat(steps).isNotEmpty();
        int percent = 0;
        for (MigrationEvent.Throttled t : steps) {
            percent = ThrottleSteps.next(percent);
            assertThat(t.percent()).isEqualTo(percent);
        }
        // a step followed each pass that left a rest over the limit and dirtied at least half what it sent, and no other
        double fits = LINK * limit.toNanos() / 1e9;
        List<Integer> stalled = new ArrayList<>();
        for (MigrationEvent.Iteration i : live) {
            boolean over = i.dirtyOctets() > fits;
            if (over && 2 * i.dirtyRate() * i.nanos() / 1e9 >= i.octets()) {
                stalled.add(i.index());
            }
        }
        assertThat(steps.stream().map(MigrationEvent.Throttled::afterPass).toList()).isEqualTo(stalled);
        // unthrottled, the application dirtied faster than the link sent; at the last step, slower than half of it
        // the throttle engaged after the first pass, and each pass after it left less dirty than the one before
        assertThat(steps.getFirst().afterPass()).isZero();
        for (int i = 1; i < live.size(); i++) {
            assertThat(live.get(i).dirtyOctets()).as("pass %d", i).isLessThan(live.get(i - 1).dirtyOctets());
        }
        // the pass that converged came after the last step, which it did not need to raise
        assertThat(live.getLast().index()).isEqualTo(steps.getLast().afterPass() + 1);
        assertThat((double) live.getLast().dirtyOctets()).isLessThanOrEqualTo(fits);
        assertThat(steps.getLast().percent()).isLessThan(ThrottleSteps.MAX);
        // released at the pause, after the switchover
        MigrationEvent.Throttled release = throttled.getLast();
        assertThat(release.percent()).isZero();
        assertThat(events.events.indexOf(release)).isGreaterThan(events.events.indexOf(
                events.one(MigrationEvent.Paused.class)));
        assertThat(source.app.throttled()).isZero();

        // the same application without the throttle does not converge in as many passes
        Source unthrottled = new Source(writesPerSecond);
        Recorder plain = new Recorder();
        migrateWhole(unthrottled, policy(5, live.size(), OnLimit.SWITCHOVER), plain);
        MigrationEvent.Switchover unconverged = plain.one(MigrationEvent.Switchover.class);
        assertThat(unconverged.reason()).isEqualTo(MigrationEvent.Reason.ITERATION_LIMIT);
        assertThat(unconverged.estimateMillis()).isGreaterThan(limit.toMillis());
        assertThat(unthrottled.app.throttled()).isZero();
    }

    @Test
    void aThrottleThatCannotBringTheRateDownAbortsAtTheLimitAndIsReleased() throws Exception {
        Source source = new Source(2_000_000); // at 99 %, still 20000 writes a second: 2.5 times the link
        Recorder events = new Recorder();
        try (Loopback loop = Loopback.tcp(TargetSession.builder(() -> new SampleApplication(REGION, 100, 0)).build(),
                TIMEOUT)) {
            SourceSession session = session(source, policy(20, 12, OnLimit.THROTTLE), events);
            assertThatThrownBy(() -> session.migrate(loop.connect(TIMEOUT)))
                    .isInstanceOf(MigrationFailedException.class)
                    .hasMessageStartingWith("migration failed: pre-copy did not converge in 12 passes: ")
                    .hasMessageContaining(", with the application throttled 99 %; aborted before the pause (on limit:"
                            + " throttle); the source resumed with its state intact");
            loop.failure();
        }
        List<Integer> percents = events.all(MigrationEvent.Throttled.class).stream()
                .map(MigrationEvent.Throttled::percent).toList();
        assertThat(percents).containsExactly(20, 30, 40, 50, 60, 70, 80, 90, 99, 0);
        assertThat(events.all(MigrationEvent.Paused.class)).isEmpty();
        assertThat(source.app.throttled()).as("released").isZero();
        assertThat(source.app.state()).isEqualTo("running");
        assertThat(StateDigest.of(source.app)).isEqualTo(StateDigest.of(source.twin()));
    }
}
