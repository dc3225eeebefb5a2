package dev.baton.migrate.transport;

import java.io.IOException;
import java.net.SocketTimeoutException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.time.Duration;

/**
 * A migration over a Unix socket: duplex as TCP, and reachable only by whom the socket file's
 * permissions and its directory's let in. That is the authentication of a local migration (a
 * store's live update): a socket 0600 in a directory 0700 admits its owner alone, where a TCP
 * port on 127.0.0.1 admits any process of the host, so either end could be raced.
 */
public final class UnixTransport extends SocketTransport {

    private UnixTransport(SocketChannel channel, Path path, Duration timeout) {
        super(channel, timeout, path.toString(), "unix " + path);
    }

    /**
     * Connects to a target listening on the socket file {@code path}.
     *
     * @param timeout bounds every read and write
     */
    public static UnixTransport connect(Path path, Duration timeout) throws IOException {
        SocketChannel c = SocketChannel.open(StandardProtocolFamily.UNIX);
        try {
            c.connect(UnixDomainSocketAddress.of(path));
            return new UnixTransport(c, path, timeout);
        } catch (IOException | RuntimeException e) {
            c.close();
            throw e;
        }
    }

    /**
     * Waits for sources on {@code server}, a Unix server socket its caller bound (with the
     * permissions that say who may connect) at {@code path}.
     */
    public static Listener listen(ServerSocketChannel server, Path path) {
        return new Listener(server, path);
    }

    /** A Unix server socket for one or more migrations; closing it leaves the socket file to its binder. */
    public static final class Listener implements AutoCloseable {
        private final ServerSocketChannel server;
        private final Path path;
        private Duration timeout = Duration.ofSeconds(10);

        private Listener(ServerSocketChannel server, Path path) {
            this.server = server;
            this.path = path;
        }

        /** The timeout of the connections it accepts (default 10 s). */
        public Listener timeout(Duration t) {
            this.timeout = t;
            return this;
        }

        /** The socket file it listens on. */
        public Path path() {
            return path;
        }

        /**
         * Waits for one source and returns its connection.
         *
         * @param wait how long to wait for a source; {@link Duration#ZERO} for ever
         * @throws SocketTimeoutException when no source came in time
         */
        public UnixTransport accept(Duration wait) throws IOException {
            SocketChannel c = acceptChannel(wait);
            try {
                c.configureBlocking(true);
                return new UnixTransport(c, path, timeout);
            } catch (IOException | RuntimeException e) {
                c.close();
                throw e;
            }
        }

        /** A Unix server channel has no accept timeout of its own (no {@code socket()}): a selector bounds the wait. */
        private SocketChannel acceptChannel(Duration wait) throws IOException {
            server.configureBlocking(false);
            try (Selector selector = Selector.open()) {
                server.register(selector, SelectionKey.OP_ACCEPT);
                long end = System.nanoTime() + wait.toNanos();
                while (true) {
                    SocketChannel c = server.accept();
                    if (c != null) {
                        return c;
                    }
                    long left = (end - System.nanoTime()) / 1_000_000;
                    if (!wait.isZero() && left <= 0) {
                        throw new SocketTimeoutException("no source connected to " + path + " within "
                                + wait.toMillis() + " ms");
                    }
                    selector.select(wait.isZero() ? 0 : Math.max(1, left));
                    selector.selectedKeys().clear();
                }
            }
        }

        @Override
        public void close() throws IOException {
            server.close();
        }
    }
}
