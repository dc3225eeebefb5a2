package dev.baton.store.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.store.client.StoreClient;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;

/** Pausing holds every request until it ends: what a live update saves does not move, and a failed update resumes serving. */
class PauseTest {

    @Test
    void requestsWaitWhilePausedAndGoOnAfter() throws Exception {
        try (StoreFixture f = new StoreFixture()) {
            StoreClient c = f.client(0);
            c.write("/a", "1");
            f.store.pause();
            assertThat(f.store.paused()).isTrue();
            CompletableFuture<Void> w = CompletableFuture.runAsync(() -> c.write("/a", "2"));
            assertThat(catchTimeout(w)).isTrue();
            assertThat(f.store.locked(() -> new String(f.store.tree().find("/a").value()))).isEqualTo("1");
            f.store.unpause();
            w.get(5, TimeUnit.SECONDS);
            assertThat(c.readString("/a")).isEqualTo("2");
        }
    }

    private static boolean catchTimeout(CompletableFuture<Void> f) throws Exception {
        try {
            f.get(200, TimeUnit.MILLISECONDS);
            return false;
        } catch (TimeoutException e) {
            return true;
        }
    }

    @Test
    void aLineWaitingOnASocketTheClientLeftIsProcessedOnlyIfTheResumeCountsIt() throws Exception {
        try (StoreFixture f = new StoreFixture(Release.R2_0, Duration.ofSeconds(10))) {
            StoreClient watcher = f.client(0);
            watcher.watch("/", "all");
            StoreFixture.events(watcher, 1);
            int[] orders = new int[2];
            for (int i = 0; i < 20; i++) {
                Raw old = Raw.hello(f.server, 0);
                String[] w = old.welcome.split(" ");
                f.store.pause();
                Raw fresh = new Raw(f.server);
                if (i % 2 == 0) {
                    old.send("WRITE /stale" + i + " x");          // read, then waits for the pause to end
                    Thread.sleep(20);
                }
                fresh.send("RESUME " + w[1] + " " + w[2] + " 0"); // waits too
                Thread.sleep(20);
                if (i % 2 == 1) {
                    old.send("WRITE /stale" + i + " x");          // waits behind the resume
                    Thread.sleep(20);
                }
                f.store.unpause();                                // they go in the order they came
                String resumed = fresh.line();
                boolean counted = resumed.equals("RESUMED " + w[1] + " 1 2.0");
                assertThat(resumed).isIn("RESUMED " + w[1] + " 0 2.0", "RESUMED " + w[1] + " 1 2.0");
                if (counted) {
                    assertThat(fresh.line()).isEqualTo("OK"); // its reply, replayed
                } else {
                    fresh.send("WRITE /stale" + i + " x");   // the client sends it again
                    assertThat(fresh.line()).isEqualTo("OK");
                }
                assertThat(fresh.ask("READ /stale" + i)).isEqualTo("OK \"x\"");
                assertThat(StoreFixture.drain(watcher)).as("written once").extracting(e -> e.path())
                        .containsExactly("/stale" + i);
                orders[counted ? 1 : 0]++;
                assertThat(fresh.ask("BYE")).isEqualTo("OK");
                old.close();
                fresh.close();
            }
            assertThat(orders[0]).as("stale lines dropped").isPositive();   // both orders happened
            assertThat(orders[1]).as("stale lines processed").isPositive();
        }
    }
}
