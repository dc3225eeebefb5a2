package dev.baton.migrate.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.baton.core.engine.Quirk;
import dev.baton.core.engine.Quirks;
import dev.baton.migrate.StateDigest;
import dev.baton.migrate.sample.SampleApplication;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * A live migration over loopback TCP from a release that lied about a section's version (the
 * sample's "2.0.1" declares {@code sample.counters} at version 2 with version 1's layout): the
 * target refuses it, and the source resumes with nothing lost, until the target knows the quirk;
 * then it loads the very state a truthful source of the same seed has.
 */
class QuirksTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final int REGION = 1 << 20;
    private static final int SESSIONS = 50;

    private static SampleApplication lying() {
        return SampleApplication.mislabelling(REGION, SESSIONS, "2.0.1", Map.of("sample.counters", 2)).fill(4).start();
    }

    private static Quirk counters(AtomicReference<Object> fixedUp) {
        return new Quirk("baton-sample", "2.0.1", "2.0.9", "sample.counters", 2, 1, "2.0.1 declared the version early",
                fixedUp::set);
    }

    private static TargetSession target(Quirks quirks, Recorder events) {
        return TargetSession.builder(() -> new SampleApplication(REGION, SESSIONS, 0)).quirks(quirks).listener(events)
                .build();
    }

    @Test
    void withoutTheQuirkTheTargetRefusesAndTheSourceResumesWithItsState() throws Exception {
        SampleApplication source = lying();
        String before = StateDigest.of(source);
        Recorder targetEvents = new Recorder();
        try (Loopback loop = Loopback.tcp(target(Quirks.none(), targetEvents), TIMEOUT)) {
            assertThatThrownBy(() -> SourceSession.builder(source).timeout(TIMEOUT).build().migrate(loop.connect(TIMEOUT)))
                    .isInstanceOf(MigrationFailedException.class)
                    .hasMessageContaining("section sample.counters/0")
                    .hasMessageContaining("'sample.counters' version 2 is too new: this build loads versions 1 to 1")
                    .hasMessageEndingWith("; the source resumed with its state intact");
            assertThat(loop.failure()).isInstanceOf(MigrationFailedException.class)
                    .hasMessageEndingWith("; the target discarded what it loaded");
        }
        assertThat(source.state()).isEqualTo("running");
        assertThat(StateDigest.of(source)).isEqualTo(before);
        assertThat(targetEvents.all(MigrationEvent.QuirkApplied.class)).isEmpty();
        assertThat(targetEvents.all(MigrationEvent.Activated.class)).isEmpty();
    }

    @Test
    void withTheQuirkTheTargetLoadsTheSourcesStateAndSaysWhichQuirkApplied() throws Exception {
        SampleApplication source = lying();
        AtomicReference<Object> fixedUp = new AtomicReference<>();
        Recorder targetEvents = new Recorder();
        try (Loopback loop = Loopback.tcp(target(Quirks.none().add(counters(fixedUp)), targetEvents), TIMEOUT)) {
            MigrationStats stats = SourceSession.builder(source).timeout(TIMEOUT).build().migrate(loop.connect(TIMEOUT));
            assertThat(stats.targetConfirmed()).isTrue();
            SampleApplication migrated = (SampleApplication) loop.outcome();
            assertThat(migrated.state()).isEqualTo("active");
            // what a source that does not lie, filled from the same seed, has
            assertThat(StateDigest.of(migrated)).isEqualTo(StateDigest.of(new SampleApplication(REGION, SESSIONS, 0)
                    .fill(4)));
            assertThat(migrated.note()).isEqualTo("filled from seed 4");
        }
        assertThat(targetEvents.one(MigrationEvent.QuirkApplied.class).applied()).isEqualTo("sample.counters/0: quirk: "
                + "baton-sample 2.0.1..2.0.9 wrote sample.counters as version 2 with the layout of version 1 (2.0.1 "
                + "declared the version early)");
        assertThat(fixedUp.get()).as("the quirk's fix-up ran on the loaded counters").isNotNull();
        assertThat(fixedUp.get().getClass().getSimpleName()).isEqualTo("Counters");
    }

    @Test
    void aQuirkForAnotherReleaseLeavesATruthfulSourceAlone() throws Exception {
        SampleApplication source = new SampleApplication(REGION, SESSIONS, 0).fill(4).start();
        AtomicReference<Object> fixedUp = new AtomicReference<>();
        Recorder targetEvents = new Recorder();
        try (Loopback loop = Loopback.tcp(target(Quirks.none().add(counters(fixedUp)), targetEvents), TIMEOUT)) {
            SourceSession.builder(source).timeout(TIMEOUT).build().migrate(loop.connect(TIMEOUT));
            assertThat(StateDigest.of((SampleApplication) loop.outcome())).isEqualTo(StateDigest.of(source));
        }
        assertThat(targetEvents.all(MigrationEvent.QuirkApplied.class)).isEmpty();
        assertThat(fixedUp.get()).isNull();
    }
}
