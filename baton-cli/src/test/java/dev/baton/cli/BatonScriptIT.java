package dev.baton.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bin/baton}, the script users run: the start-up cache it makes on a command's first run and
 * maps on later runs (bin/lib/cds.sh; on JDK 25 and newer an AOT cache, assembled in the
 * background, before that a class-data-sharing archive) must never change what the command
 * prints, least of all the JSON on standard output. The script runs on this JVM's JDK.
 */
class BatonScriptIT {
    private static final Path FIXTURES = Path.of(System.getProperty("qemu.fixtures", "../baton-qemu/src/test/resources/qemu"));
    private static final boolean AOT = Runtime.version().feature() >= 25;
    /** The cache the first run of {@code qemu analyze} makes. */
    private static final String ARCHIVE = AOT ? "qemu-analyze.aot" : "qemu-analyze.jsa";
    /** The option that makes the JVM fail rather than run without the cache: that it is really used. */
    private static final String MUST_MAP = AOT ? "-XX:AOTMode=on" : "-Xshare:on";
    /** How long the background assembly of an AOT cache may take on two busy cores. */
    private static final Duration ASSEMBLY = Duration.ofSeconds(120);

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
        return script(Map.of("BATON_CDS_DIR", cds.toString(), "JAVA_OPTS", javaOpts), "qemu", "analyze",
                stream.toString());
    }

    /** bin/baton on this JVM's JDK, which tells which kind of cache it makes. */
    private static Baton.Result script(Map<String, String> env, String... args) {
        Map<String, String> all = new HashMap<>(env);
        all.put("JAVA_HOME", System.getProperty("java.home"));
        return Baton.script(all, args);
    }

    /**
     * The caches, once the one being made is in place: the files of {@link #cds} as soon as the
     * cache is there and nothing else is being written (an AOT cache appears only after its
     * assembly in the background), or, after {@link #ASSEMBLY}, as they are.
     */
    private List<Path> madeArchives(FileTime newerThan) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + ASSEMBLY.toNanos();
        while (true) {
            List<Path> files;
            try {
                files = archives();
            } catch (IOException | UncheckedIOException e) {
                files = List.of(); // a temporary file went while the directory was read: look again
            }
            boolean made = files.stream().anyMatch(f -> f.getFileName().toString().equals(ARCHIVE)
                    && modified(f).compareTo(newerThan) > 0);
            if (made && files.size() == 1 || System.nanoTime() > deadline) {
                return files;
            }
            Thread.sleep(100);
        }
    }

    private static FileTime modified(Path file) {
        try {
            return Files.getLastModifiedTime(file);
        } catch (IOException e) {
            return FileTime.fromMillis(0); // renamed or removed meanwhile: look again
        }
    }

    /**
     * The files in {@link #cds}'s directory per JDK. Read a directory at a time, as a list a file
     * may leave meanwhile (a cache's record and temporary file go when its assembly ends).
     */
    private List<Path> archives() throws IOException {
        if (!Files.isDirectory(cds)) {
            return List.of();
        }
        List<Path> found = new ArrayList<>();
        try (Stream<Path> jdks = Files.list(cds)) {
            for (Path jdk : jdks.filter(Files::isDirectory).toList()) {
                try (Stream<Path> files = Files.list(jdk)) {
                    files.filter(Files::isRegularFile).forEach(found::add);
                }
            }
        }
        return found;
    }

    @Test
    void theFirstRunMakesTheArchiveAndNeitherRunPrintsAnythingElse() throws Exception {
        Baton.Result first = analyze("");
        assertThat(first.exit()).isZero();
        assertThat(first.out()).isEqualTo(plain.out());
        assertThat(first.err()).isEmpty();
        List<Path> made = madeArchives(FileTime.fromMillis(0));
        assertThat(made).hasSize(1);
        assertThat(made.get(0).getFileName()).hasToString(ARCHIVE); // no temporary file left behind

        // MUST_MAP makes the JVM fail rather than run without the archive: it is really used
        Baton.Result later = analyze(MUST_MAP);
        assertThat(later.exit()).as(later.err()).isZero();
        assertThat(later.out()).isEqualTo(plain.out());
        assertThat(later.err()).isEmpty();
    }

    /** A subcommand of a group makes a cache of its own: one that qemu verify made lacks what analyze loads. */
    @Test
    void eachSubcommandOfAGroupHasItsOwnArchive() throws Exception {
        analyze("");
        madeArchives(FileTime.fromMillis(0));
        Baton.Result verify = script(Map.of("BATON_CDS_DIR", cds.toString()), "qemu", "verify", stream.toString());
        assertThat(verify.exit()).as(verify.err()).isZero();
        assertThat(verify.err()).isEmpty();
        String other = AOT ? "qemu-verify.aot" : "qemu-verify.jsa";
        long deadline = System.nanoTime() + ASSEMBLY.toNanos();
        while (archives().stream().noneMatch(f -> f.getFileName().toString().equals(other))
                && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        assertThat(archives()).extracting(f -> f.getFileName().toString()).contains(ARCHIVE, other);
    }

    @Test
    void anArchiveOlderThanTheJarIsMadeAgain() throws Exception {
        analyze("");
        Path archive = madeArchives(FileTime.fromMillis(0)).get(0);
        FileTime stale = FileTime.fromMillis(Files.getLastModifiedTime(Baton.jar()).toMillis() - 3_600_000);
        Files.setLastModifiedTime(archive, stale);

        Baton.Result again = analyze("");
        assertThat(again.out()).isEqualTo(plain.out());
        assertThat(again.err()).isEmpty();
        assertThat(madeArchives(stale)).containsExactly(archive);
        assertThat(Files.getLastModifiedTime(archive)).isGreaterThan(stale);
    }

    /** A run while the cache is assembled runs without one: it records nothing, which would start another assembly. */
    @Test
    void aRunWhileTheCacheIsAssembledRecordsNothing() throws Exception {
        analyze("");
        Baton.Result second = analyze("");
        assertThat(second.out()).isEqualTo(plain.out());
        assertThat(second.err()).isEmpty();
        // the first run's record, or nothing once its cache is made; never a second record
        assertThat(archives()).filteredOn(f -> f.getFileName().toString().endsWith(".conf"))
                .hasSizeLessThanOrEqualTo(1);
        assertThat(madeArchives(FileTime.fromMillis(0))).extracting(f -> f.getFileName().toString())
                .containsExactly(ARCHIVE);
    }

    @Test
    void aUsageErrorKeepsNoArchive() throws IOException {
        Baton.Result usage = script(Map.of("BATON_CDS_DIR", cds.toString()), "qemu", "analyze");
        assertThat(usage.exit()).isEqualTo(2);
        assertThat(usage.out()).isEmpty();
        assertThat(usage.err()).isEqualTo("baton qemu analyze: missing required parameter: 'FILE' "
                + "(see 'baton qemu analyze --help')\n");
        assertThat(archives()).isEmpty();
    }

    /**
     * A first run that stops at bad input keeps no cache: it loaded too little, and its cache
     * would stay until the jar changes, costing every later run what it lacks. The next good run makes it.
     */
    @Test
    void aRunThatFindsBadInputKeepsNoArchive() throws Exception {
        Path notAStream = Files.writeString(dir.resolve("not-a-stream.mig"), "not a QEMU stream\n");
        Baton.Result bad = script(Map.of("BATON_CDS_DIR", cds.toString()), "qemu", "analyze", notAStream.toString());
        assertThat(bad.exit()).isEqualTo(1);
        assertThat(bad.err()).startsWith("baton qemu analyze: " + notAStream + ": offset 0, stream header: not a QEMU savevm stream");
        assertThat(archives()).isEmpty();

        assertThat(analyze("").exit()).isZero();
        assertThat(madeArchives(FileTime.fromMillis(0))).extracting(f -> f.getFileName().toString())
                .containsExactly(ARCHIVE);
    }

    @Test
    void withoutAWritableDirectoryOrWhenOffItRunsWithoutAnArchive() throws IOException {
        cds = Files.writeString(dir.resolve("not-a-directory"), "");
        Baton.Result r = analyze("");
        assertThat(r.exit()).isZero();
        assertThat(r.out()).isEqualTo(plain.out());
        assertThat(r.err()).isEmpty();

        Baton.Result off = script(Map.of("BATON_CDS_DIR", "off"), "qemu", "analyze", stream.toString());
        assertThat(off.out()).isEqualTo(plain.out());
        assertThat(off.err()).isEmpty();
    }

    /** The JVM refuses an AOT cache beside -Xshare or an archive of the user's own: the script adds none then. */
    @Test
    void javaOptsThatChooseTheSharingThemselvesGetNoArchive() throws IOException {
        for (String opts : List.of("-Xshare:off", "-Xshare:auto")) {
            Baton.Result r = analyze(opts);
            assertThat(r.exit()).as(opts + ": " + r.err()).isZero();
            assertThat(r.out()).as(opts).isEqualTo(plain.out());
            assertThat(r.err()).as(opts).isEmpty();
        }
        assertThat(archives()).isEmpty();
    }

    /**
     * The JVM's own warnings go to standard error for every command, also one that runs with the
     * JVM's defaults and no archive ({@code store}): unified logging would print them on standard
     * output, into a command's output. Large pages, asked for where none are configured, make
     * one (a line too wide for the report checks of the other commands, which {@code store}'s
     * output is exempt from).
     */
    @Test
    void theJvmsWarningsGoToStandardError() {
        Baton.Result plainRun = Baton.run("store", "--help");
        Baton.Result r = script(Map.of("BATON_CDS_DIR", "off", "JAVA_OPTS", "-XX:+UseLargePages"), "store", "--help");
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).isEqualTo(plainRun.out());
    }

    /**
     * Two launchers that find the jar stale at once build it once: the second waits for the
     * first's build and then finds the jar fresh. Without the lock both ran Maven over the same
     * target directory and one of them failed. The checkout here is a copy of bin/ whose
     * {@code mvnw} logs each build, waits to be let go and puts the real jar in place.
     */
    @Test
    void twoLaunchersOfAStaleJarBuildItOnce() throws Exception {
        Path root = dir.resolve("checkout");
        Path script = Path.of(System.getProperty("baton.script"));
        Files.createDirectories(root.resolve("bin/lib"));
        Files.copy(script, root.resolve("bin/baton"));
        try (Stream<Path> lib = Files.list(script.resolveSibling("lib"))) {
            for (Path f : lib.toList()) {
                Files.copy(f, root.resolve("bin/lib").resolve(f.getFileName()));
            }
        }
        Path log = dir.resolve("builds.log");
        Path go = dir.resolve("go");
        Files.writeString(root.resolve("mvnw"), String.join("\n",
                "#!/usr/bin/env bash",
                "echo start >> '" + log + "'",
                "for _ in $(seq 1200); do [ -e '" + go + "' ] && break; sleep 0.05; done",
                "mkdir -p baton-cli/target && cp '" + Baton.jar() + "' baton-cli/target/baton.jar",
                "echo end >> '" + log + "'", ""));
        for (String exe : List.of("bin/baton", "mvnw")) {
            root.resolve(exe).toFile().setExecutable(true);
        }
        ProcessBuilder launcher = new ProcessBuilder(root.resolve("bin/baton").toString(), "--version")
                .redirectErrorStream(true);
        launcher.environment().putAll(Map.of("JAVA_HOME", System.getProperty("java.home"), "BATON_CDS_DIR", "off"));

        Process first = launcher.redirectOutput(dir.resolve("first.out").toFile()).start();
        awaitCondition(() -> builds(log).size() == 1, "the first launcher's build to start");
        Process second = launcher.redirectOutput(dir.resolve("second.out").toFile()).start();
        // the second launcher either waits on the lock or (without it) starts a build of its own
        awaitCondition(() -> second.descendants().anyMatch(p -> p.info().command().orElse("").endsWith("/flock"))
                || builds(log).size() > 1, "the second launcher to wait for the lock");
        Files.createFile(go);

        for (Process p : List.of(first, second)) {
            assertThat(p.waitFor(120, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
            assertThat(p.exitValue()).isZero();
        }
        assertThat(builds(log)).containsExactly("start", "end");
        assertThat(Files.readString(dir.resolve("second.out"))).startsWith("baton ");
    }

    private static List<String> builds(Path log) {
        try {
            return Files.exists(log) ? Files.readAllLines(log) : List.of();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void awaitCondition(java.util.function.BooleanSupplier done, String what) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!done.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("waited 60 s for " + what);
            }
            Thread.sleep(20);
        }
    }
}
