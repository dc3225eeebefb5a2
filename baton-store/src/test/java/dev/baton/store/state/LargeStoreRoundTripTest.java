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

/**
 * A whole store of many nodes saved and loaded through the section registry (no pre-copy) comes
 * back node for node, in a stream that grows with the nodes and no faster. How long it takes is
 * measured by {@code bin/bench StoreStateRoundTrip} (docs/STORE.md, "Memory and size").
 */
class LargeStoreRoundTripTest {

    @Test
    void aStoreOfManyNodesComesBackNodeForNode() throws Exception {
        int n = 20_000;
        Store store = new Store();
        NodeTree t = store.tree();
        long g = t.nextGeneration();
        for (int i = 0; t.nodeCount() < n; i++) {
            Node node = t.ensure("/local/domain/" + (i % 100) + "/data/g" + (i / 10_000) + "/key" + i, 0, g);
            t.setValue(node, ("value-" + i).getBytes(StandardCharsets.US_ASCII), g);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (RecordWriter w = RecordWriter.open(out, WriterOptions.defaults())) {
            StateSaver.of(StoreState.forSaving(store)).save(w);
        }
        Store copy = new Store();
        try (RecordReader r = RecordReader.open(ByteBuffer.wrap(out.toByteArray()), ReaderOptions.defaults())) {
            StateLoader.of(StoreState.forLoading(copy)).load(r);
        }
        assertThat(copy.tree().nodeCount()).isEqualTo(n);
        assertThat(StoreDump.of(copy, true)).containsExactlyElementsOf(StoreDump.of(store, true));
        // a node costs its path, value, permissions and generation, framed: tens of octets, not hundreds
        assertThat(out.size() / (double) n).isBetween(20.0, 100.0);
    }
}
