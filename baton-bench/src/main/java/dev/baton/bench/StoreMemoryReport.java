package dev.baton.bench;

import dev.baton.core.engine.StateSaver;
import dev.baton.core.wire.RecordWriter;
import dev.baton.core.wire.WriterOptions;
import dev.baton.store.server.Store;
import dev.baton.store.state.StoreState;
import dev.baton.store.tree.NodeTree;
import java.io.ByteArrayOutputStream;
import java.lang.management.ManagementFactory;
import java.util.Locale;

/**
 * The heap a store's tree takes, how long building it took, and the size of its saved stream, at
 * N nodes in a xenstore-like shape ({@link XenstoreTrees}): the table of docs/STORE.md, "Memory
 * and size". The heap is what the JVM reports in use after full collections, before and after
 * building the tree.
 *
 * <p>A main rather than JMH: it measures memory (the save and load times are
 * {@link StoreStateRoundTrip}'s). {@code bin/bench store-memory [--nodes 100000,1000000]}.
 */
public final class StoreMemoryReport {
    private StoreMemoryReport() {
    }

    public static void main(String[] args) throws Exception {
        int[] nodes = ReportOptions.parseOrExit("store-memory", args, "--nodes N[,N...]")
                .counts("--nodes", new int[] {100_000, 1_000_000});
        System.out.printf(Locale.ROOT, "| nodes | heap | per node | built in | stream |%n|---|---|---|---|---|%n");
        for (int n : nodes) {
            long before = used();
            long start = System.nanoTime();
            NodeTree t = XenstoreTrees.fill(new NodeTree(), n);
            double seconds = (System.nanoTime() - start) / 1e9;
            long heap = used() - before;
            Store store = new Store();
            XenstoreTrees.fill(store.tree(), n);
            ByteArrayOutputStream out = new ByteArrayOutputStream(64 << 20);
            try (RecordWriter w = RecordWriter.open(out, WriterOptions.defaults())) {
                StateSaver.of(StoreState.forSaving(store)).save(w);
            }
            System.out.printf(Locale.ROOT, "| %,d | %.1f MB | %.0f bytes | %.1f s | %.1f MB |%n", t.nodeCount(),
                    heap / 1e6, heap / (double) t.nodeCount(), seconds, out.size() / 1e6);
        }
    }

    private static long used() {
        for (int i = 0; i < 4; i++) {
            System.gc();
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }
}
