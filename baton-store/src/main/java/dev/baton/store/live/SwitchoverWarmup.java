package dev.baton.store.live;

import dev.baton.core.engine.ReleaseProfiles;
import dev.baton.core.engine.StateLoader;
import dev.baton.core.engine.StateSaver;
import dev.baton.core.wire.ReaderOptions;
import dev.baton.core.wire.RecordReader;
import dev.baton.core.wire.RecordWriter;
import dev.baton.core.wire.WriterOptions;
import dev.baton.store.server.Release;
import dev.baton.store.server.Store;
import dev.baton.store.state.StoreDescriptions;
import dev.baton.store.state.StoreState;
import dev.baton.store.txn.Transaction;
import dev.baton.store.watch.Watch;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

/**
 * The switchover's loading, done once on throwaway stores while the tree streams in, so that the
 * switchover does not do it for the first time. A new process meets the switchover sections
 * (connections with their queued output, watches, transactions) only inside the downtime: there
 * it loaded their classes, linked the records' generated methods and started the JVM's first
 * virtual thread (a detached connection's expiry), about 70 ms of a 20,000-node update's 80 on
 * a shared 2-core host (-Xlog:class+load of the new process, docs/PERFORMANCE.md, "Store"); a
 * small store's short pre-copy leaves no time for anything else to have warmed them.
 *
 * <p>The old process does the same before its first pass, for the saving half: its part of the
 * downtime was a few milliseconds of classes loaded, and its saving code ran for the first time.
 *
 * <p>It saves a scratch store of one detached connection with queued output, one watch and one
 * transaction with a write, with the target's own descriptions and without nodes, as the source's
 * switchover sends them, and loads that into a second scratch store. Neither is the real store,
 * and both are dropped.
 */
final class SwitchoverWarmup {
    /** What the scratch load gave: its counts say the switchover's paths ran. */
    record Loaded(int connections, int watches, int transactions, int octets) {
    }

    private SwitchoverWarmup() {
    }

    /** Saves and loads the scratch store's switchover sections at {@code release}, with these descriptions. */
    static Loaded run(Release release, StoreDescriptions descriptions, ReleaseProfiles profiles) throws IOException {
        Store from = scratch(release);
        from.restoreCounters(2, 2);
        from.restoreConnection(1, 1, 0, 1, 1, List.of("warm-up"));
        from.watches().add(new Watch(1, "/warm-up", "token", 0));
        Transaction t = new Transaction(1, 1, 0);
        t.write(from.tree(), "/warm-up", "value".getBytes(StandardCharsets.US_ASCII), 0);
        from.restoreTransaction(t);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (RecordWriter w = RecordWriter.open(out, WriterOptions.defaults())) {
            StateSaver.of(StoreState.forSaving(from, descriptions, false)).save(w);
        }
        Store into = scratch(release);
        try (RecordReader r = RecordReader.open(ByteBuffer.wrap(out.toByteArray()), ReaderOptions.defaults())) {
            StateLoader.of(StoreState.forLoading(into, descriptions, false)).withProfiles(profiles).load(r);
        }
        return into.locked(() -> new Loaded(into.connections().size(), into.watches().size(),
                into.transactions().size(), out.size()));
    }

    /**
     * A store whose detached connections outlive the warm-up: each one's expiry, a virtual thread
     * sleeping out the grace, drops it a minute later from a store nobody holds any more.
     */
    private static Store scratch(Release release) {
        return new Store(release, Duration.ofMinutes(1));
    }
}
