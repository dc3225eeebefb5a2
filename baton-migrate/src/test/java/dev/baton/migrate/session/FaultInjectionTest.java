package dev.baton.migrate.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.baton.migrate.StateDigest;
import dev.baton.migrate.sample.SampleApplication;
import dev.baton.migrate.transport.TcpTransport;
import java.time.Duration;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A fault-injecting proxy between source and target on loopback TCP: the connection is dropped,
 * stalled, truncated or corrupted at a random octet of either direction, anywhere before the
 * target's ACK has reached the source. Every trial must end with the source resumed, its state
 * digest unchanged, a one-line reason, and the target having discarded what it loaded. Set
 * {@code -Dbaton.faults.trials=N} and {@code -Dbaton.faults.seed=S} to run more or others.
 *
 * <p>Both ends time out on a {@link FaultClock}: no timeout before the fault, however slow the
 * machine, and a stall ends the moment it happens. A class timeout turns a hang into a failure.
 */
@Timeout(value = 10, unit = TimeUnit.MINUTES)
class FaultInjectionTest {
    private static final Duration TIMEOUT = Duration.ofMillis(300);
    private static final FaultProxy.Kind[] KINDS = {FaultProxy.Kind.DROP, FaultProxy.Kind.STALL,
        FaultProxy.Kind.TRUNCATE, FaultProxy.Kind.CORRUPT};

    @Test
    void everyFaultBeforeTheAckResumesTheSourceWithItsStateIntact() throws Exception {
        FaultTrials.Lengths lengths = FaultTrials.dryRun();
        long forwardBeforeGo = lengths.forward() - FaultTrials.GO_OCTETS;
        long backBeforeDone = lengths.back() - FaultTrials.DONE_OCTETS;
        assertThat(forwardBeforeGo).isGreaterThan(FaultTrials.REGION);

        int trials = Integer.getInteger("baton.faults.trials", 200);
        long seed = Long.getLong("baton.faults.seed", 20_261_122L);
        Random random = new Random(seed);
        SampleApplication source = FaultTrials.source();
        String before = StateDigest.of(source);
        FaultTrials.Tally tally = new FaultTrials.Tally();
        for (int i = 0; i < trials; i++) {
            FaultProxy.Kind kind = KINDS[random.nextInt(KINDS.length)];
            boolean forward = random.nextInt(10) < 7;
            long offset = forward ? random.nextLong(forwardBeforeGo) : random.nextLong(backBeforeDone);
            FaultProxy.Fault fault = new FaultProxy.Fault(kind, forward ? FaultProxy.Direction.FORWARD
                    : FaultProxy.Direction.RETURN, offset, 1 << random.nextInt(8));
            trial(source, before, fault, tally, i);
        }
        tally.save("fault-injection-proxy.txt", "fault injection through the proxy (seed " + seed + ", forward octets "
                + lengths.forward() + ", return octets " + lengths.back() + ")",
                "every trial: source resumed, state digest unchanged, target discarded");
        assertThat(tally.trials()).isEqualTo(trials);
    }

    private static void trial(SampleApplication source, String before, FaultProxy.Fault fault, FaultTrials.Tally tally,
            int index) throws Exception {
        AtomicReference<SampleApplication> made = new AtomicReference<>();
        TargetSession.Builder target = TargetSession.builder(() -> {
            SampleApplication a = FaultTrials.emptyTarget();
            made.set(a);
            return a;
        });
        try (FaultClock time = new FaultClock(TIMEOUT);
                TcpTransport.Listener listener = TcpTransport.listen(0).timeout(TIMEOUT);
                Loopback loop = Loopback.on(listener, target.clock(time.clock).build());
                FaultProxy proxy = new FaultProxy(listener.port(), fault, null, time::flow)) {
            AtomicReference<MigrationFailedException> failure = new AtomicReference<>();
            assertThatThrownBy(() -> SourceSession.builder(source).timeout(TIMEOUT).clock(time.clock).build()
                    .migrate(TcpTransport.connect("127.0.0.1", proxy.port(), TIMEOUT)))
                    .as("trial %d, %s", index, fault)
                    .isInstanceOfSatisfying(MigrationFailedException.class, failure::set);
            String message = failure.get().getMessage();
            assertThat(message).as("trial %d, %s", index, fault).doesNotContain("\n")
                    .endsWith("; the source resumed with its state intact");
            assertThat(source.state()).as("trial %d", index).isEqualTo("running");
            assertThat(StateDigest.of(source)).as("trial %d, %s: the source's state", index, fault).isEqualTo(before);
            assertThat(loop.failure()).as("trial %d, %s: the target", index, fault)
                    .isInstanceOf(MigrationFailedException.class);
            assertThat(made.get().state()).isEqualTo("discarded");
            tally.add(fault.kind() + " " + fault.direction().name().toLowerCase(java.util.Locale.ROOT), proxy.fired(),
                    failure.get().reason());
        }
    }
}
