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
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Transactions: isolated until commit, atomic at commit, EAGAIN when a change since they began conflicts. */
class TransactionsTest {
    private StoreFixture f;
    private StoreClient a;
    private StoreClient b;

    @BeforeEach
    void start() throws Exception {
        f = new StoreFixture();
        a = f.client(0);
        b = f.client(0);
    }

    @AfterEach
    void stop() {
        f.close();
    }

    private static ErrorCode code(Runnable r) {
        try {
            r.run();
        } catch (StoreException e) {
            return e.code();
        }
        return null;
    }

    @Test
    void changesAreSeenInsideOnlyAndAllAtOnceAfterCommit() throws Exception {
        a.write("/acct/x", "10");
        a.write("/acct/y", "0");
        b.watch("/acct", "w");
        events(b, 1);
        StoreTransaction t = a.transaction();
        t.write("/acct/x", "5");
        t.write("/acct/y", "5");
        t.write("/acct/new/leaf", "n");
        assertThat(t.readString("/acct/x")).isEqualTo("5");
        assertThat(t.directory("/acct")).containsExactly("new", "x", "y");
        assertThat(b.readString("/acct/x")).isEqualTo("10");
        assertThat(b.directory("/acct")).containsExactly("x", "y");
        assertThat(drain(b)).isEmpty(); // nothing fires before the commit
        t.commit();
        assertThat(b.readString("/acct/x")).isEqualTo("5");
        assertThat(b.readString("/acct/y")).isEqualTo("5");
        assertThat(b.readString("/acct/new/leaf")).isEqualTo("n");
        // one event per written node; parents made on the way fire nothing
        assertThat(events(b, 3)).containsExactly(new WatchEvent("/acct/x", "w"), new WatchEvent("/acct/y", "w"),
                new WatchEvent("/acct/new/leaf", "w"));
        assertThat(drain(b)).isEmpty();
    }

    @Test
    void abortDiscardsAndTheIdIsGoneAfterTheEnd() {
        StoreTransaction t = a.transaction();
        t.write("/gone", "1");
        t.abort();
        assertThat(code(() -> a.read("/gone"))).isEqualTo(ErrorCode.ENOENT);
        assertThat(code(() -> a.call("T" + t.id() + " READ /"))).isEqualTo(ErrorCode.ENOENT);
        assertThat(code(() -> b.call("TRANSACTION_END COMMIT"))).isEqualTo(ErrorCode.EINVAL);
    }

    @Test
    void aTransactionBelongsToItsConnection() {
        StoreTransaction t = a.transaction();
        assertThat(code(() -> b.call("T" + t.id() + " READ /"))).isEqualTo(ErrorCode.ENOENT);
        assertThat(code(() -> b.call("T" + t.id() + " TRANSACTION_END COMMIT"))).isEqualTo(ErrorCode.ENOENT);
        assertThat(code(() -> a.call("T" + t.id() + " TRANSACTION_START"))).isEqualTo(ErrorCode.EINVAL);
        t.commit();
    }

    @Test
    void aChangeToWhatTheTransactionReadSinceItBeganConflicts() {
        a.write("/c/x", "1");
        StoreTransaction t = a.transaction();
        assertThat(t.readString("/c/x")).isEqualTo("1");
        t.write("/c/z", "from t");
        b.write("/c/x", "2");
        assertThat(code(t::commit)).isEqualTo(ErrorCode.EAGAIN);
        assertThat(code(() -> a.read("/c/z"))).isEqualTo(ErrorCode.ENOENT); // nothing applied
    }

    @Test
    void concurrentWritersOfTheSameNodeConflict() {
        a.write("/w", "0");
        StoreTransaction t1 = a.transaction();
        StoreTransaction t2 = b.transaction();
        t1.write("/w", "1");
        t2.write("/w", "2");
        t1.commit();
        assertThat(code(t2::commit)).isEqualTo(ErrorCode.EAGAIN);
        assertThat(a.readString("/w")).isEqualTo("1");
    }

