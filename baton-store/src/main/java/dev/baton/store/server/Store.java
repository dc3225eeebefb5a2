package dev.baton.store.server;

import dev.baton.core.wire.Utf8;
import dev.baton.store.protocol.ErrorCode;
import dev.baton.store.protocol.StoreException;
import dev.baton.store.protocol.Tokens;
import dev.baton.store.quota.Quota;
import dev.baton.store.quota.Quotas;
import dev.baton.store.tree.Access;
import dev.baton.store.tree.Node;
import dev.baton.store.tree.NodeTree;
import dev.baton.store.tree.Perm;
import dev.baton.store.tree.Perms;
import dev.baton.store.tree.StorePath;
import dev.baton.store.txn.Transaction;
import dev.baton.store.watch.Watch;
import dev.baton.store.watch.WatchTable;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The store: its node tree, watches, transactions, quotas and connections, and the commands of
 * the protocol (docs/STORE.md) executed against them.
 *
 * <p>One lock serves everything, as xenstored is single-threaded: each request runs whole under
 * it, so requests are atomic and totally ordered. {@link #pause} holds off every request (and
 * handshake, and the expiry of connections) until {@link #unpause}, so that a live update can
 * save a state that does not move; sockets keep writing what is already queued meanwhile.
 *
 * <p>Everything a live update carries is reachable from here (the {@code state} package builds a
 * {@code SectionRegistry} from a store); the node tree records dirty paths on demand for
 * iterative pre-copy ({@link NodeTree#trackDirty}).
 */
public final class Store {
    /** Longest request line accepted, in octets, newline excluded. */
    public static final int MAX_LINE = 65536;
    /** Output lines a writer takes at once. */
    static final int WRITE_BATCH = 256;

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition unpaused = lock.newCondition();
    private boolean paused;

    private final Release release;
    private final Duration grace;
    private final NodeTree tree = new NodeTree();
    private final WatchTable watches = new WatchTable();
    private final Quotas quotas = new Quotas();
    private final Map<Long, Connection> connections = new LinkedHashMap<>();
    private final Map<Long, Transaction> transactions = new LinkedHashMap<>();
    private long nextConnectionId = 1;
    private long nextTransactionId = 1;
    private final SecureRandom random = new SecureRandom();

    /** A store of the current release whose connections wait 30 seconds to be resumed. */
    public Store() {
        this(Release.current(), Duration.ofSeconds(30));
    }

    /**
     * @param release what the store offers clients
     * @param grace   how long a connection whose socket dropped waits to be resumed
     */
    public Store(Release release, Duration grace) {
        this.release = release;
        this.grace = grace;
    }

    public Release release() {
        return release;
    }

    /** How long a detached connection waits to be resumed. */
    public Duration grace() {
        return grace;
    }

    // ---- state, for descriptions and tests (call with the store paused or under lock) ------------

    /** The node tree. Change it only through requests, or while loading. */
    public NodeTree tree() {
        return tree;
    }

    public WatchTable watches() {
        return watches;
    }

    public Quotas quotas() {
        return quotas;
    }

    /** The connections, in order of creation. */
    public Collection<Connection> connections() {
        return connections.values();
    }

    /** The open transactions, in order of start. */
    public Collection<Transaction> transactions() {
        return transactions.values();
    }

    public long nextConnectionId() {
        return nextConnectionId;
    }

    public long nextTransactionId() {
        return nextTransactionId;
    }

    /** The connection of that id, or null. */
    public Connection connection(long id) {
        return connections.get(id);
    }

    // ---- pausing and locking -------------------------------------------------------------------

    /**
     * Stops processing requests, handshakes and expiries; returns once none is running. Sockets
     * keep writing output already queued.
     */
    public void pause() {
        lock.lock();
        try {
            paused = true;
        } finally {
            lock.unlock();
        }
    }

    /** Resumes processing. */
    public void unpause() {
        lock.lock();
        try {
            paused = false;
            unpaused.signalAll();
        } finally {
            lock.unlock();
        }
    }

    public boolean paused() {
        lock.lock();
        try {
            return paused;
        } finally {
            lock.unlock();
        }
    }

    /**
     * How many requests, handshakes and expiries wait for the pause to end: each request line a
     * socket has read while the store was paused counts until {@link #unpause}. A live update and
     * its tests see from it that a request is held, not lost, with no need to wait and see.
     */
    public int waiting() {
        lock.lock();
        try {
            return lock.getWaitQueueLength(unpaused);
        } finally {
            lock.unlock();
        }
    }

    /** Runs {@code action} under the store's lock, paused or not (for consistent reads, e.g. a pre-copy chunk). */
    public <T> T locked(java.util.function.Supplier<T> action) {
        lock.lock();
        try {
            return action.get();
        } finally {
            lock.unlock();
        }
    }

    private void enter() throws InterruptedException {
        lock.lockInterruptibly();
        while (paused) {
            try {
                unpaused.await();
            } catch (InterruptedException e) {
                lock.unlock();
                throw e;
            }
        }
    }

    // ---- loading (the state package calls these on a fresh store) -------------------------------

    /** Whether the store is as new: the root alone, no connections. */
    public boolean isEmpty() {
        return tree.nodeCount() == 1 && connections.isEmpty() && transactions.isEmpty() && watches.size() == 0;
    }

    /** Sets the id counters (when loading state). */
    public void restoreCounters(long nextConnection, long nextTransaction) {
        this.nextConnectionId = nextConnection;
        this.nextTransactionId = nextTransaction;
    }

    /**
     * Adds a connection as saved, detached, waiting {@link #grace} to be resumed (when loading state).
     *
     * @return false when a connection of that id exists
     */
    public boolean restoreConnection(long id, long key, int domid, long requestsProcessed, long firstLine,
            List<String> output) {
        if (connections.containsKey(id)) {
            return false;
        }
        Connection c = new Connection(id, key, domid);
        c.requestsProcessed = requestsProcessed;
        c.restoreOutput(firstLine, output);
        connections.put(id, c);
        scheduleExpiry(c, c.restoredDetached());
        return true;
    }

    /** Adds a transaction as saved (when loading state); its connection must exist. */
    public boolean restoreTransaction(Transaction t) {
        Connection c = connections.get(t.connectionId());
        if (c == null || transactions.containsKey(t.id())) {
            return false;
        }
        transactions.put(t.id(), t);
        c.transactions++;
        return true;
    }

    // ---- connections ---------------------------------------------------------------------------

    /** What a handshake line led to: a connection and the reply to write, or an error reply. */
    record Handshake(Connection connection, String reply) {
    }

    /** Handles a line before the handshake: HELLO or RESUME. */
    Handshake handshake(byte[] line, int length, boolean tooLong, Connection.Attachment att)
            throws InterruptedException {
        if (tooLong) {
            return new Handshake(null, "ERR E2BIG line longer than " + MAX_LINE + " octets");
        }
        List<byte[]> tokens;
        try {
            tokens = Tokens.split(line, length);
        } catch (Tokens.MalformedLineException e) {
            return new Handshake(null, "ERR EINVAL " + e.getMessage());
        }
        enter();
        try {
            String command = tokens.isEmpty() ? "" : Tokens.ascii(tokens.get(0));
            if ("HELLO".equals(command)) {
                if (tokens.size() != 2) {
                    throw new StoreException(ErrorCode.EINVAL, "HELLO takes a domid");
                }
                int domid = (int) number(tokens.get(1), Perm.MAX_DOMID, "domid");
                long id = nextConnectionId++;
                Connection c = new Connection(id, random.nextLong(), domid);
                connections.put(id, c);
                c.attach(att);
                return new Handshake(c, "WELCOME " + id + " " + HexFormat.of().toHexDigits(c.key()) + " " + release.label());
            }
            if ("RESUME".equals(command)) {
                if (tokens.size() != 4) {
                    throw new StoreException(ErrorCode.EINVAL, "RESUME takes a connection id, its key and the lines read");
                }
                long id = number(tokens.get(1), 0xFFFF_FFFFL, "connection id");
                Connection c = connections.get(id);
                String key = Tokens.ascii(tokens.get(2));
                if (c == null || key == null || !key.equalsIgnoreCase(HexFormat.of().toHexDigits(c.key()))) {
                    throw new StoreException(ErrorCode.ENOENT, "no connection " + id + " with that key");
                }
                c.resume(number(tokens.get(3), Long.MAX_VALUE, "lines read"), att);
                return new Handshake(c, "RESUMED " + id + " " + c.requestsProcessed + " " + release.label());
            }
            throw new StoreException(ErrorCode.EINVAL, "start with HELLO <domid> or RESUME <id> <key> <lines-read>");
        } catch (StoreException e) {
            return new Handshake(null, "ERR " + e.code() + " " + e.detail());
        } finally {
            lock.unlock();
        }
    }

    /** The socket of a connection dropped: the connection waits {@link #grace} to be resumed. */
    void detached(Connection c, Connection.Attachment att) {
        long epoch = c.detach(att);
        if (epoch >= 0) {
            scheduleExpiry(c, epoch);
        }
    }

    private void scheduleExpiry(Connection c, long epoch) {
        if (epoch < 0) {
            return;
        }
        Thread.ofVirtual().name("store-expiry-" + c.id()).start(() -> {
            try {
                Thread.sleep(grace);
                enter();
                try {
                    if (connections.get(c.id()) == c && c.detachedSince(epoch)) {
                        discard(c, true);
                    }
                } finally {
                    lock.unlock();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
    }

    /** Forgets a connection with its watches and transactions. Under the lock. */
    private void discard(Connection c, boolean flush) {
        connections.remove(c.id());
        watches.removeAll(c.id());
        transactions.values().removeIf(t -> t.connectionId() == c.id());
        c.transactions = 0;
        c.close(flush);
        if (!flush) {
            c.dropSocket();
        }
    }

    /** Closes every attached socket; the connections stay, waiting to be resumed. */
    public void dropSockets() {
        lock.lock();
        try {
            for (Connection c : connections.values()) {
                c.dropSocket();
            }
        } finally {
            lock.unlock();
        }
    }

    // ---- requests ------------------------------------------------------------------------------

    /** What the server loop does after a request. */
    enum Outcome {
        CONTINUE, CLOSE
    }

    /** A watch event to queue once the request's reply is queued; null perms: whoever watches gets it. */
    private record Fired(Watch watch, String path, Perms perms) {
    }

    /**
     * Executes one request line that came on {@code att}, a socket of an established connection,
     * and queues its reply and the watch events it fires. A line from a socket the connection no
     * longer uses (the client resumed on another while this one waited, e.g. for a pause to end)
     * is dropped unprocessed: the client sends it again, as the count of processed lines says.
     */
    Outcome request(Connection c, Connection.Attachment att, byte[] line, int length, boolean tooLong)
            throws InterruptedException {
        enter();
        try {
            if (connections.get(c.id()) != c || !c.servedBy(att)) {
                return Outcome.CLOSE;
            }
            c.requestsProcessed++;
            List<Fired> fired = new ArrayList<>();
            String reply;
            Outcome outcome = Outcome.CONTINUE;
            try {
                if (tooLong) {
                    throw new StoreException(ErrorCode.E2BIG, "line longer than " + MAX_LINE + " octets");
                }
                List<byte[]> tokens;
                try {
                    tokens = Tokens.split(line, length);
                } catch (Tokens.MalformedLineException e) {
                    throw new StoreException(ErrorCode.EINVAL, e.getMessage());
                }
                if (tokens.isEmpty()) {
                    throw new StoreException(ErrorCode.EINVAL, "empty request");
                }
                reply = execute(c, tokens, fired);
                if (reply == BYE) {
                    reply = "OK";
                    outcome = Outcome.CLOSE;
                }
            } catch (StoreException e) {
                reply = "ERR " + e.code() + " " + e.detail();
            }
            if (reply != null && !queue(c, reply)) {
                return Outcome.CLOSE;
            }
            for (Fired f : fired) {
                Connection to = connections.get(f.watch.connectionId());
                if (to != null && (f.perms == null || f.perms.allows(to.domid(), Access.READ))) {
                    queue(to, "EVENT " + f.path + " " + Tokens.token(f.watch.token()));
                }
            }
            if (outcome == Outcome.CLOSE) {
                discard(c, true);
            }
            return outcome;
        } finally {
            lock.unlock();
        }
    }

    /** Queues a line; a connection whose unwritten output exceeds its quota is discarded. */
    private boolean queue(Connection c, String line) {
        if (c.enqueue(line, quotas.limit(Quota.OUTPUT, c.domid()))) {
            return true;
        }
        discard(c, false);
        return false;
    }

    private static final String BYE = new String("BYE");

    private String execute(Connection c, List<byte[]> tokens, List<Fired> fired) {
        int at = 0;
        Transaction t = null;
        String first = Tokens.ascii(tokens.get(0));
        if (first != null && first.length() > 1 && first.charAt(0) == 'T' && Character.isDigit(first.charAt(1))) {
            long txid = number(tokens.get(0), 0xFFFF_FFFFL, "transaction id", 1);
            t = transactions.get(txid);
            if (t == null || t.connectionId() != c.id()) {
                throw new StoreException(ErrorCode.ENOENT, "no transaction " + txid + " on this connection");
            }
            at = 1;
            if (tokens.size() == 1) {
                throw new StoreException(ErrorCode.EINVAL, "a command must follow the transaction");
            }
        }
        String command = Tokens.ascii(tokens.get(at));
        List<byte[]> args = tokens.subList(at + 1, tokens.size());
        if (command == null) {
            throw new StoreException(ErrorCode.EINVAL, "unknown command");
        }
        return switch (command) {
            case "READ" -> read(c, t, path(args, 1, "READ <path>"));
            case "WRITE" -> write(c, t, path(args, 2, "WRITE <path> <value>"), args.get(1), fired);
            case "MKDIR" -> write(c, t, path(args, 1, "MKDIR <path>"), null, fired);
            case "RM" -> rm(c, t, path(args, 1, "RM <path>"), fired);
            case "DIRECTORY" -> directory(c, t, path(args, 1, "DIRECTORY <path>"));
            case "GET_PERMS" -> getPerms(c, t, path(args, 1, "GET_PERMS <path>"));
            case "SET_PERMS" -> setPerms(c, t, args, fired);
            case "WATCH" -> watch(c, args, fired);
            case "UNWATCH" -> unwatch(c, args);
            case "TRANSACTION_START" -> transactionStart(c, t, args);
            case "TRANSACTION_END" -> transactionEnd(c, t, args, fired);
            case "GET_QUOTA" -> getQuota(c, args);
            case "SET_QUOTA" -> setQuota(c, args);
            case "ACK" -> ack(c, args);
            case "BYE" -> {
                expect(args, 0, "BYE");
                yield BYE;
            }
            case "HELLO", "RESUME" -> throw new StoreException(ErrorCode.EINVAL, command + " after the handshake");
            default -> throw new StoreException(ErrorCode.EINVAL, "unknown command " + printable(command));
        };
    }

    // ---- commands ------------------------------------------------------------------------------

    private String read(Connection c, Transaction t, String path) {
        byte[] value;
        Perms perms;
        if (t != null) {
            Transaction.View v = t.read(tree, path);
            if (v == null) {
                throw noNode(path);
            }
            value = v.value();
            perms = v.perms();
        } else {
            Node n = tree.find(path);
            if (n == null) {
                throw noNode(path);
            }
            value = n.value();
            perms = n.perms();
        }
        require(c, perms, Access.READ, path);
        return "OK " + Tokens.quote(value);
    }

    /** WRITE (value non-null) and MKDIR (value null). */
    private String write(Connection c, Transaction t, String path, byte[] value, List<Fired> fired) {
        if (value != null && !quotas.allows(Quota.VALUE_SIZE, c.domid(), value.length)) {
            throw new StoreException(ErrorCode.EQUOTA, "value of " + value.length + " octets exceeds the value-size quota "
                    + quotas.limit(Quota.VALUE_SIZE, c.domid()));
        }
        Perms at;
        int missing;
        if (t != null) {
            Transaction.View v = t.view(tree, path);
            missing = v == null ? t.missing(tree, path) : 0;
            String p = path;
            while (v == null) {
                p = StorePath.parent(p);
                v = t.view(tree, p);
            }
            at = v.perms();
        } else {
            Node n = tree.nearestExisting(path);
            at = n.perms();
            missing = tree.missing(path);
        }
        require(c, at, Access.WRITE, missing == 0 ? path : StorePath.parent(path));
        if (value == null && missing == 0) {
            return "OK";
        }
        if (missing > 0 && !quotas.allows(Quota.NODES, c.domid(), tree.owned(c.domid()) + missing)) {
            throw new StoreException(ErrorCode.EQUOTA, "domain " + c.domid() + " would own more than "
                    + quotas.limit(Quota.NODES, c.domid()) + " nodes");
        }
        if (t != null) {
            t.write(tree, path, value, c.domid());
            return "OK";
        }
        long gen = tree.nextGeneration();
        Node n = tree.ensure(path, c.domid(), gen);
        if (value != null) {
            tree.setValue(n, value, gen);
        }
        fire(path, n.perms(), fired);
        return "OK";
    }

    private String rm(Connection c, Transaction t, String path, List<Fired> fired) {
        if (path.length() == 1) {
            throw new StoreException(ErrorCode.EINVAL, "the root cannot be removed");
        }
        Perms perms;
        if (t != null) {
            Transaction.View v = t.view(tree, path);
            if (v == null) {
                if (t.view(tree, StorePath.parent(path)) == null) {
                    throw noNode(StorePath.parent(path));
                }
                t.readSet().add(path);
                return "OK";
            }
            perms = v.perms();
        } else {
            Node n = tree.find(path);
            if (n == null) {
                if (tree.find(StorePath.parent(path)) == null) {
                    throw noNode(StorePath.parent(path));
                }
                return "OK";
            }
            perms = n.perms();
        }
        require(c, perms, Access.WRITE, path);
        if (t != null) {
            t.remove(tree, path);
            return "OK";
        }
        List<WatchTable.Match> matches = watches.matchingRemoval(path);
        tree.remove(tree.find(path), tree.nextGeneration());
        for (WatchTable.Match m : matches) {
            fired.add(new Fired(m.watch(), m.eventPath(), perms));
        }
        return "OK";
    }

    private String directory(Connection c, Transaction t, String path) {
        List<String> names;
        if (t != null) {
            Transaction.View v = t.view(tree, path);
            if (v == null) {
                t.readSet().add(path);
                throw noNode(path);
            }
            require(c, v.perms(), Access.READ, path);
            names = t.children(tree, path);
        } else {
            Node n = tree.find(path);
            if (n == null) {
                throw noNode(path);
            }
            require(c, n.perms(), Access.READ, path);
            names = n.childNames();
        }
        StringBuilder sb = new StringBuilder("OK");
        for (String name : names) {
            sb.append(' ').append(name);
        }
        return sb.toString();
    }

    private String getPerms(Connection c, Transaction t, String path) {
        Perms perms;
        if (t != null) {
            Transaction.View v = t.read(tree, path);
            if (v == null) {
                throw noNode(path);
            }
            perms = v.perms();
        } else {
            Node n = tree.find(path);
            if (n == null) {
                throw noNode(path);
            }
            perms = n.perms();
        }
        require(c, perms, Access.READ, path);
        return "OK " + perms;
    }

    private String setPerms(Connection c, Transaction t, List<byte[]> args, List<Fired> fired) {
        if (args.size() < 2) {
            throw new StoreException(ErrorCode.EINVAL, "SET_PERMS <path> <perm>...");
        }
        String path = path(args.subList(0, 1), 1, "SET_PERMS <path> <perm>...");
        List<Perm> list = new ArrayList<>();
        for (byte[] a : args.subList(1, args.size())) {
            String s = Tokens.ascii(a);
            Perm p = s == null ? null : Perm.parse(s);
            if (p == null) {
                throw new StoreException(ErrorCode.EINVAL, "a permission is a letter of n r w b and a domid, e.g. r5");
            }
            list.add(p);
        }
        if (!quotas.allows(Quota.PERMS, c.domid(), list.size())) {
            throw new StoreException(ErrorCode.EQUOTA, list.size() + " permission entries exceed the perms quota "
                    + quotas.limit(Quota.PERMS, c.domid()));
        }
        Perms perms = Perms.of(list);
        Perms old;
        Node n = null;
        if (t != null) {
            Transaction.View v = t.read(tree, path);
            if (v == null) {
                throw noNode(path);
            }
            old = v.perms();
        } else {
            n = tree.find(path);
            if (n == null) {
                throw noNode(path);
            }
            old = n.perms();
        }
        if (!c.privileged() && c.domid() != old.owner()) {
            throw new StoreException(ErrorCode.EACCES, "only the owner (domain " + old.owner()
                    + ") or a privileged domain may set the permissions of " + path);
        }
        if (!c.privileged() && perms.owner() != old.owner()) {
            throw new StoreException(ErrorCode.EPERM, "an unprivileged domain may not change the owner of " + path);
        }
        if (t != null) {
            t.setPerms(tree, path, perms);
            return "OK";
        }
        long gen = tree.nextGeneration();
        tree.setPerms(n, perms, gen);
        fire(path, perms, fired);
        return "OK";
    }

    private String watch(Connection c, List<byte[]> args, List<Fired> fired) {
        if (args.size() < 2 || args.size() > 3) {
            throw new StoreException(ErrorCode.EINVAL, release.watchDepth() ? "WATCH <path> <token> [<depth>]"
                    : "WATCH <path> <token>");
        }
        String path = path(args.subList(0, 1), 1, "WATCH <path> <token>");
        String token = text(args.get(1), "token");
        int depth = Watch.UNLIMITED;
        if (args.size() == 3) {
            if (!release.watchDepth()) {
                throw new StoreException(ErrorCode.EINVAL, "watch depth needs release 2.0 (this store runs " + release + ")");
            }
            depth = (int) number(args.get(2), Watch.UNLIMITED, "depth");
        }
        if (watches.find(c.id(), path, token) != null) {
            throw new StoreException(ErrorCode.EEXIST, "this connection already watches " + path + " with that token");
        }
        if (!quotas.allows(Quota.WATCHES, c.domid(), watches.count(c.id()) + 1L)) {
            throw new StoreException(ErrorCode.EQUOTA, "more than " + quotas.limit(Quota.WATCHES, c.domid()) + " watches");
        }
        Watch w = new Watch(c.id(), path, token, depth);
        watches.add(w);
        fired.add(new Fired(w, path, null)); // the initial event, whatever the permissions
        return "OK";
    }

    private String unwatch(Connection c, List<byte[]> args) {
        if (args.size() != 2) {
            throw new StoreException(ErrorCode.EINVAL, "UNWATCH <path> <token>");
        }
        String path = path(args.subList(0, 1), 1, "UNWATCH <path> <token>");
        if (!watches.remove(c.id(), path, text(args.get(1), "token"))) {
            throw new StoreException(ErrorCode.ENOENT, "no watch on " + path + " with that token");
        }
        return "OK";
    }

    private String transactionStart(Connection c, Transaction t, List<byte[]> args) {
        if (t != null) {
            throw new StoreException(ErrorCode.EINVAL, "TRANSACTION_START inside a transaction");
        }
        expect(args, 0, "TRANSACTION_START");
        if (!quotas.allows(Quota.TRANSACTIONS, c.domid(), c.transactions + 1L)) {
            throw new StoreException(ErrorCode.EQUOTA, "more than " + quotas.limit(Quota.TRANSACTIONS, c.domid())
                    + " open transactions");
        }
        long id = nextTransactionId;
        while (transactions.containsKey(id) || id == 0) {
            id = (id + 1) & 0xFFFF_FFFFL;
        }
        nextTransactionId = (id + 1) & 0xFFFF_FFFFL;
        transactions.put(id, new Transaction(id, c.id(), tree.generation()));
        c.transactions++;
        return "OK " + id;
    }

    private String transactionEnd(Connection c, Transaction t, List<byte[]> args, List<Fired> fired) {
        if (t == null) {
            throw new StoreException(ErrorCode.EINVAL, "T<id> TRANSACTION_END COMMIT|ABORT");
        }
        expect(args, 1, "T<id> TRANSACTION_END COMMIT|ABORT");
        String how = Tokens.ascii(args.get(0));
        boolean commit = "COMMIT".equals(how);
        if (!commit && !"ABORT".equals(how)) {
            throw new StoreException(ErrorCode.EINVAL, "T<id> TRANSACTION_END COMMIT|ABORT");
        }
        transactions.remove(t.id());
        c.transactions--;
        if (!commit) {
            return "OK";
        }
        if (t.conflicts(tree)) {
            throw new StoreException(ErrorCode.EAGAIN, "transaction " + t.id()
                    + " conflicts with a change committed since it began: start it again");
        }
        int created = t.nodesToCreate(tree);
        if (created > 0 && !quotas.allows(Quota.NODES, c.domid(), tree.owned(c.domid()) + (long) created)) {
            throw new StoreException(ErrorCode.EQUOTA, "domain " + c.domid() + " would own more than "
                    + quotas.limit(Quota.NODES, c.domid()) + " nodes");
        }
        if (t.deletedSet().isEmpty() && t.writtenSet().isEmpty()) {
            return "OK";
        }
        // Watches of removals are matched, and their permissions taken, before anything goes.
        List<Fired> removals = new ArrayList<>();
        for (String p : t.deletedSet()) {
            Node n = tree.find(p);
            if (n != null) {
                for (WatchTable.Match m : watches.matchingRemoval(p)) {
                    removals.add(new Fired(m.watch(), m.eventPath(), n.perms()));
                }
            }
        }
        List<Transaction.Change> changes = t.apply(tree, c.domid(), tree.nextGeneration());
        fired.addAll(removals);
        for (Transaction.Change ch : changes) {
            if (!ch.removal()) {
                fire(ch.path(), tree.find(ch.path()).perms(), fired);
            }
        }
        return "OK";
    }

    private String getQuota(Connection c, List<byte[]> args) {
        if (args.isEmpty() || args.size() > 2) {
            throw new StoreException(ErrorCode.EINVAL, "GET_QUOTA <name> [<domid>]");
        }
        Quota q = quota(args.get(0));
        int domid = args.size() == 2 ? (int) number(args.get(1), Perm.MAX_DOMID, "domid") : c.domid();
        if (domid != c.domid() && !c.privileged()) {
            throw new StoreException(ErrorCode.EPERM, "only a privileged domain may read another domain's quota");
        }
        return "OK " + quotas.limit(q, domid);
    }

    private String setQuota(Connection c, List<byte[]> args) {
        if (args.size() < 2 || args.size() > 3) {
            throw new StoreException(ErrorCode.EINVAL, "SET_QUOTA <name> <value> [<domid>]");
        }
        if (!c.privileged()) {
            throw new StoreException(ErrorCode.EPERM, "only a privileged domain may set quotas");
        }
        Quota q = quota(args.get(0));
        long value = number(args.get(1), 0xFFFF_FFFFL, "quota value");
        if (args.size() == 3) {
            quotas.setForDomain(q, (int) number(args.get(2), Perm.MAX_DOMID, "domid"), value);
        } else {
            quotas.setGlobal(q, value);
        }
        return "OK";
    }

    private String ack(Connection c, List<byte[]> args) {
        expect(args, 1, "ACK <lines-read>");
        c.ack(number(args.get(0), Long.MAX_VALUE, "lines read"));
        return null;
    }

    // ---- helpers -------------------------------------------------------------------------------

    private void fire(String path, Perms perms, List<Fired> fired) {
        for (WatchTable.Match m : watches.matching(path)) {
            fired.add(new Fired(m.watch(), m.eventPath(), perms));
        }
    }

    private static void require(Connection c, Perms perms, Access wanted, String path) {
        if (!perms.allows(c.domid(), wanted)) {
            throw new StoreException(ErrorCode.EACCES, "domain " + c.domid() + " may not "
                    + (wanted == Access.READ ? "read " : "write ") + path);
        }
    }

    private static StoreException noNode(String path) {
        return new StoreException(ErrorCode.ENOENT, "no node " + path);
    }

    private static void expect(List<byte[]> args, int n, String usage) {
        if (args.size() != n) {
            throw new StoreException(ErrorCode.EINVAL, usage);
        }
    }

    private static String path(List<byte[]> args, int n, String usage) {
        expect(args, n, usage);
        String path = Tokens.ascii(args.get(0));
        String problem = path == null ? "path is not ASCII" : StorePath.problem(path);
        if (problem != null) {
            throw new StoreException(ErrorCode.EINVAL, problem);
        }
        return path;
    }

    private static String text(byte[] token, String what) {
        String s = Utf8.decode(token);
        if (s == null) {
            throw new StoreException(ErrorCode.EINVAL, what + " is not UTF-8");
        }
        return s;
    }

    private static Quota quota(byte[] token) {
        String name = Tokens.ascii(token);
        Quota q = name == null ? null : Quota.byKey(name);
        if (q == null) {
            throw new StoreException(ErrorCode.EINVAL, "unknown quota; the quotas are nodes, value-size, perms, "
                    + "watches, transactions, output");
        }
        return q;
    }

    static long number(byte[] token, long max, String what) {
        return number(token, max, what, 0);
    }

    /** A decimal number, after {@code skip} leading characters, at most {@code max}. */
    private static long number(byte[] token, long max, String what, int skip) {
        if (token.length <= skip || token.length - skip > 18) {
            throw new StoreException(ErrorCode.EINVAL, what + " is not a decimal number");
        }
        long v = 0;
        for (int i = skip; i < token.length; i++) {
            int d = token[i] - '0';
            if (d < 0 || d > 9) {
                throw new StoreException(ErrorCode.EINVAL, what + " is not a decimal number");
            }
            v = v * 10 + d;
        }
        if (v < 0 || v > max) {
            throw new StoreException(ErrorCode.EINVAL, what + " " + v + " is above " + max);
        }
        return v;
    }

    private static String printable(String s) {
        return s.length() > 40 ? s.substring(0, 40) + "..." : s;
    }
}
