package dev.baton.store.tree;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Measures the heap a tree of N nodes takes, in a xenstore-like shape: 100 domains, each with
 * directories of 100 keys, values of 8 to 16 octets, permissions shared per domain.
 * {@code ./mvnw -o -q test -pl baton-store -am -Dtest=TreeMemoryTest -Dbaton.store.memory=100000,1000000}
 */
class TreeMemoryTest {

    static NodeTree build(int nodes) {
        NodeTree t = new NodeTree();
        long g = t.nextGeneration();
        int made = 1;
        outer:
        for (int group = 0; ; group++) {
            for (int d = 0; d < 100; d++) {
                Node dir = t.ensure("/local/domain/" + d + "/data/g" + group, d, g);
                if (group == 0 && d > 0) {
                    t.setPerms(t.find("/local/domain/" + d), Perms.parse("n" + d + " r0"), g);
                }
                for (int k = 0; k < 100; k++) {
                    if (t.nodeCount() >= nodes) {
                        break outer;
                    }
                    Node n = t.ensure(dir.path() + "/key" + k, d, g);
                    t.setValue(n, ("value-" + (group * 100 + k)).getBytes(StandardCharsets.US_ASCII), g);
                    made++;
                }
            }
        }
        return t;
    }

    private static long used() {
        for (int i = 0; i < 4; i++) {
            System.gc();
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    @Test
    @EnabledIfSystemProperty(named = "baton.store.memory", matches = ".+")
    void bytesPerNode() {
        for (String s : System.getProperty("baton.store.memory").split(",")) {
            int n = Integer.parseInt(s.trim());
            long before = used();
            long start = System.nanoTime();
            NodeTree t = build(n);
            long ms = (System.nanoTime() - start) / 1_000_000;
            long after = used();
            assertThat(t.nodeCount()).isEqualTo(n);
            System.out.printf("tree memory: %,d nodes: %,d bytes, %.1f bytes per node (built in %,d ms)%n", n,
                    after - before, (after - before) / (double) n, ms);
            assertThat(t.find("/local/domain/1/data/g0/key1")).isNotNull();
        }
    }
}
