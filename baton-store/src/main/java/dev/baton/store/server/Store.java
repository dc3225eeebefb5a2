package dev.baton.store.server;

import dev.baton.migrate.precopy.ThrottleSteps;
import dev.baton.store.protocol.ErrorCode;
import dev.baton.store.protocol.StoreException;
import dev.baton.store.protocol.Tokens;
import dev.baton.store.quota.Quota;
import dev.baton.store.quota.Quotas;
import dev.baton.store.tree.Access;
import dev.baton.store.tree.NodeTree;
import dev.baton.store.tree.Perm;
import dev.baton.store.txn.Transaction;
import dev.baton.store.txn.TransactionTable;
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
 * The store: its node tree, watches, transactions, quotas and connections; the handshakes and
 * requests of the protocol (docs/STORE.md) run against them, each request by its row of the
 * command table ({@link Commands}).
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
    /** Percent of each connection's time it is held back ({@link #throttle}). */
    private volatile int throttle;

    private final Release release;
    private final Duration grace;
    private final NodeTree tree = new NodeTree();
    private final WatchTable watches = new WatchTable();
    private final Quotas quotas = new Quotas();
    private final Map<Long, Connection> connections = new LinkedHashMap<>();
    private final TransactionTable transactions = new TransactionTable();
    private long nextConnectionId = 1;
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
        return transactions.all();
    }

    /** The open transactions, to start, find and end them. */
    TransactionTable transactionTable() {
        return transactions;
    }

    public long nextConnectionId() {
        return nextConnectionId;
    }

    public long nextTransactionId() {
        return transactions.nextId();
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

    /**
     * Slows every connection's requests down to about {@code 100 - percent} % of their rate (0
     * releases it): a live update's source asks it when its passes do not converge
     * ({@code --on-limit throttle}). The store cannot slow its clients, but it can answer them later:
     * before each request, its connection's thread waits {@code percent / (100 - percent)} times
     * the time since its last request was let through (at most 1 ms counted), so that a client
     * that waits for each answer, as the store's clients do, spends that share of its time waiting.
     * Other connections are not held up: each has its own thread.
     */
    public void throttle(int percent) {
        throttle = ThrottleSteps.checked(percent);
    }

    /** The throttle now, in percent. */
    public int throttled() {
        return throttle;
    }

    /** Holds a request of {@code c} back as the throttle says (on the connection's own thread). */
    private void holdBack(Connection c) throws InterruptedException {
        int percent = throttle;
        long now = System.nanoTime();
        if (percent > 0) {
            long ran = Math.min(1_000_000L, Math.max(0, now - c.admitted));
            long wait = ran * percent / (100 - percent);
            Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
            now = System.nanoTime();
        }
        c.admitted = now;
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
        transactions.restoreNextId(nextTransaction);
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
        if (c == null || !transactions.restore(t)) {
            return false;
        }
        c.transactions++;
        return true;
    }

    // ---- connections ---------------------------------------------------------------------------

    /** What a handshake line led to: a connection and the reply to write, or an error reply. */
    record Handshake(Connection connection, String reply) {
    }

    /**
     * Handles a line before the handshake: HELLO or RESUME, from {@code peer}. A refused peer gets
     * EACCES; a certified one is its certificate's domain, and a HELLO or a RESUME of another
     * domain gets EACCES and changes nothing.
     */
    Handshake handshake(byte[] line, int length, boolean tooLong, Connection.Attachment att, ClientTrust.Peer peer)
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
            if (peer instanceof ClientTrust.Peer.Refused r) {
                throw new StoreException(ErrorCode.EACCES, r.reason());
            }
            if ("HELLO".equals(command)) {
                if (tokens.size() != 2) {
                    throw new StoreException(ErrorCode.EINVAL, "HELLO takes a domid");
                }
                int domid = (int) Request.number(tokens.get(1), Perm.MAX_DOMID, "domid", 0);
                requireDomain(peer, domid, "HELLO " + domid);
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
                long id = Request.number(tokens.get(1), 0xFFFF_FFFFL, "connection id", 0);
                Connection c = connections.get(id);
                String key = Tokens.ascii(tokens.get(2));
                if (c == null || key == null || !key.equalsIgnoreCase(HexFormat.of().toHexDigits(c.key()))) {
                    throw new StoreException(ErrorCode.ENOENT, "no connection " + id + " with that key");
                }
                requireDomain(peer, c.domid(), "RESUME of connection " + id + " (domain " + c.domid() + ")");
                c.resume(Request.number(tokens.get(3), Long.MAX_VALUE, "lines read", 0), att);
                return new Handshake(c, "RESUMED " + id + " " + c.requestsProcessed + " " + release.label());
            }
            throw new StoreException(ErrorCode.EINVAL, "start with HELLO <domid> or RESUME <id> <key> <lines-read>");
        } catch (StoreException e) {
            return new Handshake(null, "ERR " + e.code() + " " + e.detail());
        } finally {
            lock.unlock();
        }
    }

    /** Refuses {@code what}, a handshake as domain {@code domid}, from a peer whose certificate is another domain's. */
    private static void requireDomain(ClientTrust.Peer peer, int domid, String what) {
        if (peer instanceof ClientTrust.Peer.Certified c && c.domid() != domid) {
            throw new StoreException(ErrorCode.EACCES, what + ": the client's certificate (" + c.subject().getName()
                    + ") is domain " + c.domid());
        }
    }

    /**
     * Opens a connection for a client of xenstore's wire protocol: domain 0 (the socket is
     * privileged, as xenstored's), no handshake, nothing to resume.
     */
    Connection openWire(Connection.Attachment att) throws InterruptedException {
        enter();
        try {
            long id = nextConnectionId++;
            Connection c = new Connection(id, random.nextLong(), 0);
            connections.put(id, c);
            c.attach(att);
            return c;
        } finally {
            lock.unlock();
        }
    }

    /**
     * A wire client's socket closed: as xenstored does, its connection goes at once with its
     * watches and transactions (a wire client cannot resume it).
     */
    void closeWire(Connection c) throws InterruptedException {
        enter();
        try {
            if (connections.get(c.id()) == c) {
                discard(c, false);
            }
        } finally {
            lock.unlock();
        }
    }

    /** Whether the connection has an open transaction. */
    boolean inTransaction(Connection c) {
        lock.lock();
        try {
            return c.transactions > 0;
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
        transactions.removeAll(c.id());
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

    /**
     * Executes one request line that came on {@code att}, a socket of an established connection,
     * and queues its reply and the watch events it fires. A line from a socket the connection no
     * longer uses (the client resumed on another while this one waited, e.g. for a pause to end)
     * is dropped unprocessed: the client sends it again, as the count of processed lines says.
     */
    Outcome request(Connection c, Connection.Attachment att, byte[] line, int length, boolean tooLong)
            throws InterruptedException {
        return request(c, att, () -> {
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
            return tokens;
        });
    }

    /**
     * Executes one request given as its tokens ({@code T<txid>}, the command, its arguments), as
     * a client of xenstore's wire protocol sends them translated; otherwise as a request line.
     */
    Outcome request(Connection c, Connection.Attachment att, List<byte[]> tokens) throws InterruptedException {
        return request(c, att, () -> tokens);
    }

    /** The tokens of a request, or the refusal of a request that has none. */
    @FunctionalInterface
    private interface Parse {
        List<byte[]> tokens();
    }

    private Outcome request(Connection c, Connection.Attachment att, Parse parse) throws InterruptedException {
        holdBack(c);
        enter();
        try {
            if (connections.get(c.id()) != c || !c.servedBy(att)) {
                return Outcome.CLOSE;
            }
            c.requestsProcessed++;
            List<Request.Fired> fired = new ArrayList<>();
            Reply reply;
            try {
                reply = execute(c, parse.tokens(), fired);
            } catch (StoreException e) {
                reply = Reply.line("ERR " + e.code() + " " + e.detail());
            }
            if (reply.line() != null && !queue(c, reply.line())) {
                return Outcome.CLOSE;
            }
            for (Request.Fired f : fired) {
                Connection to = connections.get(f.watch().connectionId());
                if (to != null && (f.perms() == null || f.perms().allows(to.domid(), Access.READ))) {
                    queue(to, "EVENT " + f.path() + " " + Tokens.token(f.watch().token()));
                }
            }
            if (reply.closes()) {
                discard(c, true);
                return Outcome.CLOSE;
            }
            return Outcome.CONTINUE;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Queues {@code line} as the answer to a request that the command table does not run (a wire
     * request the wire server answers itself), in its place among the connection's answers.
     */
    Outcome answer(Connection c, Connection.Attachment att, String line) throws InterruptedException {
        enter();
        try {
            if (connections.get(c.id()) != c || !c.servedBy(att)) {
                return Outcome.CLOSE;
            }
            c.requestsProcessed++;
            return queue(c, line) ? Outcome.CONTINUE : Outcome.CLOSE;
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

    /**
     * Runs one request under the lock: the {@code T<txid>} prefix, if any, names an open
     * transaction of the connection; the command is looked up in {@link Commands}, whose row
     * checks the prefix and the arguments and runs the handler.
     */
    private Reply execute(Connection c, List<byte[]> tokens, List<Request.Fired> fired) {
        int at = 0;
        Transaction t = null;
        String first = Tokens.ascii(tokens.get(0));
        if (first != null && first.length() > 1 && first.charAt(0) == 'T' && Character.isDigit(first.charAt(1))) {
            long txid = Request.number(tokens.get(0), 0xFFFF_FFFFL, "transaction id", 1);
            t = transactions.get(txid);
            if (t == null || t.connectionId() != c.id()) {
                throw new StoreException(ErrorCode.ENOENT, "no transaction " + txid + " on this connection");
            }
            at = 1;
            if (tokens.size() == 1) {
                throw new StoreException(ErrorCode.EINVAL, "a command must follow the transaction");
            }
        }
        String name = Tokens.ascii(tokens.get(at));
        if (name == null) {
            throw new StoreException(ErrorCode.EINVAL, "unknown command");
        }
        Command command = Commands.named(name);
        if (command == null) {
            if (name.equals("HELLO") || name.equals("RESUME")) {
                throw new StoreException(ErrorCode.EINVAL, name + " after the handshake");
            }
            // as a token: quoted and escaped unless bare-safe, so that the reply stays one ASCII line
            throw new StoreException(ErrorCode.EINVAL, "unknown command " + Tokens.token(printable(name)));
        }
        return command.run(new Request(this, c, t, command, tokens.subList(at + 1, tokens.size()), fired));
    }

    private static String printable(String s) {
        return s.length() > 40 ? s.substring(0, 40) + "..." : s;
    }
}
