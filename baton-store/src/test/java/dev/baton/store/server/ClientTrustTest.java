package dev.baton.store.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.baton.migrate.transport.TlsConfig;
import dev.baton.migrate.transport.TlsRefusedException;
import dev.baton.migrate.transport.TlsTransport;
import dev.baton.store.client.StoreClient;
import dev.baton.store.protocol.ErrorCode;
import dev.baton.store.protocol.StoreException;
import dev.baton.store.state.StoreDump;
import dev.baton.store.tree.Access;
import dev.baton.store.tree.Perm;
import dev.baton.testkit.TestKeys;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Who a TCP client is (issue 18, docs/RELIABILITY.md's attack table): over real TLS sockets, the
 * domain comes from the client's certificate through the domain map, and every client the store
 * does not believe is refused with nothing changed; without TLS, only --trust-hello on loopback
 * believes a HELLO, and no trust serves no one.
 */
class ClientTrustTest {
    private static final Duration T = Duration.ofSeconds(10);

    @TempDir
    static Path dir;
    static TlsConfig storeTls;
    static DomainMap map;
    /** Clients: domain 0, domain 1, trusted but not in the map, and not trusted at all. */
    static TlsConfig toolstack;
    static TlsConfig guest1;
    static TlsConfig stranger;
    static TlsConfig rogue;
    static Path storeCert;

    private Store store;
    private StoreServer server;
    private StoreClient dom0;

    @BeforeAll
    static void keys() throws Exception {
        Path storeP12 = TestKeys.generate(dir, "store", "ip:127.0.0.1");
        storeCert = TestKeys.certificatePem(storeP12, dir.resolve("store.crt"));
        Path clients = dir.resolve("clients.pem");
        StringBuilder trusted = new StringBuilder();
        for (String who : List.of("toolstack", "guest-1", "stranger")) {
            Path p12 = TestKeys.generate(dir, who, null);
            trusted.append(Files.readString(TestKeys.certificatePem(p12, dir.resolve(who + ".crt"))));
        }
        Files.writeString(clients, trusted);
        TestKeys.generate(dir, "rogue", null);
        Path mapFile = Files.writeString(dir.resolve("domains"), "# subject = domid\nCN=toolstack = 0\ncn=Guest-1 = 1\n");
        map = DomainMap.read(mapFile);
        storeTls = TlsConfig.load(storeP12, null, clients, TestKeys.PASSWORD);
        toolstack = client("toolstack");
        guest1 = client("guest-1");
        stranger = client("stranger");
        rogue = client("rogue");
    }

    private static TlsConfig client(String who) throws IOException {
        return TlsConfig.load(dir.resolve(who + ".p12"), null, storeCert, TestKeys.PASSWORD);
    }

    @BeforeEach
    void start() throws Exception {
        store = new Store(Release.R2_0, Duration.ofSeconds(10));
        server = StoreServer.start(store, ClientTrust.certificates(storeTls, map));
        dom0 = StoreClient.connect(address(), toolstack, 0);
        dom0.write("/secret", "s3cret");
        dom0.mkdir("/local/domain/1");
        dom0.setPerms("/local/domain/1", List.of(new Perm(1, Access.NONE)));
    }

    @AfterEach
    void stop() {
        dom0.abandon();
        server.close();
    }

    private InetSocketAddress address() {
        return new InetSocketAddress("127.0.0.1", server.port());
    }

    @Test
    void aMappedClientIsItsCertificatesDomainAndPermissionsApply() throws Exception {
        try (StoreClient guest = StoreClient.connect(address(), guest1, 1)) {
            guest.write("/local/domain/1/name", "guest-1");
            assertThat(guest.readString("/local/domain/1/name")).isEqualTo("guest-1");
            assertThat(dom0.getPerms("/local/domain/1/name")).containsExactly(new Perm(1, Access.NONE));
            assertThat(store.locked(() -> store.connection(guest.connectionId()).domid())).isOne();
            assertThatThrownBy(() -> guest.read("/secret")).isInstanceOf(StoreException.class)
                    .extracting(e -> ((StoreException) e).code()).isEqualTo(ErrorCode.EACCES);
            assertThatThrownBy(() -> guest.write("/secret", "mine")).isInstanceOf(StoreException.class)
                    .extracting(e -> ((StoreException) e).code()).isEqualTo(ErrorCode.EACCES);
        }
        assertThat(dom0.readString("/secret")).isEqualTo("s3cret");
    }

    @Test
    void aValidCertificateClaimingAnotherDomainIsRefusedAndNothingChanges() throws Exception {
        List<String> before = StoreDump.of(store, true);
        assertThatThrownBy(() -> StoreClient.connect(address(), guest1, 0)).isInstanceOf(StoreException.class)
                .hasMessage("EACCES: HELLO 0: the client's certificate (CN=guest-1) is domain 1");
        assertThat(StoreDump.of(store, true)).isEqualTo(before);
    }

    @Test
    void aTrustedCertificateTheMapDoesNotNameIsRefusedAndNothingChanges() throws Exception {
        List<String> before = StoreDump.of(store, true);
        assertThatThrownBy(() -> StoreClient.connect(address(), stranger, 7)).isInstanceOf(StoreException.class)
                .hasMessage("EACCES: certificate subject CN=stranger is not in the domain map");
        assertThat(StoreDump.of(store, true)).isEqualTo(before);
    }

    @Test
    void anUntrustedCertificateFailsTheHandshakeAndNothingChanges() {
        List<String> before = StoreDump.of(store, true);
        // the server's alert, or a reset that overtook it (which end notices what first is a race)
        assertThatThrownBy(() -> StoreClient.connect(address(), rogue, 0)).isInstanceOf(TlsRefusedException.class)
                .satisfiesAnyOf(e -> assertThat(e).hasMessage("TLS: the server 127.0.0.1:" + server.port() + " requires"
                        + " a certificate it trusts, and this client has none that it does (alert certificate_required)"),
                        e -> assertThat(e).hasMessageStartingWith("TLS: the server 127.0.0.1:" + server.port()
                                + " closed the connection after the handshake: it may refuse this client's certificate"));
        assertThat(StoreDump.of(store, true)).isEqualTo(before);
    }

    /**
     * A refusal is the operator's business: the store logs it at WARNING (the level its other
     * warnings have, which the JDK's default logging prints), one line naming the peer and why.
     */
    @Test
    void eachRefusedTlsClientIsLoggedAsAWarningNamingItsAddressAndWhy() throws Exception {
        java.util.concurrent.BlockingQueue<java.util.logging.LogRecord> warnings =
                new java.util.concurrent.LinkedBlockingQueue<>();
        java.util.logging.Logger log = java.util.logging.Logger.getLogger("dev.baton.store.server");
        java.util.logging.Handler capture = new java.util.logging.Handler() {
            @Override
            public void publish(java.util.logging.LogRecord r) {
                if (r.getLevel().intValue() >= java.util.logging.Level.WARNING.intValue()) {
                    warnings.add(r);
                }
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        log.addHandler(capture);
        try {
            assertThatThrownBy(() -> StoreClient.connect(address(), rogue, 0)).isInstanceOf(IOException.class);
            // none it trusts, or one that no certificate it trusts signs (which, the TLS 1.3 client chooses)
            assertRefusalLogged(warnings, "TLS: refused the client at 127.0.0.1:", "certificate");
            assertThatThrownBy(() -> StoreClient.connect(address(), stranger, 7)).isInstanceOf(StoreException.class);
            assertRefusalLogged(warnings, "TLS: refused the client at 127.0.0.1:",
                    "certificate subject CN=stranger is not in the domain map");
        } finally {
            log.removeHandler(capture);
        }
    }

    /**
     * Waits (at most {@link #T}) for the warning that says {@code reason}; each warning on the way
     * (an earlier refusal's, said late) must be one line of the same shape.
     */
    private static void assertRefusalLogged(java.util.concurrent.BlockingQueue<java.util.logging.LogRecord> warnings,
            String start, String reason) throws InterruptedException {
        long deadline = System.nanoTime() + T.toNanos();
        while (true) {
            java.util.logging.LogRecord r = warnings.poll(Math.max(1, deadline - System.nanoTime()),
                    java.util.concurrent.TimeUnit.NANOSECONDS);
            assertThat(r).as("a WARNING saying '" + reason + "' within " + T).isNotNull();
            String line = new java.util.logging.SimpleFormatter().formatMessage(r);
            assertThat(r.getLevel()).isEqualTo(java.util.logging.Level.WARNING);
            assertThat(r.getThrown()).as("no stack trace").isNull();
            assertThat(line).startsWith(start).matches(".+:\\d+: .+").doesNotContain("\n")
                    .doesNotContain("PRIVATE KEY").doesNotContain("BEGIN");
            if (line.contains(reason)) {
                return;
            }
        }
    }

    @Test
    void aTlsClientWithoutACertificateFailsTheHandshakeAndNothingChanges() throws Exception {
        List<String> before = StoreDump.of(store, true);
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        try (InputStream in = Files.newInputStream(storeCert)) {
            trust.setCertificateEntry("store", java.security.cert.CertificateFactory.getInstance("X.509")
                    .generateCertificate(in));
        }
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        SSLContext noKey = SSLContext.getInstance("TLSv1.3");
        noKey.init(null, tmf.getTrustManagers(), null);
        try (SSLSocket s = (SSLSocket) noKey.getSocketFactory().createSocket("127.0.0.1", server.port());
                Raw raw = new Raw(s)) {
            // TLS 1.3: the client's handshake ends before the server has checked its certificate, so
            // the refusal reaches it as its first read or write fails, before any WELCOME
            assertThatThrownBy(() -> {
                raw.send("HELLO 0");
                String reply = raw.line();
                if (reply == null) {
                    throw new IOException("closed");
                }
                throw new AssertionError("answered: " + reply);
            }).isInstanceOf(IOException.class);
        }
        assertThat(StoreDump.of(store, true)).isEqualTo(before);
    }

    @Test
    void aPlainTcpClientIsNeverWelcomedAndNothingChanges() throws Exception {
        List<String> before = StoreDump.of(store, true);
        try (Raw raw = new Raw(server)) {
            raw.send("HELLO 0");
            String reply;
            try {
                reply = raw.line(); // the store reads it as a TLS record, answers with an alert and closes
            } catch (IOException e) {
                reply = null; // a reset says the same
            }
            assertThat(reply == null || !reply.startsWith("WELCOME")).as(reply).isTrue();
        }
        assertThat(StoreDump.of(store, true)).isEqualTo(before);
    }

    @Test
    void aCertifiedClientCannotResumeAnotherDomainsConnection() throws Exception {
        List<String> before = StoreDump.of(store, true);
        Connection victim = store.connection(dom0.connectionId());
        String resume = "RESUME " + victim.id() + " " + java.util.HexFormat.of().toHexDigits(victim.key()) + " 0";
        try (Raw raw = new Raw(TlsTransport.connectClient("127.0.0.1", server.port(), guest1, T))) {
            assertThat(raw.ask(resume)).isEqualTo("ERR EACCES RESUME of connection " + victim.id()
                    + " (domain 0): the client's certificate (CN=guest-1) is domain 1");
        }
        assertThat(StoreDump.of(store, true)).isEqualTo(before);
        assertThat(dom0.readString("/secret")).isEqualTo("s3cret"); // still attached, to its own socket
    }

    @Test
    void withoutTrustEveryTcpClientIsRefused() throws Exception {
        Store none = new Store(Release.R2_0, Duration.ofSeconds(10));
        try (StoreServer s = StoreServer.start(none, ClientTrust.NONE)) {
            assertThatThrownBy(() -> StoreClient.connect(new InetSocketAddress("127.0.0.1", s.port()), 0))
                    .isInstanceOf(StoreException.class).hasMessage("EACCES: this store serves no TCP client: it has"
                            + " neither TLS client certificates (--tls-key) nor --trust-hello");
            assertThat(none.isEmpty()).isTrue();
        }
    }

    @Test
    void trustingHelloServesLoopbackOnly() throws Exception {
        InetSocketAddress any = new InetSocketAddress(InetAddress.getByName("0.0.0.0"), 0);
        assertThatThrownBy(() -> StoreServer.start(new Store(), any, false, ClientTrust.HELLO))
                .isInstanceOf(IOException.class).hasMessage("--trust-hello serves loopback addresses only, and 0.0.0.0"
                        + " is not one: give TLS client certificates (--tls-key) to serve it");
        try (StoreServer s = StoreServer.start(new Store(), ClientTrust.HELLO);
                StoreClient c = StoreClient.connect(new InetSocketAddress("127.0.0.1", s.port()), 3)) {
            assertThat(c.domid()).isEqualTo(3);
        }
    }

    @Test
    void eachModeSaysWhatItTrusts() {
        assertThat(ClientTrust.HELLO.describe()).isEqualTo("HELLO domid trusted (--trust-hello), loopback only");
        assertThat(ClientTrust.NONE.describe()).isEqualTo(
                "no TCP client trusted (every HELLO refused): give --tls-key, or --trust-hello on loopback");
        assertThat(server.trust().describe()).isEqualTo("TLS client certificates (TLSv1.3, as CN=store), domains from "
                + dir.resolve("domains") + " (2 subjects)");
    }
}
