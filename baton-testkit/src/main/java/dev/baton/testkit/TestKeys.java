package dev.baton.testkit;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.Key;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Test keys made at test time with the JDK's keytool (PKCS#12), and their PEM forms (PKCS#8 key,
 * X.509 certificates) written from the keystore with the JDK's own classes: for tests of TLS
 * (a migration's ends, a store's clients), each key self-signed, each end trusting the
 * certificates of the others it should.
 */
public final class TestKeys {
    /** The password of every keystore these make. */
    public static final char[] PASSWORD = "changeit".toCharArray();

    private TestKeys() {
    }

    /** A self-signed EC key and certificate for {@code cn}, valid for the given subject alternative names. */
    public static Path generate(Path dir, String cn, String san) throws IOException, InterruptedException {
        Path p12 = dir.resolve(cn + ".p12");
        List<String> cmd = new ArrayList<>(List.of(keytool(), "-genkeypair", "-alias", cn, "-keyalg", "EC", "-groupname",
                "secp256r1", "-dname", "CN=" + cn, "-validity", "2", "-keystore", p12.toString(), "-storetype", "PKCS12",
                "-storepass", new String(PASSWORD), "-keypass", new String(PASSWORD)));
        if (san != null) {
            cmd.addAll(List.of("-ext", "SAN=" + san));
        }
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IOException("keytool failed: " + out);
        }
        return p12;
    }

    public static String keytool() {
        return Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
    }

    private static KeyStore load(Path p12) throws Exception {
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(p12)) {
            ks.load(in, PASSWORD);
        }
        return ks;
    }

    /** The certificate of a keystore as PEM, for the peer's trust. */
    public static Path certificatePem(Path p12, Path to) throws Exception {
        KeyStore ks = load(p12);
        Certificate c = ks.getCertificate(ks.aliases().nextElement());
        Files.writeString(to, pem("CERTIFICATE", c.getEncoded()));
        return to;
    }

    /** The private key of a keystore as unencrypted PKCS#8 PEM. */
    public static Path keyPem(Path p12, Path to) throws Exception {
        KeyStore ks = load(p12);
        String alias = ks.aliases().nextElement();
        Key key = ks.getKey(alias, PASSWORD);
        Files.writeString(to, pem("PRIVATE KEY", key.getEncoded()));
        return to;
    }

    /** A PKCS#12 trust store holding the given certificates. */
    public static Path trustStore(Path to, Path... pems) throws Exception {
        KeyStore ks = KeyStore.getInstance("PKCS12");
        ks.load(null, null);
        int i = 0;
        for (Path pem : pems) {
            try (InputStream in = Files.newInputStream(pem)) {
                ks.setCertificateEntry("trusted-" + i++,
                        java.security.cert.CertificateFactory.getInstance("X.509").generateCertificate(in));
            }
        }
        try (var out = Files.newOutputStream(to)) {
            ks.store(out, PASSWORD);
        }
        return to;
    }

    private static String pem(String label, byte[] der) {
        return "-----BEGIN " + label + "-----\n" + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                .encodeToString(der) + "\n-----END " + label + "-----\n";
    }
}
