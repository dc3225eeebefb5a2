package dev.baton.cli.migrate;

import dev.baton.cli.option.InputFile;
import dev.baton.migrate.transport.TlsConfig;
import java.io.IOException;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** The TLS options of send and receive: TLS is on when a key is given, and then needs the trusted certificates. */
final class TlsOptions {
    @Option(names = "--tls-key", paramLabel = "FILE",
            description = "This end's key: a PKCS#12 keystore, or a PEM file with a PKCS#8 private key (- for standard "
                    + "input). Turns TLS on.")
    String key;

    @Option(names = "--tls-cert", paramLabel = "FILE",
            description = "With a PEM key: this end's PEM certificate chain (default: the key's own file); - for "
                    + "standard input.")
    String cert;

    @Option(names = "--tls-trust", paramLabel = "FILE",
            description = "The certificates that sign the peer's: PEM, or a PKCS#12 keystore (- for standard input). "
                    + "Required with --tls-key.")
    String trust;

    @Option(names = "--tls-password-file", paramLabel = "FILE",
            description = "A file whose first line is the PKCS#12 password (or the PEM key's, when it is encrypted); "
                    + "- for standard input.")
    String passwordFile;

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
            String first = InputFile.of(passwordFile).readText().lines().findFirst().orElse("");
            password = first.toCharArray();
        }
        return TlsConfig.load(read(key), cert == null ? null : read(cert), read(trust), password)
                .verifyHostname(!noVerifyHostname);
    }

    private static TlsConfig.KeyFile read(String argument) throws IOException {
        InputFile file = InputFile.of(argument);
        return new TlsConfig.KeyFile(file.name(), file.readAllBytes());
    }
}
