package dev.baton.qemu.analyze;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.qemu.Fixtures;
import dev.baton.qemu.HexVector;
import dev.baton.qemu.savevm.SavevmOptions;
import dev.baton.qemu.savevm.SavevmSource;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

/**
 * Baton's analyze output is analyze-migration.py's, character for character, on real streams
 * (the references were printed by the script itself, see make-fixtures.sh), from a pipe and
 * from a file; and its extract writes the same files with the same content.
 */
class ReferenceOutputTest {
    static final List<String> NAMES = Fixtures.WITH_REFERENCE;

    @TempDir
    Path dir;

    @ParameterizedTest
    @FieldSource("NAMES")
    void stateIsTheScriptsOutput(String name) throws IOException {
        assertThat(state(SavevmSource.of(Fixtures.stream(name), name))).isEqualTo(Fixtures.reference(name, "state"));
        assertThat(state(SavevmSource.file(Fixtures.file(name, dir)))).isEqualTo(Fixtures.reference(name, "state"));
    }

    @ParameterizedTest
    @FieldSource("NAMES")
    void descIsTheScriptsOutput(String name) throws IOException {
        StringWriter out = new StringWriter();
        Analyzer.dumpDesc(SavevmSource.of(Fixtures.stream(name), name), SavevmOptions.defaults(), out);
        assertThat(out.toString()).isEqualTo(Fixtures.reference(name, "desc"));
    }

    @ParameterizedTest
    @FieldSource("NAMES")
    void extractWritesTheScriptsFiles(String name) throws IOException {
        Path x = dir.resolve("x");
        List<Path> created = new ArrayList<>();
        Analyzer.extract(SavevmSource.of(Fixtures.stream(name), name), SavevmOptions.defaults(), x, created::add);
        assertThat(sha256sums(x)).isEqualTo(Fixtures.reference(name, "extract.sha256"));
        assertThat(created).last().isEqualTo(x.resolve("state.json"));
    }

    @Test
    void theHandWrittenStreamWithEveryRecordType() throws IOException {
        byte[] v = HexVector.load("every-section-type").octets();
        String expected;
        try (InputStream in = getClass().getResourceAsStream("/qemu/vectors/every-section-type.state.json")) {
            expected = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        assertThat(state(SavevmSource.of(new ByteArrayInputStream(v), "v"))).isEqualTo(expected);
    }

    private static String state(SavevmSource source) throws IOException {
        StringWriter out = new StringWriter();
        Analyzer.dumpState(source, SavevmOptions.defaults(), false, out);
        return out.toString();
    }

    /** Like {@code find . -type f | sort | xargs sha256sum}, which made the reference. */
    static String sha256sums(Path root) throws IOException {
        StringBuilder sb = new StringBuilder();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path p : files.filter(Files::isRegularFile).map(root::relativize).map(Path::toString)
                    .map(s -> "./" + s).sorted().map(root::resolve).toList()) {
                sb.append(sha256(p)).append("  ./").append(root.relativize(p.normalize())).append('\n');
            }
        }
        return sb.toString();
    }

    static String sha256(Path p) throws IOException {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            try (InputStream in = Files.newInputStream(p)) {
                byte[] buf = new byte[1 << 16];
                for (int n; (n = in.read(buf)) > 0; ) {
                    md.update(buf, 0, n);
                }
            }
            return HexFormat.of().formatHex(md.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
