package dev.baton.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bin/baton}, the script users run: the class-data-sharing archive it makes on a command's
 * first run and maps on later runs (bin/lib/cds.sh) must never change what the command prints,
 * least of all the JSON on standard output.
 */
class BatonScriptIT {
    private static final Path FIXTURES = Path.of(System.getProperty("qemu.fixtures", "../baton-qemu/src/test/resources/qemu"));

    @TempDir
    Path dir;

    private Path stream;
    private Path cds;
    private Baton.Result plain;

    @BeforeEach
    void analyzeWithoutTheScript() throws IOException {
        stream = dir.resolve("pc.mig");
        try (InputStream in = new GZIPInputStream(Files.newInputStream(FIXTURES.resolve("pc.mig.gz")))) {
            Files.write(stream, in.readAllBytes());
        }
        cds = dir.resolve("cds");
        plain = Baton.run("qemu", "analyze", stream.toString());
        assertThat(plain.exit()).as(plain.err()).isZero();
    }

    private Baton.Result analyze(String javaOpts) {
        return Baton.script(Map.of("BATON_CDS_DIR", cds.toString(), "JAVA_OPTS", javaOpts),
                "qemu", "analyze", stream.toString());
    }

    private List<Path> archives() throws IOException {
        if (!Files.isDirectory(cds)) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(cds)) {
            return files.filter(Files::isRegularFile).toList();
        }
    }

    @Test
    void theFirstRunMakesTheArchiveAndNeitherRunPrintsAnythingElse() throws IOException {
        Baton.Result first = analyze("");
        assertThat(first.exit()).isZero();
        assertThat(first.out()).isEqualTo(plain.out());
        assertThat(first.err()).isEmpty();
        List<Path> made = archives();
        assertThat(made).hasSize(1);
        assertThat(made.get(0).getFileName()).hasToString("qemu.jsa"); // no temporary file left behind

        // -Xshare:on makes the JVM fail rather than run without the archive: it is really used
        Baton.Result later = analyze("-Xshare:on");
        assertThat(later.exit()).as(later.err()).isZero();
        assertThat(later.out()).isEqualTo(plain.out());
        assertThat(later.err()).isEmpty();
    }

    @Test
    void anArchiveOlderThanTheJarIsMadeAgain() throws IOException {
        analyze("");
        Path archive = archives().get(0);
        FileTime stale = FileTime.fromMillis(Files.getLastModifiedTime(Baton.jar()).toMillis() - 3_600_000);
        Files.setLastModifiedTime(archive, stale);

        Baton.Result again = analyze("");
        assertThat(again.out()).isEqualTo(plain.out());
        assertThat(again.err()).isEmpty();
        assertThat(Files.getLastModifiedTime(archive)).isGreaterThan(stale);
    }

    @Test
    void aUsageErrorKeepsNoArchive() throws IOException {
        Baton.Result usage = Baton.script(Map.of("BATON_CDS_DIR", cds.toString()), "qemu", "analyze");
        assertThat(usage.exit()).isEqualTo(2);
        assertThat(usage.out()).isEmpty();
        assertThat(usage.err()).isEqualTo("baton qemu analyze: missing required parameter: 'FILE' "
                + "(see 'baton qemu analyze --help')\n");
        assertThat(archives()).isEmpty();
    }

    @Test
    void withoutAWritableDirectoryOrWhenOffItRunsWithoutAnArchive() throws IOException {
        cds = Files.writeString(dir.resolve("not-a-directory"), "");
        Baton.Result r = analyze("");
        assertThat(r.exit()).isZero();
        assertThat(r.out()).isEqualTo(plain.out());
        assertThat(r.err()).isEmpty();

        Baton.Result off = Baton.script(Map.of("BATON_CDS_DIR", "off"), "qemu", "analyze", stream.toString());
        assertThat(off.out()).isEqualTo(plain.out());
        assertThat(off.err()).isEmpty();
    }
}
