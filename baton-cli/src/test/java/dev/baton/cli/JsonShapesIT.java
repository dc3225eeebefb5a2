package dev.baton.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The {@code --json} of the commands that say what they did (sample, xen convert, migrate send
 * and receive), in the shapes docs/CLI.md gives: standard output is one JSON document and nothing
 * else; an error is one line on standard error.
 */
class JsonShapesIT {
    /** Fails on anything after the document. */
    private static final ObjectMapper JSON = new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    /** A small migration sample: an 8 MiB region, 200 sessions. */
    private static final List<String> SMALL = List.of("-Dbaton.sample.mib=8", "-Dbaton.sample.sessions=200");

    @TempDir
    Path dir;

    /** The one document on standard output. */
    private static JsonNode document(Baton.Result r) throws Exception {
        return JSON.readTree(r.out());
    }

    private static void assertOneLineError(Baton.Result r, String command) {
        assertThat(r.err().lines()).as(r.err()).singleElement()
                .satisfies(line -> assertThat(line).startsWith("baton " + command + ": "));
    }

    @Test
    void sample() throws Exception {
        Path file = dir.resolve("s.baton");
        Baton.Result r = Baton.run("sample", "--json", "--checksums", "--byte-order", "little", file.toString());
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.err()).isEmpty();
        JsonNode doc = document(r);
        assertThat(doc.get("file").asText()).isEqualTo(file.toString());
        assertThat(doc.get("octets").asLong()).isEqualTo(Files.size(file));
        assertThat(doc.get("records").asInt()).isEqualTo(10);
        assertThat(doc.get("byteOrder").asText()).isEqualTo("little-endian");
        assertThat(doc.get("checksums").asBoolean()).isTrue();
        assertThat(doc.get("profile").asText()).isEqualTo("demo-1");

