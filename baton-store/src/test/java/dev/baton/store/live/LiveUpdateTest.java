package dev.baton.store.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.baton.store.client.StoreClient;
import dev.baton.store.client.StoreTransaction;
import dev.baton.store.protocol.ErrorCode;
import dev.baton.store.protocol.StoreException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
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
            StoreControl.Info info = StoreControl.at(first.control()).info(T);
            assertThat(info).isEqualTo(new StoreControl.Info(first.process().pid(), "127.0.0.1", port, "2.0", 30, null,
                    List.of("--trust-hello"), true));
            populate(port, 3000);
            Workload load = Workload.connect(new InetSocketAddress("127.0.0.1", port), 3);
            load.start();
            awaitServing(load);
            second = StoreProcess.takeover(port, "1.0", null, T);
            List<LiveProgress> progress = new CopyOnWriteArrayList<>();
            StoreProcess.Result down = first.liveUpdateTo(second, T, progress::add);
            assertThat(down.ok()).as(down.message()).isTrue();
            assertThat(down.profile()).isEqualTo("1.0");
            checkProgress(progress, down);
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

    /**
     * Release 1.0 carries no node generations: after a rollback to it every node reads the
     * store's generation, so a transaction open across the rollback conflicts (EAGAIN), though
     * nothing it touched changed, and one begun after it commits. Were the nodes left at the
     * generation the stream gave them (0), the first would commit.
     */
    @Test
    void afterARollbackTo10ATransactionOpenAcrossItConflictsAndANewOneCommits() throws Exception {
        StoreProcess first = StoreProcess.start(0, "2.0", T);
        StoreProcess second = null;
        try {
            int port = first.port();
            populate(port, 500);
            try (StoreClient c = StoreClient.connect(new InetSocketAddress("127.0.0.1", port), 0)) {
                c.write("/txn/v", "before");
                StoreTransaction open = c.transaction();
                assertThat(open.readString("/txn/v")).isEqualTo("before");
                open.write("/txn/v", "from the open transaction");
                for (int i = 0; i < 20; i++) {
                    c.write("/elsewhere/k" + i, "x" + i); // the store's generation moves past the transaction's
                }
                second = StoreProcess.takeover(port, "1.0", null, T);
                StoreProcess.Result r = first.liveUpdateTo(second, T);
                assertThat(r.ok()).as(r.message()).isTrue();
                assertThat(r.profile()).isEqualTo("1.0");
                assertThatThrownBy(open::commit).isInstanceOf(StoreException.class)
                        .extracting(e -> ((StoreException) e).code()).isEqualTo(ErrorCode.EAGAIN);
                assertThat(c.readString("/txn/v")).isEqualTo("before");
                StoreTransaction after = c.transaction();
                assertThat(after.readString("/txn/v")).isEqualTo("before");
                after.write("/txn/v", "from a transaction begun after");
                after.commit();
                assertThat(c.readString("/txn/v")).isEqualTo("from a transaction begun after");
            }
            checkData(port, 500);
        } finally {
            first.close();
            if (second != null) {
                second.close();
            }
        }
    }

    /**
     * The old process said how far it got as it went: the first pass chunk by chunk over the whole
     * tree, then each pass, the last one paused; octets only grow.
     */
    private static void checkProgress(List<LiveProgress> progress, StoreProcess.Result r) {
        assertThat(progress).isNotEmpty();
        List<LiveProgress> first = progress.stream().filter(p -> p.pass() == 0).toList();
        assertThat(first).hasSizeGreaterThanOrEqualTo(2); // 3000 nodes and more, in chunks of 2000
        assertThat(first.get(0).toSend()).isGreaterThanOrEqualTo(3000);
        assertThat(first.get(first.size() - 1).sent()).isGreaterThanOrEqualTo(3000);
        LiveProgress last = progress.get(progress.size() - 1);
        assertThat(last.paused()).isTrue();
        assertThat(last.dirty()).isZero();
        assertThat(last.pass()).isEqualTo(r.iterations() - 1);
        assertThat(progress.subList(0, progress.size() - 1)).noneMatch(LiveProgress::paused);
        for (int i = 0; i < progress.size(); i++) {
            LiveProgress p = progress.get(i);
            assertThat(p.sent()).isLessThanOrEqualTo(p.toSend());
            if (i > 0) {
                assertThat(p.octets()).isGreaterThanOrEqualTo(progress.get(i - 1).octets());
                assertThat(p.pass()).isGreaterThanOrEqualTo(progress.get(i - 1).pass());
            }
        }
        assertThat(last.octets()).isLessThanOrEqualTo(r.octets());
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
