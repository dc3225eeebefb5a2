package dev.baton.store.live;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.migrate.session.SourceSession;
import dev.baton.migrate.session.TargetSession;
import dev.baton.migrate.transport.TcpTransport;
import dev.baton.store.server.Release;
import dev.baton.store.server.Store;
import dev.baton.store.state.StoreRelease1;
import dev.baton.store.state.StoreRelease2;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * The new process of a live update loads the switchover's sections once on scratch stores while
 * the tree streams in ({@link SwitchoverWarmup}), and the old one before its first pass: at both
 * releases the scratch load holds the connection, watch and transaction it was given, and a live
 * update's source and target have done it by the switchover, without any of it reaching either
 * real store.
 */
class SwitchoverWarmupTest {

    @Test
    void theScratchLoadHoldsAConnectionAWatchAndATransactionAtBothReleases() throws Exception {
        for (Release r : Release.values()) {
            StoreApplication target = StoreApplication.target(new Store(r, Duration.ofSeconds(30)), a -> { }, "");
            SwitchoverWarmup.Loaded loaded = SwitchoverWarmup.run(r,
                    r == Release.R1_0 ? StoreRelease1.DESCRIPTIONS : StoreRelease2.DESCRIPTIONS, target.profiles());
            assertThat(loaded).as("release %s", r.label()).extracting(SwitchoverWarmup.Loaded::connections,
                    SwitchoverWarmup.Loaded::watches, SwitchoverWarmup.Loaded::transactions).containsExactly(1, 1, 1);
            assertThat(loaded.octets()).isPositive();
            assertThat(target.warmup()).as("not before a node came").isNull();
        }
    }

    @Test
    void aLiveUpdatesSourceAndTargetWarmUpOnScratchStoresAndTheTargetServesOnlyWhatCame() throws Exception {
        Store old = new Store(Release.R2_0, Duration.ofSeconds(30));
        old.locked(() -> {
            for (int k = 0; k < 500; k++) {
                old.tree().setValue(old.tree().ensure("/data/k" + k, 0, old.tree().nextGeneration()),
                        ("v" + k).getBytes(StandardCharsets.UTF_8), old.tree().generation());
            }
            return null;
        });
        AtomicReference<StoreApplication> activated = new AtomicReference<>();
        AtomicReference<StoreApplication> sent = new AtomicReference<>();
        try (TcpTransport.Listener listener = TcpTransport.listen(
                new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
            CompletableFuture<Void> target = CompletableFuture.runAsync(() -> {
                try {
                    TargetSession.builder(() -> StoreApplication.target(new Store(Release.R1_0, Duration.ofSeconds(30)),
                            activated::set, "")).protocol(StoreApplication.PROTOCOL).build()
                            .receive(listener.accept(Duration.ofSeconds(30)));
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            StoreApplication source = StoreApplication.source(old, () -> { }, confirmed -> { });
            assertThat(source.warmup()).as("not before the first pass").isNull();
            sent.set(source);
            SourceSession.builder(source)
                    .protocol(StoreApplication.PROTOCOL).timeout(Duration.ofSeconds(30)).build()
                    .migrate(TcpTransport.connect("127.0.0.1", listener.port(), Duration.ofSeconds(10)));
            target.get(30, TimeUnit.SECONDS);
        }
        assertThat(sent.get().warmup()).as("the source's, before its first pass")
                .extracting(SwitchoverWarmup.Loaded::connections, SwitchoverWarmup.Loaded::watches,
                        SwitchoverWarmup.Loaded::transactions).containsExactly(1, 1, 1);
        assertThat(old.connections()).as("nothing of the scratch store in the source's").isEmpty();
        assertThat(old.watches().size()).isZero();
        assertThat(old.tree().find("/warm-up")).isNull();
        StoreApplication app = activated.get();
        assertThat(app.warmup()).extracting(SwitchoverWarmup.Loaded::connections, SwitchoverWarmup.Loaded::watches,
                SwitchoverWarmup.Loaded::transactions).containsExactly(1, 1, 1);
        Store now = app.store();
        assertThat(now.tree().nodeCount()).isEqualTo(old.tree().nodeCount());
        assertThat(now.tree().find("/warm-up")).isNull();
        assertThat(now.connections()).isEmpty();
        assertThat(now.watches().size()).isZero();
        assertThat(now.transactions()).isEmpty();
        assertThat(new String(now.tree().find("/data/k499").value(), StandardCharsets.UTF_8)).isEqualTo("v499");
    }
}
