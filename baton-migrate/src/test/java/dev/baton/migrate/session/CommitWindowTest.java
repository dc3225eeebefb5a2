package dev.baton.migrate.session;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.migrate.StateDigest;
import dev.baton.migrate.sample.SampleApplication;
import dev.baton.migrate.transport.TcpTransport;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Faults after the ACK reached the source, in GO or DONE: the two-generals window. The source has
 * committed and never resumes, so the two ends never both run; when GO is lost the target
 * discards and the source says the hand-over is unconfirmed (docs/MIGRATION.md, "The commit rule").
 * Both ends time out on a {@link FaultClock}, still until the fault: every trial reaches the ACK,
 * however slow the machine.
 */
@Timeout(value = 10, unit = TimeUnit.MINUTES)
class CommitWindowTest {
    /** Ends the stalled trials (GO or DONE never comes), on a {@link FaultClock}: it runs only after the fault. */
    private static final Duration TIMEOUT = Duration.ofMillis(300);

    @Test
    void afterTheAckTheSourceNeverResumesAndBothNeverRun() throws Exception {
        FaultTrials.Lengths lengths = FaultTrials.dryRun();
        Map<String, Integer> outcomes = new TreeMap<>();
        FaultProxy.Kind[] kinds = {FaultProxy.Kind.DROP, FaultProxy.Kind.STALL, FaultProxy.Kind.TRUNCATE,
            FaultProxy.Kind.CORRUPT};
        for (FaultProxy.Kind kind : kinds) {
            for (long at : new long[] {0, 7, 12}) {
                for (FaultProxy.Direction d : FaultProxy.Direction.values()) {
                    long offset = (d == FaultProxy.Direction.FORWARD ? lengths.forward() - FaultTrials.GO_OCTETS
                            : lengths.back() - FaultTrials.DONE_OCTETS) + at;
                    String outcome = trial(new FaultProxy.Fault(kind, d, offset, 0x10));
                    outcomes.merge(kind + " in " + (d == FaultProxy.Direction.FORWARD ? "GO" : "DONE") + ": " + outcome,
                            1, Integer::sum);
                }
            }
        }
        StringBuilder sb = new StringBuilder("faults in the commit window (after the ACK)\n");
        outcomes.forEach((k, v) -> sb.append(String.format("%3d  %s%n", v, k)));
        System.out.print(sb);
        java.nio.file.Path target = java.nio.file.Path.of("target");
        if (java.nio.file.Files.isDirectory(target)) {
            java.nio.file.Files.writeString(target.resolve("fault-injection-commit-window.txt"), sb);
        }
    }

    private static String trial(FaultProxy.Fault fault) throws Exception {
        SampleApplication source = FaultTrials.source();
        String before = StateDigest.of(source);
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
            MigrationStats stats = SourceSession.builder(source).timeout(TIMEOUT).clock(time.clock).build()
                    .migrate(TcpTransport.connect("127.0.0.1", proxy.port(), TIMEOUT));
            Object t = loop.outcome();
            boolean activated = t instanceof SampleApplication;
            assertThat(StateDigest.of(source)).as("%s", fault).isEqualTo(before);
            assertThat(source.state()).as("%s", fault).startsWith("handed over");
            if (stats.targetConfirmed()) {
                assertThat(activated).as("%s: confirmed means running", fault).isTrue();
            }
            if (activated) {
                assertThat(StateDigest.of(made.get())).isEqualTo(before);
            } else {
                assertThat(made.get().state()).isEqualTo("discarded");
                assertThat(stats.targetConfirmed()).isFalse();
            }
            return (activated ? "target runs" : "target discarded (GO lost)") + ", source "
                    + (stats.targetConfirmed() ? "confirmed" : "unconfirmed");
        }
    }
}
