package dev.baton.store.server;

import static dev.baton.store.server.StoreFixture.drain;
import static dev.baton.store.server.StoreFixture.events;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.baton.store.client.StoreClient;
import dev.baton.store.client.StoreTransaction;
import dev.baton.store.client.WatchEvent;
import dev.baton.store.protocol.ErrorCode;
import dev.baton.store.protocol.StoreException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A connection outlives its socket for a grace period: the client resumes it with its id and key
 * and keeps its watches, transactions and output, with nothing lost or repeated.
 */
class ReconnectTest {

    @Test
    void aResumedConnectionKeepsItsWatchesTransactionsAndTheEventsFiredMeanwhile() throws Exception {
        try (StoreFixture f = new StoreFixture()) {
            StoreClient writer = f.client(0);
            StoreClient c = f.client(0);
            c.watch("/w", "t");
            events(c, 1);
            writer.write("/w/x", "0");
            StoreTransaction t = c.transaction();
            t.write("/w/x", "from the transaction");
            assertThat(events(c, 1)).containsExactly(new WatchEvent("/w/x", "t"));

            c.dropSocket();
            writer.write("/w/a", "1"); // fired while c may be detached
            writer.write("/w/b", "2");
            assertThat(events(c, 2)).containsExactly(new WatchEvent("/w/a", "t"), new WatchEvent("/w/b", "t"));
            t.commit();
            assertThat(writer.readString("/w/x")).isEqualTo("from the transaction");
            assertThat(events(c, 1)).containsExactly(new WatchEvent("/w/x", "t"));
            assertThat(drain(c)).isEmpty();
            assertThat(c.reconnects()).isEqualTo(1);
            assertThat(f.store.connections()).hasSize(2);
        }
    }

    @Test
    void underLoadNoEventIsLostOrDeliveredTwiceAndEveryWriteLandsOnce() throws Exception {
        try (StoreFixture f = new StoreFixture()) {
            StoreClient watcher = f.client(0);
            StoreClient writer = f.client(0);
            watcher.watch("/load", "t");
            events(watcher, 1);
            int n = 2000;
            Thread w = Thread.ofPlatform().start(() -> {
                for (int i = 0; i < n; i++) {
                    writer.write("/load/" + i, Integer.toString(i));
                }
            });
            List<String> paths = new ArrayList<>();
            int drops = 0;
            while (paths.size() < n) {
                WatchEvent e = watcher.nextEvent(Duration.ofSeconds(10));
                assertThat(e).as("event %d", paths.size()).isNotNull();
                paths.add(e.path());
                if (paths.size() % 150 == 0) {
                    watcher.dropSocket(); // and resume, mid-stream
                    writer.dropSocket();  // the writer's requests in flight are sent again, not twice
                    drops++;
                }
            }
            w.join();
            for (int i = 0; i < n; i++) {
                assertThat(paths.get(i)).isEqualTo("/load/" + i);
            }
            assertThat(drain(watcher)).isEmpty();
            // a drop while the client is still resuming from the last one closes nothing new
            assertThat(watcher.reconnects()).isBetween(1L, (long) drops);
            assertThat(writer.directory("/load")).hasSize(n);
        }
    }

