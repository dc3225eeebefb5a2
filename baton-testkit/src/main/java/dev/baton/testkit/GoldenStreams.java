package dev.baton.testkit;

import dev.baton.core.engine.Quirks;
import dev.baton.core.engine.ReleaseProfiles;
import dev.baton.core.engine.SectionRegistry;
import dev.baton.core.engine.StateLoader;
import dev.baton.core.engine.StateSaver;
import dev.baton.core.wire.ReaderOptions;
import dev.baton.core.wire.RecordReader;
import dev.baton.core.wire.RecordWriter;
import dev.baton.core.wire.WriterOptions;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;

/**
 * The golden-stream kit: proves in an application's tests that migration works across its
 * releases in both directions.
 *
 * <p>Each release's sample streams live under a folder, one subfolder per release:
 * {@code golden/1.0/store.baton}, {@code golden/2.0/store.baton}. When a release is cut, its
 * streams are recorded once with {@link #record} and committed. Then:
 * <ul>
 * <li>{@link #forward} makes one test per recorded stream: the current build loads it (a live
 *     update from that release);</li>
 * <li>{@link #backward} makes one test per older release: what the current build writes under
 *     that release's profile loads with that release's own descriptions (a rollback).</li>
 * </ul>
 *
 * <pre>{@code
 * @TestFactory
 * Stream<DynamicTest> forward() {
 *     return GoldenStreams.in(Path.of("src/test/resources/golden")).releases(RELEASES)
 *             .forward(Store::newRegistry, (file, registry) -> assertThat(...));
 * }
 * }</pre>
 */
public final class GoldenStreams {
    private final Path dir;
    private final ReleaseProfiles releases;
    private final Quirks quirks;

    private GoldenStreams(Path dir, ReleaseProfiles releases, Quirks quirks) {
        this.dir = dir;
        this.releases = releases;
        this.quirks = quirks;
    }

    /** The kit over the streams under {@code dir}, one subfolder per release. */
    public static GoldenStreams in(Path dir) {
        return new GoldenStreams(dir, null, Quirks.none());
    }

    /** The application's releases: backward tests write with their profiles, forward tests check the names. */
    public GoldenStreams releases(ReleaseProfiles profiles) {
        return new GoldenStreams(dir, profiles, quirks);
    }

    /** Quirks of past producers the current build applies when it loads their streams. */
    public GoldenStreams quirks(Quirks known) {
        return new GoldenStreams(dir, releases, known);
    }

    /**
     * One test per recorded stream of every release: it loads into a fresh registry of the
     * current build, then {@code verify} checks what was loaded.
     *
     * @param current  makes the current build's registry, with objects to load into
     * @param verify   checks the loaded registry; gets the stream's path
     */
    public Stream<DynamicTest> forward(Supplier<SectionRegistry> current, BiConsumer<Path, SectionRegistry> verify) {
        List<DynamicTest> tests = new ArrayList<>();
        for (Path file : recorded()) {
            String release = dir.relativize(file).getName(0).toString();
            tests.add(DynamicTest.dynamicTest("forward: " + dir.relativize(file) + " loads", () -> {
                if (releases != null && !releases.knows(release)) {
                    throw new AssertionError("streams recorded for release '" + release + "', which the release "
                            + "profiles do not list " + releases.names());
                }
                SectionRegistry registry = current.get();
                load(registry, Files.readAllBytes(file));
                verify.accept(file, registry);
            }));
        }
        if (tests.isEmpty()) {
            throw new IllegalStateException("no recorded streams under " + dir + " (record them with record())");
        }
        return tests.stream();
    }

    /**
     * One test per older release: the current build saves under that release's profile, and
     * that release's descriptions load the stream.
     *
     * @param current        makes the current build's registry, holding state to save
     * @param olderReleases  release name to a maker of that release's registry (its descriptions)
     * @param verify         checks the older release's loaded registry
     */
    public Stream<DynamicTest> backward(Supplier<SectionRegistry> current,
            Map<String, Supplier<SectionRegistry>> olderReleases, BiConsumer<String, SectionRegistry> verify) {
        if (releases == null) {
            throw new IllegalStateException("backward tests need the release profiles: call releases(...) first");
        }
        return olderReleases.entrySet().stream().map(e -> DynamicTest.dynamicTest(
                "backward: the current build writes for " + e.getKey() + " and " + e.getKey() + " loads it", () -> {
                    byte[] stream = save(current.get(), e.getKey());
                    SectionRegistry older = e.getValue().get();
                    load(older, stream);
                    verify.accept(e.getKey(), older);
                }));
    }

    /**
     * Records the current build's stream for {@code release} as {@code name.baton} under the
     * release's folder (run it once, when the release is cut, and commit the file).
     */
    public Path record(String release, String name, SectionRegistry registry, WriterOptions options) throws IOException {
        Path file = dir.resolve(release).resolve(name + ".baton");
        Files.createDirectories(file.getParent());
        try (RecordWriter w = RecordWriter.open(file, options.withProfile(release))) {
            StateSaver.of(registry).save(w);
        }
        return file;
    }

    /** The streams under the folder, in a stable order. */
    public List<Path> recorded() {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(p -> p.toString().endsWith(".baton")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private byte[] save(SectionRegistry registry, String release) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (RecordWriter w = RecordWriter.open(out, WriterOptions.defaults().withProfile(release))) {
            StateSaver.of(registry).forProfile(releases.profile(release)).save(w);
        }
        return out.toByteArray();
    }

    private void load(SectionRegistry registry, byte[] stream) throws IOException {
        try (RecordReader r = RecordReader.open(ByteBuffer.wrap(stream), ReaderOptions.defaults())) {
            StateLoader loader = StateLoader.of(registry).withQuirks(quirks);
            (releases != null ? loader.withProfiles(releases) : loader).load(r);
        }
    }
}
