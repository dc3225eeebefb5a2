package dev.baton.store.state;

import dev.baton.core.describe.FieldKind;
import dev.baton.core.describe.StateDescription;
import dev.baton.core.engine.DescriptionProvider;
import dev.baton.core.engine.ReleaseProfiles;
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
import dev.baton.store.watch.Watch;
import java.util.Collection;

/**
 * Release 2.0's descriptions of the store: the current build's. Release 2.0 added, each in a
 * subsection gated by a property that release 1.0's profile pins {@code off}:
 * <ul>
 * <li>{@code store.nodes/generations} (gate {@code store.generation}): the generation of each
 *     node of a chunk, in the chunk's order (8 octets a node; a subsection per node would cost
 *     41), so that transactions open across a live update conflict only where they should;</li>
 * <li>{@code store.watch/depth} (gate {@code store.watch-depth}): a watch's depth limit, written
 *     when it has one (like xenstore's WATCH_DATA_EXTENDED).</li>
 * </ul>
 * A stream written for 1.0 leaves both out: a 1.0 store loads it, and a 2.0 store loading it gives
 * every node the store's generation (open transactions then conflict once: a spurious EAGAIN,
 * never a missed conflict) and every watch no depth limit (more events, never fewer).
 *
 * <p>Listed in {@code META-INF/services/dev.baton.core.engine.DescriptionProvider}, so that
 * {@code baton schema baton-store.jar} prints these with the release profiles.
 */
public final class StoreRelease2 implements DescriptionProvider {
    /** Gate of {@code store.nodes/generations}. */
    public static final String GENERATION = "store.generation";
    /** Gate of {@code store.watch/depth}. */
    public static final String WATCH_DEPTH = "store.watch-depth";

    /** The store's releases, oldest first: 1.0 pins off what 2.0 added. */
    public static final ReleaseProfiles RELEASES = ReleaseProfiles.builder()
            .release("1.0").pin(GENERATION, "off").pin(WATCH_DEPTH, "off")
            .release("2.0")
            .build();

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
            .validateExplained(Header::problem, "the target store is fresh (its pre-copied tree aside, when the nodes travel "
                    + "apart), the stream carries nodes when the target expects them, and the counts and quotas are in range")
            .postLoad((h, v) -> h.apply())
            .build();

    static final StateDescription<NodeRecord> NODE = StateDescription.<NodeRecord>builder("store.node", NodeRecord::new)
            .string("path", n -> n.path, (n, v) -> n.path = v)
            .u32("valueLength", n -> n.valueLength, (n, v) -> n.valueLength = v)
            .vbytes("value", "valueLength", n -> n.value, (n, v) -> n.value = v)
            .list("perms", PERM, n -> n.perms, (n, v) -> n.perms = v)
            .build();

    static final StateDescription<NodeChunk> NODES_GENERATIONS = StateDescription.<NodeChunk>builder("store.nodes/generations")
            .u32("count", c -> c.generationCount, (c, v) -> c.generationCount = v)
            .longVarray("generations", FieldKind.U64, "count", c -> c.generations, (c, v) -> c.generations = v)
            .build();

    static final StateDescription<NodeChunk> NODES = StateDescription.<NodeChunk>builder("store.nodes")
            .priority(90)
            .list("nodes", NODE, c -> c.nodes, (c, v) -> c.nodes = v)
            .subsection(NODES_GENERATIONS, GENERATION, (c, ctx) -> true)
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
                    + "and below the next id; their output lines are printable ASCII")
            .postLoad((s, v) -> s.apply())
            .build();

    static final StateDescription<WatchRecord> WATCH_DEPTH_SUB = StateDescription.<WatchRecord>builder("store.watch/depth")
            .u16("depth", w -> w.depth, (w, v) -> w.depth = v)
            .build();

    static final StateDescription<WatchRecord> WATCH = StateDescription.<WatchRecord>builder("store.watch", WatchRecord::new)
            .u32("connection", w -> w.connection, (w, v) -> w.connection = v)
            .string("path", w -> w.path, (w, v) -> w.path = v)
            .string("token", w -> w.token, (w, v) -> w.token = v)
            .subsection(WATCH_DEPTH_SUB, WATCH_DEPTH, (w, ctx) -> w.depth != Watch.UNLIMITED)
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

    /** Release 2.0's descriptions. */
    public static final StoreDescriptions DESCRIPTIONS = new StoreDescriptions(HEADER, NODES, CONNECTIONS, WATCHES,
            TRANSACTIONS);

    @Override
    public Collection<StateDescription<?>> descriptions() {
        return DESCRIPTIONS.all();
    }

    @Override
    public ReleaseProfiles profiles() {
        return RELEASES;
    }
}