        Baton.Result toStdout = Baton.run("sample", "--json", "-");
        assertThat(toStdout.exit()).isEqualTo(2);
        assertThat(toStdout.out()).isEmpty();
        assertOneLineError(toStdout, "sample");
    }

    @Test
    void xenConvert() throws Exception {
        Path v3 = dir.resolve("out.v3");
        Path v2 = XenVectors.asFile(dir, "libxc-hvm-v2");
        Baton.Result r = Baton.run("xen", "convert", "--json", "--to", "v3", v2.toString(), v3.toString());
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.err()).isEmpty();
        JsonNode doc = document(r);
        assertThat(doc.get("input").asText()).isEqualTo(v2.toString());
        assertThat(doc.get("output").asText()).isEqualTo(v3.toString());
        assertThat(doc.get("converted").asBoolean()).isTrue();
        assertThat(doc.get("format").asText()).isEqualTo("libxc");
        assertThat(doc.get("guest").asText()).isEqualTo("x86 HVM");
        assertThat(doc.get("insertedAt").asLong()).isZero();
        assertThat(doc.get("insertedBefore").asText()).isEqualTo("PAGE_DATA");
        assertThat(doc.get("inputOctets").asLong()).isEqualTo(Files.size(v2));
        assertThat(doc.get("outputOctets").asLong()).isEqualTo(Files.size(v3)).isEqualTo(Files.size(v2) + 8);

        Path already = XenVectors.asFile(dir, "libxc-pv-v3");
        Baton.Result bad = Baton.run("xen", "convert", "--json", "--to", "v3", already.toString(), v3.toString());
        assertThat(bad.exit()).isEqualTo(1);
        assertOneLineError(bad, "xen convert");
        JsonNode failed = document(bad);
        assertThat(failed.get("converted").asBoolean()).isFalse();
        assertThat(failed.at("/error/problem").asText())
                .isEqualTo("the libxc stream is already version 3: there is nothing to convert");
        assertThat(failed.at("/error/offset").asLong()).isEqualTo(12);
        assertThat(bad.err()).contains(failed.at("/error/message").asText());

        Baton.Result toStdout = Baton.run("xen", "convert", "--json", "--to", "v3", v2.toString(), "-");
        assertThat(toStdout.exit()).isEqualTo(2);
        assertThat(toStdout.out()).isEmpty();
        assertOneLineError(toStdout, "xen convert");
    }

    @Test
    void migrateSendAndReceiveThroughAFile() throws Exception {
        Path file = dir.resolve("state.baton");
        Baton.Result send = Baton.run(SMALL, null, "migrate", "send", "--json", "--to", file.toString());
        assertThat(send.exit()).as(send.err()).isZero();
        assertThat(send.err()).isEmpty();
        JsonNode sent = document(send);
        assertThat(sent.at("/application/name").asText()).isEqualTo("baton-sample");
        assertThat(sent.at("/application/version").asText()).isEqualTo("2.0");
        assertThat(sent.get("to").asText()).isEqualTo(file.toString());
        assertThat(sent.get("tls").isNull()).isTrue();
        assertThat(sent.at("/handshake/returnPath").asBoolean()).isFalse();
        assertThat(sent.at("/handshake/profile").asText()).isEqualTo("2.0");
        JsonNode passes = sent.get("passes");
        assertThat(passes.get(0).get("index").asInt()).isZero();
        assertThat(passes.get(0).get("octets").asLong()).isGreaterThan(8 << 20);
        assertThat(passes.get(passes.size() - 1).get("paused").asBoolean()).isTrue();
        assertThat(sent.at("/switchover/reason").asText()).isIn("converged", "iteration-limit");
        assertThat(sent.at("/switchover/iterations").asInt()).isEqualTo(passes.size() - 1);
        assertThat(sent.at("/stats/octets").asLong()).isEqualTo(Files.size(file));
        assertThat(sent.at("/stats/targetConfirmed").asBoolean()).isFalse();
        assertThat(sent.get("stateSha256").asText()).matches("[0-9a-f]{64}");
        assertThat(sent.get("migrated").asBoolean()).isTrue();
        assertThat(sent.has("error")).isFalse();

        Baton.Result receive = Baton.run(SMALL, null, "migrate", "receive", "--json", "--from", file.toString());
        assertThat(receive.exit()).as(receive.err()).isZero();
        assertThat(receive.err()).isEmpty();
        JsonNode received = document(receive);
        assertThat(received.get("from").asText()).isEqualTo(file.toString());
        assertThat(received.get("staticDataAccepted").asBoolean()).isTrue();
        assertThat(received.at("/loaded/octets").asLong()).isEqualTo(Files.size(file));
        assertThat(received.at("/loaded/records").asLong()).isPositive();
        assertThat(received.get("activated").asBoolean()).isTrue();
        assertThat(received.get("stateSha256").asText()).isEqualTo(sent.get("stateSha256").asText());
        assertThat(received.get("migrated").asBoolean()).isTrue();

        Baton.Result toStdout = Baton.run(SMALL, null, "migrate", "send", "--json", "--to", "-");
        assertThat(toStdout.exit()).isEqualTo(2);
        assertThat(toStdout.out()).isEmpty();
        assertOneLineError(toStdout, "migrate send");
    }

    @Test
    void aFailedReceiveIsADocumentAndOneLine() throws Exception {
        Path file = dir.resolve("state.baton");
        assertThat(Baton.run(SMALL, null, "migrate", "send", "--to", file.toString()).exit()).isZero();
        byte[] whole = Files.readAllBytes(file);
        Path cut = Files.write(dir.resolve("cut.baton"), Arrays.copyOf(whole, whole.length / 2));
        Baton.Result r = Baton.run(SMALL, null, "migrate", "receive", "--json", "--from", cut.toString());
        assertThat(r.exit()).isEqualTo(1);
        assertOneLineError(r, "migrate receive");
        JsonNode doc = document(r);
        assertThat(doc.get("migrated").asBoolean()).isFalse();
        assertThat(doc.at("/failure/outcome").asText()).isEqualTo("the target discarded what it loaded");
        assertThat(r.err()).isEqualTo("baton migrate receive: " + doc.at("/error/message").asText() + "\n");
        assertThat(doc.at("/error/problem").asText()).isEqualTo(doc.at("/error/message").asText());
        assertThat(doc.has("activated")).isFalse();
    }

    @Test
    void overTcpTheReceiverSaysItsPortOnStandardError() throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        command.addAll(SMALL);
        command.addAll(List.of("-jar", Baton.jar().toString(), "migrate", "receive", "--json", "--listen", "0"));
        Path out = dir.resolve("receive.json");
        Process receiver = new ProcessBuilder(command).redirectOutput(out.toFile()).start();
        try (BufferedReader err = new BufferedReader(new InputStreamReader(receiver.getErrorStream(),
                StandardCharsets.UTF_8))) {
            String listening = err.readLine();
            assertThat(listening).startsWith("listening on port ").endsWith(" for baton-sample 2.0");
            String port = listening.replaceAll("\\D+(\\d+).*", "$1");
            Baton.Result send = Baton.run(SMALL, null, "migrate", "send", "--json", "--to", "127.0.0.1:" + port);
            assertThat(send.exit()).as(send.err()).isZero();
            assertThat(receiver.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(receiver.exitValue()).isZero();
            assertThat(err.readLine()).as("nothing more on standard error").isNull();
            JsonNode sent = document(send);
            assertThat(sent.at("/handshake/returnPath").asBoolean()).isTrue();
            assertThat(sent.at("/stats/targetConfirmed").asBoolean()).isTrue();
            JsonNode received = JSON.readTree(out.toFile());
            assertThat(received.get("port").asText()).isEqualTo(port);
            assertThat(received.get("from").asText()).isEqualTo("listen 0");
            assertThat(received.get("stateSha256")).isEqualTo(sent.get("stateSha256"));
        } finally {
            receiver.destroyForcibly();
        }
    }

    @ParameterizedTest(name = "baton {0}")
    @ValueSource(strings = {"inspect --json", "verify --json", "check --json nope.json", "xen inspect --json",
        "xen verify --json", "xen convert --json --to v3", "qemu verify --json", "migrate receive --json --from"})
    void anIoErrorPrintsNoDocumentAndOneLine(String command) {
        List<String> args = new ArrayList<>(List.of(command.split(" ")));
        args.add(dir.resolve("missing").toString());
        if (command.startsWith("xen convert")) {
            args.add(dir.resolve("out").toString());
        }
        Baton.Result r = Baton.run(args.toArray(String[]::new));
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.out()).isEmpty();
        String name = String.join(" ", args.subList(0, command.startsWith("xen") || command.startsWith("qemu")
                || command.startsWith("migrate") ? 2 : 1));
        assertOneLineError(r, name);
        assertThat(r.err()).contains("no such file: ");
    }

    @Test
    void aBadStreamIsADocumentWithItsErrorAndOneLine() throws Exception {
        Path file = dir.resolve("s.baton");
        assertThat(Baton.run("sample", file.toString()).exit()).isZero();
        Path cut = Files.write(dir.resolve("cut.baton"), Arrays.copyOf(Files.readAllBytes(file), 1000));
        Baton.Result inspect = Baton.run("inspect", "--json", cut.toString());
        assertThat(inspect.exit()).isEqualTo(1);
        assertOneLineError(inspect, "inspect");
        assertThat(inspect.err()).contains(document(inspect).at("/error/message").asText());

        Path xen = Files.write(dir.resolve("cut.xen"), Arrays.copyOf(Files.readAllBytes(
                XenVectors.asFile(dir, "libxc-hvm-v2")), 3000));
        Baton.Result xenInspect = Baton.run("xen", "inspect", "--json", xen.toString());
        assertThat(xenInspect.exit()).isEqualTo(1);
        assertOneLineError(xenInspect, "xen inspect");
        assertThat(xenInspect.err()).endsWith(document(xenInspect).at("/error/message").asText() + "\n");
    }

    /**
     * A stream cut in its last record fails after decode and inspect --json have written the
     * records before it: the document they stream ends with the error, after those records.
     */
    @ParameterizedTest(name = "baton {0}")
    @ValueSource(strings = {"decode", "inspect --json"})
    void aStreamCutInItsLastRecordEndsTheDocumentWithTheError(String command) throws Exception {
        Path file = dir.resolve("s.baton");
        assertThat(Baton.run("sample", file.toString()).exit()).isZero();
        byte[] whole = Files.readAllBytes(file);
        // END is the last 8 octets; 8 more cut the record before it, the last that has a body
        Path cut = Files.write(dir.resolve("cut.baton"), Arrays.copyOf(whole, whole.length - 16));
        List<String> args = new ArrayList<>(List.of(command.split(" ")));
        args.add(cut.toString());
        Baton.Result r = Baton.run(args.toArray(String[]::new));
        assertThat(r.exit()).as(r.all()).isEqualTo(1);
        assertOneLineError(r, args.get(0));
        JsonNode doc = JsonShape.read(r.out());
        assertThat(doc.get("records").size()).isEqualTo(8);
        assertThat(doc.at("/error/record").asLong()).isEqualTo(8);
        assertThat(doc.at("/error/problem").asText()).startsWith("truncated record body");
        assertThat(r.err()).endsWith(": " + doc.at("/error/message").asText() + "\n");
    }

    /** The keys of a problem, in the order every {@code --json} writes them (ProblemJson). */
    private static final List<String> PROBLEM_KEYS = List.of("message", "problem", "offset", "record", "type",
            "context");

    /**
     * Every command whose document says why it failed says it in one shape: an {@code error}
     * object of {@link #PROBLEM_KEYS} (the verify commands, a {@code problems[]} of them), whose
     * {@code message} ends the one line on standard error; exit 1. BAD is a file that is no stream
     * of any kind; CUT a Baton stream cut short; V3 a libxc stream that is already v3; NOTJSON.json
     * JSON cut short (no description document, no document for encode).
     */
    @ParameterizedTest(name = "baton {0}")
    @ValueSource(strings = {"inspect --json BAD", "inspect --json CUT", "decode CUT", "verify --json BAD",
        "convert --json --from dev.baton.store.state.StoreRelease1 --to dev.baton.store.state.StoreRelease2 BAD OUT",
        "convert --json --from dev.baton.store.state.StoreRelease1 --to dev.baton.store.state.StoreRelease2 CUT OUT",
        "convert --json --from dev.baton.store.state.StoreRelease1 --to dev.baton.store.state.StoreRelease2 S OUT",
        "xen inspect --json BAD", "xen verify --json BAD", "xen convert --json --to v3 BAD OUT",
        "xen convert --json --to v3 V3 OUT", "qemu verify --json BAD", "migrate receive --json --from CUT",
        "check --json NOTJSON.json NOTJSON.json", "check --json BAD BAD", "encode --json NOTJSON.json OUT",
        "encode --json BAD OUT", "convert --json --from NOTJSON.json --to NOTJSON.json S OUT"})
    void aFailureIsTheOneErrorObjectAndOneLine(String command) throws Exception {
        Path sample = dir.resolve("s.baton");
        assertThat(Baton.run("sample", sample.toString()).exit()).isZero();
        Path cut = Files.write(dir.resolve("cut.baton"), Arrays.copyOf(Files.readAllBytes(sample), 1000));
        Path bad = Files.writeString(dir.resolve("bad.bin"), "no stream of any kind, only words\n");
        Path v3 = XenVectors.asFile(dir, "libxc-pv-v3");
        Path notJson = Files.writeString(dir.resolve("not.json"), "{\"format\" : \"baton-stream\", \"header\" :");
        List<String> args = new ArrayList<>();
        for (String word : command.split(" ")) {
            args.add(switch (word) {
                case "BAD" -> bad.toString();
                case "CUT" -> cut.toString();
                case "S" -> sample.toString();
                case "V3" -> v3.toString();
                case "NOTJSON.json" -> notJson.toString();
                case "OUT" -> dir.resolve("out").toString();
                default -> word;
            });
        }
        Baton.Result r = Baton.run(command.startsWith("migrate") ? SMALL : List.of(), null, args.toArray(String[]::new));
        assertThat(r.exit()).as(r.all()).isEqualTo(1);
        assertThat(dir.resolve("out")).doesNotExist();
        assertThat(r.out()).as("the document, with %s", r.err()).isNotBlank();
        JsonNode doc = JsonShape.read(r.out());
        List<JsonNode> problems = new ArrayList<>();
        if (doc.has("problems")) { // a verdict: the problems found, and no error
            assertThat(doc.get("valid").asBoolean()).isFalse();
            assertThat(doc.has("error")).isFalse();
            doc.get("problems").forEach(problems::add);
            assertThat(r.err()).isEmpty();
        } else {
            problems.add(doc.get("error"));
            String name = String.join(" ", args.subList(0, command.startsWith("xen") || command.startsWith("qemu")
                    || command.startsWith("migrate") ? 2 : 1));
            assertOneLineError(r, name);
            assertThat(r.err()).endsWith(": " + doc.at("/error/message").asText() + "\n");
        }
        assertThat(problems).isNotEmpty();
        for (JsonNode p : problems) {
            List<String> keys = new ArrayList<>();
            p.fieldNames().forEachRemaining(keys::add);
            assertThat(keys).as(p.toString()).startsWith("message", "problem").isSubsetOf(PROBLEM_KEYS);
            assertThat(keys).as("in the order of %s", PROBLEM_KEYS)
                    .isSortedAccordingTo(java.util.Comparator.comparingInt(PROBLEM_KEYS::indexOf));
            assertThat(p.get("message").isTextual()).isTrue();
            assertThat(p.get("message").asText()).endsWith(p.get("problem").asText());
            if (p.has("offset")) {
                assertThat(p.get("offset").isIntegralNumber()).isTrue();
            }
        }
    }
}
