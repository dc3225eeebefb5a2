package dev.baton.store.server;

import dev.baton.core.wire.StreamFormatException;
import dev.baton.store.protocol.ErrorCode;
import dev.baton.store.protocol.StoreException;
import dev.baton.store.quota.Quota;
import dev.baton.store.wire.XsMessage;
import dev.baton.store.wire.XsMessageReader;
import dev.baton.store.wire.XsReply;
import dev.baton.store.wire.XsRequest;
import dev.baton.store.wire.XsType;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Serves a {@link Store} with xenstore's wire protocol on a Unix socket (docs/STORE.md,
 * "xenstore's wire protocol"), as xenstored serves its socket: every connection is privileged
 * (domain 0), and the socket file is its owner's alone (0600). Requests run through the same
 * command table as the line protocol's ({@link XsRequest} translates them, {@link XsReply} the
 * answers back); one virtual thread reads each connection, another writes its queued answers
 * and watch events.
 *
 * <p>A live update moves the socket path without a moment where a connect fails: the new
 * process binds a listener at {@link #nextPath} and waits; the old one {@linkplain #handOverPath
 * renames} it over the path (new clients queue on the new process until it serves), accepts
 * what queued on its own listener meanwhile, and {@linkplain #drain drains} its connections
 * before it hands the store over.
 */
public final class WireServer implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger("dev.baton.store.server");

    private final Store store;
    private final Path path;
    private final Set<Client> clients = ConcurrentHashMap.newKeySet();
    private final Object changes = new Object();
    private ServerSocketChannel listener;
    private Selector selector;
    private Thread acceptor;
    private volatile boolean stopAccepting;

    private WireServer(Store store, Path path, ServerSocketChannel listener) {
        this.store = store;
        this.path = path;
        this.listener = listener;
    }

    /**
     * Binds {@code path} (a socket file left by a process that is gone is replaced; one a
     * process serves is not) and serves {@code store} on it.
     *
     * @throws IOException when the path cannot be bound, or another process serves it
     */
    public static WireServer start(Store store, Path path) throws IOException {
        Path p = path.toAbsolutePath();
        WireServer s = new WireServer(store, p, UnixSockets.bindPrivate(p));
        s.accept();
        return s;
    }

    /**
     * Binds {@link #nextPath} of {@code path} for a process that takes a store over: it accepts
     * nothing until {@link #accept}, and the old process moves it over {@code path} when it
     * hands over ({@link #handOverPath}). A file left there by an earlier takeover is replaced.
     */
    public static WireServer bindNext(Store store, Path path) throws IOException {
        Path p = path.toAbsolutePath();
        Path next = nextPath(p);
        return new WireServer(store, p, UnixSockets.bindOverSocket(next));
    }

    /** Where a new process binds before it takes the socket path over: {@code PATH.next}. */
    public static Path nextPath(Path path) {
        return path.resolveSibling(path.getFileName() + ".next");
    }

    /** The socket path clients connect to. */
    public Path path() {
        return path;
    }

    /** Starts accepting connections (a {@link #bindNext} server, once its store serves). */
    public synchronized void accept() throws IOException {
        if (acceptor != null) {
            return;
        }
        listener.configureBlocking(false);
        selector = Selector.open();
        listener.register(selector, SelectionKey.OP_ACCEPT);
        stopAccepting = false;
        ServerSocketChannel l = listener;
        Selector sel = selector;
        acceptor = Thread.ofVirtual().name("wire-accept").start(() -> acceptLoop(l, sel));
    }

    private void acceptLoop(ServerSocketChannel l, Selector sel) {
        try {
            while (true) {
                sel.select();
                sel.selectedKeys().clear();
                // what queued before the listener stopped is accepted, then nothing more
                SocketChannel ch;
                while ((ch = l.accept()) != null) {
                    SocketChannel c = ch;
                    c.configureBlocking(true);
                    Thread.ofVirtual().name("wire-conn").start(() -> serve(c));
                }
                if (stopAccepting) {
                    return;
                }
            }
        } catch (IOException e) {
            if (!stopAccepting) {
                LOG.log(System.Logger.Level.WARNING, "accept failed on " + path, e);
            }
        } finally {
            try {
                sel.close();
                l.close();
            } catch (IOException e) {
                // closing anyway
            }
        }
    }

    /**
     * Moves the new process's listener ({@link #nextPath}) over the socket path, atomically: a
     * connect from then on reaches the new process, one before reached this one. False when no
     * new process listens there.
     */
    public boolean handOverPath() throws IOException {
        Path next = nextPath(path);
        if (!Files.exists(next, LinkOption.NOFOLLOW_LINKS)) {
            return false;
        }
        Files.move(next, path, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        return true;
    }

    /**
     * After the socket path went to a new process: accepts what queued on this listener, closes
     * it, and waits until every connection is idle (it sent a request, has no open transaction,
     * waits for no answer, and has been so for {@code quiet}) or {@code deadline} passes; then
     * closes them all, which discards their connections, watches and transactions. Clients that
     * connect per command (xenstore-read, xenstore-write) finish on this process; one that stays
     * connected (a watcher) reconnects, to the new process, and registers its watches again.
     *
     * @return the connections that were closed while not idle (the deadline passed)
     */
    public int drain(Duration quiet, Duration deadline) throws InterruptedException {
        long start = System.nanoTime();
        long end = start + deadline.toNanos();
        boolean accepting = true;
        int busy;
        synchronized (changes) {
            while (true) {
                long now = System.nanoTime();
                if (accepting && now - start >= quiet.toNanos()) {
                    stopAccepting(); // a connect racing the move has had time to queue
                    accepting = false;
                }
                busy = 0;
                long wait = quiet.toMillis();
                for (Client c : clients) {
                    long idleFor = c.idleNanos(now);
                    if (idleFor < quiet.toNanos()) {
                        busy++;
                        if (idleFor >= 0) {
                            wait = Math.min(wait, (quiet.toNanos() - idleFor) / 1_000_000 + 1);
                        }
                    }
                }
                if (!accepting && busy == 0 || now >= end) {
                    break;
                }
                changes.wait(Math.max(1, Math.min(wait, (end - now) / 1_000_000 + 1)));
            }
        }
        closeAll();
        return busy;
    }

    /** Stops accepting: what queued is accepted first; the socket file stays (it may be another process's now). */
    public void stopAccepting() {
        Thread a;
        synchronized (this) {
            a = acceptor;
            stopAccepting = true;
            if (selector != null) {
                selector.wakeup();
            }
        }
        if (a != null) {
            try {
                a.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /**
     * After a live update failed: takes the socket path back (it may name the failed process's
     * listener) with a listener of this process, bound aside and moved over it atomically.
     */
    public void reclaimPath() throws IOException {
        stopAccepting();
        Path aside = path.resolveSibling(path.getFileName() + ".reclaim-" + ProcessHandle.current().pid());
        Files.deleteIfExists(aside);
        ServerSocketChannel l = UnixSockets.bind(aside);
        Files.move(aside, path, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        synchronized (this) {
            listener = l;
            acceptor = null;
        }
        accept();
    }

    /** Closes every connection (discarding it in the store) and waits, at most 5 s, for them to go. */
    private void closeAll() throws InterruptedException {
        for (Client c : clients) {
            c.att.close();
        }
        long end = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        synchronized (changes) {
            while (!clients.isEmpty() && System.nanoTime() < end) {
                changes.wait(50);
            }
        }
    }

    /** Stops accepting and closes every connection; the socket file stays. */
    @Override
    public void close() {
        stopAccepting();
        for (Client c : clients) {
            c.att.close();
        }
    }

    // ---- one connection ---------------------------------------------------------------------

    /** A connection's wire state: the requests it waits answers for, in order, and how busy it is. */
    private final class Client {
        final Connection.Attachment att;
        final Connection connection;
        /** Requests read and not answered yet, oldest first. Guarded by {@link #changes}. */
        final ArrayDeque<XsMessage> waiting = new ArrayDeque<>();
        /** When it last read a request or wrote an answer; 0 before its first request. Guarded by changes. */
        long lastActive;

        Client(Connection.Attachment att, Connection connection) {
            this.att = att;
            this.connection = connection;
        }

        /** How long the connection has been idle, or -1 when it is not (never asked, an answer owed, a transaction open). */
        long idleNanos(long now) {
            if (lastActive == 0 || !waiting.isEmpty() || store.inTransaction(connection)) {
                return -1;
            }
            return now - lastActive;
        }

        void asked(XsMessage m) {
            synchronized (changes) {
                waiting.addLast(m);
                lastActive = System.nanoTime();
                changes.notifyAll();
            }
        }

        XsMessage answered() {
            synchronized (changes) {
                XsMessage m = waiting.pollFirst();
                lastActive = System.nanoTime();
                changes.notifyAll();
                return m;
            }
        }
    }

    private void serve(SocketChannel ch) {
        Connection.Attachment att = new Connection.Attachment(ch);
        Client client = null;
        try {
            Connection c = store.openWire(att);
            client = new Client(att, c);
            clients.add(client);
            Client cl = client;
            OutputStream out = new BufferedOutputStream(Channels.newOutputStream(ch), 65536);
            Thread.ofVirtual().name("wire-write-" + c.id()).start(() -> writeLoop(cl, out));
            XsMessageReader in = new XsMessageReader(new BufferedInputStream(Channels.newInputStream(ch), 8192));
            XsMessage m;
            while ((m = in.next()) != null) {
                client.asked(m);
                if (dispatch(client, m) == Store.Outcome.CLOSE) {
                    return;
                }
            }
        } catch (StreamFormatException e) {
            // as xenstored: a client that breaks the framing is dropped
            LOG.log(System.Logger.Level.DEBUG, "dropping a wire client: " + e.getMessage());
        } catch (ClosedChannelException e) {
            // closed by this process (drain, close)
        } catch (IOException e) {
            LOG.log(System.Logger.Level.DEBUG, "wire connection failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            att.close();
            if (client != null) {
                try {
                    store.closeWire(client.connection);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                clients.remove(client);
                synchronized (changes) {
                    changes.notifyAll();
                }
            }
        }
    }

    private Store.Outcome dispatch(Client client, XsMessage m) throws InterruptedException {
        return dispatch(store, client.connection, client.att, m);
    }

    /**
     * Runs one request of connection {@code c}: through the command table, or answered here (the
     * types it has no row for); either way its answer is queued in its turn.
     */
    static Store.Outcome dispatch(Store store, Connection c, Connection.Attachment att, XsMessage m)
            throws InterruptedException {
        XsType type = m.knownType();
        try {
            if (XsRequest.inCommandTable(type)) {
                return store.request(c, att, XsRequest.tokens(m, c.domid()));
            }
            String answer = switch (type) {
                case GET_DOMAIN_PATH -> "OK " + XsRequest.domainPath(XsRequest.domid(m));
                // domain 0 is there; the store knows of no other domain
                case IS_DOMAIN_INTRODUCED -> XsRequest.domid(m) == 0 ? "OK T" : "OK F";
                case null -> throw new StoreException(ErrorCode.EINVAL, "unknown message type "
                        + Integer.toUnsignedString(m.type()));
                case WATCH_EVENT, ERROR -> throw new StoreException(ErrorCode.EINVAL, XsType.name(m.type())
                        + " is sent by the daemon, not to it");
                default -> "ERR ENOSYS " + XsType.name(m.type()) + " is not supported (docs/STORE.md)";
            };
            return store.answer(c, att, answer);
        } catch (StoreException e) {
            return store.answer(c, att, "ERR " + e.code() + " " + e.detail());
        }
    }

    /**
     * A line the store queued for a wire connection as the message to write: a watch event, or
     * the answer to the oldest request not answered yet, which {@code answered} gives.
     */
    static XsMessage outgoing(String line, java.util.function.Supplier<XsMessage> answered) {
        if (XsReply.isEvent(line)) {
            return XsReply.event(line);
        }
        XsMessage request = answered.get();
        if (request == null) {
            throw new IllegalStateException("an answer to no request: " + line);
        }
        return XsReply.to(request, line);
    }

    private void writeLoop(Client client, OutputStream out) {
        Connection c = client.connection;
        try {
            while (true) {
                List<String> batch = c.take(client.att, Store.WRITE_BATCH, store.quotas().limit(Quota.OUTPUT,
                        c.domid()));
                if (batch == null) {
                    break;
                }
                c.forgetWritten();
                for (String line : batch) {
                    out.write(outgoing(line, client::answered).encode());
                }
                out.flush();
            }
        } catch (IOException e) {
            client.att.close(); // the reader ends and discards the connection
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
