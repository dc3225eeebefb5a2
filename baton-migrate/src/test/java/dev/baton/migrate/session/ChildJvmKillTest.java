package dev.baton.migrate.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.baton.migrate.StateDigest;
import dev.baton.migrate.sample.SampleApplication;
import dev.baton.migrate.transport.TcpTransport;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * The target is a real process, killed (SIGKILL) when the stream reaches a random octet in
 * either direction before the ACK: every time the source resumes with its state intact. One run
 * without a kill shows the child target loads the same state.
 */
class ChildJvmKillTest {
    /**
     * A killed target resets the connection, which ends a trial at once; the timeout only keeps a
     * slow child JVM on a loaded machine from being taken for a stalled one before the kill.
     */
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private static Process startTarget() throws Exception {
        Process p = new ProcessBuilder(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xmx128m", "-Xshare:auto",
                "-cp", System.getProperty("java.class.path"), ChildTarget.class.getName(),
                Long.toString(TIMEOUT.toMillis()), Integer.toString(FaultTrials.REGION),
                Integer.toString(FaultTrials.SESSIONS)))
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        return p;
    }

    private static BufferedReader output(Process p) {
        return new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
    }

    private static int port(BufferedReader out) throws Exception {
        String line = out.readLine();
        assertThat(line).startsWith("LISTENING ");
        return Integer.parseInt(line.substring(10));
    }

    @Test
    void aChildTargetLoadsTheSourcesState() throws Exception {
        SampleApplication source = FaultTrials.source();
        Process child = startTarget();
        try {
            BufferedReader out = output(child);
            int port = port(out);
            SourceSession.builder(source).timeout(TIMEOUT).build()
                    .migrate(TcpTransport.connect("127.0.0.1", port, TIMEOUT));
            assertThat(out.readLine()).isEqualTo("ACTIVATED " + StateDigest.of(source));
        } finally {
            child.destroyForcibly();
        }
    }

    @Test
    void killingTheTargetAtRandomPointsResumesTheSource() throws Exception {
        FaultTrials.Lengths lengths = FaultTrials.dryRun();
        int trials = Integer.getInteger("baton.kills.trials", 40);
        long seed = Long.getLong("baton.faults.seed", 20_261_122L);
        Random random = new Random(seed);
        SampleApplication source = FaultTrials.source();
        String before = StateDigest.of(source);
        FaultTrials.Tally tally = new FaultTrials.Tally();
        for (int i = 0; i < trials; i++) {
            boolean forward = random.nextInt(10) < 7;
            long offset = forward ? random.nextLong(lengths.forward() - FaultTrials.GO_OCTETS)
                    : random.nextLong(lengths.back() - FaultTrials.DONE_OCTETS);
            Process child = startTarget();
            try {
                int port = port(output(child));
                FaultProxy.Fault fault = new FaultProxy.Fault(FaultProxy.Kind.HOOK, forward
                        ? FaultProxy.Direction.FORWARD : FaultProxy.Direction.RETURN, offset, 0);
                Runnable kill = () -> {
                    child.destroyForcibly();
                    try {
                        child.waitFor(10, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                };
                try (FaultProxy proxy = new FaultProxy(port, fault, kill, () -> { })) {
                    AtomicReference<MigrationFailedException> failure = new AtomicReference<>();
                    assertThatThrownBy(() -> SourceSession.builder(source).timeout(TIMEOUT).build()
                            .migrate(TcpTransport.connect("127.0.0.1", proxy.port(), TIMEOUT)))
                            .as("kill %d at %s", i, fault)
                            .isInstanceOfSatisfying(MigrationFailedException.class, failure::set);
                    assertThat(failure.get().getMessage()).doesNotContain("\n")
                            .endsWith("; the source resumed with its state intact");
                    assertThat(proxy.fired()).isTrue();
                    assertThat(child.waitFor(10, TimeUnit.SECONDS)).as("the child is dead").isTrue();
                    assertThat(source.state()).isEqualTo("running");
                    assertThat(StateDigest.of(source)).as("kill %d at %s", i, fault).isEqualTo(before);
                    tally.add("KILL " + fault.direction().name().toLowerCase(java.util.Locale.ROOT), true,
                            failure.get().reason());
                }
            } finally {
                child.destroyForcibly();
            }
        }
        tally.save("fault-injection-kills.txt", "target process killed (SIGKILL) at a random octet (seed " + seed + ")",
                "every trial: source resumed, state digest unchanged, target process dead");
    }
}
