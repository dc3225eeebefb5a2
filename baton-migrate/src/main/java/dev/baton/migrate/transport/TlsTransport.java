package dev.baton.migrate.transport;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.WritableByteChannel;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;

/**
 * A migration over TLS with mutual authentication: the target requires a certificate from the
 * source that its trust store vouches for, and the source checks the target's the same way (and
 * by default that it names the host). JDK {@link SSLSocket}s layered on plain sockets: aborting
 * closes the plain socket, which a blocked TLS read or write cannot hold up.
 *
 * <p>Both ends speak TLS 1.3 only ({@link #PROTOCOL}): a peer that offers nothing newer is refused.
 *
 * <p>Handshake failures become one line that says who refused whom and why, e.g. {@code TLS:
 * refused the source at 127.0.0.1:50312: it presented no certificate (this target requires one)}.
 */
public final class TlsTransport extends ChannelTransport {
    /** The one protocol version both ends enable. */
    public static final String PROTOCOL = "TLSv1.3";

    private final SSLSocket socket;

    private TlsTransport(SSLSocket socket, Socket plain, Duration timeout, String peer, boolean server)
            throws IOException {
        super(new Input(socket.getInputStream(), server, peer), new Output(socket.getOutputStream(), server, peer),
                timeout, peer, "tls " + peer + " (" + socket.getSession().getProtocol() + ", "
                        + socket.getSession().getCipherSuite() + ")", List.of(plain));
        this.socket = socket;
    }

    /** Connects to a target and completes the handshake within {@code timeout}. */
    public static TlsTransport connect(String host, int port, TlsConfig tls, Duration timeout) throws IOException {
        Layered c = connectSocket(host, port, tls, timeout, Roles.MIGRATION);
        return new TlsTransport(c.ssl(), c.plain(), timeout, host + ":" + port, false);
    }

    /**
     * A TLS socket to a service on {@code host:port} that requires client certificates (a store's
     * line protocol, docs/STORE.md), its handshake done within {@code timeout}: the same checks
     * as {@link #connect}, and a refusal said as the client's. Closing it closes the TCP socket.
     */
    public static SSLSocket connectClient(String host, int port, TlsConfig tls, Duration timeout) throws IOException {
        return connectSocket(host, port, tls, timeout, Roles.SERVICE).ssl();
    }

    /**
     * A failure on a socket of {@link #connectClient} to {@code peer} ({@code host:port}), said as
     * a handshake's is: with TLS 1.3 the server's verdict on the client's certificate arrives after
     * the client's handshake ended, as its first read fails.
     */
    public static IOException explainClient(IOException e, String peer) {
        if (e instanceof java.net.SocketException || e instanceof EOFException) {
            // its alert, or a reset that overtook it: the same race as in a handshake
            return new TlsRefusedException("TLS: the server " + peer + " closed the connection after the handshake:"
                    + " it may refuse this client's certificate (" + e.getMessage() + ")", e);
        }
        return explain(e, false, peer, Roles.SERVICE);
    }

    /** A TLS socket and the TCP socket under it, which an abort closes (a blocked TLS call cannot hold that up). */
    private record Layered(SSLSocket ssl, Socket plain) {
    }

    private static Layered connectSocket(String host, int port, TlsConfig tls, Duration timeout, Roles roles)
            throws IOException {
        SSLContext context = tls.context();
        Socket plain = new Socket();
        int millis = (int) Math.min(Integer.MAX_VALUE, timeout.toMillis());
        String peer = host + ":" + port;
        try {
            Addresses.connect(plain, host, port, millis);
            plain.setTcpNoDelay(true);
            SSLSocket ssl = (SSLSocket) context.getSocketFactory().createSocket(plain, host, port, true);
            ssl.setUseClientMode(true);
            SSLParameters p = ssl.getSSLParameters();
            p.setProtocols(new String[] {PROTOCOL});
            if (tls.verifiesHostname()) {
                p.setEndpointIdentificationAlgorithm("HTTPS");
            }
            ssl.setSSLParameters(p);
            handshake(ssl, millis, false, peer, roles);
            return new Layered(ssl, plain);
        } catch (IOException | RuntimeException e) {
            plain.close();
            throw e;
        }
    }

