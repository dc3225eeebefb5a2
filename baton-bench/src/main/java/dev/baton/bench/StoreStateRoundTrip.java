package dev.baton.bench;

import dev.baton.core.engine.StateLoader;
import dev.baton.core.engine.StateSaver;
import dev.baton.core.wire.ReaderOptions;
import dev.baton.core.wire.RecordReader;
import dev.baton.core.wire.RecordWriter;
import dev.baton.core.wire.WriterOptions;
import dev.baton.store.server.Store;
import dev.baton.store.state.StoreState;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * A whole store saved and loaded through its section registry, nodes included and no pre-copy
 * (docs/STORE.md, "Memory and size"): {@code save} writes a store of {@code nodes} nodes in a
 * xenstore-like shape ({@link XenstoreTrees}) into memory, {@code load} reads that stream into a
 * new store. Not a downtime figure: a live update sends the tree while the store serves.
 * {@code bin/bench StoreStateRoundTrip -p nodes=1000000}.
 */
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3)
@Measurement(iterations = 5)
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
@State(Scope.Benchmark)
public class StoreStateRoundTrip {
    @Param({"100000", "1000000"})
    public int nodes;

    private Store store;
    private byte[] stream;

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        store = XenstoreTrees.store(nodes);
        stream = save();
    }

    @Benchmark
    public byte[] save() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream(64 << 20);
        try (RecordWriter w = RecordWriter.open(out, WriterOptions.defaults())) {
            StateSaver.of(StoreState.forSaving(store)).save(w);
        }
        return out.toByteArray();
    }

    @Benchmark
    public Store load() throws IOException {
        Store copy = new Store();
        try (RecordReader r = RecordReader.open(ByteBuffer.wrap(stream), ReaderOptions.defaults())) {
            StateLoader.of(StoreState.forLoading(copy)).load(r);
        }
        if (copy.tree().nodeCount() != store.tree().nodeCount()) {
            throw new IllegalStateException("loaded " + copy.tree().nodeCount() + " nodes of " + store.tree().nodeCount());
        }
        return copy;
    }
}