    @Test
    void aConnectionNotResumedWithinTheGracePeriodIsGoneWithItsWatchesAndTransactions() throws Exception {
        try (StoreFixture f = new StoreFixture(Release.R2_0, Duration.ofMillis(200))) {
            Raw r = Raw.hello(f.server, 0);
            String[] w = r.welcome.split(" ");
            assertThat(r.ask("WATCH /x t")).isEqualTo("OK");
            assertThat(r.line()).isEqualTo("EVENT /x t");
            assertThat(r.ask("TRANSACTION_START")).startsWith("OK ");
            r.close();
            long deadline = System.nanoTime() + 5_000_000_000L;
            while (f.store.locked(() -> !f.store.connections().isEmpty()) && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertThat(f.store.locked(() -> f.store.connections().size())).isZero();
            assertThat(f.store.locked(() -> f.store.watches().size())).isZero();
            assertThat(f.store.locked(() -> f.store.transactions().size())).isZero();
            try (Raw again = new Raw(f.server)) {
                assertThat(again.ask("RESUME " + w[1] + " " + w[2] + " 2")).startsWith("ERR ENOENT");
            }
        }
    }

    @Test
    void aClientThatCannotResumeFailsItsCallsWithEconnreset() throws Exception {
        StoreFixture f = new StoreFixture(Release.R2_0, Duration.ofMillis(100));
        StoreClient c = StoreClient.connect(f.server.address(), 0, null, Duration.ofMillis(300));
        c.write("/a", "1");
        f.server.close(); // nobody listens: the client gives up
        // a call made while it still tries waits for the outcome; once it gave up, calls fail at once
        for (int i = 0; i < 2; i++) {
            assertThatThrownBy(() -> c.read("/a")).isInstanceOf(StoreException.class)
                    .extracting(e -> ((StoreException) e).code()).isEqualTo(ErrorCode.ECONNRESET);
        }
        c.abandon();
    }

    @Test
    void aDetachedConnectionWhoseUnwrittenOutputExceedsItsQuotaIsDiscarded() throws Exception {
        try (StoreFixture f = new StoreFixture()) {
            StoreClient dom0 = f.client(0);
            dom0.setQuota("output", 10);
            Raw r = Raw.hello(f.server, 0);
            String[] w = r.welcome.split(" ");
            assertThat(r.ask("WATCH /o t")).isEqualTo("OK");
            assertThat(r.line()).isEqualTo("EVENT /o t");
            r.close();
            for (int i = 0; i < 12; i++) {
                dom0.write("/o/" + i, "x");
            }
            try (Raw again = new Raw(f.server)) {
                assertThat(again.ask("RESUME " + w[1] + " " + w[2] + " 2")).startsWith("ERR ENOENT");
            }
        }
    }

    @Test
    void linesWrittenButNeverAcknowledgedAreForgottenBeyondTheQuotaAndAResumeNeedingThemFails() throws Exception {
        try (StoreFixture f = new StoreFixture()) {
            f.client(0).setQuota("output", 5);
            Raw r = Raw.hello(f.server, 0);
            String[] w = r.welcome.split(" ");
            for (int i = 0; i < 8; i++) {
                assertThat(r.ask("WRITE /k" + i + " v")).isEqualTo("OK"); // read, never acknowledged
            }
            r.close();
            try (Raw again = new Raw(f.server)) {
                assertThat(again.ask("RESUME " + w[1] + " " + w[2] + " 1")).isEqualTo(
                        "ERR ESTALE lines 2 to 3 were forgotten (the client did not acknowledge them in time)");
                assertThat(again.ask("RESUME " + w[1] + " " + w[2] + " 8")).isEqualTo("RESUMED " + w[1] + " 8 2.0");
                assertThat(again.ask("READ /k7")).isEqualTo("OK \"v\"");
            }
        }
    }

    @Test
    void aResumeOnANewSocketTakesOverFromAnOldOneTheServerStillHolds() throws Exception {
        try (StoreFixture f = new StoreFixture()) {
            Raw old = Raw.hello(f.server, 0);
            String[] w = old.welcome.split(" ");
            assertThat(old.ask("WRITE /s 1")).isEqualTo("OK");
            try (Raw fresh = new Raw(f.server)) {
                assertThat(fresh.ask("RESUME " + w[1] + " " + w[2] + " 1")).isEqualTo("RESUMED " + w[1] + " 1 2.0");
                assertThat(old.line()).as("end of stream: the server closed the old socket").isNull();
                assertThat(fresh.ask("READ /s")).isEqualTo("OK \"1\"");
            }
            old.close();
        }
    }
}
