package dev.baton.store.tree;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * What a tree's small size rests on (docs/STORE.md, "Memory and size"; the heap itself is measured
 * by {@code bin/bench store-memory}): in a xenstore-like tree of many nodes (100 domains, each
 * owning its {@code /local/domain/D}, directories of keys), the nodes share a handful of
 * permission sets, one object each, however many nodes carry them.
 */
class PermsSharingTest {

    static NodeTree build(int nodes) {
        NodeTree t = new NodeTree();
        long g = t.nextGeneration();
        for (int group = 0; t.nodeCount() < nodes; group++) {
            for (int d = 0; d < 100 && t.nodeCount() < nodes; d++) {
                Node dir = t.ensure("/local/domain/" + d + "/data/g" + group, d, g);
                if (group == 0 && d > 0) {
                    t.setPerms(t.find("/local/domain/" + d), Perms.parse("n" + d + " r0"), g);
                }
                for (int k = 0; k < 100 && t.nodeCount() < nodes; k++) {
                    Node n = t.ensure(dir.path() + "/key" + k, d, g);
                    t.setValue(n, ("value-" + (group * 100 + k)).getBytes(StandardCharsets.US_ASCII), g);
                }
            }
        }
        return t;
    }

    @Test
    void manyNodesShareAHandfulOfPermissionSets() {
        NodeTree t = build(50_000);
        assertThat(t.nodeCount()).isEqualTo(50_000);
        Set<Perms> objects = Collections.newSetFromMap(new IdentityHashMap<>());
        Set<Perms> distinct = new HashSet<>();
        int[] nodes = {0};
        t.forEach((path, n) -> {
            objects.add(n.perms());
            distinct.add(n.perms());
            nodes[0]++;
        });
        assertThat(nodes[0]).isEqualTo(50_000);
        assertThat(objects).as("one object per distinct set").hasSameSizeAs(distinct);
        // the root's, then each domain's own set and the one its keys inherit: at most 2 a domain
        assertThat(distinct).hasSizeLessThanOrEqualTo(1 + 2 * 100);
        assertThat(t.find("/local/domain/1/data/g0/key1").perms()).isSameAs(t.find("/local/domain/1/data/g3/key7").perms());
    }
}
