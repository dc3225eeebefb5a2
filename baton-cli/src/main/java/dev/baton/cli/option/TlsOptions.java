package dev.baton.cli.option;

import dev.baton.migrate.transport.TlsConfig;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * The TLS options of every command that speaks TLS (migrate send and receive, the store's server
 * and its clients): TLS is on when a key is given, and then needs the trusted certificates.
 */
public final class TlsOptions {
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
            description = "Send, and a store's clients: accept a certificate of the end they connect to that does not "
                    + "name its host (the trust store still decides).")
    boolean noVerifyHostname;

    @Spec(Spec.Target.MIXEE)
    CommandSpec command;

    /** The TLS config, or null when TLS is off; options that do not go together are a usage error. */
    public TlsConfig config() throws IOException {
        try {
            return load();
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(command.commandLine(), e.getMessage());
        }
    }

    /**
     * The options as files that a process can read again (a store reads them again when it is
     * live-updated), or null when TLS is off: each file's path, its key first, then its
     * certificate chain, trusted certificates and password file (null when not given). Standard
     * input ({@code -}) and options that do not go together are a usage error.
     */
    public List<Path> files() {
        try {
            if (key == null) {
                load(); // says what needs --tls-key
                return null;
            }
            if (noVerifyHostname) {
                throw new IllegalArgumentException("--no-verify-hostname applies to the end that connects");
            }
            return java.util.Arrays.asList(file("--tls-key", key), file("--tls-cert", cert), file("--tls-trust", trust),
                    file("--tls-password-file", passwordFile));
        } catch (IllegalArgumentException | IOException e) {
            throw new CommandLine.ParameterException(command.commandLine(), e.getMessage());
        }
    }

    private static Path file(String option, String argument) {
        if (argument == null) {
            return null;
        }
        if (argument.equals("-")) {
            throw new IllegalArgumentException(option + " -: a store reads its TLS files again when it is"
                    + " live-updated: give a file");
        }
        return Path.of(argument);
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
