package dev.baton.store.state;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.core.engine.StateLoader;
import dev.baton.core.engine.StateSaver;
import dev.baton.core.wire.ReaderOptions;
import dev.baton.core.wire.RecordReader;
import dev.baton.core.wire.RecordWriter;
import dev.baton.core.wire.WriterOptions;
import dev.baton.store.server.Store;
import dev.baton.store.tree.Node;
import dev.baton.store.tree.NodeTree;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * How long a whole-store save and load take through the section registry (no pre-copy), at N
 * nodes: {@code -Dbaton.store.speed=100000,1000000}. Not a downtime figure: live update sends the
 * tree while the store serves.
 */
class StoreSaveSpeedTest {

    @Test
    @EnabledIfSystemProperty(named = "baton.store.speed", matches = ".+")
    void saveAndLoad() throws Exception {
        for (String s : System.getProperty("baton.store.speed").split(",")) {
            int n = Integer.parseInt(s.trim());
            Store store = new Store();
            NodeTree t = store.tree();
            long g = t.nextGeneration();
            for (int i = 0; t.nodeCount() < n; i++) {
                Node node = t.ensure("/local/domain/" + (i % 100) + "/data/g" + (i / 10_000) + "/key" + (i % 100), 0, g);
                t.setValue(node, ("value-" + i).getBytes(StandardCharsets.US_ASCII), g);
            }
            for (int round = 0; round < 3; round++) {
                long t0 = System.nanoTime();
                ByteArrayOutputStream out = new ByteArrayOutputStream(64 << 20);
                try (RecordWriter w = RecordWriter.open(out, WriterOptions.defaults())) {
                    StateSaver.of(StoreState.forSaving(store)).save(w);
                }
                long t1 = System.nanoTime();
                Store copy = new Store();
                try (RecordReader r = RecordReader.open(ByteBuffer.wrap(out.toByteArray()), ReaderOptions.defaults())) {
                    StateLoader.of(StoreState.forLoading(copy)).load(r);
                }
                long t2 = System.nanoTime();
                assertThat(copy.tree().nodeCount()).isEqualTo(t.nodeCount());
                System.out.printf("store state: %,d nodes, %,d octets: save %,d ms, load %,d ms%n", t.nodeCount(), out.size(),
                        (t1 - t0) / 1_000_000, (t2 - t1) / 1_000_000);
            }
        }
    }
}
