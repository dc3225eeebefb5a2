package dev.baton.store.live;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.migrate.precopy.PrecopyPolicy;
import dev.baton.migrate.returnpath.ControlMessage.Report.Outcome;
import dev.baton.migrate.session.MigrationEvent;
import dev.baton.migrate.session.Received;
import dev.baton.migrate.session.RehearsalReport;
import dev.baton.migrate.session.SourceSession;
import dev.baton.migrate.session.TargetSession;
import dev.baton.migrate.transport.TcpTransport;
import dev.baton.store.client.StoreClient;
import dev.baton.store.server.ClientTrust;
import dev.baton.store.server.Store;
import dev.baton.store.server.StoreServer;
import dev.baton.store.watch.Watch;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A rehearsed live update of the store: the serving store sends its whole state and is never
 * paused, a client's writes and reads are answered while it sends (from inside its passes) and
 * after; the new store loads, reports per section and never serves.
 */
class StoreRehearsalTest {

    /** The target's outcome: a rehearsal's report, and whether the new store was ever activated. */
    private record Target(CompletableFuture<Received> received, List<String> activated) {
    }

    private static Target target(TcpTransport.Listener listener) {
        List<String> activated = new CopyOnWriteArrayList<>();
        CompletableFuture<Received> received = CompletableFuture.supplyAsync(() -> {
            try {
                return TargetSession.builder(() -> StoreApplication.target(new Store(), a -> activated.add("served"), ""))
                        .protocol(StoreApplication.PROTOCOL).build()
                        .receiveOrRehearse(listener.accept(Duration.ofSeconds(30)));
            } catch (java.io.IOException e) {
                throw new java.util.concurrent.CompletionException(e);
            }
        });
        return new Target(received, activated);
    }

    @Test
    void theStoreServesWritesAndReadsWhileItRehearsesAndIsNeverPaused() throws Exception {
        Store store = new Store();
        try (StoreServer server = StoreServer.start(store, new InetSocketAddress(InetAddress.getLoopbackAddress(), 0),
                false, ClientTrust.HELLO);
                StoreClient client = StoreClient.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(),
                        server.port()), 0);
                TcpTransport.Listener listener = TcpTransport.listen(
                        new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
            for (int i = 0; i < 300; i++) {
                client.write("/data/n" + i, "v" + i);
            }
            Target target = target(listener);
            List<String> during = new ArrayList<>();
            List<Boolean> pausedDuring = new ArrayList<>();
            StoreApplication app = StoreApplication.source(store, () -> { }, c -> { });
            RehearsalReport report = SourceSession.builder(app).protocol(StoreApplication.PROTOCOL)
                    .precopy(PrecopyPolicy.defaults()).timeout(Duration.ofSeconds(20))
                    .listener(e -> {
                        if (e instanceof MigrationEvent.Iteration it) {
                            // in the middle of the rehearsal, on its thread: a paused store would not answer
                            pausedDuring.add(store.paused());
                            client.write("/during/p" + it.index(), "x");
                            during.add(client.readString("/during/p" + it.index()));
                        }
                    }).build()
                    .rehearse(TcpTransport.connect("127.0.0.1", listener.port(), Duration.ofSeconds(10)));
            assertThat(report.passed()).as("%s", report.lines()).isTrue();
            assertThat(report.sections()).extracting(s -> s.outcome()).containsOnly(Outcome.LOADED);
            assertThat(report.sections()).extracting(s -> s.idstr()).contains("store.watches", "store.connections");
            assertThat(pausedDuring).isNotEmpty().containsOnly(false);
            assertThat(during).isNotEmpty().containsOnly("x");
            Received received = target.received().get(30, TimeUnit.SECONDS);
            assertThat(received).isInstanceOf(Received.Rehearsed.class);
            assertThat(target.activated()).isEmpty();
            // after: the same store serves on, with everything it had and what came during
            assertThat(store.paused()).isFalse();
            client.write("/after", "y");
            assertThat(client.readString("/after")).isEqualTo("y");
            assertThat(client.readString("/data/n299")).isEqualTo("v299");
            assertThat(client.readString("/during/p0")).isEqualTo("x");
        }
    }

    @Test
    void aSectionTheNewStoreRefusesIsReportedAndTheRestLoads() throws Exception {
        Store source = new Store();
        source.tree().ensure("/a", 0, source.tree().nextGeneration());
        source.watches().add(new Watch(7, "/a", "t", Watch.UNLIMITED)); // connection 7 does not exist
        try (TcpTransport.Listener listener = TcpTransport.listen(
                new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
            Target target = target(listener);
            StoreApplication app = StoreApplication.source(source, () -> { }, c -> { });
            RehearsalReport report = SourceSession.builder(app).protocol(StoreApplication.PROTOCOL)
                    .precopy(PrecopyPolicy.defaults()).timeout(Duration.ofSeconds(20)).build()
                    .rehearse(TcpTransport.connect("127.0.0.1", listener.port(), Duration.ofSeconds(10)));
            assertThat(report.passed()).isFalse();
            assertThat(report.failed()).hasSize(1);
            assertThat(report.failed().getFirst().name()).isEqualTo("store.watches/0");
            assertThat(report.failed().getFirst().reason()).contains("watch /a (token t) of connection 7: no such"
                    + " connection");
            assertThat(report.sections()).filteredOn(s -> s.outcome() == Outcome.LOADED).isNotEmpty();
            assertThat(report.verdict()).startsWith("rehearsal failed: section store.watches/0 of ");
            assertThat(target.received().get(30, TimeUnit.SECONDS)).isInstanceOf(Received.Rehearsed.class);
            assertThat(target.activated()).isEmpty();
        }
        assertThat(source.paused()).isFalse();
        assertThat(source.tree().find("/a")).isNotNull();
        assertThat(source.watches().find(7, "/a", "t")).isNotNull(); // nothing of the source changed
    }
}
