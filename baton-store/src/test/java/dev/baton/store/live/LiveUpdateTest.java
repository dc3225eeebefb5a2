package dev.baton.store.live;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.store.client.StoreClient;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Live update with real processes: a store in a child JVM under load from clients moves to a new
 * child JVM, to release 1.0 and back to 2.0; and a new process that fails at each stage leaves the
 * old one serving with nothing lost.
 */
class LiveUpdateTest {
    private static final Duration T = Duration.ofSeconds(30);

    private static void populate(int port, int nodes) throws Exception {
        try (StoreClient c = StoreClient.connect(new InetSocketAddress("127.0.0.1", port), 0)) {
            for (int i = 0; i < nodes; i++) {
                c.write("/data/d" + (i % 50) + "/k" + i, "value-" + i);
            }
        }
    }

    private static void checkData(int port, int nodes) throws Exception {
        try (StoreClient c = StoreClient.connect(new InetSocketAddress("127.0.0.1", port), 0)) {
            for (int i = 0; i < nodes; i += 7) {
                assertThat(c.readString("/data/d" + (i % 50) + "/k" + i)).isEqualTo("value-" + i);
            }
        }
    }

    /** Returns once the clients have had 100 more writes acknowledged: the store serves; fails after 30 s without. */
    private static void awaitServing(Workload load) throws InterruptedException {
        long target = load.writes() + 100;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (load.writes() < target) {
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError("the clients got " + load.writes() + " writes acknowledged, not " + target);
            }
            Thread.sleep(1);
        }
    }

    @Test
    void aStoreUnderLoadMovesTo10AndBackTo20() throws Exception {
        StoreProcess first = StoreProcess.start(0, "2.0", T);
        int port = first.port();
        StoreProcess second = null;
        StoreProcess third = null;
        try {
            populate(port, 3000);
            Workload load = Workload.connect(new InetSocketAddress("127.0.0.1", port), 3);
            load.start();
            awaitServing(load);
            second = StoreProcess.takeover(port, "1.0", null, T);
            StoreProcess.Result down = first.liveUpdateTo(second, T);
            assertThat(down.ok()).as(down.message()).isTrue();
            assertThat(down.profile()).isEqualTo("1.0");
            assertThat(first.awaitExit(T)).isTrue();
            awaitServing(load);
            third = StoreProcess.takeover(port, "2.0", null, T);
            StoreProcess.Result up = second.liveUpdateTo(third, T);
            assertThat(up.ok()).as(up.message()).isTrue();
            assertThat(up.profile()).isEqualTo("2.0");
            assertThat(second.awaitExit(T)).isTrue();
            awaitServing(load);
            Workload.Report r = load.stopAndCheck(Duration.ofSeconds(10));
            load.close();
            assertThat(r.problems()).isEmpty();
            assertThat(r.lost()).isZero();
            assertThat(r.writes()).isGreaterThan(100);
            checkData(port, 3000);
        } finally {
            first.close();
            if (second != null) {
                second.close();
            }
            if (third != null) {
                third.close();
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"static", "precopy", "loaded", "activate", "killed"})
    void aNewProcessThatFailsLeavesTheOldOneServing(String stage) throws Exception {
        StoreProcess old = StoreProcess.start(0, "2.0", T);
        int port = old.port();
        StoreProcess next = null;
        try {
            populate(port, 3000);
            Workload load = Workload.connect(new InetSocketAddress("127.0.0.1", port), 2);
            load.start();
            awaitServing(load);
            next = StoreProcess.takeover(port, "2.0", stage.equals("killed") ? null : stage, T);
            if (stage.equals("killed")) {
                next.kill();
                next.awaitExit(T);
            }
            StoreProcess.Result r = old.liveUpdateTo(next, T);
            assertThat(r.ok()).isFalse();
            assertThat(old.alive()).isTrue();
            awaitServing(load); // the old one serves on
            Workload.Report report = load.stopAndCheck(Duration.ofSeconds(10));
            load.close();
            assertThat(report.problems()).isEmpty();
            assertThat(report.lost()).isZero();
            checkData(port, 3000);
        } finally {
            old.close();
            if (next != null) {
                next.close();
            }
        }
    }
}
