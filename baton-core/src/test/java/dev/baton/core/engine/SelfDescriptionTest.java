package dev.baton.core.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.core.describe.DescriptionSet;
import dev.baton.core.describe.Disk;
import dev.baton.core.describe.GenericState;
import dev.baton.core.describe.StateDescription;
import dev.baton.core.json.JsonParser;
import dev.baton.core.wire.ReaderOptions;
import dev.baton.core.wire.RecordReader;
import dev.baton.core.wire.RecordType;
import dev.baton.core.wire.RecordWriter;
import dev.baton.core.wire.StreamRecord;
import dev.baton.core.wire.WriterOptions;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** A stream's DESCRIPTION lets a tool decode its sections field by field, with no producer code. */
class SelfDescriptionTest {

    @ParameterizedTest
    @ValueSource(strings = {"big", "little"})
    void release1DisksDecodeCompletely(String byteOrder) throws IOException {
        Disk d = Disk.full();
        byte[] stream = Streams.save(StateSaver.of(Streams.registry(Disk.V1, d)),
                byteOrder.equals("big") ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN);
        SelfDescription.Decoded decoded = Streams.decodeAll(stream).getFirst();
        assertThat(decoded.complete()).isTrue();
        GenericState s = decoded.state();
        assertThat(s).containsEntry("id", 0xCAFE_F00DL).containsEntry("name", "vda").containsEntry("size", 8L << 30)
                .containsEntry("mode", "RW").containsEntry("extentCount", 2L).containsEntry("sectorSize", 512L);
        assertThat((long[]) s.get("lbaFormats")).containsExactly(512, 4096, 0, 65535);
        assertThat((byte[]) s.get("key")).containsExactly(1, 2, 3);
        assertThat(((GenericState) s.get("owner"))).containsEntry("user", "qemu").containsEntry("uid", 107L);
        @SuppressWarnings("unchecked")
        List<GenericState> extents = (List<GenericState>) s.get("extents");
        assertThat(extents).hasSize(2);
        assertThat(extents.get(1)).containsEntry("start", 1L << 21).containsEntry("length", 4096L);
    }

    @Test
    void aWhenFieldStopsDecodingWithItsReason() throws IOException {
        byte[] stream = Streams.save(StateSaver.of(Streams.registry(Disk.V3, Disk.full())), ByteOrder.BIG_ENDIAN);
        SelfDescription.Decoded decoded = Streams.decodeAll(stream).getFirst();
        assertThat(decoded.complete()).isFalse();
        assertThat(decoded.stoppedAt()).contains("field 'label' is on the wire only when 'labelled' holds");
        assertThat(decoded.state()).containsEntry("iops", 5000L).containsEntry("hasLabel", true)
                .doesNotContainKey("label");
    }

    @Test
    void theJsonFormSaysWhatTheTableSays() throws Exception {
        @SuppressWarnings("unchecked")
        Map<String, Object> doc = (Map<String, Object>) JsonParser.parse(
                DescriptionSet.of(List.of(Disk.V3)).toJson());
        assertThat(doc).containsEntry("format", "baton-descriptions/1");
        @SuppressWarnings("unchecked")
        Map<String, Map<String, Object>> ds = (Map<String, Map<String, Object>>) doc.get("descriptions");
        assertThat(ds).containsOnlyKeys("disk", "extent", "owner");
        Map<String, Object> disk = ds.get("disk");
        assertThat(disk).containsEntry("version", 3L).containsEntry("minimumVersion", 1L);
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> fields = (List<Map<String, Object>>) disk.get("fields");
        assertThat(fields).extracting(f -> f.get("name")).containsExactly("id", "sectorSize", "name", "size",
                "lbaFormats", "extentCount", "extents", "keyLength", "key", "owner", "mode", "unused11", "iops",
                "hasLabel", "label");
        assertThat(fields.get(1)).containsEntry("kind", "u16").containsEntry("equal", true);
        assertThat(fields.get(4)).containsEntry("kind", "array").containsEntry("element", "u16").containsEntry("count", 4L);
        assertThat(fields.get(6)).containsEntry("kind", "varray").containsEntry("description", "extent")
                .containsEntry("countField", "extentCount");
        assertThat(fields.get(10)).containsEntry("kind", "enum").containsEntry("values", Map.of("RO", 1L, "RW", 2L));
        assertThat(fields.get(12)).containsEntry("since", 2L);
        assertThat(fields.get(14)).containsEntry("when", "labelled");
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> subs = (List<Map<String, Object>>) disk.get("subsections");
        assertThat(subs).singleElement().satisfies(sub -> assertThat(sub).containsEntry("name", "disk/cache"));
    }

    /** A stream written for release 1.0 of the disk: the profile pins disk at version 1. */
    private static byte[] savedForRelease1(SectionRegistry registry, ReleaseProfiles releases) throws IOException {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        try (RecordWriter w = RecordWriter.open(out, WriterOptions.defaults().withProfile("1.0"))) {
            StateSaver.of(registry).forProfile(releases.profile("1.0")).save(w);
        }
        return out.toByteArray();
    }

