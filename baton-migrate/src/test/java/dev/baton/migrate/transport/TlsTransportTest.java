package dev.baton.migrate.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.baton.migrate.MigratableApplication;
import dev.baton.migrate.StateDigest;
import dev.baton.migrate.sample.SampleApplication;
import dev.baton.migrate.session.MigrationFailedException;
import dev.baton.migrate.session.SourceSession;
import dev.baton.migrate.session.TargetSession;
import dev.baton.testkit.TestKeys;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * TLS with mutual authentication, with keys made by keytool at test time: PKCS#12 and PEM both
 * work, and a target refuses a source whose certificate it does not trust, in one clear line.
 */
class TlsTransportTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    @TempDir
    static Path dir;
    static Path sourceP12;
    static Path targetP12;
    static Path rogueP12;
    static Path misnamedP12;
    static Path sourcePem;
    static Path targetPem;
    static Path misnamedPem;

    @BeforeAll
    static void keys() throws Exception {
        sourceP12 = TestKeys.generate(dir, "baton-source", "dns:source.example");
        targetP12 = TestKeys.generate(dir, "baton-target", "dns:localhost,ip:127.0.0.1");
        rogueP12 = TestKeys.generate(dir, "rogue", null);
        misnamedP12 = TestKeys.generate(dir, "misnamed", "dns:elsewhere.example");
        sourcePem = TestKeys.certificatePem(sourceP12, dir.resolve("source-cert.pem"));
        targetPem = TestKeys.certificatePem(targetP12, dir.resolve("target-cert.pem"));
        misnamedPem = TestKeys.certificatePem(misnamedP12, dir.resolve("misnamed-cert.pem"));
    }

    /** A target on a TLS listener, in a thread: its migrated application, or why it failed. */
    private static CompletableFuture<MigratableApplication> target(TlsTransport.Listener listener) {
        return CompletableFuture.supplyAsync(() -> {
            try (listener) {
                return TargetSession.builder(() -> new SampleApplication(1 << 20, 20, 0)).build()
                        .receive(listener.accept(TIMEOUT));
            } catch (Exception e) {
                throw new CompletionException(e);
            }
        });
    }

    private static Throwable failure(CompletableFuture<?> f) throws Exception {
        try {
            f.get(30, TimeUnit.SECONDS);
        } catch (java.util.concurrent.ExecutionException e) {
            return e.getCause();
        }
        throw new AssertionError("the target succeeded");
    }

    private static void migrates(TlsConfig sourceTls, TlsConfig targetTls) throws Exception {
        TlsTransport.Listener listener = TlsTransport.listen(0, targetTls).timeout(TIMEOUT);
        CompletableFuture<MigratableApplication> target = target(listener);
        SampleApplication source = new SampleApplication(1 << 20, 20, 10_000).fill(9).start();
        Transport t = TlsTransport.connect("127.0.0.1", listener.port(), sourceTls, TIMEOUT);
        assertThat(t.description()).startsWith("tls 127.0.0.1:" + listener.port() + " (TLSv1.3, TLS_");
        SourceSession.builder(source).timeout(TIMEOUT).build().migrate(t);
        assertThat(StateDigest.of(target.get(30, TimeUnit.SECONDS))).isEqualTo(StateDigest.of(source));
    }

    @Test
    void pkcs12KeysAndTrustStores() throws Exception {
        TlsConfig sourceTls = TlsConfig.load(sourceP12, null,
                TestKeys.trustStore(dir.resolve("source-trust.p12"), targetPem), TestKeys.PASSWORD);
        TlsConfig targetTls = TlsConfig.load(targetP12, null,
                TestKeys.trustStore(dir.resolve("target-trust.p12"), sourcePem), TestKeys.PASSWORD);
        assertThat(sourceTls.subject()).isEqualTo("CN=baton-source");
        migrates(sourceTls, targetTls);
    }

    @Test
    void pemKeysAndCertificates() throws Exception {
        Path sourceKey = TestKeys.keyPem(sourceP12, dir.resolve("source-key.pem"));
        Path targetKey = TestKeys.keyPem(targetP12, dir.resolve("target-key.pem"));
        TlsConfig sourceTls = TlsConfig.load(sourceKey, sourcePem, targetPem, null);
        TlsConfig targetTls = TlsConfig.load(targetKey, targetPem, sourcePem, null);
        migrates(sourceTls, targetTls);
    }

    @Test
    void theTargetRefusesASourceItDoesNotTrust() throws Exception {
        TlsConfig rogue = TlsConfig.load(rogueP12, null, targetPem, TestKeys.PASSWORD);
        TlsConfig targetTls = TlsConfig.load(targetP12, null, sourcePem, TestKeys.PASSWORD);
        TlsTransport.Listener listener = TlsTransport.listen(0, targetTls).timeout(TIMEOUT);
        CompletableFuture<MigratableApplication> target = target(listener);
        SampleApplication source = new SampleApplication(1 << 20, 20, 0).fill(9);
        String before = StateDigest.of(source);
        assertThatThrownBy(() -> SourceSession.builder(source).timeout(TIMEOUT).build()
                .migrate(TlsTransport.connect("127.0.0.1", listener.port(), rogue, TIMEOUT)))
                .hasMessageContaining("TLS: the target 127.0.0.1:" + listener.port()
                        + " requires a certificate it trusts, and this source has none that it does (alert"
                        + " certificate_required)")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
        assertThat(failure(target)).isInstanceOf(TlsRefusedException.class).hasMessageStartingWith(
                "TLS: refused the source at 127.0.0.1:").hasMessageEndingWith(
                ": it presented no certificate that this target trusts");
        assertThat(StateDigest.of(source)).isEqualTo(before);
    }

    @Test
    void theSourceRefusesATargetItDoesNotTrustOrThatHasAnotherName() throws Exception {
        TlsConfig sourceTls = TlsConfig.load(sourceP12, null, sourcePem, TestKeys.PASSWORD); // trusts only itself
        TlsTransport.Listener listener = TlsTransport.listen(0,
                TlsConfig.load(targetP12, null, sourcePem, TestKeys.PASSWORD)).timeout(TIMEOUT);
        CompletableFuture<MigratableApplication> target = target(listener);
        assertThatThrownBy(() -> TlsTransport.connect("127.0.0.1", listener.port(), sourceTls, TIMEOUT))
                .isInstanceOf(TlsRefusedException.class)
                .hasMessage("TLS: the target 127.0.0.1:" + listener.port() + " has a certificate this source does not trust");
        // The source's alert and its closing the socket race: the target reads one or the other.
        assertThat(failure(target)).hasMessageContaining("TLS: the source at 127.0.0.1:")
                .satisfiesAnyOf(t -> assertThat(t).hasMessageContaining("refused this target's certificate"),
                        t -> assertThat(t).hasMessageContaining("closed the connection during the handshake"));

        TlsConfig trustsMisnamed = TlsConfig.load(sourceP12, null, misnamedPem, TestKeys.PASSWORD);
        TlsTransport.Listener misnamed = TlsTransport.listen(0,
                TlsConfig.load(misnamedP12, null, sourcePem, TestKeys.PASSWORD)).timeout(TIMEOUT);
        CompletableFuture<MigratableApplication> other = target(misnamed);
        assertThatThrownBy(() -> TlsTransport.connect("127.0.0.1", misnamed.port(), trustsMisnamed, TIMEOUT))
                .hasMessage("TLS: the target's certificate does not name 127.0.0.1 (give the target a certificate with"
                        + " that name, or turn hostname verification off)");
        failure(other);
    }

    @Test
    void aPeerThatOffersNothingNewerThanTls12IsRefusedByEitherEnd() throws Exception {
        TlsConfig sourceTls = TlsConfig.load(sourceP12, null, targetPem, TestKeys.PASSWORD);
        TlsConfig targetTls = TlsConfig.load(targetP12, null, sourcePem, TestKeys.PASSWORD);

        // a source of TLS 1.2 at most, with a certificate the target trusts
        TlsTransport.Listener listener = TlsTransport.listen(0, targetTls).timeout(TIMEOUT);
        CompletableFuture<MigratableApplication> target = target(listener);
        try (SSLSocket old = (SSLSocket) sourceTls.context().getSocketFactory().createSocket("127.0.0.1",
                listener.port())) {
            old.setEnabledProtocols(new String[] {"TLSv1.2"});
            assertThatThrownBy(old::startHandshake).isInstanceOf(SSLException.class);
        }
        assertThat(failure(target)).isInstanceOf(TlsRefusedException.class)
                .hasMessageStartingWith("TLS: refused the source at 127.0.0.1:")
                .hasMessageEndingWith(": it offers no TLSv1.3, which this target requires");

        // a target of TLS 1.2 at most
        try (SSLServerSocket old = (SSLServerSocket) targetTls.context().getServerSocketFactory().createServerSocket(0)) {
            old.setEnabledProtocols(new String[] {"TLSv1.2"});
            old.setNeedClientAuth(true);
            CompletableFuture<Void> served = CompletableFuture.runAsync(() -> {
                try (SSLSocket s = (SSLSocket) old.accept()) {
                    s.startHandshake();
                } catch (java.io.IOException e) {
                    // the handshake fails: that is the point
                }
            });
            assertThatThrownBy(() -> TlsTransport.connect("127.0.0.1", old.getLocalPort(), sourceTls, TIMEOUT))
                    .isInstanceOf(TlsRefusedException.class)
                    .hasMessage("TLS: the target 127.0.0.1:" + old.getLocalPort() + " does not speak TLSv1.3, which this"
                            + " source requires (alert protocol_version)");
            served.get(30, TimeUnit.SECONDS);
        }
    }

    @Test
    void plainTcpToATlsTargetIsRefused() throws Exception {
        TlsTransport.Listener listener = TlsTransport.listen(0,
                TlsConfig.load(targetP12, null, sourcePem, TestKeys.PASSWORD)).timeout(TIMEOUT);
        CompletableFuture<MigratableApplication> target = target(listener);
        SampleApplication source = new SampleApplication(1 << 20, 20, 0).fill(9);
        assertThatThrownBy(() -> SourceSession.builder(source).timeout(Duration.ofSeconds(3)).build()
                .migrate(TcpTransport.connect("127.0.0.1", listener.port(), TIMEOUT)))
                .isInstanceOf(MigrationFailedException.class);
        assertThat(failure(target)).isInstanceOf(TlsRefusedException.class)
                .hasMessageStartingWith("TLS: handshake with the source at 127.0.0.1:");
    }

    @Test
    void badKeyFilesSaySo() throws Exception {
        Path notPem = dir.resolve("x.pem");
        java.nio.file.Files.writeString(notPem, "-----BEGIN RSA PRIVATE KEY-----\nAAAA\n-----END RSA PRIVATE KEY-----\n");
        assertThatThrownBy(() -> TlsConfig.load(notPem, sourcePem, targetPem, null))
                .hasMessageContaining("RSA PRIVATE KEY is not PKCS#8: convert it with 'openssl pkcs8 -topk8 -nocrypt");
        assertThatThrownBy(() -> TlsConfig.load(sourceP12, null, targetPem, "wrong".toCharArray()))
                .hasMessageContaining("source.p12");
    }
}
