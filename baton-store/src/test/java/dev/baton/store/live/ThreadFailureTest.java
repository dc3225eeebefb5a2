package dev.baton.store.live;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.store.client.StoreClient;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A store process whose serving thread runs out of memory (a real child JVM with a small heap,
 * filled by a client) says so in one line naming the thread and what it did, with no stack trace,
 * and exits with status 70 rather than serving on without that thread.
 */
class ThreadFailureTest {
    private static final Duration T = Duration.ofSeconds(60);

    /** Bounded: a store that lost its client's thread and serves on never answers the client's write. */
    @Test
    @Timeout(value = 5, unit = TimeUnit.MINUTES)
    void aStoreThatRunsOutOfMemoryOnAThreadSaysWhichInOneLineAndExits() throws Exception {
        StoreProcess store;
        System.setProperty("baton.store.heap", "24m");
        try {
            store = StoreProcess.serve("2.0", T, "--port", "0", "--release", "2.0", "--reuse-port", "--control",
                    "--trust-hello");
        } finally {
            System.clearProperty("baton.store.heap");
        }
        try {
            String value = "v".repeat(60_000);
            try (StoreClient c = StoreClient.connect(new InetSocketAddress("127.0.0.1", store.port()), 0)) {
                for (int i = 0; i < 10_000 && store.alive(); i++) { // 600 MB: far more than the heap holds
                    c.write("/fill/k" + i, value);
                }
            } catch (Exception e) {
                // the store went: what the test waits for
            }
            assertThat(store.awaitExit(T)).as("the store ends; it said: %s", store.output()).isTrue();
            assertThat(store.process().exitValue()).as(store.output()).isEqualTo(70);
            assertThat(store.output().lines().filter(l -> l.startsWith("SEVERE: ")))
                    .as(store.output()).singleElement().satisfies(l -> assertThat(l)
                            .matches("SEVERE: thread '[^']+' \\([^)]+\\) failed: out of memory \\(Java heap space;"
                                    + " raise -Xmx\\); the store process exits \\(status 70\\): a store that lost a"
                                    + " thread may have been left half-changed"));
            assertThat(store.output()).doesNotContain("Exception in thread", "\tat ");
        } finally {
            store.close();
        }
    }
}
