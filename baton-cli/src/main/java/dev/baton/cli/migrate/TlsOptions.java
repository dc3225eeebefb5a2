package dev.baton.cli.migrate;

import dev.baton.core.wire.InputFiles;
import dev.baton.migrate.transport.TlsConfig;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** The TLS options of send and receive: TLS is on when a key is given, and then needs the trusted certificates. */
final class TlsOptions {
    @Option(names = "--tls-key", paramLabel = "FILE",
            description = "This end's key: a PKCS#12 keystore, or a PEM file with a PKCS#8 private key. Turns TLS on.")
    Path key;

    @Option(names = "--tls-cert", paramLabel = "FILE",
            description = "With a PEM key: this end's PEM certificate chain (default: the key's own file).")
    Path cert;

    @Option(names = "--tls-trust", paramLabel = "FILE",
            description = "The certificates that sign the peer's: PEM, or a PKCS#12 keystore. Required with --tls-key.")
    Path trust;

    @Option(names = "--tls-password-file", paramLabel = "FILE",
            description = "A file whose first line is the PKCS#12 password (or the PEM key's, when it is encrypted).")
    Path passwordFile;

    @Option(names = "--no-verify-hostname",
            description = "Send: accept a target certificate that does not name the host (the trust store still decides).")
    boolean noVerifyHostname;

    @Spec(Spec.Target.MIXEE)
    CommandSpec command;

    /** The TLS config, or null when TLS is off; options that do not go together are a usage error. */
    TlsConfig config() throws IOException {
        try {
            return load();
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(command.commandLine(), e.getMessage());
        }
    }

    private TlsConfig load() throws IOException {
        if (key == null) {
            if (trust != null || cert != null) {
                throw new IllegalArgumentException("--tls-trust and --tls-cert need --tls-key");
            }
            return null;
        }
        if (trust == null) {
            throw new IllegalArgumentException("--tls-key needs --tls-trust: the certificates that sign the peer's");
        }
        char[] password = new char[0];
        if (passwordFile != null) {
            String first = Files.readAllLines(InputFiles.notADirectory(passwordFile), StandardCharsets.UTF_8).stream()
                    .findFirst().orElse("");
            password = first.toCharArray();
        }
        return TlsConfig.load(key, cert, trust, password).verifyHostname(!noVerifyHostname);
    }
}
