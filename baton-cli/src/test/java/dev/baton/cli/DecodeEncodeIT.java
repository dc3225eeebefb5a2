package dev.baton.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.baton.core.wire.RecordWriter;
import dev.baton.core.wire.WriterOptions;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@code baton decode} and {@code baton encode} through the real command: streams of every kind
 * Baton writes come back octet for octet from their document, a document edited by hand makes
 * the stream it says, and a document that is wrong is one line naming its JSON path, with OUT
 * left as it was.
 */
class DecodeEncodeIT {
    private static final ObjectMapper JSON = new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    @TempDir
    Path dir;

    private Path sample(String... options) {
        Path file = dir.resolve("s.baton");
        List<String> args = new java.util.ArrayList<>(List.of("sample", file.toString()));
        args.addAll(List.of(options));
        Baton.Result r = Baton.run(args.toArray(String[]::new));
        assertThat(r.exit()).as(r.err()).isZero();
        return file;
    }

    /** The document of {@code stream}, written to a file beside it. */
    private Path decode(Path stream) throws IOException {
        Baton.Result r = Baton.run("decode", stream.toString());
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.err()).isEmpty();
        Path doc = dir.resolve(stream.getFileName() + ".json");
        Files.writeString(doc, r.out());
        return doc;
    }

    /** Encodes {@code doc} and asserts the stream is {@code original}, octet for octet. */
    private void encodesBackTo(Path doc, Path original) throws IOException {
        Path again = dir.resolve("again.baton");
        Baton.Result r = Baton.run("encode", doc.toString(), again.toString());
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.err()).startsWith("wrote " + Files.size(original) + " octets, ");
        assertThat(Files.mismatch(again, original)).as("first octet that differs").isEqualTo(-1);
    }

    @ParameterizedTest(name = "{0}-endian, checksums {1}")
    @CsvSource({"big, false", "big, true", "little, false", "little, true"})
    void theSampleComesBackOctetForOctet(String order, boolean checksums) throws IOException {
        Path stream = checksums ? sample("--byte-order", order, "--checksums") : sample("--byte-order", order);
        Path doc = decode(stream);
        JsonNode root = JsonShape.read(Files.readString(doc));
        JsonShape.keys(root, "format", "header", "records");
        JsonShape.keys(root.get("header"), "version", "compatVersion", "byteOrder", "checksums", "created",
                "producerName", "producerVersion", "profile");
        JsonShape.keys(root.at("/records/7"), "type", "idstr", "instance", "version", "fields");
        JsonShape.keys(root.at("/records/8"), "type", "body");
        assertThat(root.get("format").asText()).isEqualTo("baton-stream-json/1");
        assertThat(root.at("/header/byteOrder").asText()).isEqualTo(order + "-endian");
        assertThat(root.at("/header/checksums").asBoolean()).isEqualTo(checksums);
        assertThat(root.get("records")).extracting(r -> r.get("type").asText()).containsExactly("DESCRIPTION",
                "SECTION", "STATIC_DATA_END", "SECTION", "SECTION", "SECTION", "SECTION", "SECTION", "0xc0000001",
                "END");
        assertThat(root.at("/records/1/fields/machine").asText()).isEqualTo("sample-store");
        assertThat(root.at("/records/3/fields/perms/0/access").asText()).isEqualTo("BOTH");
        assertThat(root.at("/records/3/fields/sample.node~1generation/generation").asLong()).isEqualTo(1000);
        assertThat(root.at("/records/7/fields/hitRatio").asDouble()).isEqualTo(0.25);
        assertThat(root.findValues("data")).as("every section decoded into its fields").isEmpty();
        encodesBackTo(doc, stream);
    }

    /** A migration file: application records of baton-migrate's, a region's pages, and a section. */
    @Test
    void aMigrationFileComesBackOctetForOctet() throws IOException {
        Path stream = dir.resolve("m.baton");
        Baton.Result r = Baton.run(List.of("-Dbaton.sample.mib=8", "-Dbaton.sample.sessions=200"), null, "migrate",
                "send", "--to", stream.toString());
        assertThat(r.exit()).as(r.err()).isZero();
        encodesBackTo(decode(stream), stream);
    }

    /**
     * A stream larger than the heap decodes: a section too large to decode by its fields and an
     * application record are written out as hex as they are read, never whole in memory.
     */
    @Test
    void aStreamLargerThanTheHeapDecodes() throws IOException {
        Path stream = dir.resolve("large.baton");
        byte[] octets = new byte[40 << 20];
        new Random(17).nextBytes(octets);
        try (RecordWriter w = RecordWriter.open(stream, WriterOptions.defaults().withChecksums(true))) {
            w.writeSection("large", 0, 1, ByteBuffer.wrap(octets));
            w.writeStaticDataEnd();
            w.writeRecord(0xC000_0017, ByteBuffer.wrap(octets, 0, 20 << 20));
            w.writeEnd();
        }
        Path doc = dir.resolve("large.json");
        Baton.Result r = Baton.run(List.of("-Xmx32m"), null, doc, "decode", stream.toString());
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(Files.size(doc)).isGreaterThan(2L * (60 << 20));
        encodesBackTo(doc, stream);
        // encode holds a record whole: in that heap it cannot, and says so on one line
        Path out = dir.resolve("small-heap.baton");
        Baton.Result small = Baton.run(List.of("-Xmx32m"), null, "encode", doc.toString(), out.toString());
        assertThat(small.exit()).isEqualTo(2);
        assertThat(small.err()).isEqualTo("baton encode: " + doc + ": $.records[0]: out of memory (raise -Xmx through "
                + "JAVA_OPTS): a record is held whole while it is read\n");
        assertThat(out).doesNotExist();
    }

    /** A value changed in the document is the value the stream carries. */
    @Test
    void anEditedDocumentMakesTheStreamItSays() throws IOException {
        Path doc = decode(sample());
        ObjectNode root = (ObjectNode) JSON.readTree(doc.toFile());
        ((ObjectNode) root.at("/records/7/fields")).put("hitRatio", 0.75);
        ((ArrayNode) root.at("/records/3/fields/perms")).remove(1);
        JSON.writeValue(doc.toFile(), root);
        Path edited = dir.resolve("edited.baton");
        assertThat(Baton.run("encode", doc.toString(), edited.toString()).exit()).isZero();
        Baton.Result shown = Baton.run("inspect", edited.toString());
        assertThat(shown.exit()).as(shown.err()).isZero();
        assertThat(shown.out()).contains("hitRatio = 0.75", "perms = [{domid = 0, access = \"BOTH\"}]");
        assertThat(Baton.run("verify", edited.toString()).out()).contains("valid: 10 records");
    }

    /** A u64 above 2^63 - 1 is shown as the number it is by inspect, in text and in JSON, not as a negative long. */
    @Test
    void inspectShowsAU64AboveTheLongsAsItIs() throws IOException {
        Path doc = decode(sample());
        ObjectNode root = (ObjectNode) JSON.readTree(doc.toFile());
        ObjectNode counters = (ObjectNode) root.at("/records/7/fields");
        assertThat(counters.has("writes")).as("the sample's u64").isTrue();
        counters.put("writes", new java.math.BigInteger("18446744073709551615"));
        JSON.writeValue(doc.toFile(), root);
        Path edited = dir.resolve("u64.baton");
        assertThat(Baton.run("encode", doc.toString(), edited.toString()).exit()).isZero();

        Baton.Result text = Baton.run("inspect", edited.toString());
        assertThat(text.exit()).as(text.err()).isZero();
        assertThat(text.out()).contains("writes = 18446744073709551615").doesNotContain("writes = -1");
        Baton.Result json = Baton.run("inspect", "--json", edited.toString());
        assertThat(json.exit()).as(json.err()).isZero();
        assertThat(JSON.readTree(json.out()).findValue("writes").bigIntegerValue())
                .isEqualTo(new java.math.BigInteger("18446744073709551615"));
        // and the document says it the same way again
        assertThat(JSON.readTree(decode(edited).toFile()).at("/records/7/fields/writes").bigIntegerValue())
                .isEqualTo(new java.math.BigInteger("18446744073709551615"));
    }

    @Test
    void standardInputAndOutput() throws IOException {
        Path stream = sample("--checksums");
        Baton.Result doc = Baton.run(List.of(), stream, "decode", "-");
        assertThat(doc.exit()).as(doc.err()).isZero();
        Path json = Files.writeString(dir.resolve("stdin.json"), doc.out());
        Path out = dir.resolve("stdout.baton");
        Baton.Result r = Baton.run(List.of(), json, out, "encode", "-", "-");
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.err()).isEqualTo("wrote " + Files.size(stream) + " octets, 10 records to <stdout>\n");
        assertThat(Files.mismatch(out, stream)).isEqualTo(-1);
    }

    @Test
    void encodeSaysWhatItWroteAsJson() throws IOException {
        Path doc = decode(sample());
        Path out = dir.resolve("o.baton");
        Baton.Result r = Baton.run("encode", "--json", doc.toString(), out.toString());
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.err()).isEmpty();
        JsonNode o = JsonShape.keys(JsonShape.read(r.out()), "input", "output", "octets", "records");
        assertThat(o.get("input").asText()).isEqualTo(doc.toString());
        assertThat(o.get("output").asText()).isEqualTo(out.toString());
        assertThat(o.get("octets").asLong()).isEqualTo(Files.size(out));
        assertThat(o.get("records").asLong()).isEqualTo(10);
        Baton.Result toStdout = Baton.run("encode", "--json", doc.toString(), "-");
        assertThat(toStdout.exit()).isEqualTo(2);
        assertThat(toStdout.out()).isEmpty();
        assertThat(toStdout.err()).isEqualTo("baton encode: --json prints on standard output, which OUT - takes for the "
                + "stream: name a file (see 'baton encode --help')\n");
    }

    /** The one line a wrong document gets, with its JSON path; OUT is left as it was. */
    private void wrong(Consumer<ObjectNode> change, String line) throws IOException {
        Path doc = decode(sample());
        ObjectNode root = (ObjectNode) JSON.readTree(doc.toFile());
        change.accept(root);
        Path bad = dir.resolve("bad.json");
        JSON.writeValue(bad.toFile(), root);
        Path out = Files.writeString(dir.resolve("kept.baton"), "what was here");
        Baton.Result r = Baton.run("encode", bad.toString(), out.toString());
        assertThat(r.exit()).as(r.err()).isEqualTo(1);
        assertThat(r.out()).isEmpty();
        assertThat(r.err()).isEqualTo("baton encode: " + bad + ": " + line + "\n");
        assertThat(Files.readString(out)).isEqualTo("what was here");
        assertThat(dir.toFile().list()).as("no file left beside OUT").noneMatch(f -> f.endsWith(".tmp"));
    }

    @Test
    void aWrongDocumentIsOneLineNamingItsPath() throws IOException {
        wrong(d -> ((ObjectNode) d.at("/records/3/fields/perms/1")).put("domid", 70000),
                "$.records[3].fields.perms[1].domid: expected a whole number from 0 to 65535 (u16), not 70000");
        wrong(d -> ((ObjectNode) d.at("/records/3/fields/perms/1")).put("access", "ALL"),
                "$.records[3].fields.perms[1].access: expected one of NONE, READ, WRITE, BOTH (an enum), not \"ALL\"");
        wrong(d -> ((ObjectNode) d.at("/records/1/fields")).remove("maxNodes"),
                "$.records[1].fields: expected a member \"maxNodes\": 'sample.config' version 2 writes field "
                        + "'maxNodes' (kind u32)");
        wrong(d -> ((ObjectNode) d.at("/records/8")).put("body", "abc"),
                "$.records[8].body: expected octets as a string of hex digits, two an octet, not \"abc\"");
        wrong(d -> ((ObjectNode) d.at("/header")).put("checksums", "yes"),
                "$.header.checksums: expected true or false, not \"yes\"");
        wrong(d -> ((ArrayNode) d.get("records")).remove(9),
                "$.records: the records end before END: a stream's last record is END");
    }

    @Test
    void aFileThatIsNotJsonIsOneLineSayingWhere() throws IOException {
        Path doc = decode(sample());
        String text = Files.readString(doc);
        // cut where the counters' hitRatio (not the DESCRIPTION's field of that name) was to follow
        Path cut = Files.writeString(dir.resolve("cut.json"), text.substring(0, text.indexOf("\"hitRatio\" : 0") + 13));
        Baton.Result r = Baton.run("encode", cut.toString(), dir.resolve("o.baton").toString());
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err()).matches("baton encode: \\Q" + cut + "\\E: \\$\\.records\\[7\\]\\.fields\\.hitRatio: not "
                + "JSON: Unexpected end-of-input.* \\(line \\d+, column \\d+\\)\n");
        Path twice = Files.writeString(dir.resolve("twice.json"), text.replace("\"profile\" : \"demo-1\"",
                "\"profile\" : \"demo-1\", \"profile\" : \"x\""));
        Baton.Result dup = Baton.run("encode", twice.toString(), dir.resolve("o.baton").toString());
        assertThat(dup.exit()).isEqualTo(1);
        assertThat(dup.err()).startsWith("baton encode: " + twice + ": $.header.profile: not JSON: Duplicate field "
                + "'profile' (line ");
        Path empty = Files.writeString(dir.resolve("empty.json"), "");
        assertThat(Baton.run("encode", empty.toString(), dir.resolve("o.baton").toString()).err()).isEqualTo(
                "baton encode: " + empty + ": $: expected a document, an object with \"format\", \"header\" and "
                        + "\"records\", not an empty file\n");
        assertThat(dir.resolve("o.baton")).doesNotExist();
    }

    /** A stream that is not valid: the error on one line, and the document ends with it. */
    @Test
    void aDamagedStreamDecodesUpToItsError() throws IOException {
        Path damaged = Path.of("..", "docs", "examples", "damaged.baton");
        Baton.Result r = Baton.run("decode", damaged.toString());
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err()).isEqualTo("baton decode: " + damaged + ": offset 1592, record #0 (DESCRIPTION): checksum mismatch: stored "
                + "0xc51b22c3, computed 0xe04720cd\n");
        JsonNode root = JsonShape.keys(JsonShape.read(r.out()), "format", "header", "records", "error");
        assertThat(root.get("records")).isEmpty();
        assertThat(root.at("/error/problem").asText()).startsWith("checksum mismatch");
        Baton.Result none = Baton.run("decode", dir.resolve("nope.baton").toString());
        assertThat(none.exit()).isEqualTo(2);
        assertThat(none.out()).isEmpty();
    }
}
