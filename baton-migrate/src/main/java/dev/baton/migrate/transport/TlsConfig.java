package dev.baton.migrate.transport;

import dev.baton.core.wire.InputFiles;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.Enumeration;
import java.util.List;
import java.util.Objects;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * What a TLS end needs: its own key and certificate chain, and the certificates it trusts to
 * sign the peer's. Both ends need both: the target requires the source's certificate (mutual
 * authentication). Keys come from a PKCS#12 keystore or from PEM files (a PKCS#8 key and an
 * X.509 chain); trusted certificates from a PEM file or a PKCS#12 keystore. The JDK does the
 * rest: no other dependency.
 */
public final class TlsConfig {
    private final KeyStore keys;
    private final char[] keyPassword;
    private final KeyStore trusted;
    private final boolean verifyHostname;
    private final String subject;

    private TlsConfig(KeyStore keys, char[] keyPassword, KeyStore trusted, boolean verifyHostname) {
        this.keys = keys;
        this.keyPassword = keyPassword.clone();
        this.trusted = trusted;
        this.verifyHostname = verifyHostname;
        this.subject = subjectOf(keys);
    }

    /** A config from key stores already loaded. */
    public static TlsConfig of(KeyStore keys, char[] keyPassword, KeyStore trusted) {
        return new TlsConfig(Objects.requireNonNull(keys), keyPassword, Objects.requireNonNull(trusted), true);
    }

    /**
     * Loads a key and the trusted certificates from files, each in the form it has:
     *
     * @param key       a PKCS#12 keystore with one private key entry, or a PEM file with a PKCS#8 key
     * @param chain     with a PEM key: the PEM certificate chain (it may be the key's own file); else null
     * @param trust     the certificates to trust: PEM (one or more CERTIFICATE blocks) or PKCS#12
     * @param password  the PKCS#12 password, or the PEM key's when it is encrypted; may be empty
     */
    public static TlsConfig load(Path key, Path chain, Path trust, char[] password) throws IOException {
        return load(KeyFile.read(key), chain == null ? null : KeyFile.read(chain), KeyFile.read(trust), password);
    }

    /**
     * A key file's name, for messages, and its octets: what {@link #load(KeyFile, KeyFile, KeyFile,
     * char[])} reads, so that keys can come from elsewhere than a file (standard input).
     */
    public record KeyFile(String name, byte[] octets) {
        public static KeyFile read(Path file) throws IOException {
            return new KeyFile(file.toString(), Files.readAllBytes(InputFiles.notADirectory(file)));
        }

        /** The name's last part, for a command to run on it. */
        String fileName() {
            int slash = name.lastIndexOf('/');
            return name.substring(slash + 1);
        }

        @Override
        public String toString() {
            return name;
        }
    }

    /** {@link #load(Path, Path, Path, char[])} from key files already read. */
    public static TlsConfig load(KeyFile key, KeyFile chain, KeyFile trust, char[] password) throws IOException {
        char[] pw = password == null ? new char[0] : password;
        KeyStore keys;
        if (PemFiles.isPem(key)) {
            PrivateKey privateKey = PemFiles.privateKey(key, pw);
            List<Certificate> certs = PemFiles.certificates(chain != null ? chain : key);
            keys = emptyStore();
            try {
                keys.setKeyEntry("key", privateKey, pw, certs.toArray(Certificate[]::new));
            } catch (GeneralSecurityException e) {
                throw new IOException(key + ": the key does not go with the certificate chain (" + e.getMessage() + ")",
                        e);
            }
        } else {
            keys = pkcs12(key, pw);
            if (!hasKeyEntry(keys)) {
                throw new IOException(key + ": the keystore holds no private key entry");
            }
        }
        KeyStore trusted;
        if (PemFiles.isPem(trust)) {
            trusted = emptyStore();
            int i = 0;
            for (Certificate c : PemFiles.certificates(trust)) {
                try {
                    trusted.setCertificateEntry("trusted-" + i++, c);
                } catch (GeneralSecurityException e) {
                    throw new IOException(trust + ": " + e.getMessage(), e);
                }
            }
        } else {
            trusted = pkcs12(trust, pw);
        }
        return new TlsConfig(keys, pw, trusted, true);
    }

    /**
     * The same config, checking (or not) that the target's certificate names the host the source
     * connects to. On by default; without it, any certificate the trust store vouches for will do.
     */
    public TlsConfig verifyHostname(boolean on) {
        return new TlsConfig(keys, keyPassword, trusted, on);
    }

    public boolean verifiesHostname() {
        return verifyHostname;
    }

    /** The subject of this end's certificate, for messages. */
    public String subject() {
        return subject;
    }

    /** A new TLS context with these keys and trusted certificates. */
    SSLContext context() throws IOException {
        try {
            KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(keys, keyPassword);
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(trusted);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(kmf.getKeyManagers(), tmf.getTrustManagers(), null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new IOException("TLS setup failed: " + e.getMessage(), e);
        }
    }

    private static KeyStore emptyStore() throws IOException {
        try {
            KeyStore ks = KeyStore.getInstance("PKCS12");
            ks.load(null, null);
            return ks;
        } catch (GeneralSecurityException e) {
            throw new IOException(e.getMessage(), e);
        }
    }

    private static KeyStore pkcs12(KeyFile file, char[] password) throws IOException {
        try (InputStream in = new java.io.ByteArrayInputStream(file.octets())) {
            KeyStore ks = KeyStore.getInstance("PKCS12");
            ks.load(in, password);
            return ks;
        } catch (GeneralSecurityException e) {
            throw new IOException(file + ": not a PKCS#12 keystore this password opens (" + e.getMessage() + ")", e);
        } catch (IOException e) {
            if (e.getCause() instanceof java.security.UnrecoverableKeyException) {
                throw new IOException(file + ": wrong keystore password", e);
            }
            // the JDK's DER reader often says nothing (a null message) about a file that is not DER at all
            throw new IOException(file + ": neither PEM nor a PKCS#12 keystore"
                    + (e.getMessage() == null ? "" : " (" + e.getMessage() + ")"), e);
        }
    }

    private static boolean hasKeyEntry(KeyStore ks) throws IOException {
        try {
            for (Enumeration<String> e = ks.aliases(); e.hasMoreElements();) {
                if (ks.isKeyEntry(e.nextElement())) {
                    return true;
                }
            }
            return false;
        } catch (GeneralSecurityException e) {
            throw new IOException(e.getMessage(), e);
        }
    }

    private static String subjectOf(KeyStore ks) {
        try {
            for (Enumeration<String> e = ks.aliases(); e.hasMoreElements();) {
                String alias = e.nextElement();
                if (ks.isKeyEntry(alias) && ks.getCertificate(alias) instanceof X509Certificate x) {
                    return x.getSubjectX500Principal().getName();
                }
            }
        } catch (GeneralSecurityException ignored) {
            // no subject to show
        }
        return "(no certificate)";
    }

    @Override
    public String toString() {
        return "TlsConfig[" + subject + (verifyHostname ? ", hostname verified" : "") + "]";
    }
}
