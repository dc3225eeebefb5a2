package dev.baton.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code baton check} over a chain of releases, through the real command: the key-value service's
 * three releases of docs/examples, where each release migrates to its neighbours both ways but
 * 1.0 and 3.0 do not migrate to each other: the findings of each pair, one matrix, the exit code.
 */
class CheckChainIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path EXAMPLES = Path.of("..", "docs", "examples");

    @TempDir
    Path dir;

    private static String kv(String release) {
        return release + "=" + EXAMPLES.resolve("kv-" + release + ".json");
    }

    @Test
    void threeReleasesMakeOneMatrix() {
        Baton.Result r = Baton.run("check", kv("1.0"), kv("2.0"), kv("3.0"));
        assertThat(r.exit()).as(r.err()).isEqualTo(1);
        assertThat(r.err()).isEmpty();
        assertThat(r.out()).isEqualTo("""
                1.0 -> 3.0, forward:
                forward  ERROR   minimum-version-too-high     kv.store: OLD writes 'kv.store' at version 1, below \
                NEW's minimum version 2
                2.0 -> 1.0, backward, profile 1.0:
                backward INFO    subsection-gated             kv.store.entries[]/(kv.entry/ttl): subsection \
                'kv.entry/ttl' is unknown to OLD but the profile pins its gate 'kv.ttl' off
                3.0 -> 1.0, backward:
                backward WARNING profile-missing              1.0: NEW (3.0) lists no release profile '1.0' (it \
                lists [2.0, 3.0]): it writes its own versions
                backward ERROR   version-too-new              kv.store: NEW writes 'kv.store' at version 2, above \
                OLD's version 1
                3.0 -> 2.0, backward, profile 2.0:
                backward INFO    subsection-gated             kv.store/(kv.store/stats): subsection 'kv.store/stats' \
                is unknown to OLD but the profile pins its gate 'kv.stats' off
                          to 1.0      to 2.0      to 3.0
                from 1.0  -           ok          1 error
                from 2.0  ok          -           ok
                from 3.0  1 error     ok          -
                incompatible (both, 3 releases): 2 of 6 pairs fail; 2 errors, 1 warning, 2 notes
                """);
    }

    /** Each cell says what the two-release check says of its pair, under the older release's profile. */
    @Test
    void aCellIsWhatTheTwoReleaseCheckSays() throws IOException {
        JsonNode chain = JsonShape.keys(JsonShape.read(Baton.run("check", "--json", kv("1.0"), kv("2.0"), kv("3.0"))
                .out()), "compatible", "directions", "releases", "matrix");
        JsonNode pair = JSON.readTree(Baton.run("check", "--json", "--profile", "2.0",
                EXAMPLES.resolve("kv-2.0.json").toString(), EXAMPLES.resolve("kv-3.0.json").toString()).out());
        JsonNode back = JsonShape.keys(cell(chain, "3.0", "2.0"), "from", "to", "direction", "profile", "compatible",
                "errors", "warnings", "notes", "findings");
        assertThat(back.get("profile").asText()).isEqualTo("2.0");
        assertThat(back.get("findings")).isEqualTo(pair.get("findings"));
        JsonNode skipped = cell(chain, "1.0", "3.0");
        assertThat(skipped.get("compatible").asBoolean()).isFalse();
        assertThat(skipped.get("profile").isNull()).isTrue();
        assertThat(skipped.get("errors").asInt()).isEqualTo(1);
        assertThat(skipped.at("/findings/0/kind").asText()).isEqualTo("minimum-version-too-high");
        assertThat(chain.get("compatible").asBoolean()).isFalse();
        assertThat(chain.get("releases")).extracting(n -> n.get("name").asText()).containsExactly("1.0", "2.0", "3.0");
        assertThat(chain.get("matrix")).hasSize(6);
    }

    private static JsonNode cell(JsonNode chain, String from, String to) {
        for (JsonNode c : chain.get("matrix")) {
            if (c.get("from").asText().equals(from) && c.get("to").asText().equals(to)) {
                return c;
            }
        }
        throw new AssertionError("no cell " + from + " -> " + to);
    }

    @Test
    void oneDirectionFillsHalfTheMatrix() {
        Baton.Result r = Baton.run("check", "--direction", "forward", kv("1.0"), kv("2.0"), kv("3.0"));
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.out()).endsWith("""
                          to 1.0      to 2.0      to 3.0
                from 1.0  -           ok          1 error
                from 2.0              -           ok
                from 3.0                          -
                incompatible (forward, 3 releases): 1 of 3 pairs fail; 1 error, 0 warnings, 0 notes
                """);
        Baton.Result neighbours = Baton.run("check", "--direction", "backward", kv("2.0"), kv("3.0"), "4.0="
                + EXAMPLES.resolve("kv-3.0.json"));
        assertThat(neighbours.exit()).as(neighbours.out()).isZero();
        assertThat(neighbours.out()).endsWith("""
                          to 2.0     to 3.0     to 4.0
                from 2.0  -
                from 3.0  ok         -
                from 4.0  ok         ok         -
                compatible (backward, 3 releases): 3 pairs; 0 errors, 0 warnings, 2 notes
                """);
    }

    /** A chain file names the releases, its paths relative to its folder; by default a file names its release. */
    @Test
    void aChainFileListsTheReleases() throws IOException {
        Path own = Files.writeString(dir.resolve("chain.txt"), "# kv, oldest first\n1.0 "
                + EXAMPLES.toAbsolutePath().resolve("kv-1.0.json") + "\n\n2.0 kv-2.0.json  # beside\n");
        Files.copy(EXAMPLES.resolve("kv-2.0.json"), dir.resolve("kv-2.0.json"));
        Baton.Result r = Baton.run("check", "--chain", own.toString());
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).contains("from 1.0  -", "compatible (both, 2 releases): 2 pairs; 0 errors, 0 warnings, "
                + "1 note");
        Baton.Result byFile = Baton.run("check", EXAMPLES.resolve("kv-1.0.json").toString(),
                EXAMPLES.resolve("kv-2.0.json").toString(), EXAMPLES.resolve("kv-3.0.json").toString());
        assertThat(byFile.out()).contains("from kv-1.0  -", "kv-2.0 -> kv-1.0, backward:");
    }

    @Test
    void whatAChainCannotBeIsOneLine() throws IOException {
        Path bad = Files.writeString(dir.resolve("bad.txt"), "1.0 a.json\n2.0\n");
        Baton.Result line = Baton.run("check", "--chain", bad.toString());
        assertThat(line.exit()).isEqualTo(1);
        assertThat(line.err()).isEqualTo("baton check: " + bad + ", line 2: expected NAME FILE, a release and its "
                + "description document, not '2.0'\n");
        Path one = Files.writeString(dir.resolve("one.txt"), "1.0 " + EXAMPLES.toAbsolutePath().resolve("kv-1.0.json"));
        assertThat(Baton.run("check", "--chain", one.toString()).err()).isEqualTo("baton check: " + one + ": a chain "
                + "needs two releases or more, not 1\n");
        Baton.Result notADocument = Baton.run("check", kv("1.0"), kv("2.0"), "x=pom.xml");
        assertThat(notADocument.exit()).isEqualTo(1);
        assertThat(notADocument.err()).startsWith("baton check: pom.xml is neither a description document");
        for (List<String> usage : List.of(List.of("check", "--profile", "1.0", kv("1.0"), kv("2.0"), kv("3.0")),
                List.of("check", "--chain", bad.toString(), kv("1.0")), List.of("check", kv("1.0"), kv("1.0"), kv("2.0")))) {
            Baton.Result r = Baton.run(usage.toArray(String[]::new));
            assertThat(r.exit()).as(usage.toString()).isEqualTo(2);
            assertThat(r.out()).isEmpty();
            assertThat(r.err().lines()).singleElement().asString().startsWith("baton check: ").endsWith(
                    " (see 'baton check --help')");
        }
        assertThat(Baton.run("check", kv("1.0"), kv("1.0"), kv("2.0")).err()).isEqualTo("baton check: two releases "
                + "are named '1.0' (see 'baton check --help')\n");
        // the two-release check's usage errors are as they were
        assertThat(Baton.run("check", "a.json").err()).isEqualTo("baton check: missing required parameter: 'NEW' "
                + "(see 'baton check --help')\n");
        assertThat(Baton.run("check").err()).isEqualTo("baton check: missing required parameters: 'OLD', 'NEW' "
                + "(see 'baton check --help')\n");
    }
}
