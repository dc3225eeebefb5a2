package dev.baton.store.xen;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.baton.core.GoldenHex;
import dev.baton.store.quota.Quota;
import dev.baton.store.server.Release;
import dev.baton.store.server.Store;
import dev.baton.store.tree.Access;
import dev.baton.store.tree.Node;
import dev.baton.store.tree.NodeTree;
import dev.baton.store.tree.Perm;
import dev.baton.store.tree.Perms;
import dev.baton.store.watch.Watch;
import dev.baton.xen.xenstore.ConnectionData;
import dev.baton.xen.xenstore.ConnectionSpec;
import dev.baton.xen.xenstore.DomainData;
import dev.baton.xen.xenstore.GlobalQuotaData;
import dev.baton.xen.xenstore.NodeData;
import dev.baton.xen.xenstore.Permission;
import dev.baton.xen.xenstore.WatchData;
import dev.baton.xen.xenstore.WatchDataExtended;
import dev.baton.xen.xenstore.XenstoreHeader;
import dev.baton.xen.xenstore.XenstoreImage;
import java.io.IOException;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A store's state as a xenstore migration stream, and back. */
class XenstoreDumpTest {
    private static final byte[] BINARY = {0, 1, '\n', 0, (byte) 0xFF, ' ', '"'};

    static Store sample() {
        Store s = new Store(Release.R2_0, Duration.ofMinutes(5));
        NodeTree t = s.tree();
        long g = t.nextGeneration();
        t.setValue(t.ensure("/local/domain/0/name", 0, g), bytes("Domain-0"), g);
        Node d1 = t.ensure("/local/domain/1", 0, g);
        t.setPerms(d1, Perms.of(List.of(new Perm(1, Access.NONE), new Perm(2, Access.READ))), g);
        t.setValue(t.ensure("/local/domain/1/name", 1, g), bytes("guest-1"), g);
        t.setValue(t.ensure("/local/domain/1/data/blob", 1, g), BINARY, g);
        Node w = t.ensure("/local/domain/1/data/w", 1, g);
        t.setPerms(w, Perms.of(List.of(new Perm(1, Access.BOTH), new Perm(3, Access.WRITE))), g);
        t.setValue(t.ensure("/vm/4f6c/uuid", 0, g), bytes("4f6c8a6e"), g);
        s.quotas().setGlobal(Quota.WATCHES, 64);
        s.quotas().setForDomain(Quota.NODES, 1, 50);
        s.restoreConnection(1, 0x1111L, 0, 0, 0, List.of());
        s.restoreConnection(2, 0x2222L, 1, 0, 0, List.of());
        s.watches().add(new Watch(1, "/local", "all", Watch.UNLIMITED));
        s.watches().add(new Watch(2, "/local/domain/1", "mine", 1));
        return s;
    }

    @Test
    void theDumpHoldsQuotasConnectionsWatchesNodesParentsFirstAndDomains() throws IOException {
        XenstoreImage image = XenstoreDump.image(sample());
        assertThat(image.header()).isEqualTo(new XenstoreHeader(2, ByteOrder.LITTLE_ENDIAN));
        // baton-xen's strict reader takes it: parents first, watches of known connections
        XenstoreImage read = XenstoreImage.read(image.toBytes());
        assertThat(read).isEqualTo(image);

        List<String> paths = read.committedNodes().stream().map(NodeData::path).toList();
        assertThat(paths).containsExactly("/", "/local", "/local/domain", "/local/domain/0",
                "/local/domain/0/name", "/local/domain/1", "/local/domain/1/data", "/local/domain/1/data/blob",
                "/local/domain/1/data/w", "/local/domain/1/name", "/vm", "/vm/4f6c", "/vm/4f6c/uuid");
        NodeData blob = read.committedNodes().get(7);
        assertThat(blob.value()).containsExactly(BINARY);
        assertThat(blob.permissions()).containsExactly(new Permission(Permission.Access.NONE, 1),
                new Permission(Permission.Access.READ, 2));
        assertThat(read.committedNodes().get(8).permissions()).containsExactly(
                new Permission(Permission.Access.BOTH, 1), new Permission(Permission.Access.WRITE, 3));
        assertThat(read.committedNodes().get(0).permissions()).containsExactly(new Permission(Permission.Access.NONE, 0));

        assertThat(read.all(GlobalQuotaData.class).get(0).summary())
                .isEqualTo("per domain: nodes=1000 value-size=4096 permissions=5 watches=64 transactions=10"
                        + " output=65536; global: none");
        assertThat(read.all(ConnectionData.class)).containsExactly(
                ConnectionData.idle(1, new ConnectionSpec.Socket(-1)),
                ConnectionData.idle(2, new ConnectionSpec.SharedRing(1, ConnectionSpec.DOMID_INVALID, 0)));
        assertThat(read.all(WatchData.class)).containsExactly(new WatchData(1, "/local", "all"));
        assertThat(read.all(WatchDataExtended.class)).containsExactly(
                new WatchDataExtended(2, "/local/domain/1", "mine", 1));
        assertThat(read.all(DomainData.class)).containsExactly(
                new DomainData(1, 0, List.of(new dev.baton.xen.xenstore.Quota("nodes", 50))));
    }

