package dev.baton.migrate.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.baton.core.engine.StaticData;
import dev.baton.core.engine.StreamRefusedException;
import dev.baton.migrate.MigratableApplication;
import dev.baton.migrate.StateDigest;
import dev.baton.migrate.sample.SampleApplication;
import java.time.Duration;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/** The target refuses after the static data (nothing dynamic sent), or after the load; the source resumes either way. */
class RefusalTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    /** A target that refuses at STATIC_DATA_END or after the load. */
    private static Supplier<MigratableApplication> refusing(boolean atStaticData) {
        return () -> new Delegating(new SampleApplication(1 << 20, 20, 0)) {
            @Override
            public void checkStaticData(StaticData data) throws StreamRefusedException {
                if (atStaticData) {
                    throw new StreamRefusedException("producer " + data.header().producer() + " is on the deny list");
                }
            }

            @Override
            public void verifyLoaded() throws StreamRefusedException {
                throw new StreamRefusedException("the loaded counters fail the audit");
            }
        };
    }

    @Test
    void refusedAfterTheStaticDataNoDynamicStateIsSent() throws Exception {
        SampleApplication source = new SampleApplication(1 << 20, 20, 10_000).fill(2).start();
        Recorder events = new Recorder();
        Recorder targetEvents = new Recorder();
        try (Loopback loop = Loopback.tcp(TargetSession.builder(refusing(true)).listener(targetEvents).build(), TIMEOUT)) {
            assertThatThrownBy(() -> SourceSession.builder(source).listener(events).timeout(TIMEOUT).build()
                    .migrate(loop.connect(TIMEOUT)))
                    .isInstanceOf(MigrationFailedException.class)
                    .hasMessage("migration failed: the target refused: producer baton-sample 2.0 is on the deny"
                            + " list; the source resumed with its state intact")
                    .satisfies(e -> assertThat(((MigrationFailedException) e).refused()).isTrue());
            assertThat(loop.outcome()).isInstanceOf(MigrationFailedException.class);
        }
        assertThat(events.all(MigrationEvent.Iteration.class)).isEmpty();
        assertThat(events.all(MigrationEvent.Paused.class)).isEmpty();
        assertThat(events.all(MigrationEvent.StaticDataAccepted.class)).isEmpty();
        assertThat(targetEvents.one(MigrationEvent.Failed.class).outcome()).isEqualTo("the target discarded what it loaded");
        assertThat(source.state()).isEqualTo("running");
        SampleWrites.awaitMoreThan(source, source.ticks()); // the source runs on: its mutator writes again
        source.stop();
    }

    @Test
    void refusedAfterTheLoadThePausedSourceResumes() throws Exception {
        SampleApplication source = new SampleApplication(1 << 20, 20, 0).fill(2);
        String before = StateDigest.of(source);
        try (Loopback loop = Loopback.tcp(TargetSession.builder(refusing(false)).build(), TIMEOUT)) {
            Recorder events = new Recorder();
            assertThatThrownBy(() -> SourceSession.builder(source).listener(events).timeout(TIMEOUT).build()
                    .migrate(loop.connect(TIMEOUT)))
                    .hasMessage("migration failed: the target failed: the loaded counters fail the audit; the"
                            + " source resumed with its state intact");
            assertThat(events.all(MigrationEvent.Paused.class)).hasSize(1);
            assertThat(loop.outcome()).isInstanceOf(MigrationFailedException.class);
        }
        assertThat(source.state()).isEqualTo("running");
        assertThat(StateDigest.of(source)).isEqualTo(before);
    }

    @Test
    void aRegionOfAnotherSizeIsRefusedBeforeAnyPage() throws Exception {
        SampleApplication source = new SampleApplication(1 << 20, 20, 0).fill(2);
        try (Loopback loop = Loopback.tcp(TargetSession.builder(() -> new SampleApplication(2 << 20, 20, 0)).build(),
                TIMEOUT)) {
            assertThatThrownBy(() -> SourceSession.builder(source).timeout(TIMEOUT).build().migrate(loop.connect(TIMEOUT)))
                    .hasMessage("migration failed: the target refused: region 'ram' is 1048576 octets in pages of"
                            + " 4096 in the source but 2097152 in pages of 4096 here; the source resumed with its state"
                            + " intact");
            assertThat(loop.outcome()).isInstanceOf(MigrationFailedException.class);
        }
    }
}
