package dev.baton.migrate.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.baton.migrate.MigratableApplication;
import dev.baton.migrate.StateDigest;
import dev.baton.migrate.returnpath.ControlCodec;
import dev.baton.migrate.returnpath.ControlMessage;
import dev.baton.migrate.returnpath.ControlWriter;
import dev.baton.migrate.returnpath.ControlMessage.Report.Outcome;
import dev.baton.migrate.sample.SampleApplication;
import dev.baton.migrate.transport.FileTransport;
import dev.baton.migrate.transport.TcpTransport;
import dev.baton.migrate.transport.Transport;
import dev.baton.migrate.transport.TransportListener;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A rehearsal sends the whole state to a target that loads it into a fresh instance, checks it,
 * discards it and reports per section; the source never pauses, never commits, and runs on with
 * its state whatever happens (docs/MIGRATION.md, "Rehearsal").
 */
class RehearsalTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    /** A sample that counts the hooks a session calls on it. */
    static final class Watched extends Delegating {
        final AtomicInteger pauses = new AtomicInteger();
        final List<String> hooks = new CopyOnWriteArrayList<>();

        Watched(MigratableApplication inner) {
            super(inner);
        }

        @Override
        public void pause() {
            pauses.incrementAndGet();
            hooks.add("pause");
            super.pause();
        }

        @Override
        public void resume() {
            hooks.add("resume");
            super.resume();
        }

        @Override
        public void handedOver(boolean confirmed) {
            hooks.add("handedOver");
            super.handedOver(confirmed);
        }

        @Override
        public void activate() {
            hooks.add("activate");
            super.activate();
        }

        @Override
        public void discard() {
            hooks.add("discard");
            super.discard();
        }
    }

    /** A target of 2 MiB samples, each instance it makes watched and kept in {@code made}. */
    private static TargetSession watchedTarget(List<Watched> made) {
        return TargetSession.builder(() -> {
            Watched w = new Watched(new SampleApplication(2 << 20, 200, 0));
            made.add(w);
            return w;
        }).build();
    }

    @Test
    void aRunningSampleRehearsesWithoutPausingAndTheTargetDiscards() throws Exception {
        SampleApplication sample = new SampleApplication(2 << 20, 200, 20_000).fill(7).start();
        SampleWrites.awaitMoreThan(sample, 0);
        Watched source = new Watched(sample);
        List<Watched> targets = new CopyOnWriteArrayList<>();
        TargetSession target = watchedTarget(targets);
        Recorder events = new Recorder();
        try (Loopback loop = Loopback.tcp(target, TIMEOUT)) {
            RehearsalReport report = SourceSession.builder(source).listener(events).timeout(TIMEOUT).build()
                    .rehearse(loop.connect(TIMEOUT));
            assertThat(report.passed()).as("%s", report).isTrue();
            assertThat(report.digestMatches()).isTrue();
            assertThat(report.sections()).extracting(ControlMessage.Report.Section::idstr, s -> s.outcome())
                    .containsExactly(org.assertj.core.groups.Tuple.tuple("sample.config", Outcome.LOADED),
                            org.assertj.core.groups.Tuple.tuple("sample.counters", Outcome.LOADED));
            assertThat(report.profile()).isEqualTo("2.0");
            assertThat(report.octets()).isGreaterThan(2 << 20);
            Object targetSide = loop.outcome();
            assertThat(targetSide).isInstanceOf(RehearsalReport.class);
            RehearsalReport theirs = (RehearsalReport) targetSide;
            assertThat(theirs.readSha256()).isEqualTo(report.sentSha256());
            assertThat(theirs.sentSha256()).isEmpty();
            assertThat(theirs.passed()).isTrue();
        }
        // the source was never paused, resumed or handed over; the target loaded and discarded, never ran
        assertThat(source.pauses).hasValue(0);
        assertThat(source.hooks).isEmpty();
        assertThat(events.all(MigrationEvent.Paused.class)).isEmpty();
        assertThat(events.all(MigrationEvent.Completed.class)).isEmpty();
        assertThat(events.all(MigrationEvent.Iteration.class)).isNotEmpty().noneMatch(MigrationEvent.Iteration::paused);
        assertThat(targets).hasSize(1);
        assertThat(targets.getFirst().hooks).containsExactly("discard");
        assertThat(sample.state()).isEqualTo("running");
        SampleWrites.awaitMoreThan(sample, sample.ticks()); // and it runs on
        sample.stop();
    }

    @Test
    void aSectionThatCannotLoadIsReportedAndTheOthersLoad() throws Exception {
        // a release that declares its counters at version 2 while writing version 1's layout: a target
        // without the quirk cannot load that section, and loads the rest
        SampleApplication source = SampleApplication.mislabelling(1 << 20, 20, "2.0.1", Map.of("sample.counters", 2))
                .fill(3);
        String before = StateDigest.of(source);
        try (Loopback loop = Loopback.tcp(TargetSession.builder(() -> new SampleApplication(1 << 20, 20, 0)).build(),
                TIMEOUT)) {
            RehearsalReport report = SourceSession.builder(source).timeout(TIMEOUT).build()
                    .rehearse(loop.connect(TIMEOUT));
            assertThat(report.passed()).isFalse();
            assertThat(report.digestMatches()).isTrue();
            assertThat(report.sections()).hasSize(2);
            assertThat(report.sections().get(0)).isEqualTo(new ControlMessage.Report.Section(Outcome.LOADED,
                    "sample.config", 0, 1, ""));
            ControlMessage.Report.Section counters = report.sections().get(1);
            assertThat(counters.outcome()).isEqualTo(Outcome.FAILED);
            assertThat(counters.name()).isEqualTo("sample.counters/0");
            assertThat(counters.version()).isEqualTo(2);
            assertThat(counters.reason()).contains("sample.counters").contains("version 2");
            assertThat(report.failed()).containsExactly(counters);
            assertThat(loop.outcome()).isInstanceOf(RehearsalReport.class);
        }
        assertThat(StateDigest.of(source)).isEqualTo(before);
        assertThat(source.state()).isEqualTo("new"); // never paused, never handed over
    }

    @Test
    void theApplicationsRefusalsAreProblemsAndEveryStageStillRuns() throws Exception {
        SampleApplication source = new SampleApplication(1 << 20, 20, 0).fill(2);
        TargetSession target = TargetSession.builder(() -> new Delegating(new SampleApplication(1 << 20, 20, 0)) {
            @Override
            public void checkStaticData(dev.baton.core.engine.StaticData data)
                    throws dev.baton.core.engine.StreamRefusedException {
                throw new dev.baton.core.engine.StreamRefusedException("the configuration is on the deny list");
            }

            @Override
            public void verifyLoaded() throws dev.baton.core.engine.StreamRefusedException {
                throw new dev.baton.core.engine.StreamRefusedException("the counters fail the audit");
            }
        }).build();
        try (Loopback loop = Loopback.tcp(target, TIMEOUT)) {
            RehearsalReport report = SourceSession.builder(source).timeout(TIMEOUT).build()
                    .rehearse(loop.connect(TIMEOUT));
            assertThat(report.passed()).isFalse();
            assertThat(report.problems()).containsExactly(
                    "the application refused the static data: the configuration is on the deny list",
                    "the application refused the loaded state: the counters fail the audit");
            assertThat(report.sections()).extracting(ControlMessage.Report.Section::outcome)
                    .containsExactly(Outcome.LOADED, Outcome.LOADED);
        }
    }

    @Test
    void aTargetThatDiesHalfwayLeavesTheSourceRunningWithNothingLost() throws Exception {
        SampleApplication source = new SampleApplication(2 << 20, 200, 0).fill(5);
        String before = StateDigest.of(source);
        Watched watched = new Watched(source);
        try (TransportListener listener = TcpTransport.listen(0).timeout(TIMEOUT);
                FaultProxy proxy = new FaultProxy(listener.port(), new FaultProxy.Fault(FaultProxy.Kind.DROP,
                        FaultProxy.Direction.FORWARD, 1 << 20, 0), null, () -> { })) {
            List<Watched> targets = new CopyOnWriteArrayList<>();
            TargetSession target = watchedTarget(targets);
            CompletableFuture<Throwable> targetSide = CompletableFuture.supplyAsync(() -> {
                try (Transport t = listener.accept(TIMEOUT)) {
                    target.receiveOrRehearse(t);
                    return null;
                } catch (Exception e) {
                    return e;
                }
            });
            Transport toProxy = TcpTransport.connect("127.0.0.1", proxy.port(), TIMEOUT);
            assertThatThrownBy(() -> SourceSession.builder(watched).timeout(TIMEOUT).build().rehearse(toProxy))
                    .isInstanceOf(MigrationFailedException.class)
                    .hasMessageStartingWith("rehearsal failed: ")
                    .hasMessageEndingWith("; the source ran on throughout, its state untouched");
            assertThat(targetSide.get(30, TimeUnit.SECONDS)).isInstanceOf(MigrationFailedException.class)
                    .hasMessageStartingWith("rehearsal failed: ");
            assertThat(proxy.fired()).isTrue();
            assertThat(targets).hasSize(1);
            assertThat(targets.getFirst().hooks).containsExactly("discard");
        }
        assertThat(watched.hooks).isEmpty();
        assertThat(StateDigest.of(source)).isEqualTo(before);
        // and the same source migrates for real afterwards, with that state
        try (Loopback loop = Loopback.tcp(TargetSession.builder(() -> new SampleApplication(2 << 20, 200, 0)).build(),
                TIMEOUT)) {
            SourceSession.builder(source).timeout(TIMEOUT).build().migrate(loop.connect(TIMEOUT));
            assertThat(StateDigest.of((SampleApplication) loop.outcome())).isEqualTo(before);
        }
    }

    @Test
    void aReceiveThatGetsARehearsalActivatesNothing() throws Exception {
        SampleApplication source = new SampleApplication(1 << 20, 20, 0).fill(4);
        List<SampleApplication> made = new CopyOnWriteArrayList<>();
        TargetSession target = TargetSession.builder(() -> {
            SampleApplication a = new SampleApplication(1 << 20, 20, 0);
            made.add(a);
            return a;
        }).build();
        try (TransportListener listener = TcpTransport.listen(0).timeout(TIMEOUT)) {
            CompletableFuture<Throwable> targetSide = CompletableFuture.supplyAsync(() -> {
                try (Transport t = listener.accept(TIMEOUT)) {
                    target.receive(t);
                    return null;
                } catch (Exception e) {
                    return e;
                }
            });
            RehearsalReport report = SourceSession.builder(source).timeout(TIMEOUT).build()
                    .rehearse(TcpTransport.connect("127.0.0.1", listener.port(), TIMEOUT));
            assertThat(report.passed()).isTrue();
            assertThat(targetSide.get(30, TimeUnit.SECONDS)).isInstanceOf(MigrationFailedException.class)
                    .hasMessage("the source rehearsed: the state was loaded, checked and discarded, and nothing was"
                            + " activated");
        }
        assertThat(made).extracting(SampleApplication::state).containsExactly("discarded");
    }

    @Test
    void aTargetOlderThanRehearsalsFailsAtREHEARSEAndTheSourceSaysSo() throws Exception {
        SampleApplication source = new SampleApplication(1 << 20, 20, 0).fill(4);
        String before = StateDigest.of(source);
        try (TransportListener listener = TcpTransport.listen(0).timeout(TIMEOUT)) {
            // what a release before rehearsals does: HELLO, then its reader meets a type it does not
            // know, fails before it reads the stream, and answers ERROR with its reader's message
            CompletableFuture<Void> old = CompletableFuture.runAsync(() -> {
                try (Transport t = listener.accept(TIMEOUT)) {
                    ControlWriter w = new ControlWriter(t.out());
                    w.write(new ControlMessage.Hello("baton-sample", 1, 1, 1, 1, List.of("1.0", "2.0")));
                    java.nio.ByteBuffer header = java.nio.ByteBuffer.allocate(8);
                    while (header.hasRemaining() && t.in().read(header) >= 0) {
                        // the message header only
                    }
                    assertThat(header.getInt(0)).isEqualTo(ControlCodec.REHEARSE);
                    w.write(new ControlMessage.Error("forward control, offset 0, message #0 (0x42460004): unknown"
                            + " control message type 0x42460004"));
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
            assertThatThrownBy(() -> SourceSession.builder(source).timeout(TIMEOUT).build()
                    .rehearse(TcpTransport.connect("127.0.0.1", listener.port(), TIMEOUT)))
                    .isInstanceOf(MigrationFailedException.class)
                    .hasMessage("rehearsal failed: the target does not know rehearsals (it is older than REHEARSE) and"
                            + " loaded nothing: the target failed: forward control, offset 0, message #0 (0x42460004):"
                            + " unknown control message type 0x42460004; the source ran on throughout, its state"
                            + " untouched");
            old.get(30, TimeUnit.SECONDS);
        }
        assertThat(StateDigest.of(source)).isEqualTo(before);
        assertThat(source.state()).isEqualTo("new");
    }

    @Test
    void aRehearsalNeedsAReturnPath(@TempDir Path dir) throws Exception {
        SampleApplication source = new SampleApplication(1 << 20, 20, 0).fill(4);
        assertThatThrownBy(() -> SourceSession.builder(source).build()
                .rehearse(FileTransport.create(dir.resolve("s.baton"))))
                .isInstanceOf(MigrationFailedException.class)
                .hasMessageStartingWith("rehearsal failed: a rehearsal needs a connection to a target, which answers"
                        + " with its report: ")
                .hasMessageEndingWith(" has no return path");
    }
}
