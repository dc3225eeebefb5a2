package dev.baton.store.state;

import dev.baton.core.describe.StateDescription;
import dev.baton.core.engine.DescriptionProvider;
import dev.baton.store.state.StoreState.ConnectionRecord;
import dev.baton.store.state.StoreState.Connections;
import dev.baton.store.state.StoreState.Header;
import dev.baton.store.state.StoreState.LineRecord;
import dev.baton.store.state.StoreState.NodeChunk;
import dev.baton.store.state.StoreState.NodeRecord;
import dev.baton.store.state.StoreState.PathRecord;
import dev.baton.store.state.StoreState.PermRecord;
import dev.baton.store.state.StoreState.QuotaRecord;
import dev.baton.store.state.StoreState.TransactionRecord;
import dev.baton.store.state.StoreState.Transactions;
import dev.baton.store.state.StoreState.WatchRecord;
import dev.baton.store.state.StoreState.Watches;
import dev.baton.store.state.StoreState.WrittenRecord;
import dev.baton.store.tree.Access;
import java.util.Collection;

/**
 * Release 1.0's descriptions of the store, <b>frozen</b> as that release shipped them: never edit
 * these tables. They have no subsections: nodes carry no generation and watches no depth.
 *
 * <p>They are here so that the current build can prove, in its tests (the golden-stream kit's
 * backward tests) and with {@code baton check}, that what it writes under the 1.0 profile is what
 * 1.0 reads; {@code StoreState.forLoading(store, StoreRelease1.DESCRIPTIONS)} loads as 1.0 would.
 */
public final class StoreRelease1 implements DescriptionProvider {

    static final StateDescription<PermRecord> PERM = StateDescription.<PermRecord>builder("store.perm", PermRecord::new)
            .u16("domid", p -> p.domid, (p, v) -> p.domid = v)
            .enumeration("access", Access.class, Access::id, Access::byId, p -> p.access, (p, v) -> p.access = v)
            .build();

    static final StateDescription<QuotaRecord> QUOTA = StateDescription.<QuotaRecord>builder("store.quota", QuotaRecord::new)
            .s32("domid", q -> q.domid, (q, v) -> q.domid = v)
            .string("name", q -> q.name, (q, v) -> q.name = v)
            .u32("value", q -> q.value, (q, v) -> q.value = v)
            .build();

    static final StateDescription<Header> HEADER = StateDescription.<Header>builder("store")
            .priority(100)
            .u64("generation", h -> h.generation, (h, v) -> h.generation = v)
            .u32("nextConnectionId", h -> h.nextConnectionId, (h, v) -> h.nextConnectionId = v)
            .u32("nextTransactionId", h -> h.nextTransactionId, (h, v) -> h.nextTransactionId = v)
            .u64("nodeCount", h -> h.nodeCount, (h, v) -> h.nodeCount = v)
            .u32("chunks", h -> h.chunks, (h, v) -> h.chunks = v)
            .list("quotas", QUOTA, h -> h.quotas, (h, v) -> h.quotas = v)
            .preSave(Header::fill).postSave(Header::clear)
            .validateExplained(Header::problem, "the target store is fresh, and the counts and quotas are in range")
            .postLoad((h, v) -> h.apply())
            .build();

    static final StateDescription<NodeRecord> NODE = StateDescription.<NodeRecord>builder("store.node", NodeRecord::new)
            .string("path", n -> n.path, (n, v) -> n.path = v)
            .u32("valueLength", n -> n.valueLength, (n, v) -> n.valueLength = v)
            .vbytes("value", "valueLength", n -> n.value, (n, v) -> n.value = v)
            .list("perms", PERM, n -> n.perms, (n, v) -> n.perms = v)
            .build();

    static final StateDescription<NodeChunk> NODES = StateDescription.<NodeChunk>builder("store.nodes")
            .priority(90)
            .list("nodes", NODE, c -> c.nodes, (c, v) -> c.nodes = v)
            .preSave(NodeChunk::fill).postSave(NodeChunk::clear)
            .validateExplained(NodeChunk::problem, "chunks come in order after the header; every node has a valid path, "
                    + "permissions and a parent before it, and no path comes twice")
            .postLoad((c, v) -> c.apply())
            .build();

    static final StateDescription<LineRecord> LINE = StateDescription.<LineRecord>builder("store.line", LineRecord::new)
            .string("text", l -> l.text, (l, v) -> l.text = v)
            .build();

