package dev.baton.migrate.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.baton.migrate.StateDigest;
import dev.baton.migrate.returnpath.ControlMessage;
import dev.baton.migrate.returnpath.ControlReader;
import dev.baton.migrate.returnpath.ControlWriter;
import dev.baton.migrate.sample.SampleApplication;
import dev.baton.migrate.transport.TcpTransport;
import dev.baton.migrate.transport.Transport;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/**
 * A migration over several connections (docs/MIGRATION.md, "Channels"), on real loopback
 * sockets: pages spread over the extra channels arrive whole while the application writes, a
 * connection without the migration's token is refused, a channel that drops fails the migration
 * with the source running on, and a target that takes one channel gets one.
 */
class ChannelsTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(20);

    private static TargetSession target(int channels, Loopback[] self, List<MigrationEvent> events, long bytes) {
        return TargetSession.builder(() -> new SampleApplication(bytes, 50, 0)).listener(events::add)
                .channels(channels, new LateListener(self), TIMEOUT).build();
    }

    @ParameterizedTest
    @ValueSource(ints = {2, 4})
    void everyPageArrivesOverTheChannelsWhileTheApplicationWrites(int channels) throws Exception {
        long bytes = 8L << 20;
        List<MigrationEvent> targetEvents = new CopyOnWriteArrayList<>();
        List<MigrationEvent> sourceEvents = new CopyOnWriteArrayList<>();
        Loopback[] self = new Loopback[1];
        try (Loopback target = Loopback.tcp(target(channels, self, targetEvents, bytes), TIMEOUT)) {
            self[0] = target;
            AtomicInteger opened = new AtomicInteger();
            SampleApplication source = new SampleApplication(bytes, 50, 50_000).fill(7).start();
            MigrationStats stats = SourceSession.builder(source).timeout(TIMEOUT).listener(sourceEvents::add)
                    .precopy(dev.baton.migrate.precopy.PrecopyPolicy.defaults().withBandwidthLimit(200_000_000))
                    .channels(channels, () -> {
                        opened.incrementAndGet();
                        return target.connect(TIMEOUT);
                    }).build().migrate(target.connect(TIMEOUT));
            Object migrated = target.outcome();
            assertThat(migrated).isInstanceOf(SampleApplication.class);
            assertThat(StateDigest.of((SampleApplication) migrated)).isEqualTo(StateDigest.of(source));
            assertThat(opened).hasValue(channels - 1);
            assertThat(handshake(sourceEvents).note()).endsWith("; " + channels + " channels (" + channels
                    + " asked, the target takes " + channels + ")");
            assertThat(handshake(targetEvents).note()).contains(", " + channels + " channels,");
            assertThat(stats.iterations().getFirst().pages()).isEqualTo(bytes / 4096);
            // the pages went over the other channels, and what the migration moved counts them
            assertThat(stats.octets()).isGreaterThan(bytes);
            assertThat(source.state()).startsWith("handed over");
        }
    }

    @Test
    void aTargetThatTakesOneChannelGetsOne() throws Exception {
        List<MigrationEvent> sourceEvents = new CopyOnWriteArrayList<>();
        try (Loopback target = Loopback.tcp(TargetSession.builder(() -> new SampleApplication(1 << 20, 20, 0)).build(),
                TIMEOUT)) {
            SampleApplication source = new SampleApplication(1 << 20, 20, 0).fill(3);
            SourceSession.builder(source).timeout(TIMEOUT).listener(sourceEvents::add)
                    .channels(4, () -> {
                        throw new AssertionError("no extra channel may be opened");
                    }).build().migrate(target.connect(TIMEOUT));
            assertThat(StateDigest.of((SampleApplication) target.outcome())).isEqualTo(StateDigest.of(source));
            assertThat(handshake(sourceEvents).note()).endsWith("; 1 channel (4 asked, the target takes 1)");
        }
    }

    @Test
    void aConnectionWithAnotherTokenIsRefusedAndTheMigrationGoesOn() throws Exception {
        List<MigrationEvent> targetEvents = new CopyOnWriteArrayList<>();
        Loopback[] self = new Loopback[1];
        try (Loopback target = Loopback.tcp(target(2, self, targetEvents, 1 << 20), TIMEOUT)) {
            self[0] = target;
            SampleApplication source = new SampleApplication(1 << 20, 20, 0).fill(4);
            ControlMessage[] answer = new ControlMessage[1];
            SourceSession.builder(source).timeout(TIMEOUT).channels(2, () -> {
                // a stranger joins first, with a token of its own: the target must refuse it
                try (Transport rogue = target.connect(TIMEOUT)) {
                    new ControlWriter(rogue.out()).write(new ControlMessage.Join(1, "00".repeat(16)));
                    answer[0] = new ControlReader(rogue.in(), "return path").read();
                }
                return target.connect(TIMEOUT);
            }).build().migrate(target.connect(TIMEOUT));
            assertThat(StateDigest.of((SampleApplication) target.outcome())).isEqualTo(StateDigest.of(source));
            assertThat(answer[0]).isInstanceOfSatisfying(ControlMessage.Error.class, e -> assertThat(e.reason())
                    .isEqualTo("channel refused: its token is not this migration's"));
            assertThat(targetEvents).filteredOn(MigrationEvent.ChannelRefused.class::isInstance).singleElement()
                    .satisfies(e -> assertThat(((MigrationEvent.ChannelRefused) e).reason())
                            .endsWith(" was refused as a channel: its token is not this migration's"));
        }
    }

    @Test
    void aChannelThatDropsFailsTheMigrationAndTheSourceRunsOn() throws Exception {
        List<MigrationEvent> targetEvents = new CopyOnWriteArrayList<>();
        Loopback[] self = new Loopback[1];
        long bytes = 8L << 20;
        try (Loopback target = Loopback.tcp(target(3, self, targetEvents, bytes), TIMEOUT)) {
            self[0] = target;
            SampleApplication source = new SampleApplication(bytes, 50, 0).fill(5).start();
            String before = StateDigest.of(source);
            AtomicInteger opened = new AtomicInteger();
            // the second extra channel goes through a proxy that drops it (RST both ways) after 1 MiB
            try (FaultProxy proxy = new FaultProxy(target.port(),
                    new FaultProxy.Fault(FaultProxy.Kind.DROP, FaultProxy.Direction.FORWARD, 1 << 20, 0), () -> { },
                    () -> { })) {
                SourceSession session = SourceSession.builder(source).timeout(TIMEOUT).channels(3, () ->
                        opened.incrementAndGet() == 2 ? TcpTransport.connect("127.0.0.1", proxy.port(), TIMEOUT)
                                : target.connect(TIMEOUT)).build();
                assertThatThrownBy(() -> session.migrate(target.connect(TIMEOUT)))
                        .isInstanceOf(MigrationFailedException.class)
                        // channel 2 drops; the target then closes the others, and either may be the first
                        // the source sees fail
                        .hasMessageMatching("migration failed: .*channel [12] failed: .*")
                        .hasMessageEndingWith("; the source resumed with its state intact");
                assertThat(proxy.fired()).isTrue();
            }
            assertThat(source.state()).isEqualTo("running");
            assertThat(StateDigest.of(source)).isEqualTo(before);
            assertThat(target.failure()).isInstanceOf(MigrationFailedException.class)
                    .hasMessageEndingWith("; the target discarded what it loaded");
        }
    }

    private static MigrationEvent.Handshake handshake(List<MigrationEvent> events) {
        return events.stream().filter(MigrationEvent.Handshake.class::isInstance)
                .map(MigrationEvent.Handshake.class::cast).findFirst().orElseThrow();
    }

    /** The loopback's own listener, known only once the loopback exists. */
    private record LateListener(Loopback[] loopback) implements dev.baton.migrate.transport.TransportListener {
        @Override
        public int port() {
            return loopback[0].listener.port();
        }

        @Override
        public Transport accept(Duration wait) throws IOException {
            return loopback[0].listener.accept(wait);
        }

        @Override
        public void close() {
            // the loopback closes its listener
        }
    }
}
