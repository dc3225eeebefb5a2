package dev.baton.store.server;

import dev.baton.migrate.transport.TlsConfig;
import dev.baton.migrate.transport.TlsTransport;
import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.Objects;
import javax.net.ssl.SSLSocket;
import javax.security.auth.x500.X500Principal;

/**
 * Whom a store believes about a TCP client's domain (docs/STORE.md, "Trust modes"). A peer's
 * claim about who it is counts for nothing (docs/DESIGN.md, principle 9), so a store either
 * takes the domain from the client's certificate ({@link #certificates}), or, for tests and the
 * demo on a loopback address, believes the domid that {@code HELLO} names ({@link #HELLO}), or
 * serves no TCP client at all ({@link #NONE}). The Unix socket of the wire protocol is another
 * matter: only its owner reaches it, and it is privileged.
 */
public sealed interface ClientTrust permits ClientTrust.None, ClientTrust.Hello, ClientTrust.Certificates {

    /** No TCP client is believed: each one's HELLO and RESUME is refused with EACCES. */
    ClientTrust NONE = new None();

    /** {@code HELLO domid} is believed, as it says: for tests and the demo, on loopback addresses only. */
    ClientTrust HELLO = new Hello();

    /** How long a TLS client may take to finish its handshake. */
    Duration HANDSHAKE_TIMEOUT = Duration.ofSeconds(10);

    /**
     * Clients present a certificate that {@code tls}'s trust store vouches for, and their domain
     * is the one {@code map} gives its subject; a subject the map does not name is refused.
     *
     * @throws IOException when {@code tls} cannot make a TLS context
     */
    static ClientTrust certificates(TlsConfig tls, DomainMap map) throws IOException {
        return new Certificates(new TlsTransport.Acceptor(tls, HANDSHAKE_TIMEOUT), tls.subject(), map);
    }

    /** What the store says of its trust mode as it starts, after {@code trust mode: }. */
    String describe();

    /** The mode in a word, for JSON: {@code none}, {@code hello} or {@code tls}. */
    String mode();

    /**
     * Refuses an address this mode may not serve on: {@link #HELLO} serves loopback addresses only.
     *
     * @throws IOException naming the address
     */
    default void check(InetAddress address) throws IOException {
    }

    /**
     * The client on {@code socket}, just accepted, as far as this mode can tell; with TLS, the
     * handshake happens here, and the socket to read and write is {@link Peer#socket()}.
     *
     * @throws IOException when the TLS handshake fails (the socket is closed)
     */
    Peer peer(Socket socket) throws IOException;

    /** Who a TCP client is, before its {@code HELLO} or {@code RESUME}, and the socket to talk to it on. */
    sealed interface Peer {
        /** The socket to read requests from and write replies to (the TLS socket, with TLS). */
        Socket socket();

        /** A client whose {@code HELLO} domid is believed. */
        record Claimed(Socket socket) implements Peer {
        }

        /** A client whose certificate, of {@code subject}, makes it domain {@code domid}. */
        record Certified(Socket socket, X500Principal subject, int domid) implements Peer {
        }

        /** A client the store does not serve, and why. */
        record Refused(Socket socket, String reason) implements Peer {
        }
    }

    /** See {@link #NONE}. */
    final class None implements ClientTrust {
        private None() {
        }

        @Override
        public String describe() {
            return "no TCP client trusted (every HELLO refused): give --tls-key, or --trust-hello on loopback";
        }

        @Override
        public String mode() {
            return "none";
        }

        @Override
        public Peer peer(Socket socket) {
            return new Peer.Refused(socket, "this store serves no TCP client: it has neither TLS client"
                    + " certificates (--tls-key) nor --trust-hello");
        }
    }

    /** See {@link #HELLO}. */
    final class Hello implements ClientTrust {
        private Hello() {
        }

        @Override
        public String describe() {
            return "HELLO domid trusted (--trust-hello), loopback only";
        }

        @Override
        public String mode() {
            return "hello";
        }

        @Override
        public void check(InetAddress address) throws IOException {
            if (address == null || !address.isLoopbackAddress()) {
                throw new IOException("--trust-hello serves loopback addresses only, and "
                        + (address == null ? "an unresolved host" : address.getHostAddress())
                        + " is not one: give TLS client certificates (--tls-key) to serve it");
            }
        }

        @Override
        public Peer peer(Socket socket) {
            return new Peer.Claimed(socket);
        }
    }

    /** See {@link #certificates}. */
    final class Certificates implements ClientTrust {
        private final TlsTransport.Acceptor acceptor;
        private final String serverSubject;
        private final DomainMap map;

        private Certificates(TlsTransport.Acceptor acceptor, String serverSubject, DomainMap map) {
            this.acceptor = acceptor;
            this.serverSubject = serverSubject;
            this.map = Objects.requireNonNull(map);
        }

        @Override
        public String describe() {
            return "TLS client certificates (" + TlsTransport.PROTOCOL + ", as " + serverSubject + "), domains from "
                    + map.file() + " (" + map.size() + (map.size() == 1 ? " subject)" : " subjects)");
        }

        @Override
        public String mode() {
            return "tls";
        }

        @Override
        public Peer peer(Socket socket) throws IOException {
            SSLSocket ssl = acceptor.handshake(socket);
            X500Principal subject = TlsTransport.Acceptor.clientSubject(ssl);
            return map.domain(subject).<Peer>map(d -> new Peer.Certified(ssl, subject, d))
                    .orElseGet(() -> new Peer.Refused(ssl, "certificate subject " + subject.getName()
                            + " is not in the domain map"));
        }
    }
}
