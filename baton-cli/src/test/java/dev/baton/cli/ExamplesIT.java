package dev.baton.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code baton schema} and {@code baton check} on the jars of examples/rate-limiter's two releases,
 * whose state is described by derivation from a class and records. The jars are made here from the
 * example's sources, compiled against baton.jar (a few classes each: cheaper than Maven, which
 * .ci/examples runs on the same sources).
 */
class ExamplesIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path RATE_LIMITER = Path.of(System.getProperty("baton.repo", ".."), "examples", "rate-limiter");

    @TempDir
    Path dir;

    /** The jar of one release: its classes and its resources (the META-INF/services lists). */
    private Path releaseJar(String release) throws IOException {
        Path module = RATE_LIMITER.resolve("release-" + release + "/src/main");
        Path classes = Files.createDirectories(dir.resolve("classes-" + release));
        List<String> args = new ArrayList<>(List.of("-d", classes.toString(), "-cp", Baton.jar().toString(),
                "--release", "21", "-proc:none"));
        try (Stream<Path> files = Files.walk(module.resolve("java"))) {
            files.filter(f -> f.toString().endsWith(".java")).forEach(f -> args.add(f.toString()));
        }
        ByteArrayOutputStream errors = new ByteArrayOutputStream();
        int exit = ToolProvider.getSystemJavaCompiler().run(null, OutputStream.nullOutputStream(), errors,
                args.toArray(String[]::new));
        assertThat(exit).as("javac " + String.join(" ", args) + "\n" + errors.toString(StandardCharsets.UTF_8)).isZero();
        Path jar = dir.resolve("rate-limiter-" + release + ".jar");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
            for (Path root : List.of(classes, module.resolve("resources"))) {
                try (Stream<Path> files = Files.walk(root)) {
                    for (Path f : files.filter(Files::isRegularFile).sorted().toList()) {
                        out.putNextEntry(new JarEntry(root.relativize(f).toString().replace('\\', '/')));
                        out.write(Files.readAllBytes(f));
                    }
                }
            }
        }
        return jar;
    }

    /** What {@code baton schema} prints for the release's jar, also written to RELEASE.json. */
    private JsonNode schema(String release) throws IOException {
        Baton.Result r = Baton.run("schema", releaseJar(release).toString());
        assertThat(r.exit()).as(r.all()).isZero();
        Files.writeString(dir.resolve(release + ".json"), r.out());
        return JSON.readTree(r.out());
    }

    private static List<String> fields(JsonNode description) {
        List<String> fields = new ArrayList<>();
        description.get("fields").forEach(f -> fields.add(f.get("name").asText() + " " + f.get("kind").asText()
                + (f.has("since") ? " since " + f.get("since").asInt() : "")));
        return fields;
    }

    @Test
    void schemaPrintsTheDescriptionsDerivedFromEachReleasesClasses() throws IOException {
        JsonNode one = schema("1.0");
        assertThat(one.get("descriptions").properties()).extracting(java.util.Map.Entry::getKey)
                .containsExactly("limiter", "limiter.bucket");
        assertThat(one.at("/descriptions/limiter/version").asInt()).isEqualTo(1);
        // @Unsigned @Width(32) long, a Map<String, Bucket> of records, a record's double and long
        assertThat(fields(one.at("/descriptions/limiter")))
                .containsExactly("capacity u32", "refillPerMinute u32", "buckets map");
        assertThat(one.at("/descriptions/limiter/fields/2/description").asText()).isEqualTo("limiter.bucket");
        assertThat(fields(one.at("/descriptions/limiter.bucket"))).containsExactly("tokens f64", "updatedAtMillis s64");
        assertThat(one.at("/descriptions/limiter.bucket").has("subsections")).isFalse();
        assertThat(one.get("profiles").properties()).extracting(java.util.Map.Entry::getKey).containsExactly("1.0");

        JsonNode two = schema("2.0");
        assertThat(two.at("/descriptions/limiter/version").asInt()).isEqualTo(2);
        assertThat(two.at("/descriptions/limiter/minimumVersion").asInt()).isEqualTo(1);
        assertThat(fields(two.at("/descriptions/limiter")))
                .containsExactly("capacity u32", "refillPerMinute u32", "buckets map", "refused u64 since 2");
        // @AsSubsection(needed = "penalized", gate = "limiter.penalties") Penalty penalty
        JsonNode penalty = two.at("/descriptions/limiter.bucket/subsections/0");
        assertThat(penalty.get("name").asText()).isEqualTo("limiter.bucket/penalty");
        assertThat(penalty.get("gate").asText()).isEqualTo("limiter.penalties");
        assertThat(fields(penalty)).containsExactly("strikes u16", "blockedUntilMillis s64");
        assertThat(two.at("/profiles/1.0/properties/limiter.penalties").asText()).isEqualTo("off");
        assertThat(two.at("/profiles/1.0/versions/limiter").asInt()).isEqualTo(1);
    }

    @Test
    void checkFindsTheReleasesCompatibleUnderTheOlderProfileWithItsNote() throws IOException {
        schema("1.0");
        schema("2.0");
        String one = dir.resolve("1.0.json").toString();
        String two = dir.resolve("2.0.json").toString();
        Baton.Result check = Baton.run("check", one, two, "--profile", "1.0");
        assertThat(check.exit()).as(check.all()).isZero();
        assertThat(check.out().lines()).containsExactly(
                "backward INFO    subsection-gated             limiter.buckets[]/(limiter.bucket/penalty): subsection "
                        + "'limiter.bucket/penalty' is unknown to OLD but the profile pins its gate 'limiter.penalties' off",
                "compatible (both, profile 1.0): 0 errors, 0 warnings, 1 note");
        // without the profile, 2.0 writes 'limiter' at version 2, which 1.0 cannot read
        Baton.Result unpinned = Baton.run("check", one, two);
        assertThat(unpinned.exit()).as(unpinned.all()).isEqualTo(1);
        assertThat(unpinned.out()).contains("backward ERROR   version-too-new              limiter: NEW writes 'limiter' "
                + "at version 2, above OLD's version 1").endsWith("incompatible (both): 1 error, 0 warnings, 0 notes\n");
    }
}
