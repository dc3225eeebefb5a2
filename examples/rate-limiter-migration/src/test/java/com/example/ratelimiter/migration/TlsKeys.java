package com.example.ratelimiter.migration;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Keys for both ends, made with the JDK's keytool as docs/MIGRATION.md shows: {@code source.p12}
 * and {@code target.p12}, each end's key and self-signed certificate (for localhost), their
 * certificates {@code source.crt} and {@code target.crt}, which the other end trusts, and the
 * keystores' {@code password}.
 */
final class TlsKeys {
    private static final String PASSWORD = "changeit";

    private TlsKeys() {
    }

    static void make(Path dir) throws IOException, InterruptedException {
        for (String who : List.of("source", "target")) {
            String keystore = dir.resolve(who + ".p12").toString();
            keytool("-genkeypair", "-alias", who, "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=" + who,
                    "-ext", "SAN=dns:localhost,ip:127.0.0.1", "-validity", "2", "-keystore", keystore,
                    "-storetype", "PKCS12", "-storepass", PASSWORD, "-keypass", PASSWORD);
            keytool("-exportcert", "-rfc", "-alias", who, "-keystore", keystore, "-storepass", PASSWORD,
                    "-file", dir.resolve(who + ".crt").toString());
        }
        Files.writeString(dir.resolve("password"), PASSWORD + "\n");
    }

    private static void keytool(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "keytool")
                .toString()));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0).as(out).isTrue();
    }
}
