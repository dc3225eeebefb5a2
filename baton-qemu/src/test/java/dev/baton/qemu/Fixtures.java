package dev.baton.qemu;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.GZIPInputStream;

/**
 * The real QEMU streams under {@code src/test/resources/qemu} (made by make-fixtures.sh, gzipped)
 * and the reference outputs analyze-migration.py printed for them.
 */
public final class Fixtures {
    /** Streams analyze-migration.py reads, with reference outputs. */
    public static final List<String> WITH_REFERENCE = List.of("pc", "q35", "pc-q35-2.4", "pc-devices", "q35-devices");
    /** Every committed stream. */
    public static final List<String> ALL = List.of("pc", "q35", "pc-q35-2.4", "pc-i440fx-2.0", "pc-devices",
            "q35-devices", "pc-ignore-shared", "pc-postcopy", "pc-compress");

    private Fixtures() {
    }

    /** The fixture stream, decompressed as it is read. */
    public static InputStream stream(String name) {
        return gz("/qemu/" + name + ".mig.gz");
    }

    public static byte[] bytes(String name) {
        try (InputStream in = stream(name)) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes the fixture to {@code dir/name.mig} and returns its path. */
    public static Path file(String name, Path dir) throws IOException {
        Path p = dir.resolve(name + ".mig");
        Files.write(p, bytes(name));
        return p;
    }

    /** A reference output: {@code state}, {@code desc} (gzipped JSON) or {@code extract.sha256}. */
    public static String reference(String name, String kind) {
        String path = "/qemu/reference/" + name + "." + kind;
        try (InputStream in = kind.endsWith(".sha256") ? plain(path) : gz(path + ".json.gz")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static InputStream plain(String resource) {
        InputStream in = Fixtures.class.getResourceAsStream(resource);
        if (in == null) {
            throw new IllegalStateException("missing test resource " + resource);
        }
        return in;
    }

    private static InputStream gz(String resource) {
        try {
            return new GZIPInputStream(plain(resource), 1 << 16);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
