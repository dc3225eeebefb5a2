package dev.baton.store.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.baton.core.engine.SectionRegistry;
import dev.baton.core.engine.StateLoader;
import dev.baton.core.engine.StateSaver;
import dev.baton.core.wire.ReaderOptions;
import dev.baton.core.wire.RecordReader;
import dev.baton.core.wire.RecordWriter;
import dev.baton.core.wire.StreamFormatException;
import dev.baton.core.wire.WriterOptions;
import dev.baton.store.server.Store;
import dev.baton.store.txn.Transaction;
import dev.baton.store.watch.Watch;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Loading refuses state that does not hang together, naming the section and the rule. */
class StoreStateRefusalsTest {

    private static byte[] save(SectionRegistry r) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (RecordWriter w = RecordWriter.open(out, WriterOptions.defaults())) {
            StateSaver.of(r).save(w);
        }
        return out.toByteArray();
    }

    private static void load(SectionRegistry r, byte[] stream) throws Exception {
        try (RecordReader rr = RecordReader.open(ByteBuffer.wrap(stream), ReaderOptions.defaults())) {
            StateLoader.of(r).load(rr);
        }
    }

    private static Store small() {
        Store s = new Store();
        long g = s.tree().nextGeneration();
        s.tree().ensure("/a/b", 0, g);
        s.restoreConnection(1, 42, 0, 0, 1, List.of("OK"));
        s.restoreCounters(2, 1);
        return s;
    }

    @Test
    void aWatchOfAnUnknownConnection() throws Exception {
        Store s = small();
        s.watches().add(new Watch(7, "/a", "t", Watch.UNLIMITED));
        byte[] stream = save(StoreState.forSaving(s));
        assertThatThrownBy(() -> load(StoreState.forLoading(new Store()), stream)).isInstanceOf(StreamFormatException.class)
                .hasMessageContaining("section store.watches/0").hasMessageContaining("each belongs to one");
    }

    @Test
    void aConnectionIdTheHeaderHasNotHandedOutYet() throws Exception {
        Store s = small();
        s.restoreCounters(1, 1); // connection 1 exists, but the next id would be 1 again
        byte[] stream = save(StoreState.forSaving(s));
        assertThatThrownBy(() -> load(StoreState.forLoading(new Store()), stream)).isInstanceOf(StreamFormatException.class)
                .hasMessageContaining("section store.connections/0").hasMessageContaining("below the next id");
    }

    @Test
    void aStreamWithoutNodesIntoATargetThatExpectsThemAndTheOtherWayRound() throws Exception {
        byte[] withoutNodes = save(StoreState.forSaving(small(), StoreRelease2.DESCRIPTIONS, false));
        assertThatThrownBy(() -> load(StoreState.forLoading(new Store()), withoutNodes))
                .hasMessageContaining("section store/0").hasMessageContaining("the stream carries nodes when the target expects them");
        byte[] withNodes = save(StoreState.forSaving(small()));
        assertThatThrownBy(() -> load(StoreState.forLoading(new Store(), StoreRelease2.DESCRIPTIONS, false), withNodes))
                .hasMessageContaining("section store/0");
    }

    @Test
    void aPreCopiedTreeThatDoesNotMatchTheHeader() throws Exception {
        Store source = small();
        byte[] stream = save(StoreState.forSaving(source, StoreRelease2.DESCRIPTIONS, false));
        Store target = new Store();
        target.tree().ensure("/a", 0, 1); // /a/b never arrived
        assertThatThrownBy(() -> load(StoreState.forLoading(target, StoreRelease2.DESCRIPTIONS, false), stream))
                .hasMessageContaining("section store.connections/0").hasMessageContaining("after every node chunk");
    }

    // ---- each section's check names what broke which rule, in one line ------------------------

    /** The message of the refusal to load what {@code source} saves into {@code target}; asserts it is one line. */
    private static String refusal(Store source, Store target) throws Exception {
        byte[] stream = save(StoreState.forSaving(source));
        Throwable e = catchThrowable(() -> load(StoreState.forLoading(target), stream));
        assertThat(e).isInstanceOf(StreamFormatException.class);
        assertThat(e.getMessage()).doesNotContain("\n");
        return e.getMessage();
    }

    @Test
    void theHeaderSaysWhatTheTargetStoreHoldsAlready() throws Exception {
        Store target = new Store();
        target.tree().ensure("/left/over", 0, target.tree().nextGeneration());
        assertThat(refusal(small(), target)).contains("section store/0", "validation failed in 'store': the target "
                + "store is not fresh: it has 3 nodes, 0 connections, 0 watches and 0 open transactions (the target");
    }

    @Test
    void aNodeChunkNamesTheNodeAndItsRule() throws Exception {
        Store s = small(); // /, /a and /a/b at generation 1
        s.tree().setValue(s.tree().find("/a/b"), new byte[] {1}, 7);
        s.tree().setGeneration(1);
        assertThat(refusal(s, new Store())).contains("section store.nodes/0", "validation failed in 'store.nodes': "
                + "node /a/b: generation 7 is above the store's, 1 (chunks come in order");
    }

    @Test
    void theConnectionsNameTheConnectionAndItsRule() throws Exception {
        Store s = small();
        s.restoreCounters(1, 1);
        assertThat(refusal(s, new Store())).contains("section store.connections/0", "validation failed in "
                + "'store.connections': connection 1: not below the next id, 1 (connections come");
    }

    @Test
    void theWatchesNameTheWatchAndItsRule() throws Exception {
        Store s = small();
        s.watches().add(new Watch(7, "/a", "t", Watch.UNLIMITED));
        assertThat(refusal(s, new Store())).contains("section store.watches/0", "validation failed in "
                + "'store.watches': watch /a (token t) of connection 7: no such connection (watches");
    }

    @Test
    void theTransactionsNameTheTransactionAndItsRule() throws Exception {
        Store s = small();
        assertThat(s.restoreTransaction(new Transaction(5, 1, 99))).isTrue();
        assertThat(refusal(s, new Store())).contains("section store.transactions/0", "validation failed in "
                + "'store.transactions': transaction 5: base generation 99 is above the store's, 1 (transactions come");
    }
}
