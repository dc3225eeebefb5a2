package dev.baton.bench;

import dev.baton.store.server.Store;
import dev.baton.store.tree.Node;
import dev.baton.store.tree.NodeTree;
import dev.baton.store.tree.Perms;
import java.nio.charset.StandardCharsets;

/**
 * Stores of N nodes in a xenstore-like shape, for the store's size and save/load figures
 * (docs/STORE.md, "Memory and size"): 100 domains, each owning its {@code /local/domain/D}
 * (permissions {@code nD r0}, shared by everything under it), directories of 100 keys, values of
 * 8 to 16 octets.
 */
final class XenstoreTrees {
    private XenstoreTrees() {
    }

    /** A store whose tree has {@code nodes} nodes, the root included (a few more when a directory comes last). */
    static Store store(int nodes) {
        Store store = new Store();
        fill(store.tree(), nodes);
        return store;
    }

    /** Fills {@code t} up to {@code nodes} nodes, as {@link #store}. */
    static NodeTree fill(NodeTree t, int nodes) {
        long g = t.nextGeneration();
        for (int group = 0; ; group++) {
            for (int d = 0; d < 100; d++) {
                if (t.nodeCount() >= nodes) {
                    return t;
                }
                Node dir = t.ensure("/local/domain/" + d + "/data/g" + group, d, g);
                if (group == 0 && d > 0) {
                    t.setPerms(t.find("/local/domain/" + d), Perms.parse("n" + d + " r0"), g);
                }
                for (int k = 0; k < 100; k++) {
                    if (t.nodeCount() >= nodes) {
                        return t;
                    }
                    Node n = t.ensure(dir.path() + "/key" + k, d, g);
                    t.setValue(n, ("value-" + (group * 100 + k)).getBytes(StandardCharsets.US_ASCII), g);
                }
            }
        }
    }
}
