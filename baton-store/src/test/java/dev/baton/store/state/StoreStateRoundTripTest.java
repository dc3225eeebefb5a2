package dev.baton.store.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.baton.core.engine.SectionRegistry;
import dev.baton.core.engine.StateLoader;
import dev.baton.core.engine.StateSaver;
import dev.baton.core.wire.ReaderOptions;
import dev.baton.core.wire.RecordReader;
import dev.baton.core.wire.RecordWriter;
import dev.baton.core.wire.StreamFormatException;
import dev.baton.core.wire.WriterOptions;
import dev.baton.store.client.StoreClient;
import dev.baton.store.client.StoreTransaction;
import dev.baton.store.client.WatchEvent;
import dev.baton.store.protocol.ErrorCode;
import dev.baton.store.protocol.StoreException;
import dev.baton.store.server.ClientTrust;
import dev.baton.store.server.Release;
import dev.baton.store.server.Store;
import dev.baton.store.server.StoreServer;
import dev.baton.store.tree.Access;
import dev.baton.store.tree.Perm;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Save a store that is serving clients, load it into a fresh store that takes over its port, and
 * the clients carry on: same nodes, their watches fire, their transactions commit or conflict as
 * they would have, output queued for a disconnected client arrives, exactly once.
 */
class StoreStateRoundTripTest {

    /** A serving store with nodes, watches (one with a depth), two open transactions and queued output. */
    private static final class Scene implements AutoCloseable {
        final Store store = new Store(Release.R2_0, Duration.ofSeconds(30));
        final StoreServer server;
        final StoreClient a;
        final StoreClient b;
        final StoreTransaction ta;
        final StoreTransaction tb;
        final String[] rawWelcome;

