package dev.baton.migrate.transport;

import dev.baton.core.wire.InputFiles;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import javax.crypto.Cipher;
import javax.crypto.EncryptedPrivateKeyInfo;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * Reads PEM files with the JDK alone: X.509 certificates ({@code CERTIFICATE} blocks) and PKCS#8
 * private keys ({@code PRIVATE KEY}, or {@code ENCRYPTED PRIVATE KEY} with a password). Other
 * blocks are named in the error, with the command that converts them.
 */
final class PemFiles {
    /** Key algorithms tried in turn: a PKCS#8 key names its algorithm, but only by OID. */
    private static final String[] KEY_ALGORITHMS = {"RSA", "EC", "Ed25519", "Ed448", "EdDSA", "RSASSA-PSS", "DSA"};

    private PemFiles() {
    }

    /** One {@code -----BEGIN label-----} block: its label and decoded octets. */
    record Block(String label, byte[] der) {
    }

    static boolean isPem(Path file) throws IOException {
        byte[] start = new byte[(int) Math.min(Files.size(InputFiles.notADirectory(file)), 4096)];
        try (var in = Files.newInputStream(file)) {
            int n = in.readNBytes(start, 0, start.length);
            return new String(start, 0, n, StandardCharsets.ISO_8859_1).contains("-----BEGIN ");
        }
    }

    static List<Block> blocks(Path file) throws IOException {
        String text = Files.readString(InputFiles.notADirectory(file), StandardCharsets.ISO_8859_1);
        List<Block> blocks = new ArrayList<>();
        int at = 0;
        while (true) {
            int begin = text.indexOf("-----BEGIN ", at);
            if (begin < 0) {
                break;
            }
            int labelEnd = text.indexOf("-----", begin + 11);
            if (labelEnd < 0) {
                throw new IOException(file + ": a PEM block has no end of its BEGIN line");
            }
            String label = text.substring(begin + 11, labelEnd);
            String endLine = "-----END " + label + "-----";
            int end = text.indexOf(endLine, labelEnd);
            if (end < 0) {
                throw new IOException(file + ": PEM block '" + label + "' has no END line");
            }
            String base64 = text.substring(labelEnd + 5, end).replaceAll("\\s", "");
            try {
                blocks.add(new Block(label, Base64.getDecoder().decode(base64)));
            } catch (IllegalArgumentException e) {
                throw new IOException(file + ": PEM block '" + label + "' is not valid base64");
            }
            at = end + endLine.length();
        }
        if (blocks.isEmpty()) {
            throw new IOException(file + ": no PEM block (-----BEGIN ...-----) in the file");
        }
        return blocks;
    }

    /** Every certificate of the file, in order. */
    static List<Certificate> certificates(Path file) throws IOException {
        List<Certificate> certs = new ArrayList<>();
        try {
            CertificateFactory cf = CertificateFactory.getInstance("X.509");
            for (Block b : blocks(file)) {
                if (b.label().equals("CERTIFICATE") || b.label().equals("TRUSTED CERTIFICATE")) {
                    certs.add(cf.generateCertificate(new ByteArrayInputStream(b.der())));
                }
            }
        } catch (GeneralSecurityException e) {
            throw new IOException(file + ": not a valid X.509 certificate (" + e.getMessage() + ")", e);
        }
        if (certs.isEmpty()) {
            throw new IOException(file + ": no CERTIFICATE block in the file");
        }
        return certs;
    }

    /** The file's private key: PKCS#8, encrypted when a password is given. */
    static PrivateKey privateKey(Path file, char[] password) throws IOException {
        for (Block b : blocks(file)) {
            switch (b.label()) {
                case "PRIVATE KEY" -> {
                    return decode(file, new PKCS8EncodedKeySpec(b.der()));
                }
                case "ENCRYPTED PRIVATE KEY" -> {
                    if (password == null || password.length == 0) {
                        throw new IOException(file + ": the private key is encrypted: give its password");
                    }
                    return decode(file, decrypt(file, b.der(), password));
                }
                case "RSA PRIVATE KEY", "EC PRIVATE KEY" -> throw new IOException(file + ": " + b.label()
                        + " is not PKCS#8: convert it with 'openssl pkcs8 -topk8 -nocrypt -in " + file.getFileName()
                        + "'");
                default -> {
                    // certificates may share the file
                }
            }
        }
        throw new IOException(file + ": no PRIVATE KEY block in the file");
    }

    private static PKCS8EncodedKeySpec decrypt(Path file, byte[] der, char[] password) throws IOException {
        try {
            EncryptedPrivateKeyInfo info = new EncryptedPrivateKeyInfo(der);
            Cipher cipher = Cipher.getInstance(info.getAlgName());
            Key key = SecretKeyFactory.getInstance(info.getAlgName()).generateSecret(new PBEKeySpec(password));
            cipher.init(Cipher.DECRYPT_MODE, key, info.getAlgParameters());
            return info.getKeySpec(cipher);
        } catch (GeneralSecurityException | IOException e) {
            throw new IOException(file + ": cannot decrypt the private key (wrong password, or an encryption the JDK"
                    + " does not know: " + e.getMessage() + ")", e);
        }
    }

    private static PrivateKey decode(Path file, PKCS8EncodedKeySpec spec) throws IOException {
        for (String algorithm : KEY_ALGORITHMS) {
            try {
                return KeyFactory.getInstance(algorithm).generatePrivate(spec);
            } catch (GeneralSecurityException e) {
                // not this algorithm; try the next
            }
        }
        throw new IOException(file + ": the PKCS#8 key is of no algorithm this JDK knows");
    }
}
