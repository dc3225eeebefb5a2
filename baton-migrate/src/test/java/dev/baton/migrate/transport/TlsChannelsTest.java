package dev.baton.migrate.transport;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.migrate.MigratableApplication;
import dev.baton.migrate.StateDigest;
import dev.baton.migrate.precopy.PrecopyPolicy;
import dev.baton.migrate.sample.SampleApplication;
import dev.baton.migrate.session.MigrationEvent;
import dev.baton.migrate.session.SourceSession;
import dev.baton.migrate.session.TargetSession;
import dev.baton.testkit.TestKeys;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A migration over several TLS connections (docs/MIGRATION.md, "Channels"): every channel does
 * its own handshake with mutual authentication, and the region arrives whole while the
 * application writes into it.
 */
class TlsChannelsTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(20);

    @TempDir
    static Path dir;
    static TlsConfig sourceTls;
    static TlsConfig targetTls;

    @BeforeAll
    static void keys() throws Exception {
        Path sourceP12 = TestKeys.generate(dir, "baton-source", "dns:source.example");
        Path targetP12 = TestKeys.generate(dir, "baton-target", "dns:localhost,ip:127.0.0.1");
        Path sourcePem = TestKeys.certificatePem(sourceP12, dir.resolve("source-cert.pem"));
        Path targetPem = TestKeys.certificatePem(targetP12, dir.resolve("target-cert.pem"));
        sourceTls = TlsConfig.load(sourceP12, null, targetPem, TestKeys.PASSWORD);
        targetTls = TlsConfig.load(targetP12, null, sourcePem, TestKeys.PASSWORD);
    }

    @ParameterizedTest
    @ValueSource(ints = {2, 4})
    void everyPageArrivesOverTlsChannels(int channels) throws Exception {
        long bytes = 8L << 20;
        List<MigrationEvent> events = new CopyOnWriteArrayList<>();
        TlsTransport.Listener listener = TlsTransport.listen(0, targetTls).timeout(TIMEOUT);
        CompletableFuture<MigratableApplication> target = CompletableFuture.supplyAsync(() -> {
            try (listener) {
                return TargetSession.builder(() -> new SampleApplication(bytes, 50, 0)).listener(events::add)
                        .channels(channels, listener, TIMEOUT).build().receive(listener.accept(TIMEOUT));
            } catch (Exception e) {
                throw new CompletionException(e);
            }
        });
        SampleApplication source = new SampleApplication(bytes, 50, 50_000).fill(11).start();
        SourceSession.builder(source).timeout(TIMEOUT)
                .precopy(PrecopyPolicy.defaults().withBandwidthLimit(200_000_000))
                .channels(channels, () -> TlsTransport.connect("127.0.0.1", listener.port(), sourceTls, TIMEOUT))
                .build().migrate(TlsTransport.connect("127.0.0.1", listener.port(), sourceTls, TIMEOUT));
        assertThat(StateDigest.of(target.get(30, TimeUnit.SECONDS))).isEqualTo(StateDigest.of(source));
        assertThat(events).filteredOn(MigrationEvent.Handshake.class::isInstance).singleElement()
                .satisfies(e -> assertThat(((MigrationEvent.Handshake) e).note()).contains(", " + channels + " channels,"));
    }
}