    /** The DESCRIPTION record's JSON, and the version each SECTION header carries, by idstr. */
    private record Read(Map<String, Object> description, Map<String, Integer> headerVersions) {
        @SuppressWarnings("unchecked")
        Map<String, Object> section(int i) {
            return ((List<Map<String, Object>>) description.get("sections")).get(i);
        }

        @SuppressWarnings("unchecked")
        Map<String, Object> described(String name) {
            return ((Map<String, Map<String, Object>>) description.get("descriptions")).get(name);
        }
    }

    @SuppressWarnings("unchecked")
    private static Read read(byte[] stream) throws Exception {
        Map<String, Object> description = null;
        Map<String, Integer> versions = new java.util.LinkedHashMap<>();
        try (RecordReader r = RecordReader.open(ByteBuffer.wrap(stream), ReaderOptions.defaults())) {
            for (StreamRecord rec = r.next(); rec != null; rec = r.next()) {
                if (rec.type() == RecordType.DESCRIPTION) {
                    description = (Map<String, Object>) JsonParser.parse(
                            java.nio.charset.StandardCharsets.UTF_8.decode(rec.body()).toString());
                } else if (rec.type() == RecordType.SECTION) {
                    versions.put(rec.sectionHeader().idstr(), rec.sectionHeader().version());
                }
            }
        }
        return new Read(description, versions);
    }

    @Test
    void aStreamWrittenForAnOlderReleaseDescribesItsSectionsAtTheVersionTheirHeadersCarry() throws Exception {
        Read read = read(savedForRelease1(Streams.registry(Disk.V3, Disk.full()), Disk.RELEASES));
        assertThat(read.headerVersions()).containsExactly(Map.entry("disk", 1));
        assertThat(read.section(0)).containsEntry("idstr", "disk").containsEntry("version", 1L);
        Map<String, Object> disk = read.described("disk");
        assertThat(disk).containsEntry("version", 1L).containsEntry("minimumVersion", 1L);
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> fields = (List<Map<String, Object>>) disk.get("fields");
        assertThat(fields).extracting(f -> f.get("name")).as("version 1's fields: iops (since 2) and hasLabel "
                + "(since 3) are not in the stream").containsExactly("id", "sectorSize", "name", "size", "lbaFormats",
                "extentCount", "extents", "keyLength", "key", "owner", "mode", "unused11", "label");
    }

    /** A point gained {@code y} in version 2; a shape nests a point, whose version is not on the wire. */
    static final class Point {
        long x = 3;
        long y = 4;
    }

    static final class Shape {
        int id = 7;
        Point corner = new Point();
    }

    private static final StateDescription<Point> POINT = StateDescription.<Point>builder("point", Point::new)
            .version(2).minimumVersion(1)
            .u32("x", p -> p.x, (p, v) -> p.x = v)
            .u32("y", p -> p.y, (p, v) -> p.y = v).since(2)
            .build();
    private static final StateDescription<Shape> SHAPE = StateDescription.<Shape>builder("shape")
            .u8("id", s -> s.id, (s, v) -> s.id = v)
            .struct("corner", POINT, s -> s.corner, (s, v) -> s.corner = v)
            .build();

    @Test
    void aNestedDescriptionPinnedToAnOlderVersionDecodesAtThatVersion() throws Exception {
        ReleaseProfiles releases = ReleaseProfiles.builder().release("1.0").pinVersion("point", 1).release("2.0")
                .build();
        byte[] stream = savedForRelease1(new SectionRegistry().register("shape", 0, SHAPE, new Shape()), releases);
        assertThat(read(stream).described("point")).containsEntry("version", 1L);
        SelfDescription.Decoded decoded = Streams.decodeAll(stream).getFirst();
        assertThat(decoded.complete()).isTrue();
        assertThat(decoded.state()).containsEntry("id", 7L);
        assertThat((GenericState) decoded.state().get("corner")).as("written at version 1: x only")
                .containsExactly(Map.entry("x", 3L));
    }

    @Test
    void twoDescriptionsOfOneNameAreRefused() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new SectionRegistry()
                .register("disk", 0, Disk.V1, Disk.full()).register("disk", 1, Disk.V3, Disk.full()).descriptionJson())
                .hasMessage("two different descriptions are named 'disk'");
    }

    @Test
    void theDescriptionRecordMapsSectionsToDescriptions() throws Exception {
        SectionRegistry reg = new SectionRegistry().register("disk", 0, Disk.V3, Disk.full(), Part.STATIC)
                .register("disk", 1, Disk.V3, Disk.full());
        @SuppressWarnings("unchecked")
        Map<String, Object> doc = (Map<String, Object>) JsonParser.parse(reg.descriptionJson());
        assertThat(doc.get("format")).isEqualTo("baton-description/1");
        assertThat((List<?>) doc.get("sections")).hasSize(2);
    }
}
