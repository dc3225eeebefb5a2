package com.example.ratelimiter.migration;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code baton convert} on the limiter's saved streams, with the releases' jars as the command
 * finds them: what release 2.0 saved, converted for release 1.0 under the 1.0 profile, and what
 * 1.0 saved, converted for 2.0; each converted stream is then restored by the other release, in a
 * process of its own on that release's jar ({@link LimiterFile}), which says what it holds. What
 * release 1.0 cannot hold fails in one line naming the section and the field, and writes nothing.
 */
class ConvertIT {
    private static final Path RUN = Path.of(System.getProperty("run.dir", "target/run"));
    private static final String CLOCK = "-Dratelimiter.clock=2026-01-01T00:00:00Z";

    @TempDir
    Path dir;

    private static Path jar(String release) {
        return RUN.resolve("rate-limiter-" + release + ".jar");
    }

    /** {@link LimiterFile} on {@code release}'s jar and the command's (Baton's classes); its one line. */
    private static String limiterFile(String release, String... args) throws Exception {
        Path tests = Path.of(LimiterFile.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        List<String> command = new ArrayList<>(List.of(CLOCK, "-cp", String.join(File.pathSeparator,
                jar(release).toString(), RUN.resolve("baton.jar").toString(), tests.toString()),
                LimiterFile.class.getName()));
        command.addAll(List.of(args));
        try (Child child = Child.java(command.toArray(String[]::new))) {
            List<String> out = child.rest();
            assertThat(child.exit()).as(child.toString()).isZero();
            assertThat(out).as(child.toString()).hasSize(1);
            return out.get(0);
        }
    }

    /** What release {@code release}'s process saves for itself: alice two requests, bob seven. */
    private Path saved(String release) throws Exception {
        Path file = dir.resolve("saved-by-" + release + ".baton");
        limiterFile(release, "save", file.toString(), release);
        return file;
    }

    /** {@code java -jar baton.jar ARGS}, which ends of itself. */
    private static Child baton(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("-jar", RUN.resolve("baton.jar").toString()));
        command.addAll(List.of(args));
        return Child.java(command.toArray(String[]::new));
    }

    /** {@code baton convert --from} release {@code from}'s jar {@code --to} release {@code to}'s, with {@code more}. */
    private static Child convert(String from, String to, Object... more) throws Exception {
        List<String> args = new ArrayList<>(List.of("convert", "--from", jar(from).toString(), "--to", jar(to).toString()));
        for (Object m : more) {
            args.add(m.toString());
        }
        return baton(args.toArray(String[]::new));
    }

    /**
     * {@code baton inspect} on a converted stream, read up to its section: baton-convert wrote it
     * from what release {@code savedBy} saved, for {@code profile}, with {@code limiter} at
     * {@code version}. The section's fields follow.
     */
    private static Child inspectConverted(Path stream, String savedBy, String profile, int version) throws Exception {
        Child inspect = baton("inspect", stream.toString());
        try {
            inspect.await("producer  baton-convert rate-limiter " + Pattern.quote(savedBy));
            inspect.await("profile   " + Pattern.quote(profile));
            inspect.await(" +\\d+ +2 +SECTION +\\d+ +limiter/0 v" + version + ", \\d+ octets of data");
            return inspect;
        } catch (Throwable e) {
            inspect.close();
            throw e;
        }
    }

