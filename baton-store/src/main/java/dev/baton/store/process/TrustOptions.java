package dev.baton.store.process;

import dev.baton.migrate.transport.TlsConfig;
import dev.baton.store.server.ClientTrust;
import dev.baton.store.server.DomainMap;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The options that choose a store's {@link ClientTrust}: {@code --trust-hello}, or
 * {@code --tls-key FILE --tls-trust FILE --domain-map FILE} (with {@code --tls-cert FILE} and
 * {@code --tls-password-file FILE} as baton migrate's TLS takes them), or neither (no TCP client
 * served). Files are kept as absolute paths: a live update's new process reads them again.
 *
 * @param trustHello   believe the domid a client's HELLO names (loopback addresses only)
 * @param key          the store's key: a PKCS#12 keystore or a PEM PKCS#8 key; null without TLS
 * @param cert         with a PEM key, its PEM certificate chain when it is not in the key's file; or null
 * @param trust        the certificates that sign the clients' (PEM or PKCS#12)
 * @param passwordFile a file whose first line is the PKCS#12 (or encrypted PEM key's) password, or null
 * @param domainMap    which domain each client certificate's subject is ({@link DomainMap})
 */
public record TrustOptions(boolean trustHello, Path key, Path cert, Path trust, Path passwordFile, Path domainMap) {

    /** Neither TLS nor {@code --trust-hello}: no TCP client is served. */
    public static final TrustOptions NONE = new TrustOptions(false, null, null, null, null, null);

    /** {@code --trust-hello}. */
    public static final TrustOptions HELLO = new TrustOptions(true, null, null, null, null, null);

    /** @throws IllegalArgumentException naming the options that do not go together */
    public TrustOptions {
        if (key == null) {
            if (cert != null || trust != null || passwordFile != null || domainMap != null) {
                throw new IllegalArgumentException("--tls-cert, --tls-trust, --tls-password-file and --domain-map need"
                        + " --tls-key");
            }
        } else {
            if (trustHello) {
                throw new IllegalArgumentException("--trust-hello and --tls-key exclude each other: a TLS client's"
                        + " domain comes from its certificate");
            }
            if (trust == null) {
                throw new IllegalArgumentException("--tls-key needs --tls-trust: the certificates that sign the"
                        + " clients'");
            }
            if (domainMap == null) {
                throw new IllegalArgumentException("--tls-key needs --domain-map: the domain of each client"
                        + " certificate's subject");
            }
            key = absolute(key);
            cert = absolute(cert);
            trust = absolute(trust);
            passwordFile = absolute(passwordFile);
            domainMap = absolute(domainMap);
        }
    }

    private static Path absolute(Path p) {
        return p == null ? null : p.toAbsolutePath().normalize();
    }

    /** These options as {@code StoreMain}'s command line says them, for a live update's new process. */
    public List<String> arguments() {
        List<String> args = new ArrayList<>();
        if (trustHello) {
            args.add("--trust-hello");
        }
        add(args, "--tls-key", key);
        add(args, "--tls-cert", cert);
        add(args, "--tls-trust", trust);
        add(args, "--tls-password-file", passwordFile);
        add(args, "--domain-map", domainMap);
        return args;
    }

    private static void add(List<String> args, String option, Path value) {
        if (value != null) {
            args.add(option);
            args.add(value.toString());
        }
    }

    /**
     * Reads the files and makes the trust they say.
     *
     * @throws IOException                  when a file cannot be read, or a key or certificate in it not loaded
     * @throws DomainMap.MalformedException at the domain map's first line that is not {@code SUBJECT = DOMID}
     */
    public ClientTrust load() throws IOException, DomainMap.MalformedException {
        if (trustHello) {
            return ClientTrust.HELLO;
        }
        if (key == null) {
            return ClientTrust.NONE;
        }
        char[] password = new char[0];
        if (passwordFile != null) {
            password = Files.readString(passwordFile, StandardCharsets.UTF_8).lines().findFirst().orElse("")
                    .toCharArray();
        }
        DomainMap map = DomainMap.read(domainMap);
        return ClientTrust.certificates(TlsConfig.load(key, cert, trust, password), map);
    }
}
