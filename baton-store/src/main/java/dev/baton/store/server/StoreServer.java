package dev.baton.store.server;

import dev.baton.store.protocol.LineReader;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.net.StandardSocketOptions;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Serves a {@link Store} over TCP with the line protocol of docs/STORE.md: one virtual thread
 * reads each socket's requests, another writes its queued output. Who a client is comes from the
 * server's {@link ClientTrust}: its TLS certificate, its word on a loopback address, or nothing
 * (every client refused).
 *
 * <p>For a live update, the listening socket may be bound with {@code SO_REUSEPORT}, so that a
 * new process binds the same port before this one {@linkplain #stopAccepting stops accepting};
 * {@link Store#dropSockets} then sends the clients to it, where they resume their connections.
 */
public final class StoreServer implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger("dev.baton.store.server");

    private final Store store;
    private final ClientTrust trust;
    private final ServerSocket listener;
    private final Thread acceptor;
    private final Set<java.io.Closeable> sockets = ConcurrentHashMap.newKeySet();
    private volatile boolean closing;

    private StoreServer(Store store, ClientTrust trust, ServerSocket listener) {
        this.store = store;
        this.trust = trust;
        this.listener = listener;
        this.acceptor = Thread.ofVirtual().name("store-accept-" + listener.getLocalPort()).start(this::acceptLoop);
    }

    /** Serves {@code store} on an ephemeral port of 127.0.0.1, to the clients {@code trust} lets in. */
    public static StoreServer start(Store store, ClientTrust trust) throws IOException {
        return start(store, new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), false, trust);
    }

    /**
     * Serves {@code store} on {@code address}, to the clients {@code trust} lets in.
     *
     * @param reusePort bind with SO_REUSEPORT, so that another process may bind the same port
     * @throws IOException when the address cannot be bound, SO_REUSEPORT is asked for and unsupported,
     *                     or {@code trust} may not serve the address ({@link ClientTrust#check})
     */
    public static StoreServer start(Store store, InetSocketAddress address, boolean reusePort, ClientTrust trust)
            throws IOException {
        trust.check(address.getAddress());
        ServerSocket s = new ServerSocket();
        try {
            s.setReuseAddress(true);
            if (reusePort) {
                if (!s.supportedOptions().contains(StandardSocketOptions.SO_REUSEPORT)) {
                    throw new IOException("SO_REUSEPORT is not supported on this platform");
                }
                s.setOption(StandardSocketOptions.SO_REUSEPORT, true);
            }
            s.bind(address, 512);
        } catch (IOException e) {
            s.close();
            throw e;
        }
        return new StoreServer(store, trust, s);
    }

    public Store store() {
        return store;
    }

    /** Whom it believes about a client's domain. */
    public ClientTrust trust() {
        return trust;
    }

    /** The port the server listens on. */
    public int port() {
        return listener.getLocalPort();
    }

    public InetSocketAddress address() {
        return new InetSocketAddress(listener.getInetAddress(), listener.getLocalPort());
    }

    /** Stops accepting connections; sockets already open keep being served. */
    public void stopAccepting() {
        closing = true;
        try {
            listener.close();
        } catch (IOException e) {
            LOG.log(System.Logger.Level.DEBUG, "closing the listener", e);
        }
    }

    /** Stops accepting and closes every socket; the store keeps its connections, waiting to be resumed. */
    @Override
    public void close() {
        stopAccepting();
        try {
            acceptor.join(1000); // no socket is accepted after this
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        for (java.io.Closeable s : sockets) {
            try {
                s.close();
            } catch (IOException e) {
                // closing anyway
            }
        }
    }

    private void acceptLoop() {
        while (!closing) {
            Socket s;
            try {
                s = listener.accept();
            } catch (IOException e) {
                if (!closing) {
                    LOG.log(System.Logger.Level.WARNING, "accept failed", e);
                }
                return;
            }
            if (closing) {
                try {
                    s.close();
                } catch (IOException e) {
                    // closing anyway
                }
                return;
            }
            sockets.add(s);
            Thread.ofVirtual().name("store-conn-" + s.getPort()).start(() -> serve(s));
        }
    }

    private void serve(Socket s) {
        Connection.Attachment att = new Connection.Attachment(s);
        Connection conn = null;
        try {
            s.setTcpNoDelay(true);
            ClientTrust.Peer peer;
            try {
                peer = trust.peer(s); // with TLS, the handshake: the socket's own thread bears its wait
            } catch (IOException e) {
                refused(e.getMessage()); // the handshake's own words name the client and why
                return;
            }
            if (peer instanceof ClientTrust.Peer.Refused r && trust instanceof ClientTrust.Certificates) {
                refused("TLS: refused the client at " + s.getInetAddress().getHostAddress() + ":" + s.getPort() + ": "
                        + r.reason());
            }
            LineReader in = new LineReader(peer.socket().getInputStream(), Store.MAX_LINE);
            OutputStream out = new BufferedOutputStream(peer.socket().getOutputStream(), 65536);
            while (conn == null) {
                if (!in.next()) {
                    return;
                }
                Store.Handshake h = store.handshake(in.line(), in.length(), in.tooLong(), att, peer);
                write(out, List.of(h.reply()));
                conn = h.connection();
                if (conn == null && peer instanceof ClientTrust.Peer.Refused) {
                    return; // told why; nothing it sends next can change it
                }
            }
            Connection c = conn;
            Thread.ofVirtual().name("store-write-" + c.id()).start(() -> writeLoop(c, att, out));
            while (in.next()) {
                if (store.request(c, att, in.line(), in.length(), in.tooLong()) == Store.Outcome.CLOSE) {
                    return; // the writer flushes what is queued and closes the socket
                }
            }
        } catch (SocketException e) {
            // the client went away
        } catch (IOException e) {
            LOG.log(System.Logger.Level.DEBUG, "connection failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            if (conn == null || !conn.closed()) {
                if (conn != null) {
                    store.detached(conn, att);
                }
                att.close();
                sockets.remove(s);
            }
        }
    }

    /**
     * Says that a TLS client was refused, in one line naming it and why (never a certificate's or
     * key's content, which the reasons do not hold), at WARNING: the level of the store's other
     * warnings, which an operator sees without asking. A store without TLS refuses every client
     * (it said so as it started) and says nothing of each.
     */
    private static void refused(String why) {
        LOG.log(System.Logger.Level.WARNING, String.valueOf(why).replace('\n', ' '));
    }

    private void writeLoop(Connection c, Connection.Attachment att, OutputStream out) {
        try {
            while (true) {
                List<String> batch = c.take(att, Store.WRITE_BATCH, store.quotas().limit(
                        dev.baton.store.quota.Quota.OUTPUT, c.domid()));
                if (batch == null) {
                    break;
                }
                write(out, batch);
            }
        } catch (IOException e) {
            store.detached(c, att);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            if (c.closed()) {
                att.close();
                sockets.remove(att.socket);
            }
        }
    }

    private static void write(OutputStream out, List<String> lines) throws IOException {
        for (String line : lines) {
            out.write(line.getBytes(StandardCharsets.ISO_8859_1));
            out.write('\n');
        }
        out.flush();
    }
}