    static final StateDescription<ConnectionRecord> CONNECTION = StateDescription
            .<ConnectionRecord>builder("store.connection", ConnectionRecord::new)
            .u32("id", c -> c.id, (c, v) -> c.id = v)
            .u64("key", c -> c.key, (c, v) -> c.key = v)
            .u16("domid", c -> c.domid, (c, v) -> c.domid = v)
            .u64("requestsProcessed", c -> c.requestsProcessed, (c, v) -> c.requestsProcessed = v)
            .u64("firstLine", c -> c.firstLine, (c, v) -> c.firstLine = v)
            .list("output", LINE, c -> c.output, (c, v) -> c.output = v)
            .build();

    static final StateDescription<Connections> CONNECTIONS = StateDescription.<Connections>builder("store.connections")
            .priority(80)
            .list("connections", CONNECTION, s -> s.connections, (s, v) -> s.connections = v)
            .preSave(Connections::fill).postSave(Connections::clear)
            .validateExplained(Connections::problem, "connections come after every node chunk; their ids are unique, non-zero "
                    + "and below the next id; their output lines are single lines")
            .postLoad((s, v) -> s.apply())
            .build();

    static final StateDescription<WatchRecord> WATCH = StateDescription.<WatchRecord>builder("store.watch", WatchRecord::new)
            .u32("connection", w -> w.connection, (w, v) -> w.connection = v)
            .string("path", w -> w.path, (w, v) -> w.path = v)
            .string("token", w -> w.token, (w, v) -> w.token = v)
            .build();

    static final StateDescription<Watches> WATCHES = StateDescription.<Watches>builder("store.watches")
            .priority(70)
            .list("watches", WATCH, s -> s.watches, (s, v) -> s.watches = v)
            .preSave(Watches::fill).postSave(Watches::clear)
            .validateExplained(Watches::problem, "watches come after the connections; each belongs to one, has a valid path, "
                    + "and none comes twice")
            .postLoad((s, v) -> s.apply())
            .build();

    static final StateDescription<PathRecord> PATH = StateDescription.<PathRecord>builder("store.path", PathRecord::new)
            .string("path", p -> p.path, (p, v) -> p.path = v)
            .build();

    static final StateDescription<WrittenRecord> WRITTEN = StateDescription
            .<WrittenRecord>builder("store.written", WrittenRecord::new)
            .string("path", w -> w.path, (w, v) -> w.path = v)
            .u32("valueLength", w -> w.valueLength, (w, v) -> w.valueLength = v)
            .vbytes("value", "valueLength", w -> w.value, (w, v) -> w.value = v)
            .list("perms", PERM, w -> w.perms, (w, v) -> w.perms = v)
            .bool("fires", w -> w.fires, (w, v) -> w.fires = v)
            .build();

    static final StateDescription<TransactionRecord> TRANSACTION = StateDescription
            .<TransactionRecord>builder("store.transaction", TransactionRecord::new)
            .u32("id", t -> t.id, (t, v) -> t.id = v)
            .u32("connection", t -> t.connection, (t, v) -> t.connection = v)
            .u64("baseGeneration", t -> t.baseGeneration, (t, v) -> t.baseGeneration = v)
            .list("read", PATH, t -> t.read, (t, v) -> t.read = v)
            .list("written", WRITTEN, t -> t.written, (t, v) -> t.written = v)
            .list("deleted", PATH, t -> t.deleted, (t, v) -> t.deleted = v)
            .build();

    static final StateDescription<Transactions> TRANSACTIONS = StateDescription.<Transactions>builder("store.transactions")
            .priority(60)
            .list("transactions", TRANSACTION, s -> s.transactions, (s, v) -> s.transactions = v)
            .preSave(Transactions::fill).postSave(Transactions::clear)
            .validateExplained(Transactions::problem, "transactions come after the connections; each belongs to one, has a "
                    + "unique non-zero id, a base generation not above the store's, and valid paths")
            .postLoad((s, v) -> s.apply())
            .build();

    /** Release 1.0's descriptions. */
    public static final StoreDescriptions DESCRIPTIONS = new StoreDescriptions(HEADER, NODES, CONNECTIONS, WATCHES,
            TRANSACTIONS);

    @Override
    public Collection<StateDescription<?>> descriptions() {
        return DESCRIPTIONS.all();
    }
}
