package dev.baton.migrate.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.baton.core.engine.Part;
import dev.baton.core.wire.VersionWindow;
import dev.baton.migrate.StateDigest;
import dev.baton.migrate.returnpath.ControlMessage;
import dev.baton.migrate.sample.SampleApplication;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** The source writes the best the target reads: protocol, stream version and release profile. */
class HandshakeTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(5);
    private static final VersionWindow ONE = new VersionWindow(1, 1);

    private static ControlMessage.Hello hello(int pmin, int pmax, int smin, int smax, String... profiles) {
        return new ControlMessage.Hello("app", pmin, pmax, smin, smax, List.of(profiles));
    }

    @Test
    void theHighestCommonVersionsAndTheNewestCommonProfile() throws Exception {
        Negotiation.Choice c = Negotiation.choose(hello(2, 5, 1, 4, "1.0", "2.0", "3.0"), "app", new VersionWindow(1, 3),
                new VersionWindow(1, 2), List.of("1.0", "2.0", "2.5"), null);
        assertThat(c.protocol()).isEqualTo(3);
        assertThat(c.stream()).isEqualTo(2);
        assertThat(c.profile()).isEqualTo("2.0");
        assertThat(c.note()).isEqualTo("protocol 3 and stream version 2, the highest both run; profile 2.0, the newest"
                + " both know");
    }

    @Test
    void profilesWhenOneSideHasNone() throws Exception {
        assertThat(Negotiation.choose(hello(1, 1, 1, 1), "app", ONE, ONE, List.of("1.0", "2.0"), null).profile())
                .isEqualTo("2.0");
        assertThat(Negotiation.choose(hello(1, 1, 1, 1, "1.0"), "app", ONE, ONE, List.of(), null).profile()).isEmpty();
        assertThat(Negotiation.choose(hello(1, 1, 1, 1, "1.0", "2.0"), "app", ONE, ONE, List.of("1.0", "2.0"), "1.0")
                .profile()).isEqualTo("1.0");
    }

    @Test
    void nothingInCommonSaysWhy() {
        assertThatThrownBy(() -> Negotiation.choose(hello(3, 4, 1, 1), "app", new VersionWindow(1, 2), ONE, List.of(),
                null)).hasMessage("no migration protocol version in common: the target runs [3, 4], this source [1, 2]");
        assertThatThrownBy(() -> Negotiation.choose(hello(1, 1, 2, 2), "app", ONE, ONE, List.of(), null))
                .hasMessage("no stream format version in common: the target runs [2, 2], this source [1, 1]");
        assertThatThrownBy(() -> Negotiation.choose(hello(1, 1, 1, 1, "3.0"), "app", ONE, ONE, List.of("1.0", "2.0"),
                null)).hasMessage("the target accepts release profiles [3.0], this source writes [1.0, 2.0]: none in common");
        assertThatThrownBy(() -> Negotiation.choose(hello(1, 1, 1, 1, "2.0"), "app", ONE, ONE, List.of("1.0", "2.0"),
                "1.0")).hasMessage("the target does not accept release profile '1.0' (it accepts [2.0])");
        assertThatThrownBy(() -> Negotiation.choose(hello(1, 1, 1, 1), "other", ONE, ONE, List.of(), null))
                .hasMessage("the target runs application 'app', this source is 'other'");
    }

    @Test
    void aRelease1TargetGetsAStreamWrittenForRelease1() throws Exception {
        SampleApplication source = new SampleApplication(1 << 20, 50, 0).fill(3);
        assertThat(source.note()).isNotEmpty();
        TargetSession target = TargetSession.builder(() -> new SampleApplication(1 << 20, 50, 0, "1.0")).build();
        try (Loopback loop = Loopback.tcp(target, TIMEOUT)) {
            Recorder events = new Recorder();
            MigrationStats stats = SourceSession.builder(source).listener(events).timeout(TIMEOUT).build()
                    .migrate(loop.connect(TIMEOUT));
            SampleApplication migrated = (SampleApplication) loop.outcome();
            assertThat(stats.profile()).isEqualTo("1.0");
            assertThat(events.one(MigrationEvent.Handshake.class).note()).endsWith("profile 1.0, the newest both know");
            assertThat(migrated.note()).isEmpty(); // the 2.0 subsection was left out, as 1.0 needs
            assertThat(migrated.ticks()).isEqualTo(source.ticks());
        }
    }

    /** Protocol version 2: version 1's stages and an application's own stage with its own record type. */
    private static final int JOURNAL = 0x4000_0010;

    private static MigrationProtocol withJournal(List<String> received) {
        Stage journal = Stage.of("journal", Part.DYNAMIC,
                ctx -> ctx.writer().begin(JOURNAL).putUtf8("entry from " + ctx.application().name()).end(),
                (ctx, r) -> received.add(StandardCharsets.UTF_8.decode(r.body()).toString()))
                .withRecordTypes(Map.of(JOURNAL, "JOURNAL"));
        return MigrationProtocol.standard().withVersion(StageTable.standard().insertAfter("dynamic-sections", journal));
    }

    @Test
    void theHighestCommonProtocolVersionRunsItsStages() throws Exception {
        List<String> received = new CopyOnWriteArrayList<>();
        // both run 1 and 2: version 2, and its extra stage runs
        TargetSession target = TargetSession.builder(() -> new SampleApplication(1 << 20, 10, 0))
                .protocol(withJournal(received)).build();
        try (Loopback loop = Loopback.tcp(target, TIMEOUT)) {
            Recorder events = new Recorder();
            SampleApplication source = new SampleApplication(1 << 20, 10, 0).fill(1);
            MigrationStats stats = SourceSession.builder(source).protocol(withJournal(List.of())).listener(events)
                    .timeout(TIMEOUT).build().migrate(loop.connect(TIMEOUT));
            assertThat(loop.outcome()).isInstanceOf(SampleApplication.class);
            assertThat(stats.protocol()).isEqualTo(2);
            assertThat(received).containsExactly("entry from baton-sample");
            assertThat(events.all(MigrationEvent.StageStarted.class)).extracting(MigrationEvent.StageStarted::name)
                    .containsExactly("static-sections", "precopy", "stop-and-copy", "dynamic-sections", "journal");
        }
        // an older target runs only version 1: the source falls back to it and skips the stage
        received.clear();
        TargetSession older = TargetSession.builder(() -> new SampleApplication(1 << 20, 10, 0))
                .protocol(withJournal(received).upTo(1)).build();
        try (Loopback loop = Loopback.tcp(older, TIMEOUT)) {
            SampleApplication source = new SampleApplication(1 << 20, 10, 0).fill(1);
            MigrationStats stats = SourceSession.builder(source).protocol(withJournal(List.of())).timeout(TIMEOUT)
                    .build().migrate(loop.connect(TIMEOUT));
            SampleApplication migrated = (SampleApplication) loop.outcome();
            assertThat(stats.protocol()).isEqualTo(1);
            assertThat(received).isEmpty();
            assertThat(StateDigest.of(migrated)).isEqualTo(StateDigest.of(source));
        }
    }

    @Test
    void nothingInCommonAbortsBeforeTheStreamAndTheSourceKeepsItsState() throws Exception {
        TargetSession newer = TargetSession.builder(() -> new SampleApplication(1 << 20, 10, 0))
                .protocol(withJournal(new CopyOnWriteArrayList<>()).from(2)).build();
        try (Loopback loop = Loopback.tcp(newer, TIMEOUT)) {
            SampleApplication source = new SampleApplication(1 << 20, 10, 0).fill(1);
            String before = StateDigest.of(source);
            assertThatThrownBy(() -> SourceSession.builder(source).timeout(TIMEOUT).build().migrate(loop.connect(TIMEOUT)))
                    .isInstanceOf(MigrationFailedException.class)
                    .hasMessage("migration failed: no migration protocol version in common: the target runs [2, 2], this"
                            + " source [1, 1]; the source resumed with its state intact");
            assertThat(loop.failure()).isInstanceOf(MigrationFailedException.class).hasMessage("migration refused: the"
                    + " source aborted: no migration protocol version in common: the target runs [2, 2], this source"
                    + " [1, 1]; the target discarded what it loaded");
            assertThat(StateDigest.of(source)).isEqualTo(before);
        }
    }
}