    /** Listens on {@code port} (0 for any free port) for sources that present a trusted certificate. */
    public static Listener listen(int port, TlsConfig tls) throws IOException {
        return listen(new InetSocketAddress(port), tls);
    }

    /** Listens on {@code address} (port 0 for any free port); an address whose host does not resolve is refused. */
    public static Listener listen(InetSocketAddress address, TlsConfig tls) throws IOException {
        Addresses.requireResolved(address);
        ServerSocket server = new ServerSocket();
        try {
            server.bind(address);
            return new Listener(server, tls.context());
        } catch (IOException e) {
            server.close();
            throw e;
        }
    }

    /**
     * What the two ends are called in messages: a migration's target and source, or a service's
     * server and client.
     */
    private record Roles(String server, String client) {
        static final Roles MIGRATION = new Roles("target", "source");
        static final Roles SERVICE = new Roles("server", "client");
    }

    private static void handshake(SSLSocket ssl, int millis, boolean server, String peer, Roles roles)
            throws IOException {
        ssl.setSoTimeout(millis);
        try {
            ssl.startHandshake();
        } catch (SocketTimeoutException e) {
            throw new IOException("TLS: the handshake with " + peer + " did not finish within " + millis + " ms", e);
        } catch (java.net.SocketException | java.io.EOFException e) {
            // The peer dropped the connection mid-handshake: which end notices first (its alert, a
            // broken pipe, a reset) is a race, so all of them get the one explanation.
            throw new TlsRefusedException("TLS: the " + (server ? roles.client() + " at " : roles.server() + " ") + peer
                    + " closed the connection during the handshake: it may refuse this "
                    + (server ? roles.server() : roles.client()) + "'s certificate (" + e.getMessage() + ")", e);
        } catch (IOException e) {
            throw explain(e, server, peer, roles);
        }
        ssl.setSoTimeout(0); // from here on the stall guard bounds every call
    }

    /** {@link #explain(IOException, boolean, String, Roles)} for a migration's ends. */
    static IOException explain(IOException e, boolean server, String peer) {
        return explain(e, server, peer, Roles.MIGRATION);
    }

    /**
     * One line saying why a TLS connection failed, from this end's point of view. The JDK's
     * messages name the mechanism (PKIX, alerts); these name the certificate that was refused.
     */
    private static IOException explain(IOException e, boolean server, String peer, Roles roles) {
        if (!(e instanceof SSLException) && !(e.getMessage() != null && e.getMessage().contains("TLS"))) {
            return e;
        }
        String m = String.valueOf(e.getMessage());
        String lower = m.toLowerCase(Locale.ROOT);
        String target = roles.server();
        String source = roles.client();
        String why;
        if (lower.contains("protocol_version") || lower.contains("not enabled or supported")
                || lower.contains("not accepted by")) {
            why = server ? "refused the " + source + " at " + peer + ": it offers no " + PROTOCOL + ", which this "
                    + target + " requires"
                    : "the " + target + " " + peer + " does not speak " + PROTOCOL + ", which this " + source
                            + " requires (" + alert(m) + ")";
        } else if (server) {
            if (lower.contains("empty client certificate") || lower.contains("certificate_required")) {
                // TLS 1.3 clients offer only certificates signed by an authority the server names, so
                // an untrusted source usually presents none at all
                why = "refused the " + source + " at " + peer + ": it presented no certificate that this " + target
                        + " trusts";
            } else if (lower.contains("pkix") || lower.contains("certification path") || lower.contains("unknown_ca")
                    || lower.contains("not trusted")) {
                why = "refused the " + source + " at " + peer + ": its certificate is not signed by any certificate this "
                        + target + " trusts";
            } else if (lower.contains("certificate_unknown") || lower.contains("bad_certificate")) {
                why = "the " + source + " at " + peer + " refused this " + target + "'s certificate (" + alert(m) + ")";
            } else {
                why = "handshake with the " + source + " at " + peer + " failed: " + m;
            }
        } else {
            if (lower.contains("no subject alternative") || lower.contains("no name matching")) {
                why = "the " + target + "'s certificate does not name " + peer.substring(0, peer.lastIndexOf(':'))
                        + " (give the " + target + " a certificate with that name, or turn hostname verification off)";
            } else if (lower.contains("pkix") || lower.contains("certification path")) {
                why = "the " + target + " " + peer + " has a certificate this " + source + " does not trust";
            } else if (lower.contains("certificate_required")) {
                why = "the " + target + " " + peer + " requires a certificate it trusts, and this " + source
                        + " has none that it does (" + alert(m) + ")";
            } else if (lower.contains("bad_certificate")
                    || lower.contains("unknown_ca") || lower.contains("certificate_unknown")
                    || lower.contains("empty client certificate")) {
                why = "the " + target + " " + peer + " refused this " + source + "'s certificate (" + alert(m) + ")";
            } else {
                why = "handshake with the " + target + " " + peer + " failed: " + m;
            }
        }
        return new TlsRefusedException("TLS: " + why, e);
    }

