package dev.baton.store.state;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.core.engine.StateLoader;
import dev.baton.core.engine.StateSaver;
import dev.baton.core.wire.ReaderOptions;
import dev.baton.core.wire.RecordReader;
import dev.baton.core.wire.RecordWriter;
import dev.baton.core.wire.WriterOptions;
import dev.baton.store.client.StoreClient;
import dev.baton.store.client.StoreTransaction;
import dev.baton.store.client.WatchEvent;
import dev.baton.store.server.ClientTrust;
import dev.baton.store.server.Release;
import dev.baton.store.server.Store;
import dev.baton.store.server.StoreServer;
import dev.baton.store.tree.DirtyPaths;
import dev.baton.store.tree.Node;
import dev.baton.store.tree.NodeTree;
import dev.baton.store.tree.Perms;
import dev.baton.store.tree.StorePath;
import java.io.ByteArrayOutputStream;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * The hooks a live update is built on, used the way it will use them, inside one process: copy
 * the tree while the store serves (chunks, then rounds of dirty paths), pause, send the last dirty
 * paths and the rest of the state without nodes, and hand the port over. The clients under load
 * notice nothing: every acknowledged write is there, every watch event arrives once.
 */
class PreCopyHooksTest {

    /** A node as sent in a pre-copy round. */
    private record Copied(String path, byte[] value, Perms perms, long generation) {
        static Copied of(String path, Node n) {
            return new Copied(path, n.value(), n.perms(), n.generation());
        }
    }

    private static void apply(NodeTree target, List<Copied> nodes) {
        for (Copied c : nodes) {
            assertThat(target.put(c.path, c.value, c.perms, c.generation)).as("parent of %s", c.path).isTrue();
        }
    }

    /** One round: what changed since the last, read under the source's lock, applied to the target. */
    private static int round(Store source, NodeTree target) {
        List<String> removed = new ArrayList<>();
        List<Copied> send = new ArrayList<>();
        source.locked(() -> {
            DirtyPaths d = source.tree().drainDirty();
            for (String root : d.removed()) {
                if (d.removed().stream().noneMatch(r -> !r.equals(root) && StorePath.isChildOf(root, r))) {
                    removed.add(root);
                    Node now = source.tree().find(root);
                    if (now != null) { // removed and made again: send what is there now, whole
                        collectSubtree(root, now, send);
                    }
                }
            }
            d.changed().stream().sorted(Comparator.comparingInt(StorePath::depth)).forEach(p -> {
                Node n = source.tree().find(p);
                if (n != null) {
                    send.add(Copied.of(p, n));
                }
            });
            return null;
        });
        for (String root : removed) {
            target.drop(root);
        }
        send.sort(Comparator.comparingInt(c -> StorePath.depth(c.path)));
        apply(target, send);
        return removed.size() + send.size();
    }

    private static void collectSubtree(String path, Node n, List<Copied> into) {
        into.add(Copied.of(path, n));
        for (Node c : n.sortedChildren()) {
            collectSubtree(StorePath.join(path, c.name()), c, into);
        }
    }

    @Test
    void aStoreUnderLoadMovesToAnotherWithNothingLostOrRepeated() throws Exception {
        Store source = new Store(Release.R2_0, Duration.ofSeconds(30));
        StoreServer sourceServer = StoreServer.start(source, new InetSocketAddress("127.0.0.1", 0), true, ClientTrust.HELLO);
        StoreClient writer = StoreClient.connect(sourceServer.address(), 0, null, Duration.ofSeconds(10));
        StoreClient watcher = StoreClient.connect(sourceServer.address(), 0, null, Duration.ofSeconds(10));
        for (int i = 0; i < 3000; i++) {
            writer.write("/base/d" + (i % 30) + "/k" + i, "v" + i);
        }
        writer.mkdir("/txn");
        writer.mkdir("/load");
        watcher.watch("/load", "w");
        assertThat(watcher.nextEvent(Duration.ofSeconds(5))).isEqualTo(new WatchEvent("/load", "w"));
        StoreTransaction open = writer.transaction();
        open.write("/txn/x", "committed after the move");

        AtomicBoolean stop = new AtomicBoolean();
        AtomicLong acknowledged = new AtomicLong();
        Thread load = Thread.ofPlatform().start(() -> {
            for (int i = 0; !stop.get(); i++) {
                if (i % 10 == 9) {
                    writer.rm("/load/g" + (i / 10 % 7)); // the subtree this loop just made, removed (and made again later)
                } else {
                    writer.write("/load/g" + (i / 10 % 7) + "/k" + (i % 10), "v" + i);
                }
                acknowledged.incrementAndGet(); // each fires exactly one event on /load
            }
        });

        Store target = new Store(Release.R2_0, Duration.ofSeconds(30));
        source.locked(() -> {
            source.tree().trackDirty(true);
            return null;
        });
        // round 1: the whole tree, in chunks, while the source serves
        NodeTree.Walk walk = source.locked(() -> source.tree().walk());
        boolean more;
        do {
            List<Copied> chunk = new ArrayList<>();
            more = source.locked(() -> walk.step(500, (p, n) -> chunk.add(Copied.of(p, n))));
            apply(target.tree(), chunk);
        } while (more);
        // later rounds: the dirty paths, until few are left (the load goes on meanwhile)
        for (int r = 0; r < 10; r++) {
            if (round(source, target.tree()) <= 50) {
                break;
            }
        }
        // switchover
        source.pause();
        round(source, target.tree());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (RecordWriter w = RecordWriter.open(out, WriterOptions.defaults().withProfile("2.0"))) {
            StateSaver.of(StoreState.forSaving(source, StoreRelease2.DESCRIPTIONS, false))
                    .forProfile(StoreRelease2.RELEASES.profile("2.0")).save(w);
        }
        try (RecordReader rr = RecordReader.open(ByteBuffer.wrap(out.toByteArray()), ReaderOptions.defaults())) {
            StateLoader.of(StoreState.forLoading(target, StoreRelease2.DESCRIPTIONS, false))
                    .withProfiles(StoreRelease2.RELEASES).load(rr);
        }
        assertThat(StoreDump.of(target, true)).containsExactlyElementsOf(StoreDump.of(source, true));
        StoreServer targetServer = StoreServer.start(target, new InetSocketAddress("127.0.0.1", sourceServer.port()), true, ClientTrust.HELLO);
        sourceServer.close();

        long atSwitch = acknowledged.get();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (acknowledged.get() < atSwitch + 100) { // the load goes on against the new store
            assertThat(load.isAlive()).as("the load runs").isTrue();
            assertThat(System.nanoTime() - deadline).as("100 more writes within 30 s").isNegative();
            Thread.sleep(1);
        }
        stop.set(true);
        load.join();
        open.commit();
        assertThat(writer.readString("/txn/x")).isEqualTo("committed after the move");
        long expected = acknowledged.get();
        long events = 0;
        while (events < expected) {
            WatchEvent e = watcher.nextEvent(Duration.ofSeconds(10));
            assertThat(e).as("event %d of %d", events + 1, expected).isNotNull();
            events++;
        }
        watcher.call("GET_QUOTA nodes");
        assertThat(watcher.nextEvent(Duration.ZERO)).isNull();
        assertThat(writer.reconnects()).isEqualTo(1);
        assertThat(watcher.reconnects()).isEqualTo(1);
        assertThat(expected).isGreaterThan(100);
        writer.close();
        watcher.close();
        targetServer.close();
    }
}