    @Test
    void changesElsewhereDoNotConflict() {
        a.write("/mine/x", "1");
        a.write("/theirs/y", "1");
        StoreTransaction t = a.transaction();
        assertThat(t.readString("/mine/x")).isEqualTo("1");
        t.write("/mine/x", "2");
        b.write("/theirs/y", "2");
        b.write("/theirs/z", "new");
        t.commit();
        assertThat(b.readString("/mine/x")).isEqualTo("2");
    }

    @Test
    void aNodeCreatedWhereTheTransactionFoundNothingConflicts() {
        a.mkdir("/dir");
        StoreTransaction t = a.transaction();
        assertThat(code(() -> t.read("/dir/k"))).isEqualTo(ErrorCode.ENOENT);
        t.write("/dir/other", "x");
        b.write("/dir/k", "appeared");
        assertThat(code(t::commit)).isEqualTo(ErrorCode.EAGAIN);
    }

    @Test
    void aDeletionSinceTheTransactionBeganConflicts() {
        a.write("/del/x", "1");
        StoreTransaction t = a.transaction();
        t.read("/del/x");
        b.rm("/del");
        assertThat(code(t::commit)).isEqualTo(ErrorCode.EAGAIN);
    }

    @Test
    void removalsAndRewritesInsideATransaction() throws Exception {
        a.write("/r/a/1", "one");
        a.write("/r/a/2", "two");
        b.watch("/r", "w");
        events(b, 1);
        StoreTransaction t = a.transaction();
        t.rm("/r/a");
        assertThat(code(() -> t.read("/r/a/1"))).isEqualTo(ErrorCode.ENOENT);
        assertThat(t.directory("/r")).isEmpty();
        t.write("/r/a/3", "three");                                    // /r/a again, fresh
        assertThat(t.directory("/r/a")).containsExactly("3");
        assertThat(code(() -> t.read("/r/a/2"))).isEqualTo(ErrorCode.ENOENT);
        t.write("/r/tmp", "t");
        t.rm("/r/tmp");                                                // made and removed inside: no trace
        assertThat(code(() -> t.rm("/r/none/deeper"))).isEqualTo(ErrorCode.ENOENT);
        assertThat(b.directory("/r/a")).containsExactly("1", "2");
        t.commit();
        assertThat(b.directory("/r")).containsExactly("a");
        assertThat(b.directory("/r/a")).containsExactly("3");
        assertThat(events(b, 2)).containsExactly(new WatchEvent("/r/a", "w"), new WatchEvent("/r/a/3", "w"));
        assertThat(drain(b)).isEmpty();
    }

    @Test
    void permissionsAndMkdirInsideATransaction() {
        StoreTransaction t = a.transaction();
        t.mkdir("/p/q");
        t.setPerms("/p/q", List.of(new dev.baton.store.tree.Perm(3, dev.baton.store.tree.Access.READ)));
        assertThat(t.getPerms("/p/q")).containsExactly(new dev.baton.store.tree.Perm(3, dev.baton.store.tree.Access.READ));
        t.commit();
        assertThat(b.getPerms("/p/q")).containsExactly(new dev.baton.store.tree.Perm(3, dev.baton.store.tree.Access.READ));
        assertThat(b.readString("/p/q")).isEmpty();
    }

    @Test
    void inTransactionRetriesUntilTheIncrementLandsExactlyOncePerCaller() throws Exception {
        a.write("/counter", "0");
        int threads = 4;
        int perThread = 25;
        AtomicInteger retries = new AtomicInteger();
        List<Thread> ts = new ArrayList<>();
        List<StoreClient> clients = new ArrayList<>();
        for (int i = 0; i < threads; i++) {
            clients.add(f.client(0));
        }
        for (StoreClient c : clients) {
            ts.add(Thread.ofPlatform().start(() -> {
                for (int k = 0; k < perThread; k++) {
                    c.inTransaction(t -> {
                        retries.incrementAndGet();
                        int v = Integer.parseInt(t.readString("/counter"));
                        t.write("/counter", Integer.toString(v + 1));
                        return null;
                    });
                }
            }));
        }
        for (Thread t : ts) {
            t.join();
        }
        assertThat(a.readString("/counter")).isEqualTo(Integer.toString(threads * perThread));
        assertThat(retries.get()).isGreaterThanOrEqualTo(threads * perThread);
    }
}