        Scene() throws Exception {
            server = StoreServer.start(store, new InetSocketAddress("127.0.0.1", 0), true, ClientTrust.HELLO);
            a = StoreClient.connect(server.address(), 0, null, Duration.ofSeconds(10));
            b = StoreClient.connect(server.address(), 1, null, Duration.ofSeconds(10));
            a.write("/local/domain/0/name", "Domain-0");
            a.mkdir("/local/domain/1");
            a.setPerms("/local/domain/1", List.of(new Perm(1, Access.NONE), new Perm(2, Access.READ)));
            b.write("/local/domain/1/name", "guest-1");
            b.write("/local/domain/1/counter", "0");
            b.write("/local/domain/1/bin", new byte[] {0, 1, 2, '\n', (byte) 0xFF});
            a.write("/vm/4f6c/uuid", "4f6c8a6e");
            a.setQuota("watches", 64);
            a.setQuota("nodes", 50, 1);
            a.watch("/local", "all");
            b.watch("/local/domain/1", "mine", 1);
            StoreFixtureEvents.take(a, 1);
            StoreFixtureEvents.take(b, 1);
            // a transaction that will commit after the move, and one that will conflict
            ta = a.transaction();
            assertThat(ta.readString("/vm/4f6c/uuid")).isEqualTo("4f6c8a6e");
            ta.write("/vm/4f6c/state", "running");
            ta.rm("/local/domain/0/name");
            tb = b.transaction();
            assertThat(tb.readString("/local/domain/1/counter")).isEqualTo("0");
            tb.write("/local/domain/1/counter", "1");
            a.write("/local/domain/1/counter", "5"); // tb now conflicts; fires on a and b
            StoreFixtureEvents.take(a, 1);
            StoreFixtureEvents.take(b, 1);
            // a raw client that watches, then goes away: its events wait in its queue
            try (Socket s = new Socket("127.0.0.1", server.port())) {
                BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.ISO_8859_1));
                OutputStream out = s.getOutputStream();
                out.write("HELLO 0\nWATCH /q raw\n".getBytes(StandardCharsets.US_ASCII));
                out.flush();
                rawWelcome = in.readLine().split(" ");
                assertThat(in.readLine()).isEqualTo("OK");
                assertThat(in.readLine()).isEqualTo("EVENT /q raw");
            }
            a.write("/q/1", "one");
            a.write("/q/2", "two");
            StoreFixtureEvents.take(a, 0);
        }

        @Override
        public void close() {
            a.abandon();
            b.abandon();
            server.close();
        }
    }

    /** Test-local helper: takes events from a client's queue. */
    static final class StoreFixtureEvents {
        static List<WatchEvent> take(StoreClient c, int n) throws InterruptedException {
            List<WatchEvent> out = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                WatchEvent e = c.nextEvent(Duration.ofSeconds(5));
                assertThat(e).as("event %d of %d", i + 1, n).isNotNull();
                out.add(e);
            }
            c.call("GET_QUOTA nodes");
            if (n == 0) { // drop whatever came (the writer's own events on /q)
                while (c.nextEvent(Duration.ZERO) != null) {
                    // drained
                }
            }
            return out;
        }
    }

    private static byte[] save(Store store, String release) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (RecordWriter w = RecordWriter.open(out, WriterOptions.defaults().withProducer("baton-store", "2.0.0")
                .withProfile(release))) {
            StateSaver.of(StoreState.forSaving(store)).forProfile(StoreRelease2.RELEASES.profile(release)).save(w);
        }
        return out.toByteArray();
    }

    private static void load(Store into, byte[] stream) throws Exception {
        try (RecordReader r = RecordReader.open(ByteBuffer.wrap(stream), ReaderOptions.defaults())) {
            StateLoader.of(StoreState.forLoading(into)).withProfiles(StoreRelease2.RELEASES).load(r);
        }
    }

    /** Pauses the old store, saves it for {@code release}, loads a new one that takes over the port. */
    private static StoreServer move(Scene scene, Store target, String release) throws Exception {
        scene.store.pause();
        byte[] stream = save(scene.store, release);
        load(target, stream);
        StoreServer next = StoreServer.start(target, new InetSocketAddress("127.0.0.1", scene.server.port()), true, ClientTrust.HELLO);
        scene.server.close(); // stops accepting, drops the sockets: the clients resume on the new store
        return next;
    }

    @Test
    void aSavedStoreLoadsIntoAFreshOneHoldingTheSameState() throws Exception {
        try (Scene scene = new Scene()) {
            scene.store.pause();
            List<String> before = StoreDump.of(scene.store, true);
            Store copy = new Store();
            load(copy, save(scene.store, "2.0"));
            assertThat(StoreDump.of(copy, true)).containsExactlyElementsOf(before);
            assertThat(before).anyMatch(l -> l.startsWith("watch Watch[connectionId=2, path=/local/domain/1, token=mine, depth=1]"));
            assertThat(before).anyMatch(l -> l.startsWith("transaction 1 of 1"));
            assertThat(before).anyMatch(l -> l.contains("output [OK, EVENT /q raw, EVENT /q/1 raw, EVENT /q/2 raw]"));
        }
    }

    @Test
    void theClientsCarryOnOnTheNewStoreAsIfNothingHappened() throws Exception {
        try (Scene scene = new Scene()) {
            Store target = new Store(Release.R2_0, Duration.ofSeconds(30));
            try (StoreServer next = move(scene, target, "2.0")) {
                StoreClient a = scene.a;
                StoreClient b = scene.b;
                assertThat(a.readString("/local/domain/0/name")).isEqualTo("Domain-0");
                assertThat(b.read("/local/domain/1/bin")).containsExactly(0, 1, 2, '\n', 0xFF);
                assertThat(b.getPerms("/local/domain/1")).containsExactly(new Perm(1, Access.NONE), new Perm(2, Access.READ));
                assertThat(a.getQuota("nodes", 1)).isEqualTo(50);
                assertThat(a.getQuota("watches")).isEqualTo(64);
                // transactions: ta commits (nothing it used changed), tb conflicts as it would have
                scene.ta.commit();
                assertThat(a.readString("/vm/4f6c/state")).isEqualTo("running");
                assertThatThrownBy(scene.tb::commit).extracting(e -> ((StoreException) e).code()).isEqualTo(ErrorCode.EAGAIN);
                // watches fire: a sees everything under /local, b only its depth
                b.write("/local/domain/1/x", "1");
                b.write("/local/domain/1/x/deeper", "2");
                assertThat(StoreFixtureEvents.take(a, 3)).containsExactly(new WatchEvent("/local/domain/0/name", "all"),
                        new WatchEvent("/local/domain/1/x", "all"), new WatchEvent("/local/domain/1/x/deeper", "all"));
                assertThat(StoreFixtureEvents.take(b, 1)).containsExactly(new WatchEvent("/local/domain/1/x", "mine"));
                assertThat(b.nextEvent(Duration.ZERO)).isNull();
                assertThat(a.reconnects()).isEqualTo(1);
                assertThat(a.release()).isEqualTo("2.0");
                // the raw client resumes on the new store and gets what was queued for it, once
                try (Socket s = new Socket("127.0.0.1", next.port())) {
                    BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.ISO_8859_1));
                    s.getOutputStream().write(("RESUME " + scene.rawWelcome[1] + " " + scene.rawWelcome[2] + " 2\n")
                            .getBytes(StandardCharsets.US_ASCII));
                    assertThat(in.readLine()).isEqualTo("RESUMED " + scene.rawWelcome[1] + " 1 2.0");
                    assertThat(in.readLine()).isEqualTo("EVENT /q/1 raw");
                    assertThat(in.readLine()).isEqualTo("EVENT /q/2 raw");
                }
                assertThat(target.connections()).hasSize(3);
            }
        }
    }

    @Test
    void aStreamForRelease10DropsGenerationsAndDepthsSoOpenTransactionsConflictOnce() throws Exception {
        try (Scene scene = new Scene()) {
            Store target = new Store(Release.R1_0, Duration.ofSeconds(30));
            try (StoreServer next = move(scene, target, "1.0")) {
                StoreClient a = scene.a;
                StoreClient b = scene.b;
                a.read("/vm/4f6c/uuid");
                assertThat(a.release()).isEqualTo("1.0"); // RESUMED told it
                assertThat(next.store().release()).isEqualTo(Release.R1_0);
                // without generations nothing tells what changed since ta began: it conflicts (spuriously, safely)
                assertThatThrownBy(scene.ta::commit).extracting(e -> ((StoreException) e).code()).isEqualTo(ErrorCode.EAGAIN);
                assertThatThrownBy(scene.tb::commit).extracting(e -> ((StoreException) e).code()).isEqualTo(ErrorCode.EAGAIN);
                // and new ones work as before
                a.inTransaction(t -> {
                    t.write("/vm/4f6c/state", "running");
                    return null;
                });
                // the depth limit is gone: b now hears about deeper changes too (more events, never fewer)
                b.write("/local/domain/1/x/deeper", "2");
                assertThat(StoreFixtureEvents.take(b, 1)).containsExactly(new WatchEvent("/local/domain/1/x/deeper", "mine"));
                assertThat(target.locked(() -> target.tree().find("/local").generation()))
                        .isEqualTo(target.locked(() -> target.tree().find("/vm").generation()));
            }
        }
    }

    @Test
    void aStreamLoadsOnlyIntoAFreshStore() throws Exception {
        try (Scene scene = new Scene()) {
            scene.store.pause();
            byte[] stream = save(scene.store, "2.0");
            Store used = new Store();
            used.tree().ensure("/already", 0, used.tree().nextGeneration());
            assertThatThrownBy(() -> load(used, stream)).isInstanceOf(StreamFormatException.class)
                    .hasMessageContaining("section store/0").hasMessageContaining("the target store is fresh");
        }
    }

    @Test
    void aStoreSavedBigSpansSeveralNodeChunksLoadedInOrder() throws Exception {
        Store big = new Store();
        long gen = big.tree().nextGeneration();
        for (int i = 0; i < 20_000; i++) {
            big.tree().setValue(big.tree().ensure("/d" + (i % 7) + "/n" + i, 0, gen), ("v" + i).getBytes(StandardCharsets.US_ASCII), gen);
        }
        SectionRegistry r = StoreState.forSaving(big);
        assertThat(r.sections()).filteredOn(s -> s.idstr().equals("store.nodes")).hasSize(3);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (RecordWriter w = RecordWriter.open(out, WriterOptions.defaults())) {
            StateSaver.of(r).save(w);
        }
        Store copy = new Store();
        load(copy, out.toByteArray());
        assertThat(StoreDump.of(copy, true)).containsExactlyElementsOf(StoreDump.of(big, true));
    }
}
