package dev.baton.core.document;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.baton.core.GoldenHex;
import dev.baton.core.describe.Disk;
import dev.baton.core.describe.StateDescription;
import dev.baton.core.engine.SectionRegistry;
import dev.baton.core.engine.StateLoader;
import dev.baton.core.engine.StateSaver;
import dev.baton.core.engine.Streams;
import dev.baton.core.json.JsonInputException;
import dev.baton.core.wire.RecordWriter;
import dev.baton.core.wire.WriterOptions;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.ByteOrder;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A stream as a JSON document and back: the golden vectors and streams of every field kind,
 * both byte orders, checksums on and off, decode to a document that encodes to the very same
 * octets; what the document says of them; and every way a document can be wrong, named by its
 * JSON path.
 */
class StreamDocumentTest {

    static Stream<Arguments> variants() {
        return Stream.of(Arguments.of(ByteOrder.BIG_ENDIAN, false), Arguments.of(ByteOrder.BIG_ENDIAN, true),
                Arguments.of(ByteOrder.LITTLE_ENDIAN, false), Arguments.of(ByteOrder.LITTLE_ENDIAN, true));
    }

    /** {@code registry} saved with its DESCRIPTION, in {@code order}, with or without checksums. */
    static byte[] save(StateSaver saver, ByteOrder order, boolean checksums, String profile) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (RecordWriter w = RecordWriter.open(out, WriterOptions.defaults().withByteOrder(order)
                .withChecksums(checksums).withProducer("document-test", "1.0").withProfile(profile)
                .withCreated(Instant.parse("2026-01-02T03:04:05.678Z")))) {
            saver.save(w);
        }
        return out.toByteArray();
    }

    private static byte[] disk(Disk d, ByteOrder order, boolean checksums) throws IOException {
        return save(StateSaver.of(Streams.registry(Disk.V3, d)), order, checksums, "");
    }

    @ParameterizedTest(name = "{0}, checksums {1}")
    @MethodSource("variants")
    void theGoldenVectorsComeBackOctetForOctet(ByteOrder order, boolean checksums) {
        String name = "stream-" + (order == ByteOrder.BIG_ENDIAN ? "be" : "le") + (checksums ? "-crc" : "") + ".hex";
        Map<String, Object> doc = Documents.roundTrip(GoldenHex.load(name));
        assertThat(doc.get("format")).isEqualTo("baton-stream-json/1");
        assertThat(doc.get("header")).isEqualTo(Map.of("version", 1L, "compatVersion", 1L, "byteOrder",
                order == ByteOrder.BIG_ENDIAN ? "big-endian" : "little-endian", "checksums", checksums, "created",
                "2026-01-02T03:04:05.678Z", "producerName", "baton-test", "producerVersion", "1.0.0", "profile", "r1"));
        List<Map<String, Object>> records = Documents.records(doc);
        assertThat(records).extracting(r -> r.get("type")).containsExactly("DESCRIPTION", "SECTION",
                "STATIC_DATA_END", "SECTION", "0xc0000001", "END");
        assertThat(records.get(0)).containsEntry("description", Map.of("sections", List.of()));
        // the golden DESCRIPTION describes no section: their data stays octets, in the stream's order
        assertThat(records.get(3)).containsEntry("idstr", "cpu").containsEntry("instance", 1L)
                .containsEntry("version", 1L).containsEntry("data", order == ByteOrder.BIG_ENDIAN ? "11223344556677"
                        : "44332211665577")
                .containsEntry("undecoded", "the DESCRIPTION does not describe this section");
        assertThat(records.get(4)).containsEntry("body", "6869");
    }

    @ParameterizedTest(name = "{0}, checksums {1}")
    @MethodSource("variants")
    void everyFieldKindDecodesToItsFieldsAndBack(ByteOrder order, boolean checksums) throws IOException {
        Map<String, Object> doc = Documents.roundTrip(disk(Disk.full(), order, checksums));
        assertThat(Documents.undecoded(doc)).isEmpty();
        Map<String, Object> disk = Documents.fields(doc, "disk");
        assertThat(disk.keySet()).containsExactly("id", "sectorSize", "name", "size", "lbaFormats", "extentCount",
                "extents", "keyLength", "key", "owner", "mode", "iops", "hasLabel", "label", "disk/cache");
        assertThat(disk).containsEntry("id", 0xCAFE_F00DL).containsEntry("name", "vda")
                .containsEntry("lbaFormats", List.of(512L, 4096L, 0L, 65535L)).containsEntry("key", "010203")
                .containsEntry("extents", List.of(Map.of("start", 0L, "length", 1L << 20),
                        Map.of("start", 1L << 21, "length", 4096L)))
                .containsEntry("owner", Map.of("user", "qemu", "uid", 107L)).containsEntry("mode", "RW")
                .containsEntry("label", "boot").containsEntry("disk/cache", Map.of("cacheSize", 64L, "cacheRatio", 0.5));
    }

    /** A field gated by {@code when} that the producer left out is left out of the fields too. */
    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void aWhenFieldDecodesWhetherOnTheWireOrNot(boolean labelled) throws IOException {
        Disk d = Disk.full();
        d.hasLabel = labelled;
        Map<String, Object> doc = Documents.roundTrip(disk(d, ByteOrder.BIG_ENDIAN, false));
        assertThat(Documents.undecoded(doc)).isEmpty();
        assertThat(Documents.fields(doc, "disk").containsKey("label")).isEqualTo(labelled);
        assertThat(Documents.fields(doc, "disk")).containsEntry("hasLabel", labelled);
    }

    @Test
    void aStreamForAnOlderReleaseDecodesAtItsVersion() throws IOException {
        byte[] stream = save(StateSaver.of(Streams.registry(Disk.V3, Disk.full()))
                .forProfile(Disk.RELEASES.profile("1.0")), ByteOrder.LITTLE_ENDIAN, true, "1.0");
        Map<String, Object> doc = Documents.roundTrip(stream);
        assertThat(Documents.records(doc).get(2)).containsEntry("version", 1L);
        assertThat(Documents.fields(doc, "disk")).doesNotContainKeys("iops", "hasLabel", "label", "disk/cache");
    }

    /** Two strings kinds, numbers at the ends of their ranges and floats JSON has no number for. */
    @Test
    void stringsAndNumbersAtTheirEdges() throws IOException {
        Edges e = new Edges();
        e.none = null;
        e.texts = List.of("", "NUL \u0000 and \u001b[2J", "스 \uD83D\uDE00");
        byte[] stream = save(StateSaver.of(new SectionRegistry().register("edges", 0, EDGES, e)),
                ByteOrder.BIG_ENDIAN, false, "");
        Map<String, Object> fields = Documents.fields(Documents.roundTrip(stream), "edges");
        assertThat(fields).containsEntry("u64", new BigInteger("18446744073709551615"))
                .containsEntry("s64", Long.MIN_VALUE).containsEntry("u32", 4294967295L).containsEntry("s8", -128L)
                .containsEntry("tenth", 0.1).containsEntry("nan", "NaN").containsEntry("minus", "-Infinity")
                .containsEntry("zero", -0.0).containsEntry("none", null).containsEntry("texts", e.texts)
                .containsEntry("floats", List.of(0.5, "Infinity", 3.4028235E38));
        assertThat(Documents.decode(stream)).contains("\"tenth\":0.1,"); // an f32 as the float's own text
    }

    static final class Edges {
        long u64 = -1;
        long s64 = Long.MIN_VALUE;
        long u32 = 0xFFFF_FFFFL;
        int s8 = -128;
        double tenth = 0.1f;
        double nan = Double.NaN;
        double minus = Double.NEGATIVE_INFINITY;
        double zero = -0.0;
        String none = "";
        List<String> texts = new ArrayList<>();
        double[] floats = {0.5, Double.POSITIVE_INFINITY, Float.MAX_VALUE};
    }

    static final StateDescription<Edges> EDGES = StateDescription.<Edges>builder("edges", Edges::new)
            .u64("u64", e -> e.u64, (e, v) -> e.u64 = v)
            .s64("s64", e -> e.s64, (e, v) -> e.s64 = v)
            .u32("u32", e -> e.u32, (e, v) -> e.u32 = v)
            .s8("s8", e -> e.s8, (e, v) -> e.s8 = v)
            .f32("tenth", e -> e.tenth, (e, v) -> e.tenth = v)
            .f64("nan", e -> e.nan, (e, v) -> e.nan = v)
            .f32("minus", e -> e.minus, (e, v) -> e.minus = v)
            .f64("zero", e -> e.zero, (e, v) -> e.zero = v)
            .nullableString("none", e -> e.none, (e, v) -> e.none = v)
            .strings("texts", e -> e.texts, (e, v) -> e.texts = v)
            .doubleArray("floats", dev.baton.core.describe.FieldKind.F32, 3, e -> e.floats, (e, v) -> e.floats = v)
            .build();

    @Test
    void sectionsNoDescriptionDescribesKeepTheirOctets() throws IOException {
        byte[] stream = save(StateSaver.of(Streams.registry(Disk.V3, Disk.full())).withDescription(false),
                ByteOrder.BIG_ENDIAN, true, "");
        assertThat(Documents.undecoded(Documents.roundTrip(stream))).containsExactly(
                "disk/0: the stream has no DESCRIPTION");
    }

    /** A section whose data is not what its header declares keeps its octets, and says why. */
    @Test
    void aSectionThatDoesNotDecodeKeepsItsOctets() throws IOException {
        Disk d = Disk.full();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (RecordWriter w = RecordWriter.open(out, WriterOptions.defaults())) {
            SectionRegistry registry = Streams.registry(Disk.V3, d);
            w.writeDescription(java.nio.ByteBuffer.wrap(registry.descriptionJson().getBytes(
                    java.nio.charset.StandardCharsets.UTF_8)));
            w.writeSection("disk", 0, 3, java.nio.ByteBuffer.wrap(new byte[] {1, 2, 3}));
            w.writeStaticDataEnd();
            w.writeEnd();
        }
        assertThat(Documents.undecoded(Documents.roundTrip(out.toByteArray()))).singleElement().asString()
                .startsWith("disk/0: offset ").contains("section disk/0 v3, field id: section data ends");
    }

    /** A value changed in the document is the value the stream then carries. */
    @Test
    void anEditedValueIsWhatTheStreamCarries() throws Exception {
        byte[] stream = disk(Disk.full(), ByteOrder.LITTLE_ENDIAN, true);
        Map<String, Object> doc = Documents.parse(Documents.decode(stream));
        Map<String, Object> disk = Documents.fields(doc, "disk");
        disk.put("name", "vdb");
        disk.put("extentCount", 1L);
        disk.put("extents", List.of(Map.of("start", 4096L, "length", 512L)));
        disk.remove("disk/cache");
        Disk loaded = Disk.empty();
        Streams.load(StateLoader.of(Streams.registry(Disk.V3, loaded)), Documents.encode(doc));
        assertThat(loaded.name).isEqualTo("vdb");
        assertThat(loaded.extents).singleElement().satisfies(e -> assertThat(e.length).isEqualTo(512));
        assertThat(loaded.log).doesNotContain("cache.postLoad(1)");
    }

    // ---- documents that are wrong ------------------------------------------------------------------

    /** The error encoding the Disk stream's document gives once {@code change} has changed it. */
    private static String error(Consumer<Map<String, Object>> change) throws IOException {
        Map<String, Object> doc = Documents.parse(Documents.decode(disk(Disk.full(), ByteOrder.BIG_ENDIAN, false)));
        change.accept(doc);
        return catchThrowableOfType(JsonInputException.class, () -> Documents.encode(doc)).getMessage();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> header(Map<String, Object> doc) {
        return (Map<String, Object>) doc.get("header");
    }

    private static Map<String, Object> record(Map<String, Object> doc, int i) {
        return Documents.records(doc).get(i);
    }

    private static Map<String, Object> disk(Map<String, Object> doc) {
        return Documents.fields(doc, "disk");
    }

    static Stream<Arguments> wrongDocuments() {
        return Stream.of(
                wrong(d -> d.put("format", "baton/2"),
                        "$.format: expected \"baton-stream-json/1\", the format of this document, not \"baton/2\""),
                wrong(d -> d.put("extra", 1L), "$.extra: unexpected member: a document has \"format\", \"header\" "
                        + "and \"records\""),
                wrong(d -> header(d).put("byteOrder", "middle-endian"),
                        "$.header.byteOrder: expected \"big-endian\" or \"little-endian\", not \"middle-endian\""),
                wrong(d -> header(d).put("compatVersion", 2L), "$.header.compatVersion: expected 1, the "
                        + "compat_version of stream version 1 (the version table's)"),
                wrong(d -> header(d).put("version", 2L), "$.header.version: expected a stream format version this "
                        + "build writes: this build cannot write stream version 2"),
                wrong(d -> header(d).remove("checksums"), "$.header: expected a member \"checksums\""),
                wrong(d -> header(d).put("created", "yesterday"), "$.header.created: expected an ISO-8601 instant "
                        + "in UTC to the millisecond, such as \"2026-01-02T03:04:05.678Z\", not \"yesterday\""),
                wrong(d -> header(d).put("producerName", "a\u0000b"), "$.header.producerName: producerName contains NUL"),
                wrong(d -> record(d, 2).put("type", "SECTOIN"), "$.records[2].type: expected END, SECTION, "
                        + "STATIC_DATA_END, DESCRIPTION or a type as 0x and 8 hex digits, not \"SECTOIN\""),
                wrong(d -> record(d, 2).put("feilds", Map.of()), "$.records[2].feilds: unexpected member: a "
                        + "SECTION record has data, fields, idstr, instance, type, undecoded, version"),
                wrong(d -> record(d, 2).put("data", "00"), "$.records[2].data: expected only one of \"fields\", "
                        + "\"data\", not \"fields\" and \"data\""),
                wrong(d -> record(d, 2).put("instance", -1L),
                        "$.records[2].instance: expected a whole number from 0 to 4294967295, not -1"),
                wrong(d -> record(d, 2).put("idstr", ""), "$.records[2].idstr: expected an idstr of 1 to 256 octets "
                        + "of UTF-8 without NUL, not \"\""),
                wrong(d -> record(d, 2).put("version", 4L), "$.records[2].version: the DESCRIPTION describes 'disk' at "
                        + "versions 1 to 3, not 4: give the data of another version as hex in \"data\""),
                wrong(d -> record(d, 2).put("idstr", "tape"), "$.records[2].fields: the DESCRIPTION does not "
                        + "describe section tape/0: give its data as hex in \"data\""),
                wrong(d -> disk(d).put("sectorSize", 70000L), "$.records[2].fields.sectorSize: expected a whole "
                        + "number from 0 to 65535 (u16), not 70000"),
                wrong(d -> disk(d).put("id", "7"), "$.records[2].fields.id: expected a whole number from 0 to "
                        + "4294967295 (u32), not \"7\""),
                wrong(d -> disk(d).remove("size"), "$.records[2].fields: expected a member \"size\": 'disk' version "
                        + "3 writes field 'size' (kind u64)"),
                wrong(d -> disk(d).put("sise", 1L), "$.records[2].fields.sise: 'disk' has no field or subsection "
                        + "of this name (it has id, sectorSize, name, size, lbaFormats, extentCount, extents, "
                        + "keyLength, key, owner, mode, unused11, iops, hasLabel, label, disk/cache)"),
                wrong(d -> disk(d).put("unused11", 0L), "$.records[2].fields.unused11: 'unused11' is 4 octets of "
                        + "unused padding, which has no value: leave it out"),
                wrong(d -> disk(d).put("lbaFormats", List.of(1L, 2L)), "$.records[2].fields.lbaFormats: expected "
                        + "4 elements, as its description fixes, not 2"),
                wrong(d -> disk(d).put("lbaFormats", List.of(1L, 2L, -3L, 4L)), "$.records[2].fields.lbaFormats[2]: "
                        + "expected a whole number from 0 to 65535 (u16), not -3"),
                wrong(d -> disk(d).put("extentCount", 3L), "$.records[2].fields.extents: holds 2 elements but its "
                        + "count field 'extentCount' says 3"),
                wrong(d -> disk(d).put("key", "0g"), "$.records[2].fields.key: expected octets as a string of hex "
                        + "digits, two an octet, not \"0g\""),
                wrong(d -> disk(d).put("mode", "RX"), "$.records[2].fields.mode: expected one of RO, RW (an enum), "
                        + "not \"RX\""),
                wrong(d -> disk(d).put("owner", List.of()), "$.records[2].fields.owner: expected an object of the "
                        + "fields of 'owner', not an array"),
                wrong(d -> disk(d).put("name", "\ud800"), "$.records[2].fields.name: the string holds an unpaired "
                        + "surrogate \\ud800 at character 0, which UTF-8 cannot encode"),
                wrong(d -> disk(d).put("hasLabel", 1L), "$.records[2].fields.hasLabel: expected true or false (a "
                        + "bool), not 1"),
                wrong(d -> Documents.object(disk(d), "disk/cache").put("cacheRatio", "half"),
                        "$.records[2].fields['disk/cache'].cacheRatio: expected a number, or \"NaN\", \"Infinity\" or "
                                + "\"-Infinity\" (f64), not \"half\""),
                wrong(d -> Documents.records(d).remove(3), "$.records: the records end before END: a stream's last "
                        + "record is END"),
                wrong(d -> Documents.records(d).add(Map.of("type", "END")), "$.records[4]: a record after END: END "
                        + "is the last record"),
                wrong(d -> Documents.records(d).add(1, Map.of("type", "STATIC_DATA_END")), "$.records[2]: "
                        + "STATIC_DATA_END cannot come here: STATIC_DATA_END was already written"),
                wrong(d -> Documents.records(d).add(3, new LinkedHashMap<>(Map.of("type", "DESCRIPTION", "text",
                        "{}"))), "$.records[3]: DESCRIPTION cannot come here: DESCRIPTION must come before the first "
                        + "SECTION"),
                wrong(d -> Documents.records(d).add(1, Map.of("type", "0x00000009", "body", "")), "$.records[1]: type "
                        + "0x00000009 is neither a core type nor an application type (bit 30): only docs/FORMAT.md "
                        + "allocates core types"),
                wrong(d -> Documents.records(d).set(0, Map.of("type", "DESCRIPTION", "text", "{")),
                        "$.records[2].fields: sections are given by their fields only through the stream's "
                                + "DESCRIPTION, and the DESCRIPTION before it is not a description document: give its "
                                + "data as hex in \"data\""));
    }

    private static Arguments wrong(Consumer<Map<String, Object>> change, String message) {
        return Arguments.of(change, message);
    }

    @ParameterizedTest
    @MethodSource("wrongDocuments")
    void aWrongDocumentIsNamedByItsPath(Consumer<Map<String, Object>> change, String message) throws IOException {
        assertThat(error(change)).isEqualTo(message);
    }
}
