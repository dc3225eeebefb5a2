package dev.baton.migrate.transport;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.time.Duration;

/**
 * A migration over a plain TCP connection: duplex, so the target answers on the same
 * connection. Blocking socket channels, no copy between the caller's buffer and the socket.
 */
public final class TcpTransport extends SocketTransport {

    private TcpTransport(SocketChannel channel, Duration timeout) throws IOException {
        super(channel, timeout, peerName(channel), "tcp " + peerName(channel));
    }

    private static String peerName(SocketChannel c) throws IOException {
        InetSocketAddress a = (InetSocketAddress) c.getRemoteAddress();
        return a.getHostString() + ":" + a.getPort();
    }

    /**
     * Connects to a target.
     *
     * @param timeout bounds the connect and, afterwards, every read and write
     */
    public static TcpTransport connect(String host, int port, Duration timeout) throws IOException {
        SocketChannel c = SocketChannel.open();
        try {
            Addresses.connect(c.socket(), host, port, (int) Math.min(Integer.MAX_VALUE, timeout.toMillis()));
            configure(c);
            return new TcpTransport(c, timeout);
        } catch (IOException | RuntimeException e) {
            c.close();
            throw e;
        }
    }

    private static void configure(SocketChannel c) throws IOException {
        // Control messages are small and each one is waited for: do not let Nagle hold them back.
        c.socket().setTcpNoDelay(true);
        c.socket().setKeepAlive(true);
    }

    /** Listens on {@code port} of every local address (0 for any free port). */
    public static Listener listen(int port) throws IOException {
        return listen(new InetSocketAddress(port));
    }

    /** Listens on {@code address}; an address whose host does not resolve is refused, naming it. */
    public static Listener listen(InetSocketAddress address) throws IOException {
        Addresses.requireResolved(address);
        ServerSocketChannel server = ServerSocketChannel.open();
        try {
            server.bind(address);
            return new Listener(server);
        } catch (IOException e) {
            server.close();
            throw e;
        }
    }

    /** A TCP server socket for one or more migrations. */
    public static final class Listener implements TransportListener {
        private final ServerSocketChannel server;
        private Duration timeout = Duration.ofSeconds(10);

        private Listener(ServerSocketChannel server) {
            this.server = server;
        }

        /** The timeout of the connections it accepts (default 10 s). */
        public Listener timeout(Duration t) {
            this.timeout = t;
            return this;
        }

        @Override
        public int port() {
            return server.socket().getLocalPort();
        }

        @Override
        public TcpTransport accept(Duration wait) throws IOException {
            SocketChannel c = acceptChannel(server, wait);
            try {
                configure(c);
                return new TcpTransport(c, timeout);
            } catch (IOException | RuntimeException e) {
                c.close();
                throw e;
            }
        }

        @Override
        public void close() throws IOException {
            server.close();
        }
    }

    /** Accepts on a blocking server channel, waiting at most {@code wait} (zero: for ever). */
    static SocketChannel acceptChannel(ServerSocketChannel server, Duration wait) throws IOException {
        ServerSocket socket = server.socket();
        socket.setSoTimeout((int) Math.min(Integer.MAX_VALUE, wait.toMillis()));
        try {
            Socket s = socket.accept();
            return s.getChannel();
        } catch (SocketTimeoutException e) {
            throw new SocketTimeoutException("no source connected to port " + socket.getLocalPort() + " within "
                    + wait.toMillis() + " ms");
        }
    }
}