    @Test
    void whatRelease2SavedConvertsForRelease1UnderItsProfileAndRelease1RestoresIt() throws Exception {
        Path stream = saved("2.0");
        assertThat(limiterFile("2.0", "restore", stream.toString()))
                .isEqualTo("rate-limiter 2.0 restored: 2 clients (alice 3.0 tokens, bob 0.0 tokens (2 strikes)), 2 refused");
        Path older = dir.resolve("for-1.0.baton");
        try (Child convert = convert("2.0", "1.0", "--json", "--profile", "1.0", stream, older)) {
            List<String> out = convert.rest();
            assertThat(convert.exit()).as(convert.toString()).isZero();
            // what 1.0 has no place for is what 2.0's profile for 1.0 leaves out: bob's penalty, and refused
            assertThat(String.join("\n", out)).isEqualTo(String.join("\n",
                    "{",
                    "  \"input\" : \"" + stream + "\",",
                    "  \"output\" : \"" + older + "\",",
                    "  \"from\" : \"" + jar("2.0") + "\",",
                    "  \"to\" : \"" + jar("1.0") + "\",",
                    "  \"converted\" : true,",
                    "  \"profile\" : \"1.0\",",
                    "  \"sections\" : 1,",
                    "  \"records\" : 4,",
                    "  \"inputOctets\" : " + Files.size(stream) + ",",
                    "  \"outputOctets\" : " + Files.size(older) + ",",
                    "  \"leftOut\" : [ \"limiter/0 buckets[]/(limiter.bucket/penalty): the profile turns its gate "
                            + "'limiter.penalties' off\", \"limiter/0 refused: the profile writes 'limiter' at version 1, "
                            + "before the field\" ],",
                    "  \"skippedRecords\" : 0",
                    "}"));
        }
        try (Child inspect = inspectConverted(older, "2.0", "1.0", 1)) {
            assertThat(inspect.exit()).isZero();
        }
        assertThat(limiterFile("1.0", "restore", older.toString()))
                .isEqualTo("rate-limiter 1.0 restored: 2 clients (alice 3.0 tokens, bob 0.0 tokens)");
    }

    @Test
    void whatRelease1SavedConvertsForRelease2AndRelease2RestoresIt() throws Exception {
        Path stream = saved("1.0");
        Path newer = dir.resolve("for-2.0.baton");
        try (Child convert = convert("1.0", "2.0", "--json", stream, newer)) {
            // no --profile: 2.0's newest, its own, which leaves nothing out
            convert.await(" *\"converted\" : true,");
            convert.await(" *\"profile\" : \"2\\.0\",");
            String octets = convert.await(" *\"outputOctets\" : (\\d+),").group(1);
            convert.await(" *\"leftOut\" : \\[ \\],");
            assertThat(convert.exit()).isZero();
            assertThat(Long.parseLong(octets)).isEqualTo(Files.size(newer));
        }
        try (Child inspect = inspectConverted(newer, "1.0", "2.0", 2)) {
            // the field 1.0 never had: its kind's zero, as 2.0 restoring 1.0's own stream keeps
            inspect.await(" +refused = 0");
            assertThat(inspect.exit()).isZero();
        }
        assertThat(limiterFile("2.0", "restore", newer.toString()))
                .isEqualTo("rate-limiter 2.0 restored: 2 clients (alice 3.0 tokens, bob 0.0 tokens), 0 refused");
    }

    @Test
    void whatRelease1CannotHoldFailsInOneLineNamingSectionAndFieldAndWritesNothing() throws Exception {
        Path stream = saved("2.0");
        Path out = dir.resolve("never.baton");
        // 2.0's own profile keeps bob's penalty, which 1.0's bucket has no subsection for
        String line = "baton convert: " + stream + ": section limiter/0, field buckets[bob]/(limiter.bucket/penalty): "
                + "release " + jar("1.0") + "'s 'limiter.bucket' has no such subsection: what it holds would be lost";
        try (Child convert = convert("2.0", "1.0", "--profile", "2.0", stream, out)) {
            assertThat(convert.rest()).containsExactly(line);
            assertThat(convert.exit()).isEqualTo(1);
        }
        assertThat(out).doesNotExist();
        assertThat(dir).isDirectoryNotContaining(p -> p.getFileName().toString().endsWith(".tmp"));

        // --json says so in its document too; an OUT that was there is left as it was
        Path kept = Files.writeString(out, "what was there");
        try (Child convert = convert("2.0", "1.0", "--json", "--profile", "2.0", stream, out)) {
            // the document names the input once; its error is the object every --json failure has (CLI.md)
            convert.await(" *\"input\" : \"" + Pattern.quote(stream.toString()) + "\",");
            convert.await(" *\"converted\" : false,");
            convert.await(" *\"error\" : \\{");
            convert.await(" *\"message\" : \"" + Pattern.quote(line.substring(("baton convert: " + stream + ": ").length()))
                    + "\",");
            convert.await(Pattern.quote(line));
            assertThat(convert.exit()).isEqualTo(1);
        }
        assertThat(kept).hasContent("what was there");
    }
}
