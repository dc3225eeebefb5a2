package dev.baton.store.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.store.client.StoreClient;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Pausing holds every request until it ends: what a live update saves does not move, and a failed
 * update resumes serving. The tests see a request held by the store's count of those waiting for
 * the pause to end ({@link Store#waiting()}), not by how long nothing happened.
 */
class PauseTest {

    /** Returns once {@code n} requests wait for the pause to end; fails after 30 s. */
    private static void awaitWaiting(Store store, int n) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (store.waiting() < n) {
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError(store.waiting() + " requests wait for the pause to end, not " + n);
            }
            Thread.sleep(1);
        }
        assertThat(store.waiting()).isEqualTo(n);
    }

    @Test
    void requestsWaitWhilePausedAndGoOnAfter() throws Exception {
        try (StoreFixture f = new StoreFixture()) {
            StoreClient c = f.client(0);
            c.write("/a", "1");
            f.store.pause();
            assertThat(f.store.paused()).isTrue();
            CompletableFuture<Void> w = CompletableFuture.runAsync(() -> c.write("/a", "2"));
            awaitWaiting(f.store, 1); // read by the store, held
            assertThat(w).isNotDone();
            assertThat(f.store.locked(() -> new String(f.store.tree().find("/a").value()))).isEqualTo("1");
            f.store.unpause();
            w.get(30, TimeUnit.SECONDS);
            assertThat(f.store.waiting()).isZero();
            assertThat(c.readString("/a")).isEqualTo("2");
        }
    }

    @Test
    void aLineWaitingOnASocketTheClientLeftIsProcessedOnlyIfTheResumeCountsIt() throws Exception {
        // a grace far longer than the test: no expiry of the old connections waits on the pause too
        try (StoreFixture f = new StoreFixture(Release.R2_0, Duration.ofMinutes(10))) {
            StoreClient watcher = f.client(0);
            watcher.watch("/", "all");
            StoreFixture.events(watcher, 1);
            for (int i = 0; i < 20; i++) {
                Raw old = Raw.hello(f.server, 0);
                String[] w = old.welcome.split(" ");
                f.store.pause();
                Raw fresh = new Raw(f.server);
                boolean staleFirst = i % 2 == 0;
                if (staleFirst) {
                    old.send("WRITE /stale" + i + " x");          // read, then waits for the pause to end
                    awaitWaiting(f.store, 1);
                }
                fresh.send("RESUME " + w[1] + " " + w[2] + " 0"); // waits too
                awaitWaiting(f.store, staleFirst ? 2 : 1);
                if (!staleFirst) {
                    old.send("WRITE /stale" + i + " x");          // waits behind the resume
                    awaitWaiting(f.store, 2);
                }
                f.store.unpause();                                // they go in the order they came
                // the stale line first: processed, and the resume counts it; the resume first: the
                // stale line's socket no longer serves the connection, so it is dropped unprocessed
                assertThat(fresh.line()).as("iteration %d", i)
                        .isEqualTo("RESUMED " + w[1] + (staleFirst ? " 1" : " 0") + " 2.0");
                if (staleFirst) {
                    assertThat(fresh.line()).isEqualTo("OK"); // its reply, replayed
                } else {
                    fresh.send("WRITE /stale" + i + " x");   // the client sends it again
                    assertThat(fresh.line()).isEqualTo("OK");
                }
                assertThat(fresh.ask("READ /stale" + i)).isEqualTo("OK \"x\"");
                assertThat(StoreFixture.drain(watcher)).as("written once").extracting(e -> e.path())
                        .containsExactly("/stale" + i);
                assertThat(fresh.ask("BYE")).isEqualTo("OK");
                old.close();
                fresh.close();
            }
        }
    }
}