    private static String alert(String message) {
        int at = message.indexOf("fatal alert: ");
        return at >= 0 ? "alert " + message.substring(at + 13).trim() : message;
    }

    @Override
    public boolean hasReturnPath() {
        return true;
    }

    @Override
    public void finishOutput() throws IOException {
        socket.shutdownOutput();
    }

    /**
     * The server's end of a TLS handshake on a socket accepted elsewhere: TLS 1.3, a client
     * certificate required and checked against the trust store. Closes {@code plain} when it fails.
     */
    private static SSLSocket serverHandshake(SSLContext context, Socket plain, Duration timeout, Roles roles)
            throws IOException {
        String peer = plain.getInetAddress().getHostAddress() + ":" + plain.getPort();
        try {
            plain.setTcpNoDelay(true);
            SSLSocket ssl = (SSLSocket) context.getSocketFactory().createSocket(plain, null, true);
            ssl.setUseClientMode(false);
            ssl.setEnabledProtocols(new String[] {PROTOCOL});
            ssl.setNeedClientAuth(true);
            handshake(ssl, (int) Math.min(Integer.MAX_VALUE, timeout.toMillis()), true, peer, roles);
            return ssl;
        } catch (IOException | RuntimeException e) {
            plain.close();
            throw e;
        }
    }

    /**
     * The server's side of TLS for a service that accepts its own sockets (a store's line
     * protocol): each {@link #handshake} requires a client certificate that the trust store
     * vouches for, as a migration target does, and says a refusal as the server's.
     */
    public static final class Acceptor {
        private final SSLContext context;
        private final Duration timeout;

        /** An acceptor whose handshakes must finish within {@code timeout}. */
        public Acceptor(TlsConfig tls, Duration timeout) throws IOException {
            this.context = tls.context();
            this.timeout = timeout;
        }

        /**
         * Completes the handshake on {@code plain}, an accepted socket; closes it and throws when
         * it fails. Closing the returned socket closes {@code plain}; closing {@code plain} alone
         * aborts it, which no blocked TLS call can hold up.
         */
        public SSLSocket handshake(Socket plain) throws IOException {
            return serverHandshake(context, plain, timeout, Roles.SERVICE);
        }

