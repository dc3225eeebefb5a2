package dev.baton.store.client;

import dev.baton.core.wire.Utf8;
import dev.baton.migrate.transport.TlsConfig;
import dev.baton.migrate.transport.TlsTransport;
import dev.baton.store.protocol.ErrorCode;
import dev.baton.store.protocol.LineReader;
import dev.baton.store.protocol.StoreException;
import dev.baton.store.protocol.Tokens;
import dev.baton.store.tree.Perm;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.SequencedMap;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * A client of the store (docs/STORE.md): synchronous calls, safe from any number of threads, and
 * watch events delivered to a listener (or queued for {@link #nextEvent}).
 *
 * <p>When the socket drops, the client reconnects to the same address and resumes its connection
 * with its id and key: the server keeps the connection's watches, transactions and queued output
 * for a grace period. Requests the server had not processed are sent again; replies and events
 * the client had not read are sent again by the server, so none is lost or seen twice. Only when
 * the connection cannot be resumed do calls fail, with {@link ErrorCode#ECONNRESET}.
 *
 * <pre>{@code
 * try (StoreClient c = StoreClient.connect(address, 0)) {
 *     c.write("/local/domain/1/name", "guest");
 *     c.watch("/local/domain/1", "dom1");
 *     WatchEvent first = c.nextEvent(Duration.ofSeconds(1));   // the watch fires once when set
 * }
 * }</pre>
 */
public final class StoreClient implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger("dev.baton.store.client");
    /** The client acknowledges the lines it read after this many. */
    static final int ACK_EVERY = 64;
    /** How long connecting may take, the TLS handshake included. */
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(2);

    private final InetSocketAddress address;
    private final TlsConfig tls;
    private final int domid;
    private final Duration reconnectTimeout;
    private final Consumer<WatchEvent> listener;
    private final BlockingQueue<WatchEvent> events = new LinkedBlockingQueue<>();

    private long connectionId;
    private String key;
    private volatile String release;

    // Guarded by lock.
    private final Object lock = new Object();
    private Socket socket;
    private OutputStream out;
    private boolean connected;
    private long linesSent;
    private final ArrayDeque<Sent> unconfirmed = new ArrayDeque<>();
    private final ArrayDeque<Sent> awaiting = new ArrayDeque<>();
    private StoreException failure;
    private long reconnects;

    /** Lines read after the handshake; the reader thread's. */
    private volatile long linesReceived;
    private long linesAcked;
    private volatile boolean closing;
    private final java.util.concurrent.atomic.AtomicBoolean closed = new java.util.concurrent.atomic.AtomicBoolean();
    private final Thread reader;
    private final Thread dispatcher;

    /** A request line sent and not yet known to be processed. */
    private static final class Sent {
        final long index;
        final String line;
        final CompletableFuture<String> reply;

        Sent(long index, String line, CompletableFuture<String> reply) {
            this.index = index;
            this.line = line;
            this.reply = reply;
        }
    }

    private StoreClient(InetSocketAddress address, TlsConfig tls, int domid, Consumer<WatchEvent> listener,
            Duration reconnectTimeout) throws IOException {
        this.address = address;
        this.tls = tls;
        this.domid = domid;
        this.listener = listener;
        this.reconnectTimeout = reconnectTimeout;
        Socket s = open();
        LineReader in = new LineReader(s.getInputStream(), Integer.MAX_VALUE - 16);
        OutputStream o = new BufferedOutputStream(s.getOutputStream());
        String reply;
        try {
            o.write(("HELLO " + domid + "\n").getBytes(StandardCharsets.US_ASCII));
            o.flush();
            reply = in.next() ? new String(in.line(), 0, in.length(), StandardCharsets.ISO_8859_1) : null;
        } catch (IOException e) {
            s.close();
            throw tls == null ? e : TlsTransport.explainClient(e, address.getHostString() + ":" + address.getPort());
        }
        String[] parts = reply == null ? new String[0] : reply.split(" ");
        if (reply != null && reply.startsWith("ERR ")) {
            s.close();
            throw refusal(reply); // a store that does not trust this client says so: EACCES
        }
        if (reply == null || !reply.isEmpty() && reply.charAt(0) < ' ') {
            // closed, or a TLS alert's octets: what a store that requires TLS answers to plain TCP
            s.close();
            throw new IOException("the store did not answer HELLO with a line of its protocol"
                    + (tls == null ? " (a store that requires TLS client certificates answers plain TCP so)" : ""));
        }
        if (parts.length != 4 || !parts[0].equals("WELCOME")) {
            s.close();
            throw new IOException("the server did not welcome us: " + reply);
        }
        connectionId = Long.parseLong(parts[1]);
        key = parts[2];
        release = parts[3];
        socket = s;
        out = o;
        connected = true;
        reader = Thread.ofVirtual().name("store-client-read-" + connectionId).start(() -> readLoop(in));
        dispatcher = listener == null ? null
                : Thread.ofVirtual().name("store-client-events-" + connectionId).start(this::dispatchLoop);
    }

    /**
     * Connects as {@code domid} over plain TCP, to a store that believes its clients' word
     * ({@code --trust-hello}); events are queued for {@link #nextEvent}; reconnects for up to 10 seconds.
     */
    public static StoreClient connect(InetSocketAddress address, int domid) throws IOException {
        return new StoreClient(address, null, domid, null, Duration.ofSeconds(10));
    }

    /**
     * Connects over TLS with the key and certificate of {@code tls} (each reconnection too), as
     * {@code domid}: the domain the store's domain map gives the certificate's subject, or the
     * store refuses the handshake with EACCES. Events are queued; reconnects for up to 10 seconds.
     */
    public static StoreClient connect(InetSocketAddress address, TlsConfig tls, int domid) throws IOException {
        return new StoreClient(address, java.util.Objects.requireNonNull(tls), domid, null, Duration.ofSeconds(10));
    }

    /**
     * Connects as {@code domid}.
     *
     * @param listener         called for each watch event, in order, on a thread of the client's
     *                         (it may call the client); null to queue them for {@link #nextEvent}
     * @param reconnectTimeout how long to keep trying to resume the connection when its socket drops
     */
    public static StoreClient connect(InetSocketAddress address, int domid, Consumer<WatchEvent> listener,
            Duration reconnectTimeout) throws IOException {
        return new StoreClient(address, null, domid, listener, reconnectTimeout);
    }

    /** The connection's id on the server. */
    public long connectionId() {
        return connectionId;
    }

    /** The server's release, "1.0" or "2.0", as the last handshake said (a live update may change it). */
    public String release() {
        return release;
    }

    public int domid() {
        return domid;
    }

    /** How many times the client has resumed its connection on a new socket. */
    public long reconnects() {
        synchronized (lock) {
            return reconnects;
        }
    }

    // ---- the commands --------------------------------------------------------------------------

    public byte[] read(String path) {
        return readIn("", path);
    }

    public String readString(String path) {
        return new String(read(path), StandardCharsets.UTF_8);
    }

    public void write(String path, byte[] value) {
        writeIn("", path, value);
    }

    public void write(String path, String value) {
        write(path, value.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Writes every value of {@code values}, in its order, sending all the requests before reading
     * a reply (pipelined: one round trip for the lot, where {@link #write} waits for each), and
     * returns once every one is answered. The server processes a connection's requests in order,
     * so a later write of the same path wins, as with {@link #write} one by one. When writes fail,
     * the rest are still made and the first failure is thrown.
     */
    public void writeAll(SequencedMap<String, byte[]> values) {
        List<String> lines = new ArrayList<>(values.size());
        values.forEach((path, value) -> lines.add("WRITE " + path + " " + Tokens.quote(value)));
        StoreException first = null;
        for (CompletableFuture<String> reply : sendAll(lines)) {
            try {
                answer(reply);
            } catch (StoreException e) {
                if (first == null) {
                    first = e;
                }
            }
        }
        if (first != null) {
            throw first;
        }
    }

    /** Makes {@code path} and its missing parents, leaving existing values alone. */
    public void mkdir(String path) {
        simple("MKDIR " + path);
    }

    /** Removes {@code path} and its subtree; fine when it does not exist but its parent does. */
    public void rm(String path) {
        simple("RM " + path);
    }

    /** The names of the children of {@code path}, sorted. */
    public List<String> directory(String path) {
        return directoryIn("", path);
    }

    /** The permissions of {@code path}, the owner first. */
    public List<Perm> getPerms(String path) {
        return getPermsIn("", path);
    }

    public void setPerms(String path, List<Perm> perms) {
        setPermsIn("", path, perms);
    }

    /** Watches {@code path} and everything below it; the watch fires once at once. */
    public void watch(String path, String token) {
        simple("WATCH " + path + " " + Tokens.token(token));
    }

    /** Watches {@code path} and {@code depth} levels below it (release 2.0). */
    public void watch(String path, String token, int depth) {
        simple("WATCH " + path + " " + Tokens.token(token) + " " + depth);
    }

    public void unwatch(String path, String token) {
        simple("UNWATCH " + path + " " + Tokens.token(token));
    }

    /** Starts a transaction. */
    public StoreTransaction transaction() {
        String reply = call("TRANSACTION_START");
        return new StoreTransaction(this, Long.parseLong(reply.substring(3)));
    }

    /**
     * Runs {@code work} in a transaction and commits it, starting again while the commit
     * conflicts (EAGAIN), up to 100 times.
     */
    public <T> T inTransaction(Function<StoreTransaction, T> work) {
        for (int attempt = 1; ; attempt++) {
            StoreTransaction t = transaction();
            T result;
            try {
                result = work.apply(t);
            } catch (RuntimeException e) {
                try {
                    t.abort();
                } catch (RuntimeException suppressed) {
                    e.addSuppressed(suppressed);
                }
                throw e;
            }
            try {
                t.commit();
                return result;
            } catch (StoreException e) {
                if (e.code() != ErrorCode.EAGAIN || attempt == 100) {
                    throw e;
                }
            }
        }
    }

    /** The limit of a quota for this connection's domain. */
    public long getQuota(String name) {
        return Long.parseLong(call("GET_QUOTA " + name).substring(3));
    }

    /** The limit of a quota for a domain (privileged). */
    public long getQuota(String name, int ofDomain) {
        return Long.parseLong(call("GET_QUOTA " + name + " " + ofDomain).substring(3));
    }

    /** Sets a quota store-wide (privileged). */
    public void setQuota(String name, long value) {
        simple("SET_QUOTA " + name + " " + value);
    }

    /** Sets a quota for one domain (privileged). */
    public void setQuota(String name, long value, int ofDomain) {
        simple("SET_QUOTA " + name + " " + value + " " + ofDomain);
    }

    /** Sends a raw request line and returns the reply line ({@code OK ...}); errors are thrown. */
    public String call(String line) {
        return answer(sendAll(List.of(line)).get(0));
    }

    /** The reply line a sent request got ({@code OK ...}); errors are thrown. */
    private static String answer(CompletableFuture<String> reply) {
        String r;
        try {
            r = reply.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StoreException(ErrorCode.ECONNRESET, "interrupted waiting for a reply", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof StoreException se) {
                throw new StoreException(se.code(), se.detail(), se);
            }
            throw new StoreException(ErrorCode.ECONNRESET, "no reply", e.getCause());
        }
        if (r.startsWith("ERR ")) {
            throw refusal(r);
        }
        if (!r.equals("OK") && !r.startsWith("OK ")) {
            throw new StoreException(ErrorCode.EINVAL, "unexpected reply: " + r);
        }
        return r;
    }

    /** The store's {@code ERR CODE detail} reply as the exception that says it. */
    private static StoreException refusal(String reply) {
        int sp = reply.indexOf(' ', 4);
        String code = sp < 0 ? reply.substring(4) : reply.substring(4, sp);
        ErrorCode c = ErrorCode.byName(code);
        return new StoreException(c == null ? ErrorCode.EINVAL : c, sp < 0 ? "" : reply.substring(sp + 1));
    }

    // ---- events --------------------------------------------------------------------------------

    /** The next watch event, waiting up to {@code timeout}; null when none came (only without a listener). */
    public WatchEvent nextEvent(Duration timeout) throws InterruptedException {
        if (listener != null) {
            throw new IllegalStateException("events go to the listener");
        }
        return events.poll(timeout.toNanos(), TimeUnit.NANOSECONDS);
    }

    /**
     * Why the client stopped working (its connection could not be resumed, or it was closed), or
     * null while it works: {@link #nextEvent} cannot tell a quiet watch from a lost connection.
     */
    public StoreException failure() {
        synchronized (lock) {
            return failure;
        }
    }

    /** Watch events received and not yet taken (without a listener). */
    public int queuedEvents() {
        return events.size();
    }

    // ---- closing -------------------------------------------------------------------------------

    /** Says BYE (the server forgets the connection, its watches and transactions) and closes. */
    @Override
    public void close() {
        if (closed.getAndSet(true)) {
            return;
        }
        closing = true; // the server closes the socket after BYE: the reader must not resume
        try {
            boolean up;
            synchronized (lock) {
                up = failure == null;
            }
            if (up) {
                CompletableFuture<String> reply = new CompletableFuture<>();
                send("BYE", reply);
                reply.get(5, TimeUnit.SECONDS);
            }
        } catch (Exception e) {
            LOG.log(System.Logger.Level.DEBUG, "BYE failed", e);
        } finally {
            shutDown();
        }
    }

    /**
     * Closes the socket without a word, as a crashed client would, and stops the client: the
     * server keeps the connection for its grace period.
     */
    public void abandon() {
        closed.set(true);
        shutDown();
    }

    /**
     * Closes the socket only: the client reconnects and resumes the connection, as after a
     * network failure or a live update of the server.
     */
    public void dropSocket() {
        synchronized (lock) {
            try {
                socket.close();
            } catch (IOException e) {
                // closing anyway
            }
        }
    }

    private void shutDown() {
        closing = true;
        synchronized (lock) {
            connected = false;
            try {
                socket.close();
            } catch (IOException e) {
                // closing anyway
            }
            fail(new StoreException(ErrorCode.ECONNRESET, "the client is closed"));
        }
        if (dispatcher != null) {
            dispatcher.interrupt();
        }
        try {
            reader.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    // ---- internals -----------------------------------------------------------------------------

    byte[] readIn(String prefix, String path) {
        return token(call(prefix + "READ " + path).substring(3));
    }

    void writeIn(String prefix, String path, byte[] value) {
        simple(prefix + "WRITE " + path + " " + Tokens.quote(value));
    }

    List<String> directoryIn(String prefix, String path) {
        String r = call(prefix + "DIRECTORY " + path);
        return r.length() <= 3 ? List.of() : List.of(r.substring(3).split(" "));
    }

    List<Perm> getPermsIn(String prefix, String path) {
        List<Perm> out = new ArrayList<>();
        for (String p : call(prefix + "GET_PERMS " + path).substring(3).split(" ")) {
            out.add(Perm.parse(p));
        }
        return out;
    }

    void setPermsIn(String prefix, String path, List<Perm> perms) {
        StringBuilder sb = new StringBuilder(prefix).append("SET_PERMS ").append(path);
        for (Perm p : perms) {
            sb.append(' ').append(p);
        }
        simple(sb.toString());
    }

    void simple(String line) {
        call(line);
    }

    private static byte[] token(String text) {
        try {
            List<byte[]> t = Tokens.split(text);
            if (t.size() != 1) {
                throw new StoreException(ErrorCode.EINVAL, "expected one value in the reply, not " + t.size());
            }
            return t.get(0);
        } catch (Tokens.MalformedLineException e) {
            throw new StoreException(ErrorCode.EINVAL, "malformed reply: " + e.getMessage());
        }
    }

    private void send(String line, CompletableFuture<String> reply) {
        send(List.of(line), reply == null ? null : List.of(reply));
    }

    /** Sends request lines at once, one flush for all; returns their replies, in order. */
    private List<CompletableFuture<String>> sendAll(List<String> lines) {
        List<CompletableFuture<String>> replies = new ArrayList<>(lines.size());
        for (int i = 0; i < lines.size(); i++) {
            replies.add(new CompletableFuture<>());
        }
        send(lines, replies);
        return replies;
    }

    /** Sends lines, each awaiting the reply at the same index of {@code replies} (null: no reply, as ACK). */
    private void send(List<String> lines, List<CompletableFuture<String>> replies) {
        for (String line : lines) {
            if (line.indexOf('\n') >= 0) {
                throw new IllegalArgumentException("a request is one line");
            }
        }
        synchronized (lock) {
            if (failure != null) {
                throw new StoreException(failure.code(), failure.detail());
            }
            for (int i = 0; i < lines.size(); i++) {
                Sent s = new Sent(++linesSent, lines.get(i), replies == null ? null : replies.get(i));
                unconfirmed.addLast(s);
                if (s.reply != null) {
                    awaiting.addLast(s);
                }
            }
            if (connected) {
                try {
                    for (String line : lines) {
                        writeLine(line);
                    }
                    out.flush();
                } catch (IOException e) {
                    connected = false; // the reader notices too, and resumes; the lines are sent again then
                }
            }
        }
    }

    private void writeLine(String line) throws IOException {
        out.write(line.getBytes(StandardCharsets.ISO_8859_1));
        out.write('\n');
    }

    private void readLoop(LineReader first) {
        LineReader in = first;
        while (!closing) {
            try {
                while (in.next()) {
                    linesReceived++;
                    handle(new String(in.line(), 0, in.length(), StandardCharsets.ISO_8859_1));
                    if (linesReceived - linesAcked >= ACK_EVERY) {
                        linesAcked = linesReceived;
                        send("ACK " + linesAcked, null);
                    }
                }
            } catch (IOException e) {
                LOG.log(System.Logger.Level.DEBUG, "connection " + connectionId + " dropped", e);
            } catch (StoreException e) {
                return; // failed for good
            }
            if (closing) {
                return;
            }
            synchronized (lock) {
                connected = false;
            }
            try {
                in = resume();
            } catch (StoreException e) {
                synchronized (lock) {
                    fail(e);
                }
                return;
            }
        }
    }

    private void handle(String line) {
        if (line.startsWith("EVENT ")) {
            try {
                List<byte[]> t = Tokens.split(line.substring(6));
                String token = Utf8.decode(t.get(1));
                events.add(new WatchEvent(Tokens.ascii(t.get(0)), token));
            } catch (Tokens.MalformedLineException | IndexOutOfBoundsException e) {
                LOG.log(System.Logger.Level.WARNING, "malformed event line: " + line);
            }
            return;
        }
        Sent s;
        synchronized (lock) {
            s = awaiting.pollFirst();
            if (s != null) {
                while (!unconfirmed.isEmpty() && unconfirmed.peekFirst().index <= s.index) {
                    unconfirmed.pollFirst();
                }
            }
        }
        if (s == null) {
            LOG.log(System.Logger.Level.WARNING, "a reply nobody waits for: " + line);
            return;
        }
        s.reply.complete(line);
    }

    /** Reconnects and resumes the connection, sending again what the server did not process. */
    private LineReader resume() {
        long deadline = System.nanoTime() + reconnectTimeout.toNanos();
        long backoff = 5;
        IOException last = null;
        while (!closing && System.nanoTime() < deadline) {
            Socket s = null;
            try {
                s = open();
                LineReader in = new LineReader(s.getInputStream(), Integer.MAX_VALUE - 16);
                OutputStream o = new BufferedOutputStream(s.getOutputStream());
                o.write(("RESUME " + connectionId + " " + key + " " + linesReceived + "\n")
                        .getBytes(StandardCharsets.US_ASCII));
                o.flush();
                String reply = in.next() ? new String(in.line(), 0, in.length(), StandardCharsets.ISO_8859_1) : null;
                if (reply == null) {
                    throw new IOException("the server closed the socket during the handshake");
                }
                String[] parts = reply.split(" ", 4);
                if (parts[0].equals("ERR")) {
                    s.close();
                    throw new StoreException(ErrorCode.ECONNRESET, "connection " + connectionId
                            + " cannot be resumed: " + reply.substring(4));
                }
                if (parts.length != 4 || !parts[0].equals("RESUMED")) {
                    throw new IOException("unexpected reply to RESUME: " + reply);
                }
                long processed = Long.parseLong(parts[2]);
                release = parts[3];
                synchronized (lock) {
                    socket = s;
                    out = o;
                    while (!unconfirmed.isEmpty() && unconfirmed.peekFirst().index <= processed) {
                        unconfirmed.pollFirst();
                    }
                    for (Sent x : unconfirmed) {
                        writeLine(x.line);
                    }
                    out.flush();
                    connected = true;
                    reconnects++;
                }
                return in;
            } catch (IOException e) {
                last = e;
                if (s != null) {
                    try {
                        s.close();
                    } catch (IOException ignored) {
                        // closing anyway
                    }
                }
                try {
                    Thread.sleep(backoff);
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    break;
                }
                backoff = Math.min(backoff * 2, 200);
            }
        }
        throw new StoreException(ErrorCode.ECONNRESET, "connection " + connectionId + " could not be resumed within "
                + reconnectTimeout.toMillis() + " ms" + (last == null ? "" : ": " + last.getMessage()), last);
    }

    /** Fails every waiting call and every later one. Under lock. */
    private void fail(StoreException e) {
        if (failure == null) {
            failure = e;
        }
        for (Sent s : awaiting) {
            s.reply.completeExceptionally(e);
        }
        awaiting.clear();
        unconfirmed.clear();
    }

    private void dispatchLoop() {
        try {
            while (true) {
                WatchEvent e = events.take();
                try {
                    listener.accept(e);
                } catch (RuntimeException ex) {
                    LOG.log(System.Logger.Level.WARNING, "watch listener failed", ex);
                }
            }
        } catch (InterruptedException e) {
            // closed
        }
    }

    private Socket open() throws IOException {
        if (tls != null) {
            return TlsTransport.connectClient(address.getHostString(), address.getPort(), tls, CONNECT_TIMEOUT);
        }
        Socket s = new Socket();
        try {
            s.setTcpNoDelay(true);
            s.connect(address, (int) CONNECT_TIMEOUT.toMillis());
        } catch (IOException e) {
            s.close();
            throw e;
        }
        return s;
    }

    @Override
    public String toString() {
        return "StoreClient[connection " + connectionId + ", domain " + domid + ", " + address + "]";
    }
}
