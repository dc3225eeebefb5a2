package dev.baton.migrate.session;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.migrate.StateDigest;
import dev.baton.migrate.sample.SampleApplication;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** A whole migration over loopback TCP: the target ends with exactly the source's state. */
class TcpMigrationTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    @Test
    void aRunningApplicationMigratesWithItsWholeState() throws Exception {
        SampleApplication source = new SampleApplication(4 << 20, 200, 50_000).fill(7).start();
        SampleWrites.awaitMoreThan(source, 0); // the state changes while it migrates, from the start
        Recorder targetEvents = new Recorder();
        TargetSession target = TargetSession.builder(() -> new SampleApplication(4 << 20, 200, 0))
                .listener(targetEvents).build();
        try (Loopback loop = Loopback.tcp(target, TIMEOUT)) {
            Recorder events = new Recorder();
            MigrationStats stats = SourceSession.builder(source).listener(events).timeout(TIMEOUT).build()
                    .migrate(loop.connect(TIMEOUT));
            Object outcome = loop.outcome();
            assertThat(outcome).isInstanceOf(SampleApplication.class);
            SampleApplication migrated = (SampleApplication) outcome;
            assertThat(migrated.state()).isEqualTo("active");
            assertThat(source.state()).isEqualTo("handed over");
            assertThat(StateDigest.of(migrated)).isEqualTo(StateDigest.of(source));
            assertThat(migrated.ticks()).isEqualTo(source.ticks()).isPositive();
            assertThat(stats.targetConfirmed()).isTrue();
            assertThat(stats.profile()).isEqualTo("2.0");
            assertThat(stats.iterations()).isNotEmpty();
            assertThat(stats.downtimeNanos()).isPositive();
            assertThat(events.one(MigrationEvent.Handshake.class).note()).contains("profile 2.0, the newest both know");
            assertThat(targetEvents.all(MigrationEvent.Activated.class)).hasSize(1);
        }
    }
}