    @Test
    void storeToXenstoreToStoreKeepsNodesValuesPermissionsAndQuotas(@TempDir Path dir) throws IOException {
        Store from = sample();
        Path file = dir.resolve("xs.bin");
        XenstoreDump.write(from, file);

        Store to = new Store();
        XenstoreLoad.Result r = XenstoreLoad.load(to, file);
        assertThat(r.nodes()).isEqualTo(13);
        assertThat(r.quotas()).isEqualTo(7);
        assertThat(r.skipped()).containsExactly("2 connection records", "2 watch records");

        List<String> a = new ArrayList<>();
        List<String> b = new ArrayList<>();
        from.tree().forEach((p, n) -> a.add(p + " " + HexFormat.of().formatHex(n.value()) + " " + n.perms()));
        to.tree().forEach((p, n) -> b.add(p + " " + HexFormat.of().formatHex(n.value()) + " " + n.perms()));
        assertThat(b).isEqualTo(a);
        assertThat(to.tree().find("/local/domain/1/data/blob").value()).containsExactly(BINARY);
        assertThat(to.tree().owned(1)).isEqualTo(from.tree().owned(1));
        assertThat(to.quotas().global(Quota.WATCHES)).isEqualTo(64);
        assertThat(to.quotas().limit(Quota.NODES, 1)).isEqualTo(50);
        // and the loaded store dumps the same nodes again
        assertThat(XenstoreDump.image(to).committedNodes()).isEqualTo(XenstoreDump.image(from).committedNodes());
    }

    @Test
    void aValueOverXenstoresLimitIsRefusedNamingTheNode() {
        Store s = new Store();
        NodeTree t = s.tree();
        long g = t.nextGeneration();
        t.setValue(t.ensure("/big/one", 0, g), new byte[65536], g);
        assertThatThrownBy(() -> XenstoreDump.image(s)).isInstanceOf(XenstoreConversionException.class)
                .hasMessage("node /big/one has a value of 65536 octets: xenstore's format holds at most 65535");
        t.setValue(t.find("/big/one"), new byte[65535], t.nextGeneration());
        assertThat(XenstoreDump.image(s).committedNodes().get(2).value()).hasSize(65535);
    }

    @Test
    void theSpecBuiltVectorOfBatonXenSeedsAStore() throws IOException {
        Store s = new Store();
        XenstoreLoad.Result r = XenstoreLoad.load(s, XenstoreImage.read(vector("xenstore-v2-le.hex")));
        assertThat(r.nodes()).isEqualTo(6);
        assertThat(r.skipped()).containsExactly("1 quota memory (the store has none of that name)",
                "1 domain features", "1 GLOBAL_DATA (xenstored's file descriptors)", "2 connection records",
                "2 watch records", "1 transaction", "2 node of a pending transaction records",
                "1 stale permission entry");
        NodeTree t = s.tree();
        assertThat(t.nodeCount()).isEqualTo(6);
        assertThat(new String(t.find("/local/domain/1/name").value(), StandardCharsets.UTF_8)).isEqualTo("guest1");
        assertThat(t.find("/local/domain/1/blob").value()).containsExactly(0, 1, 2);
        assertThat(t.find("/local/domain/1/blob").perms().toString()).isEqualTo("b1 w3");
        assertThat(t.find("/local/domain/1").perms().toString()).isEqualTo("n1"); // r2 was stale
        assertThat(s.quotas().limit(Quota.NODES, 1)).isEqualTo(500);
        assertThat(s.quotas().limit(Quota.NODES, 2)).isEqualTo(1000);
        assertThat(s.quotas().global(Quota.WATCHES)).isEqualTo(128);
    }

    @Test
    void aNodeOverTheStoresQuotaIsRefusedAndNothingLoads() {
        XenstoreImage image = new XenstoreImage(new XenstoreHeader(2, ByteOrder.LITTLE_ENDIAN), List.of(
                NodeData.committed("/a", bytes("x"), List.of(new Permission(Permission.Access.NONE, 0))),
                NodeData.committed("/a/big", new byte[5000], List.of(new Permission(Permission.Access.NONE, 7)))));
        Store s = new Store();
        assertThatThrownBy(() -> XenstoreLoad.load(s, image)).isInstanceOf(XenstoreConversionException.class)
                .hasMessage("node /a/big has a value of 5000 octets, over the store's value-size quota 4096"
                        + " for its owner, domain 7");
        assertThat(s.tree().nodeCount()).isEqualTo(1);
    }

    @Test
    void aStoreWithNodesIsNotSeeded() {
        Store s = sample();
        assertThatThrownBy(() -> XenstoreLoad.load(s, XenstoreDump.image(s)))
                .hasMessage("the store has 13 nodes: a xenstore dump seeds a store that has the root alone");
    }

    /** A golden vector of baton-xen, read as baton-xen's tests read it. */
    static byte[] vector(String name) {
        return GoldenHex.file(Path.of("../baton-xen/src/test/resources/xen", name));
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
