package dev.baton.store.state;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.core.engine.SectionRegistry;
import dev.baton.core.wire.WriterOptions;
import dev.baton.store.server.Connection;
import dev.baton.store.server.Release;
import dev.baton.store.server.Store;
import dev.baton.store.tree.Access;
import dev.baton.store.tree.Node;
import dev.baton.store.tree.NodeTree;
import dev.baton.store.tree.Perm;
import dev.baton.store.tree.Perms;
import dev.baton.store.txn.Transaction;
import dev.baton.store.watch.Watch;
import dev.baton.testkit.GoldenStreams;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * The golden-stream kit on the store: the streams releases 1.0 and 2.0 wrote load in the current
 * build (live update), and what the current build writes for 1.0 loads with 1.0's frozen
 * descriptions (rollback).
 */
class StoreGoldenStreamsTest {
    private static final Path GOLDEN = Path.of("src/test/resources/golden/store");
    private static final GoldenStreams KIT = GoldenStreams.in(GOLDEN).releases(StoreRelease2.RELEASES);
    /** The sample's store generation when saved. */
    private static final long GENERATION = 9;

    /** The state both releases' sample streams hold: three domains' nodes, two connections, two watches, a transaction. */
    static Store sample() {
        Store s = new Store(Release.R2_0, Duration.ofMinutes(5));
        NodeTree t = s.tree();
        long g = t.nextGeneration(); // 1
        Node d0 = t.ensure("/local/domain/0/name", 0, g);
        t.setValue(d0, bytes("Domain-0"), g);
        g = t.nextGeneration(); // 2
        Node d1 = t.ensure("/local/domain/1", 0, g);
        t.setPerms(d1, Perms.of(List.of(new Perm(1, Access.NONE), new Perm(2, Access.READ))), g);
        g = t.nextGeneration(); // 3
        t.setValue(t.ensure("/local/domain/1/name", 1, g), bytes("guest-1"), g);
        g = t.nextGeneration(); // 4
        t.setValue(t.ensure("/local/domain/1/data/blob", 1, g), new byte[] {0, 1, '\n', (byte) 0xFF}, g);
        g = t.nextGeneration(); // 5
        t.setValue(t.ensure("/vm/4f6c/uuid", 0, g), bytes("4f6c8a6e-9d1e-4c2b-9a53-2b1d7a0e6f11"), g);
        for (int i = 6; i <= GENERATION; i++) {
            g = t.nextGeneration();
            t.setValue(t.ensure("/local/domain/1/counter", 1, g), bytes(Integer.toString(i)), g);
        }
        s.quotas().setGlobal(dev.baton.store.quota.Quota.WATCHES, 64);
        s.quotas().setForDomain(dev.baton.store.quota.Quota.NODES, 1, 50);
        s.restoreCounters(3, 8);
        s.restoreConnection(1, 0x1111_2222_3333_4444L, 0, 12, 5, List.of("OK", "EVENT /local/domain/1/counter all"));
        s.restoreConnection(2, 0x5555_6666_7777_8888L, 1, 7, 3, List.of());
        s.watches().add(new Watch(1, "/local", "all", Watch.UNLIMITED));
        s.watches().add(new Watch(2, "/local/domain/1", "mine", 1));
        Transaction tx = new Transaction(7, 2, 6);
        tx.restoreRead("/local/domain/1/name");
        tx.restoreWritten("/local/domain/1/name", new Transaction.Written(bytes("renamed"),
                Perms.of(List.of(new Perm(1, Access.NONE), new Perm(2, Access.READ))), true));
        tx.restoreDeleted("/local/domain/1/data");
        s.restoreTransaction(tx);
        return s;
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /** What every release's stream of the sample loads as; {@code from2} for what only 2.0 carries. */
    static void verify(Store s, boolean from2) {
        NodeTree t = s.tree();
        assertThat(t.nodeCount()).isEqualTo(13);
        assertThat(t.generation()).isEqualTo(GENERATION);
        assertThat(new String(t.find("/local/domain/0/name").value(), StandardCharsets.UTF_8)).isEqualTo("Domain-0");
        assertThat(t.find("/local/domain/1/data/blob").value()).containsExactly(0, 1, '\n', 0xFF);
        assertThat(t.find("/local/domain/1").perms().toString()).isEqualTo("n1 r2");
        assertThat(t.find("/local/domain/1/name").perms().toString()).isEqualTo("n1 r2");
        assertThat(t.owned(1)).isEqualTo(5);
        // 2.0 streams carry the generations; with a 1.0 stream every node gets the store's
        assertThat(t.find("/vm/4f6c/uuid").generation()).isEqualTo(from2 ? 5 : GENERATION);
        assertThat(t.find("/local/domain/1/counter").generation()).isEqualTo(GENERATION);
        assertThat(s.quotas().global(dev.baton.store.quota.Quota.WATCHES)).isEqualTo(64);
        assertThat(s.quotas().limit(dev.baton.store.quota.Quota.NODES, 1)).isEqualTo(50);
        assertThat(s.nextConnectionId()).isEqualTo(3);
        assertThat(s.nextTransactionId()).isEqualTo(8);
        assertThat(s.connections()).extracting(Connection::id).containsExactly(1L, 2L);
        Connection c1 = s.connection(1);
        assertThat(c1.key()).isEqualTo(0x1111_2222_3333_4444L);
        assertThat(c1.requestsProcessed()).isEqualTo(12);
        assertThat(c1.firstQueuedLine()).isEqualTo(5);
        assertThat(c1.queuedOutput()).containsExactly("OK", "EVENT /local/domain/1/counter all");
        assertThat(c1.attached()).isFalse();
        assertThat(s.connection(2).domid()).isEqualTo(1);
        assertThat(s.watches().all()).containsExactly(new Watch(1, "/local", "all", Watch.UNLIMITED),
                new Watch(2, "/local/domain/1", "mine", from2 ? 1 : Watch.UNLIMITED));
        assertThat(s.transactions()).hasSize(1);
        Transaction tx = s.transactions().iterator().next();
        assertThat(tx.id()).isEqualTo(7);
        assertThat(tx.connectionId()).isEqualTo(2);
        assertThat(tx.baseGeneration()).isEqualTo(6);
        assertThat(tx.readSet()).containsExactly("/local/domain/1/name");
        assertThat(tx.deletedSet()).containsExactly("/local/domain/1/data");
        assertThat(tx.writtenSet()).containsOnlyKeys("/local/domain/1/name");
        assertThat(tx.writtenSet().get("/local/domain/1/name").value()).isEqualTo(bytes("renamed"));
        assertThat(tx.writtenSet().get("/local/domain/1/name").fires()).isTrue();
        assertThat(s.connection(2).toString()).contains("detached");
        // A 2.0 store sees the transaction's read changed since it began (counter is elsewhere): it does not conflict
        // with the 2.0 stream's generations; with the 1.0 stream's, everything looks changed.
        assertThat(tx.conflicts(t)).isEqualTo(!from2);
    }

    @TestFactory
    Stream<DynamicTest> everyReleasesStreamsLoadInTheCurrentBuild() {
        return KIT.forward(() -> StoreState.forLoading(new Store()), (file, registry) ->
                verify(StoreState.storeOf(registry), file.toString().contains("2.0")));
    }

    @TestFactory
    Stream<DynamicTest> whatTheCurrentBuildWritesForRelease10LoadsWithItsDescriptions() {
        return KIT.backward(() -> StoreState.forSaving(sample()),
                Map.of("1.0", () -> StoreState.forLoading(new Store(Release.R1_0, Duration.ofMinutes(5)),
                        StoreRelease1.DESCRIPTIONS)),
                (release, registry) -> verify(StoreState.storeOf(registry), false));
    }

    @Test
    void theCurrentBuildsOwnStreamLoadsWithEverything() throws Exception {
        SectionRegistry saved = StoreState.forSaving(sample());
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        try (var w = dev.baton.core.wire.RecordWriter.open(out, WriterOptions.defaults().withProfile("2.0"))) {
            dev.baton.core.engine.StateSaver.of(saved).forProfile(StoreRelease2.RELEASES.profile("2.0")).save(w);
        }
        Store loaded = new Store();
        try (var r = dev.baton.core.wire.RecordReader.open(java.nio.ByteBuffer.wrap(out.toByteArray()),
                dev.baton.core.wire.ReaderOptions.defaults())) {
            dev.baton.core.engine.StateLoader.of(StoreState.forLoading(loaded)).withProfiles(StoreRelease2.RELEASES).load(r);
        }
        verify(loaded, true);
    }

    /** Records the releases' sample streams; run once per release with -Dbaton.golden.record=true, then commit. */
    @Test
    void recordTheReleasesStreams() throws Exception {
        Assumptions.assumeTrue(System.getProperty("baton.golden.record") != null,
                "records golden streams only when run with -Dbaton.golden.record=true");
        WriterOptions options = WriterOptions.defaults().withProducer("baton-store", "1.0.0")
                .withCreated(Instant.parse("2026-11-01T00:00:00Z"));
        KIT.record("1.0", "store", StoreState.forSaving(sample(), StoreRelease1.DESCRIPTIONS), options);
        KIT.record("2.0", "store", StoreState.forSaving(sample()), options.withProducer("baton-store", "2.0.0"));
    }
}
