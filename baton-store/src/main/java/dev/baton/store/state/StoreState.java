package dev.baton.store.state;

import dev.baton.core.engine.SectionRegistry;
import dev.baton.core.wire.Plural;
import dev.baton.core.wire.Printable;
import dev.baton.store.quota.Quota;
import dev.baton.store.server.Connection;
import dev.baton.store.server.Store;
import dev.baton.store.tree.Access;
import dev.baton.store.tree.Node;
import dev.baton.store.tree.NodeTree;
import dev.baton.store.tree.Perm;
import dev.baton.store.tree.Perms;
import dev.baton.store.tree.StorePath;
import dev.baton.store.txn.Transaction;
import dev.baton.store.watch.Watch;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The sections of a store's state, and the {@link SectionRegistry} that saves them from a store
 * or loads them into one (docs/STORE.md, "State").
 *
 * <table>
 * <caption>Sections, in stream order</caption>
 * <tr><th>idstr/instance</th><th>object</th><th>holds</th></tr>
 * <tr><td>{@code store/0}</td><td>{@link Header}</td><td>generation, id counters, node and chunk counts, quotas</td></tr>
 * <tr><td>{@code store.nodes/0..n-1}</td><td>{@link NodeChunk}</td><td>the nodes in pre-order (parents first), up to {@link #chunkSize} per chunk</td></tr>
 * <tr><td>{@code store.connections/0}</td><td>{@link Connections}</td><td>connections with their queued output</td></tr>
 * <tr><td>{@code store.watches/0}</td><td>{@link Watches}</td><td>watches, in registration order</td></tr>
 * <tr><td>{@code store.transactions/0}</td><td>{@link Transactions}</td><td>open transactions with their read, written and deleted sets</td></tr>
 * </table>
 *
 * <p>Save with the store {@linkplain Store#pause paused}: the registry for saving fixes the node
 * chunks when it is built. Load into a fresh store, not yet serving: each section applies itself
 * as it loads (nodes into the tree, connections detached and waiting to be resumed), after
 * checks that refuse inconsistent state with a message naming the section, the node (or
 * connection, watch, transaction) and the rule it breaks.
 */
public final class StoreState {
    /** Nodes per chunk, unless the store is so big that {@link #MAX_CHUNKS} would not hold it. */
    public static final int CHUNK_NODES = 8192;
    /** Chunk sections a loading registry accepts. */
    public static final int MAX_CHUNKS = 1024;
    /** Connection ids, domids and such are u32/u16 on the wire. */
    static final long U32 = 0xFFFF_FFFFL;

    final Store store;
    /** Whether the node chunks are part of the registry (false: the tree travels by pre-copy). */
    final boolean withNodes;
    final Header header = new Header(this);
    final Connections connections = new Connections(this);
    final Watches watches = new Watches(this);
    final Transactions transactions = new Transactions(this);
    /** Saving: every node in pre-order. */
    private Node[] order;
    private int chunkSize;
    /** Loading: the next chunk expected. */
    int nextChunk;
    boolean connectionsLoaded;

    private StoreState(Store store, boolean withNodes) {
        this.store = store;
        this.withNodes = withNodes;
    }

    // ---- registries ----------------------------------------------------------------------------

    /** The registry that saves {@code store} with the current release's descriptions. */
    public static SectionRegistry forSaving(Store store) {
        return forSaving(store, StoreRelease2.DESCRIPTIONS);
    }

    /**
     * The registry that saves {@code store} with these descriptions. Build it and save with the
     * store paused: the node chunks are fixed now.
     */
    public static SectionRegistry forSaving(Store store, StoreDescriptions d) {
        return forSaving(store, d, true);
    }

    /**
     * The registry that saves {@code store}, with or without its nodes. Without, it holds what a
     * live update sends at switchover once the tree has been pre-copied: the header (whose node
     * count the target checks its copy of the tree against), connections, watches, transactions.
     */
    public static SectionRegistry forSaving(Store store, StoreDescriptions d, boolean nodes) {
        StoreState s = new StoreState(store, nodes);
        if (!nodes) {
            return s.register(new SectionRegistry().register("store", 0, d.header(), s.header), d);
        }
        NodeTree tree = store.tree();
        List<Node> all = new ArrayList<>((int) Math.min(tree.nodeCount(), Integer.MAX_VALUE - 8));
        tree.forEach((path, n) -> all.add(n));
        s.order = all.toArray(new Node[0]);
        s.chunkSize = chunkSize(s.order.length);
        int chunks = (s.order.length + s.chunkSize - 1) / s.chunkSize;
        SectionRegistry r = new SectionRegistry().register("store", 0, d.header(), s.header);
        for (int i = 0; i < chunks; i++) {
            r.register("store.nodes", i, d.nodes(), new NodeChunk(s, i));
        }
        return s.register(r, d);
    }

    private SectionRegistry register(SectionRegistry r, StoreDescriptions d) {
        return r.register("store.connections", 0, d.connections(), connections)
                .register("store.watches", 0, d.watches(), watches)
                .register("store.transactions", 0, d.transactions(), transactions);
    }

    /** The registry that loads a stream into {@code store}, fresh and not serving, with the current release's descriptions. */
    public static SectionRegistry forLoading(Store store) {
        return forLoading(store, StoreRelease2.DESCRIPTIONS);
    }

    /** The registry that loads a stream into {@code store}, fresh and not serving, with these descriptions. */
    public static SectionRegistry forLoading(Store store, StoreDescriptions d) {
        return forLoading(store, d, true);
    }

    /**
     * The registry that loads a stream into {@code store}, not serving, with or without nodes.
     * Without, the store already holds the pre-copied tree (and nothing else), which must have
     * as many nodes as the stream's header says.
     */
    public static SectionRegistry forLoading(Store store, StoreDescriptions d, boolean nodes) {
        StoreState s = new StoreState(store, nodes);
        SectionRegistry r = new SectionRegistry().register("store", 0, d.header(), s.header);
        for (int i = 0; nodes && i < MAX_CHUNKS; i++) {
            r.register("store.nodes", i, d.nodes(), new NodeChunk(s, i));
        }
        return s.register(r, d);
    }

    /** The store a registry of this class saves or loads. */
    public static Store storeOf(SectionRegistry registry) {
        return ((Header) registry.find("store", 0).object()).state.store;
    }

    /** Nodes per chunk for a tree of {@code nodes} nodes. */
    public static int chunkSize(long nodes) {
        return (int) Math.max(CHUNK_NODES, (nodes + MAX_CHUNKS - 1) / MAX_CHUNKS);
    }

    // ---- records -------------------------------------------------------------------------------

    /** A permission entry: {@code store.perm}. */
    public static final class PermRecord {
        int domid;
        Access access = Access.NONE;

        public PermRecord() {
        }

        PermRecord(Perm p) {
            domid = p.domid();
            access = p.access();
        }
    }

    /** A quota value: {@code store.quota}; domid -1 for the store-wide value. */
    public static final class QuotaRecord {
        int domid = -1;
        String name = "";
        long value;

        public QuotaRecord() {
        }

        QuotaRecord(int domid, Quota q, long value) {
            this.domid = domid;
            this.name = q.key();
            this.value = value;
        }
    }

    /** A node: {@code store.node}. Its generation travels in its chunk's {@code store.nodes/generations} (2.0). */
    public static final class NodeRecord {
        String path = "";
        long valueLength;
        byte[] value = new byte[0];
        List<PermRecord> perms = new ArrayList<>();

        public NodeRecord() {
        }
    }

    /** One line of a connection's queued output: {@code store.line}. */
    public static final class LineRecord {
        String text = "";

        public LineRecord() {
        }

        LineRecord(String text) {
            this.text = text;
        }
    }

    /** A connection: {@code store.connection}. */
    public static final class ConnectionRecord {
        long id;
        long key;
        int domid;
        long requestsProcessed;
        long firstLine = 1;
        List<LineRecord> output = new ArrayList<>();

        public ConnectionRecord() {
        }
    }

    /** A watch: {@code store.watch}; in 2.0 with its depth ({@code store.watch/depth}). */
    public static final class WatchRecord {
        long connection;
        String path = "";
        String token = "";
        int depth = Watch.UNLIMITED;

        public WatchRecord() {
        }
    }

    /** A path of a transaction's read or deleted set: {@code store.path}. */
    public static final class PathRecord {
        String path = "";

        public PathRecord() {
        }

        PathRecord(String path) {
            this.path = path;
        }
    }

    /** A node a transaction wrote: {@code store.written}. */
    public static final class WrittenRecord {
        String path = "";
        long valueLength;
        byte[] value = new byte[0];
        List<PermRecord> perms = new ArrayList<>();
        boolean fires;

        public WrittenRecord() {
        }
    }

    /** A transaction: {@code store.transaction}. */
    public static final class TransactionRecord {
        long id;
        long connection;
        long baseGeneration;
        List<PathRecord> read = new ArrayList<>();
        List<WrittenRecord> written = new ArrayList<>();
        List<PathRecord> deleted = new ArrayList<>();

        public TransactionRecord() {
        }
    }

    // ---- sections ------------------------------------------------------------------------------

    /** Section {@code store}: what the other sections need first. */
    public static final class Header {
        final StoreState state;
        long generation;
        long nextConnectionId = 1;
        long nextTransactionId = 1;
        long nodeCount;
        long chunks;
        List<QuotaRecord> quotas = new ArrayList<>();
        boolean loaded;

        Header(StoreState state) {
            this.state = state;
        }

        void fill() {
            Store s = state.store;
            if (state.withNodes && state.order.length != s.tree().nodeCount()) {
                throw new IllegalStateException("the store changed since its registry was built: pause it while saving");
            }
            generation = s.tree().generation();
            nextConnectionId = s.nextConnectionId();
            nextTransactionId = s.nextTransactionId();
            nodeCount = s.tree().nodeCount();
            chunks = state.withNodes ? (state.order.length + state.chunkSize - 1) / state.chunkSize : 0;
            quotas = new ArrayList<>();
            for (Quota q : Quota.values()) {
                quotas.add(new QuotaRecord(-1, q, s.quotas().global(q)));
            }
            for (Map.Entry<Integer, Map<Quota, Long>> e : s.quotas().overrides().entrySet()) {
                for (Quota q : Quota.values()) {
                    Long v = e.getValue().get(q);
                    if (v != null) {
                        quotas.add(new QuotaRecord(e.getKey(), q, v));
                    }
                }
            }
        }

        void clear() {
            quotas = new ArrayList<>();
        }

        /**
         * Null when the target store is fresh (its pre-copied tree aside, when the nodes travel
         * apart), the stream carries nodes when the target expects them, and the counts and quotas
         * are in range; else which of them is not.
         */
        String problem() {
            Store s = state.store;
            if (loaded) {
                return "a second store header";
            }
            boolean fresh = state.withNodes ? s.isEmpty()
                    : s.connections().isEmpty() && s.watches().size() == 0 && s.transactions().isEmpty();
            if (!fresh) {
                return "the target store is not fresh: it has " + (state.withNodes
                        ? Plural.count(s.tree().nodeCount(), "node") + ", " : "")
                        + Plural.count(s.connections().size(), "connection") + ", "
                        + Plural.count(s.watches().size(), "watch", "watches") + " and "
                        + Plural.count(s.transactions().size(), "open transaction");
            }
            if (nextConnectionId < 1) {
                return "next connection id " + nextConnectionId + ": ids start at 1";
            }
            if (nextTransactionId > U32) {
                return "next transaction id " + nextTransactionId + " is above " + U32;
            }
            if (nodeCount < 1) {
                return "node count " + nodeCount + ": a store has its root at least";
            }
            if (chunks > MAX_CHUNKS) {
                return chunks + " node chunks, more than " + MAX_CHUNKS;
            }
            if (chunks > nodeCount) {
                return chunks + " node chunks for " + Plural.count(nodeCount, "node");
            }
            if (chunks == 0 && state.withNodes) {
                return "the stream carries no node chunks, and this target loads its tree from them";
            }
            if (chunks != 0 && !state.withNodes) {
                return "the stream carries " + Plural.count(chunks, "node chunk")
                        + ", and this target has its tree pre-copied already";
            }
            for (QuotaRecord q : quotas) {
                if (Quota.byKey(q.name) == null) {
                    return "quota '" + Printable.of(q.name) + "': the store has no quota of that name";
                }
                if (q.domid < -1 || q.domid > Perm.MAX_DOMID) {
                    return "quota " + q.name + " of domain " + q.domid + ": a domid is -1 (store-wide) or 0 to "
                            + Perm.MAX_DOMID;
                }
            }
            return null;
        }

        void apply() {
            Store s = state.store;
            s.tree().setGeneration(generation);
            s.restoreCounters(nextConnectionId, nextTransactionId);
            s.quotas().reset();
            for (QuotaRecord q : quotas) {
                if (q.domid < 0) {
                    s.quotas().setGlobal(Quota.byKey(q.name), q.value);
                } else {
                    s.quotas().setForDomain(Quota.byKey(q.name), q.domid, q.value);
                }
            }
            quotas = new ArrayList<>();
            loaded = true;
        }
    }

    /**
     * Section {@code store.nodes/i}: one chunk of the nodes in pre-order; in 2.0, with their
     * generations in the same order ({@code store.nodes/generations}).
     */
    public static final class NodeChunk {
        final StoreState state;
        final int index;
        List<NodeRecord> nodes = new ArrayList<>();
        long generationCount;
        /** null when the stream does not carry them (release 1.0). */
        long[] generations;

        NodeChunk(StoreState state, int index) {
            this.state = state;
            this.index = index;
        }

        void fill() {
            int from = index * state.chunkSize;
            int to = Math.min(state.order.length, from + state.chunkSize);
            nodes = new ArrayList<>(to - from);
            generations = new long[to - from];
            generationCount = generations.length;
            for (int i = from; i < to; i++) {
                Node n = state.order[i];
                if (n.parent() == null && i != 0) {
                    throw new IllegalStateException("the store changed since its registry was built: pause it while saving");
                }
                NodeRecord r = new NodeRecord();
                r.path = n.path();
                r.value = n.value();
                r.valueLength = r.value.length;
                r.perms = perms(n.perms());
                generations[i - from] = n.generation();
                nodes.add(r);
            }
        }

        void clear() {
            nodes = new ArrayList<>();
            generations = null;
        }

        /**
         * Null when chunks come in order after the header; each node's parent exists or came
         * earlier, no path twice; generations, when present, one per node and not above the
         * store's. Else the chunk or the node, and the rule it breaks.
         */
        String problem() {
            Header h = state.header;
            if (!h.loaded) {
                return "node chunk " + index + " before the store header";
            }
            if (index != state.nextChunk) {
                return "node chunk " + index + " where chunk " + state.nextChunk + " is due";
            }
            if (index >= h.chunks) {
                return "node chunk " + index + " beyond the header's " + Plural.count(h.chunks, "chunk");
            }
            if (nodes.isEmpty()) {
                return "node chunk " + index + " holds no node";
            }
            if (generations != null) {
                if (generations.length != nodes.size()) {
                    return "node chunk " + index + ": " + Plural.count(generations.length, "generation") + " for "
                            + Plural.count(nodes.size(), "node");
                }
                for (int i = 0; i < generations.length; i++) {
                    long g = generations[i];
                    if (g < 0 || g > h.generation) {
                        return node(nodes.get(i)) + ": generation " + Long.toUnsignedString(g)
                                + " is above the store's, " + h.generation;
                    }
                }
            }
            NodeTree tree = state.store.tree();
            Set<String> here = new HashSet<>();
            for (int i = 0; i < nodes.size(); i++) {
                NodeRecord r = nodes.get(i);
                String bad = StorePath.problem(r.path);
                if (bad != null) {
                    return node(r) + ": " + bad;
                }
                if (r.perms.isEmpty()) {
                    return node(r) + ": no permissions (the first names its owner)";
                }
                boolean root = r.path.length() == 1;
                boolean first = index == 0 && i == 0;
                if (root != first) {
                    return root ? "node /: the root comes again, after other nodes"
                            : node(r) + " comes first, where the root / must";
                }
                if (!root) {
                    String parent = StorePath.parent(r.path);
                    if (!here.contains(parent) && tree.find(parent) == null) {
                        return node(r) + ": its parent " + parent + " has not come before it";
                    }
                    if (here.contains(r.path) || tree.find(r.path) != null) {
                        return node(r) + " comes twice";
                    }
                }
                here.add(r.path);
            }
            return null;
        }

        private static String node(NodeRecord r) {
            return "node " + Printable.of(r.path);
        }

        void apply() {
            NodeTree tree = state.store.tree();
            long fallback = state.header.generation;
            for (int i = 0; i < nodes.size(); i++) {
                NodeRecord r = nodes.get(i);
                tree.load(r.path, r.value, perms(r.perms), generations != null ? generations[i] : fallback);
            }
            clear();
            state.nextChunk++;
        }
    }

    /** Section {@code store.connections}. */
    public static final class Connections {
        final StoreState state;
        List<ConnectionRecord> connections = new ArrayList<>();

        Connections(StoreState state) {
            this.state = state;
        }

        void fill() {
            connections = new ArrayList<>();
            for (Connection c : state.store.connections()) {
                ConnectionRecord r = new ConnectionRecord();
                r.id = c.id();
                r.key = c.key();
                r.domid = c.domid();
                r.requestsProcessed = c.requestsProcessed();
                Connection.Queued q = c.queued();
                r.firstLine = q.firstLine();
                for (String line : q.lines()) {
                    r.output.add(new LineRecord(line));
                }
                connections.add(r);
            }
        }

        void clear() {
            connections = new ArrayList<>();
        }

        /**
         * Null when the connections come after every node chunk, their ids are unique, non-zero
         * and below the next id, and their output lines printable ASCII (what the server writes);
         * else the connection and the rule it breaks.
         */
        String problem() {
            Header h = state.header;
            if (!h.loaded) {
                return "connections before the store header";
            }
            if (state.nextChunk != h.chunks) {
                return "connections after " + state.nextChunk + " of the header's " + Plural.count(h.chunks, "node chunk");
            }
            long nodes = state.store.tree().nodeCount();
            if (nodes != h.nodeCount) {
                return "the tree has " + Plural.count(nodes, "node") + ", the header says " + h.nodeCount;
            }
            if (state.connectionsLoaded) {
                return "a second connections section";
            }
            Set<Long> ids = new HashSet<>();
            for (ConnectionRecord r : connections) {
                if (r.id == 0) {
                    return "connection 0: ids start at 1";
                }
                if (r.id >= h.nextConnectionId) {
                    return "connection " + r.id + ": not below the next id, " + h.nextConnectionId;
                }
                if (!ids.add(r.id)) {
                    return "connection " + r.id + " comes twice";
                }
                if (r.firstLine < 1) {
                    return "connection " + r.id + ": first queued line " + r.firstLine + " (lines count from 1)";
                }
                for (int n = 0; n < r.output.size(); n++) {
                    String text = r.output.get(n).text;
                    for (int i = 0; i < text.length(); i++) {
                        char ch = text.charAt(i);
                        if (ch < 0x20 || ch > 0x7E) {
                            return "connection " + r.id + ": queued line " + (r.firstLine + n) + " has character 0x"
                                    + Integer.toHexString(ch) + ", where the server writes printable ASCII only";
                        }
                    }
                }
            }
            return null;
        }

        void apply() {
            for (ConnectionRecord r : connections) {
                List<String> lines = new ArrayList<>(r.output.size());
                for (LineRecord l : r.output) {
                    lines.add(l.text);
                }
                state.store.restoreConnection(r.id, r.key, r.domid, r.requestsProcessed, r.firstLine, lines);
            }
            connections = new ArrayList<>();
            state.connectionsLoaded = true;
        }
    }

    /** Section {@code store.watches}. */
    public static final class Watches {
        final StoreState state;
        List<WatchRecord> watches = new ArrayList<>();

        Watches(StoreState state) {
            this.state = state;
        }

        void fill() {
            watches = new ArrayList<>();
            for (Watch w : state.store.watches().all()) {
                WatchRecord r = new WatchRecord();
                r.connection = w.connectionId();
                r.path = w.path();
                r.token = w.token();
                r.depth = w.depth();
                watches.add(r);
            }
        }

        void clear() {
            watches = new ArrayList<>();
        }

        /**
         * Null when the watches come after the connections, each belongs to one, has a valid path
         * and none comes twice; else the watch and the rule it breaks.
         */
        String problem() {
            if (!state.connectionsLoaded) {
                return "watches before the connections";
            }
            Set<List<Object>> seen = new HashSet<>();
            for (WatchRecord r : watches) {
                String watch = "watch " + Printable.of(r.path) + " (token " + Printable.of(r.token) + ") of connection "
                        + r.connection;
                if (state.store.connection(r.connection) == null) {
                    return watch + ": no such connection";
                }
                String bad = StorePath.watchProblem(r.path);
                if (bad != null) {
                    return watch + ": " + bad;
                }
                if (!seen.add(List.of(r.connection, r.path, r.token))) {
                    return watch + " comes twice";
                }
            }
            return null;
        }

        void apply() {
            for (WatchRecord r : watches) {
                state.store.watches().add(new Watch(r.connection, r.path, r.token, r.depth));
            }
            watches = new ArrayList<>();
        }
    }

    /** Section {@code store.transactions}. */
    public static final class Transactions {
        final StoreState state;
        List<TransactionRecord> transactions = new ArrayList<>();

        Transactions(StoreState state) {
            this.state = state;
        }

        void fill() {
            transactions = new ArrayList<>();
            for (Transaction t : state.store.transactions()) {
                TransactionRecord r = new TransactionRecord();
                r.id = t.id();
                r.connection = t.connectionId();
                r.baseGeneration = t.baseGeneration();
                for (String p : t.readSet()) {
                    r.read.add(new PathRecord(p));
                }
                for (Map.Entry<String, Transaction.Written> e : t.writtenSet().entrySet()) {
                    WrittenRecord w = new WrittenRecord();
                    w.path = e.getKey();
                    w.value = e.getValue().value();
                    w.valueLength = w.value.length;
                    w.perms = perms(e.getValue().perms());
                    w.fires = e.getValue().fires();
                    r.written.add(w);
                }
                for (String p : t.deletedSet()) {
                    r.deleted.add(new PathRecord(p));
                }
                transactions.add(r);
            }
        }

        void clear() {
            transactions = new ArrayList<>();
        }

        /**
         * Null when the transactions come after the connections, each belongs to one, has a
         * unique non-zero id, a base generation not above the store's, and valid paths; else the
         * transaction, the path, and the rule it breaks.
         */
        String problem() {
            if (!state.connectionsLoaded) {
                return "transactions before the connections";
            }
            Set<Long> ids = new HashSet<>();
            for (TransactionRecord r : transactions) {
                String t = "transaction " + r.id;
                if (r.id == 0) {
                    return "transaction 0: ids start at 1";
                }
                if (!ids.add(r.id)) {
                    return t + " comes twice";
                }
                if (state.store.connection(r.connection) == null) {
                    return t + ": its connection " + r.connection + " does not exist";
                }
                if (r.baseGeneration > state.header.generation) {
                    return t + ": base generation " + r.baseGeneration + " is above the store's, "
                            + state.header.generation;
                }
                for (PathRecord p : r.read) {
                    String bad = StorePath.problem(p.path);
                    if (bad != null) {
                        return t + ": read path " + Printable.of(p.path) + ": " + bad;
                    }
                }
                for (PathRecord p : r.deleted) {
                    String bad = p.path.length() == 1 ? "the root cannot be removed" : StorePath.problem(p.path);
                    if (bad != null) {
                        return t + ": deleted path " + Printable.of(p.path) + ": " + bad;
                    }
                }
                for (WrittenRecord w : r.written) {
                    String bad = w.perms.isEmpty() ? "no permissions" : StorePath.problem(w.path);
                    if (bad != null) {
                        return t + ": written node " + Printable.of(w.path) + ": " + bad;
                    }
                }
            }
            return null;
        }

        void apply() {
            for (TransactionRecord r : transactions) {
                Transaction t = new Transaction(r.id, r.connection, r.baseGeneration);
                for (PathRecord p : r.read) {
                    t.restoreRead(p.path);
                }
                for (WrittenRecord w : r.written) {
                    t.restoreWritten(w.path, new Transaction.Written(w.value, perms(w.perms), w.fires));
                }
                for (PathRecord p : r.deleted) {
                    t.restoreDeleted(p.path);
                }
                state.store.restoreTransaction(t);
            }
            transactions = new ArrayList<>();
        }
    }

    // ---- helpers -------------------------------------------------------------------------------

    static List<PermRecord> perms(Perms p) {
        List<PermRecord> out = new ArrayList<>(p.size());
        for (int i = 0; i < p.size(); i++) {
            out.add(new PermRecord(p.get(i)));
        }
        return out;
    }

    static Perms perms(List<PermRecord> records) {
        List<Perm> list = new ArrayList<>(records.size());
        for (PermRecord r : records) {
            list.add(new Perm(r.domid, r.access));
        }
        return Perms.of(list);
    }
}