        /** The subject of the certificate the client presented in the handshake of {@code ssl}. */
        public static javax.security.auth.x500.X500Principal clientSubject(SSLSocket ssl) throws IOException {
            java.security.cert.Certificate[] chain = ssl.getSession().getPeerCertificates();
            if (chain.length == 0 || !(chain[0] instanceof java.security.cert.X509Certificate x)) {
                throw new javax.net.ssl.SSLPeerUnverifiedException("the client presented no X.509 certificate");
            }
            return x.getSubjectX500Principal();
        }
    }

    /** A TLS server socket: every accepted source has shown a certificate the trust store vouches for. */
    public static final class Listener implements TransportListener {
        private final ServerSocket server;
        private final SSLContext context;
        private Duration timeout = Duration.ofSeconds(10);

        private Listener(ServerSocket server, SSLContext context) {
            this.server = server;
            this.context = context;
        }

        /** The timeout of the handshake and of the connections it accepts (default 10 s). */
        public Listener timeout(Duration t) {
            this.timeout = t;
            return this;
        }

        @Override
        public int port() {
            return server.getLocalPort();
        }

        @Override
        public TlsTransport accept(Duration wait) throws IOException {
            server.setSoTimeout((int) Math.min(Integer.MAX_VALUE, wait.toMillis()));
            Socket plain;
            try {
                plain = server.accept();
            } catch (SocketTimeoutException e) {
                throw new SocketTimeoutException("no source connected to port " + port() + " within " + wait.toMillis()
                        + " ms");
            }
            String peer = plain.getInetAddress().getHostAddress() + ":" + plain.getPort();
            SSLSocket ssl = serverHandshake(context, plain, timeout, Roles.MIGRATION);
            return new TlsTransport(ssl, plain, timeout, peer, true);
        }

        @Override
        public void close() throws IOException {
            server.close();
        }
    }

    /**
     * The socket's input as a channel, through a 64 KiB array: TLS records are at most 16 KiB,
     * and the JDK's own adapter would cut reads to 8 KiB.
     */
    private static final class Input implements ReadableByteChannel {
        private final InputStream in;
        private final byte[] chunk = new byte[64 * 1024];
        private final boolean server;
        private final String peer;

        Input(InputStream in, boolean server, String peer) {
            this.in = in;
            this.server = server;
            this.peer = peer;
        }

        @Override
        public int read(ByteBuffer dst) throws IOException {
            try {
                if (dst.hasArray()) {
                    int n = in.read(dst.array(), dst.arrayOffset() + dst.position(), dst.remaining());
                    if (n > 0) {
                        dst.position(dst.position() + n);
                    }
                    return n;
                }
                int n = in.read(chunk, 0, Math.min(chunk.length, dst.remaining()));
                if (n > 0) {
                    dst.put(chunk, 0, n);
                }
                return n;
            } catch (EOFException e) {
                return -1;
            } catch (IOException e) {
                throw explain(e, server, peer);
            }
        }

        @Override
        public boolean isOpen() {
            return true;
        }

        @Override
        public void close() throws IOException {
            in.close();
        }
    }

    /** The socket's output as a channel, in pieces as large as a TLS record takes. */
    private static final class Output implements WritableByteChannel {
        private final OutputStream out;
        private final byte[] chunk = new byte[64 * 1024];
        private final boolean server;
        private final String peer;

        Output(OutputStream out, boolean server, String peer) {
            this.out = out;
            this.server = server;
            this.peer = peer;
        }

        @Override
        public int write(ByteBuffer src) throws IOException {
            int n = src.remaining();
            try {
                if (src.hasArray()) {
                    out.write(src.array(), src.arrayOffset() + src.position(), n);
                    src.position(src.limit());
                } else {
                    while (src.hasRemaining()) {
                        int k = Math.min(chunk.length, src.remaining());
                        src.get(chunk, 0, k);
                        out.write(chunk, 0, k);
                    }
                }
                return n;
            } catch (IOException e) {
                throw explain(e, server, peer);
            }
        }

        @Override
        public boolean isOpen() {
            return true;
        }

        @Override
        public void close() throws IOException {
            out.close();
        }
    }
}
