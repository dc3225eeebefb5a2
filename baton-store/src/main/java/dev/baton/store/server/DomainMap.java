package dev.baton.store.server;

import dev.baton.core.wire.InputFiles;
import dev.baton.core.wire.Utf8;
import dev.baton.store.tree.Perm;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import javax.security.auth.x500.X500Principal;

/**
 * Which domain a TLS client is, by the subject of its certificate: the store's answer to
 * xenstored taking a guest's domain id from the hypervisor rather than from the guest. A file of
 * lines {@code SUBJECT = DOMID} (docs/STORE.md, "Trust modes"):
 *
 * <pre>
 * # the toolstack, privileged
 * CN=toolstack,O=Example = 0
 * CN=guest-1 = 1
 * </pre>
 *
 * The subject is a distinguished name as RFC 2253 writes it (what {@code openssl x509 -noout
 * -subject -nameopt RFC2253} prints); it matches a certificate's subject when the two are the
 * same name (compared canonically: case and spaces between attributes do not count). The last
 * {@code =} of a line separates the domid, a decimal from 0 to 65535. Blank lines and lines
 * starting with {@code #} are skipped. A subject may appear once.
 */
public final class DomainMap {
    private final Path file;
    private final Map<X500Principal, Integer> domains;

    private DomainMap(Path file, Map<X500Principal, Integer> domains) {
        this.file = file;
        this.domains = Map.copyOf(domains);
    }

    /** A line of the file that is not {@code SUBJECT = DOMID}; the message names the file and line. */
    public static final class MalformedException extends Exception {
        private static final long serialVersionUID = 1L;

        MalformedException(Path file, int line, String why) {
            super(file + ":" + line + ": " + why);
        }
    }

    /**
     * Reads a domain map.
     *
     * @throws IOException        when the file cannot be read
     * @throws MalformedException at its first line that is not a mapping
     */
    public static DomainMap read(Path file) throws IOException, MalformedException {
        String text = Utf8.decode(Files.readAllBytes(InputFiles.notADirectory(file)));
        if (text == null) {
            throw new MalformedException(file, 1, "not UTF-8 text");
        }
        return parse(file, text);
    }

    /** Parses the text of a domain map; {@code file} names it in errors. */
    static DomainMap parse(Path file, String text) throws MalformedException {
        Map<X500Principal, Integer> domains = new HashMap<>();
        Map<X500Principal, Integer> lineOf = new HashMap<>();
        String[] lines = text.split("\n", -1);
        for (int n = 1; n <= lines.length; n++) {
            String line = lines[n - 1].strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            int eq = line.lastIndexOf('=');
            if (eq < 0) {
                throw new MalformedException(file, n, "expected SUBJECT = DOMID, found '" + line + "'");
            }
            String subject = line.substring(0, eq).strip();
            String domid = line.substring(eq + 1).strip();
            if (subject.isEmpty()) {
                throw new MalformedException(file, n, "no subject before '='");
            }
            int d = domid(file, n, domid);
            X500Principal name;
            try {
                name = new X500Principal(subject);
            } catch (IllegalArgumentException e) {
                throw new MalformedException(file, n, "'" + subject + "' is not a distinguished name (" + e.getMessage()
                        + ")");
            }
            Integer before = lineOf.putIfAbsent(name, n);
            if (before != null) {
                throw new MalformedException(file, n, "subject '" + subject + "' is mapped already on line " + before);
            }
            domains.put(name, d);
        }
        return new DomainMap(file, domains);
    }

    private static int domid(Path file, int line, String text) throws MalformedException {
        if (text.isEmpty() || text.length() > 5 || !text.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw new MalformedException(file, line, "domid '" + text + "' is not a decimal from 0 to " + Perm.MAX_DOMID);
        }
        int d = Integer.parseInt(text);
        if (d > Perm.MAX_DOMID) {
            throw new MalformedException(file, line, "domid " + d + " is over " + Perm.MAX_DOMID);
        }
        return d;
    }

    /** The domain of a certificate's subject, or empty when the map does not name it. */
    public Optional<Integer> domain(X500Principal subject) {
        return Optional.ofNullable(domains.get(subject));
    }

    /** How many subjects the map names. */
    public int size() {
        return domains.size();
    }

    /** The file it was read from. */
    public Path file() {
        return file;
    }

    @Override
    public String toString() {
        return "domain map " + file + " (" + domains.size() + " subjects)";
    }
}
