package dev.baton.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A heap too small for what a command must hold is one line naming the command and saying how to
 * give bin/baton more, exit 2 (the input may be good), never the JVM's stack trace: for every
 * command, not only {@code encode}, which says where in its document it was.
 */
class OutOfMemoryIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** A heap smaller than one string of {@link #BIG} octets and its decoded copy. */
    private static final List<String> SMALL_HEAP = List.of("-Xmx16m");
    private static final int BIG = 12 << 20;

    @TempDir
    static Path dir;

    /**
     * A valid stream with a section holding one 12 MiB string (decoded whole by its description,
     * as every section of at most 16 MiB is), and a valid description document of 24 MiB (read
     * whole before it is parsed), both written in the test's own heap.
     */
    @BeforeAll
    static void files() throws IOException {
        Path sample = dir.resolve("s.baton");
        Baton.Result s = Baton.run("sample", sample.toString());
        assertThat(s.exit()).as(s.err()).isZero();
        ObjectNode doc = (ObjectNode) JSON.readTree(Baton.run("decode", sample.toString()).out());
        for (var record : doc.get("records")) {
            if (record.path("idstr").asText().equals("sample.node")) {
                ((ObjectNode) record.get("fields")).put("value", "v".repeat(BIG));
                break;
            }
        }
        Path json = dir.resolve("big.json");
        JSON.writeValue(json.toFile(), doc);
        Baton.Result e = Baton.run("encode", json.toString(), dir.resolve("big.baton").toString());
        assertThat(e.exit()).as(e.err()).isZero();

        String schema = Baton.run("schema", "--classpath", dev.baton.cli.fixture.ThermostatJar.CLASSES.toString(),
                dev.baton.cli.fixture.ThermostatJar.PROVIDER).out();
        try (Writer w = Files.newBufferedWriter(dir.resolve("release.json"), StandardCharsets.UTF_8)) {
            w.write(" ".repeat(2 * BIG)); // whitespace before a JSON document is still the document
            w.write(schema);
        }
    }

    @ParameterizedTest(name = "baton {0}")
    @ValueSource(strings = {"decode big.baton", "inspect big.baton", "inspect --json big.baton", "verify big.baton",
        "verify --json big.baton", "check release.json release.json",
        "convert --from release.json --to release.json big.baton out.baton"})
    void aHeapTooSmallIsOneLineNamingTheCommand(String command) {
        String[] args = command.split(" ");
        for (int i = 1; i < args.length; i++) {
            if (args[i].contains(".")) {
                args[i] = dir.resolve(args[i]).toString();
            }
        }
        Baton.Result r = Baton.run(SMALL_HEAP, null, args);
        assertThat(r.exit()).as(r.all()).isEqualTo(ErrorHandler.USAGE_OR_IO);
        assertThat(r.err()).isEqualTo("baton " + args[0] + ": out of memory (raise -Xmx through JAVA_OPTS)\n");
        assertThat(r.all()).doesNotContain("\tat ", "Exception", "OutOfMemoryError");
        assertThat(dir.resolve("out.baton")).doesNotExist();
    }

    /**
     * A command that streams its document (decode, inspect --json) and runs out of memory after
     * it began ends the document with the error, so that a program that parses standard output
     * learns that records are missing: a document that parses and has no error is a whole one.
     */
    @ParameterizedTest(name = "baton {0}")
    @ValueSource(strings = {"decode", "inspect --json"})
    void aStreamedDocumentEndsWithTheError(String command) throws IOException {
        List<String> args = new java.util.ArrayList<>(List.of(command.split(" ")));
        args.add(dir.resolve("big.baton").toString());
        Baton.Result r = Baton.run(SMALL_HEAP, null, args.toArray(String[]::new));
        assertThat(r.exit()).as(r.all()).isEqualTo(ErrorHandler.USAGE_OR_IO);
        assertThat(r.err()).isEqualTo("baton " + args.get(0) + ": out of memory (raise -Xmx through JAVA_OPTS)\n");
        var doc = JsonShape.read(r.out());
        assertThat(doc.get("records").size()).as("what it listed before").isPositive();
        assertThat(doc.at("/error/message").asText()).isEqualTo("out of memory (raise -Xmx through JAVA_OPTS)");
        assertThat(doc.at("/error/problem").asText()).isEqualTo(doc.at("/error/message").asText());
        assertThat(doc.has("summary")).isFalse();
    }
}
