package dev.baton.store.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.baton.migrate.precopy.OnLimit;
import dev.baton.migrate.precopy.PrecopyPolicy;
import dev.baton.migrate.precopy.ThrottleSteps;
import dev.baton.migrate.session.MigrationEvent;
import dev.baton.migrate.session.MigrationFailedException;
import dev.baton.migrate.session.SourceSession;
import dev.baton.migrate.session.TargetSession;
import dev.baton.migrate.transport.TcpTransport;
import dev.baton.store.server.Store;
import dev.baton.store.tree.Node;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * A store whose tree changes faster than its pre-copy rounds converge: {@link OnLimit#ABORT} fails
 * the live update before the pause with the store serving on and every value as written, and
 * {@link OnLimit#THROTTLE} steps its throttle up until a round converges. The changes are made by
 * the test on the session's thread, after each round (through the live update's progress hook):
 * {@link #KEYS} paths a round, fewer by the store's throttle percent, which is how much a client
 * the store holds back writes less. So a round changes exactly that many paths and every decision
 * follows from those counts, whatever the machine does.
 */
class StoreOnLimitTest {
    /** Paths changed after each round: more than the 300 a converged round sends. */
    private static final int KEYS = 400;

    /** The source store, with {@code /busy/k0..k399}, rewritten after every live pass. */
    private static final class Busy {
        final Store store = new Store();
        final List<String> written = new ArrayList<>();
        long round;

        Busy() {
            write(KEYS);
        }

        /** Rewrites the first {@code n} keys with this round's value. */
        void write(int n) {
            round++;
            store.locked(() -> {
                for (int k = 0; k < n; k++) {
                    Node node = store.tree().ensure("/busy/k" + k, 0, store.tree().nextGeneration());
                    store.tree().setValue(node, ("round " + round).getBytes(StandardCharsets.UTF_8),
                            store.tree().nextGeneration());
                }
                return null;
            });
            written.add(n + " at " + store.throttled() + " %");
        }

        /** After each live pass: fewer writes as the throttle holds the writer back. */
        void afterPass(LiveProgress p) {
            if (!p.paused()) {
                write(KEYS * (100 - store.throttled()) / 100);
            }
        }

        String value(Store s, int k) {
            Node n = s.tree().find("/busy/k" + k);
            return n == null ? null : new String(n.value(), StandardCharsets.UTF_8);
        }
    }

    /** Live-updates {@code busy} into a new store under {@code onLimit}; the events, the target's store or failure. */
    private static Throwable update(Busy busy, OnLimit onLimit, List<MigrationEvent> events,
            AtomicReference<Store> migrated) throws Exception {
        try (TcpTransport.Listener listener = TcpTransport.listen(
                new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
            CompletableFuture<Throwable> target = CompletableFuture.supplyAsync(() -> catchThrowable(
                    () -> TargetSession.builder(() -> StoreApplication.target(new Store(), a -> migrated.set(a.store()),
                            "")).protocol(StoreApplication.PROTOCOL).build()
                            .receive(listener.accept(Duration.ofSeconds(30)))));
            StoreApplication app = StoreApplication.source(busy.store, () -> { }, confirmed -> { }, busy::afterPass);
            Throwable sent = catchThrowable(() -> SourceSession.builder(app).protocol(StoreApplication.PROTOCOL)
                    .precopy(PrecopyPolicy.defaults().withOnLimit(onLimit)).listener(events::add)
                    .timeout(Duration.ofSeconds(20)).build()
                    .migrate(TcpTransport.connect("127.0.0.1", listener.port(), Duration.ofSeconds(10))));
            Throwable received = target.get(30, TimeUnit.SECONDS);
            return sent != null ? sent : received;
        }
    }

    @Test
    void abortFailsBeforeThePauseAndTheStoreServesOnWithEveryValue() throws Exception {
        Busy busy = new Busy();
        List<MigrationEvent> events = new CopyOnWriteArrayList<>();
        AtomicReference<Store> migrated = new AtomicReference<>();
        Throwable failed = update(busy, OnLimit.ABORT, events, migrated);
        assertThat(failed).isInstanceOf(MigrationFailedException.class).hasMessage("migration failed: pre-copy of the"
                + " store's tree did not converge in 30 passes: the last sent 400 nodes while 400 paths changed, and a"
                + " switchover waits for a pass of 300 or fewer; aborted before the pause (on limit: abort); the source"
                + " resumed with its state intact");
        assertThat(migrated.get()).as("nothing activated").isNull();
        assertThat(events).noneMatch(e -> e instanceof MigrationEvent.Paused || e instanceof MigrationEvent.Switchover
                || e instanceof MigrationEvent.Throttled);
        assertThat(busy.store.paused()).as("it serves on").isFalse();
        for (int k = 0; k < KEYS; k++) {
            assertThat(busy.value(busy.store, k)).isEqualTo("round " + busy.round);
        }
    }

    @Test
    void throttleStepsUpUntilARoundConvergesAndIsReleasedAtThePause() throws Exception {
        Busy busy = new Busy();
        List<MigrationEvent> events = new CopyOnWriteArrayList<>();
        AtomicReference<Store> migrated = new AtomicReference<>();
        assertThat(update(busy, OnLimit.THROTTLE, events, migrated)).isNull();
        List<Integer> percents = events.stream().filter(MigrationEvent.Throttled.class::isInstance)
                .map(e -> ((MigrationEvent.Throttled) e).percent()).toList();
        // after pass 0 (the whole tree, 400 of its paths changed again), and each round of 320 then 280 changes:
        // 280 sent is a converged round
        assertThat(percents).containsExactly(ThrottleSteps.INITIAL, 30, 40, 0);
        assertThat(busy.written).startsWith("400 at 0 %", "400 at 0 %", "320 at 20 %", "280 at 30 %", "240 at 40 %");
        MigrationEvent.Switchover s = (MigrationEvent.Switchover) events.stream()
                .filter(MigrationEvent.Switchover.class::isInstance).findFirst().orElseThrow();
        assertThat(s.reason()).isEqualTo(MigrationEvent.Reason.CONVERGED);
        int paused = events.indexOf(events.stream().filter(MigrationEvent.Paused.class::isInstance).findFirst()
                .orElseThrow());
        assertThat(events.indexOf(s)).isLessThan(paused);
        assertThat(events.getLast()).isInstanceOf(MigrationEvent.Completed.class);
        assertThat(busy.store.throttled()).as("released").isZero();
        for (int k = 0; k < KEYS; k++) {
            assertThat(busy.value(migrated.get(), k)).as("k%d", k).isEqualTo(busy.value(busy.store, k));
        }
    }
}
