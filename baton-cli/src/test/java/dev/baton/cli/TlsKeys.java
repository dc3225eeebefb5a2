package dev.baton.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Keys for the TLS tests, made by the JDK's keytool: {@code source}, {@code target} and
 * {@code rogue}, each as a PKCS#12 keystore ({@code NAME.p12}) and its certificate
 * ({@code NAME.crt}); the target's key also as PEM ({@code target-key.pem}); the keystores'
 * password in {@code password}.
 */
final class TlsKeys {
    static final String PASSWORD = "changeit";

    private TlsKeys() {
    }

    /** Makes the keys in {@code dir}. */
    static void make(Path dir) throws Exception {
        for (String who : List.of("source", "target", "rogue")) {
            keytool("-genkeypair", "-alias", who, "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=baton-" + who,
                    "-ext", "SAN=dns:localhost,ip:127.0.0.1", "-validity", "2", "-keystore",
                    dir.resolve(who + ".p12").toString(), "-storetype", "PKCS12", "-storepass", PASSWORD,
                    "-keypass", PASSWORD);
            keytool("-exportcert", "-rfc", "-alias", who, "-keystore", dir.resolve(who + ".p12").toString(),
                    "-storepass", PASSWORD, "-file", dir.resolve(who + ".crt").toString());
        }
        Files.writeString(dir.resolve("password"), PASSWORD + "\n");
        // the target's key also as PEM (PKCS#8), to show both forms
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(dir.resolve("target.p12"))) {
            ks.load(in, PASSWORD.toCharArray());
        }
        byte[] der = ks.getKey("target", PASSWORD.toCharArray()).getEncoded();
        Files.writeString(dir.resolve("target-key.pem"), "-----BEGIN PRIVATE KEY-----\n"
                + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der) + "\n-----END PRIVATE KEY-----\n");
        assertThat(ks.getCertificate("target")).isNotNull();
    }

    private static void keytool(String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "keytool").toString()));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0).as(out).isTrue();
    }
}
