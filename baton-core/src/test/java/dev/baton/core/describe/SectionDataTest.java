package dev.baton.core.describe;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.core.GoldenHex;
import dev.baton.core.engine.StateLoader;
import dev.baton.core.engine.StateSaver;
import dev.baton.core.engine.Streams;
import dev.baton.core.wire.ReaderOptions;
import dev.baton.core.wire.RecordReader;
import dev.baton.core.wire.RecordWriter;
import dev.baton.core.wire.StreamFormatException;
import dev.baton.core.wire.StreamRecord;
import dev.baton.core.wire.WriterOptions;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Section data octet for octet against golden vectors made from the spec, and every kind of
 * malformed section data: each fails with a {@link StreamFormatException} naming the section and
 * the field path.
 */
class SectionDataTest {

    private static ByteOrder order(String name) {
        return name.equals("be") ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN;
    }

    /** The data of the one SECTION record in a stream. */
    static byte[] sectionData(byte[] stream) throws IOException {
        try (RecordReader r = RecordReader.open(ByteBuffer.wrap(stream), ReaderOptions.defaults())) {
            for (StreamRecord rec = r.next(); rec != null; rec = r.next()) {
                if (rec.type() == dev.baton.core.wire.RecordType.SECTION) {
                    ByteBuffer d = rec.sectionData();
                    byte[] out = new byte[d.remaining()];
                    d.get(out);
                    return out;
                }
            }
        }
        throw new AssertionError("no section");
    }

    /** A stream holding one disk/0 SECTION of version 3 with exactly this data. */
    private static byte[] streamWith(byte[] data, ByteOrder order) throws IOException {
        return streamWith("disk", 3, data, order);
    }

    /** A stream holding one {@code idstr}/0 SECTION of this version with exactly this data. */
    static byte[] streamWith(String idstr, int version, byte[] data, ByteOrder order) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (RecordWriter w = RecordWriter.open(out, WriterOptions.defaults().withByteOrder(order))) {
            w.writeStaticDataEnd();
            w.writeSection(idstr, 0, version, ByteBuffer.wrap(data));
            w.writeEnd();
        }
        return out.toByteArray();
    }

    private static String loadError(byte[] data, ByteOrder order) throws IOException {
        byte[] stream = streamWith(data, order);
        return CrossVersionMatrixTest.catchFormat(() -> Streams.load(
                StateLoader.of(Streams.registry(Disk.V3, Disk.empty())), stream)).getMessage();
    }

    @ParameterizedTest
    @ValueSource(strings = {"be", "le"})
    void theDiskSavesToTheGoldenOctets(String o) throws IOException {
        byte[] stream = Streams.save(StateSaver.of(Streams.registry(Disk.V3, Disk.full())).withDescription(false), order(o));
        assertThat(sectionData(stream)).isEqualTo(GoldenHex.load("section-disk-v3-" + o + ".hex"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"be", "le"})
    void theGoldenOctetsLoad(String o) throws IOException {
        Disk target = Disk.empty();
        Streams.load(StateLoader.of(Streams.registry(Disk.V3, target)),
                streamWith(GoldenHex.load("section-disk-v3-" + o + ".hex"), order(o)));
        CrossVersionMatrixTest.assertSameState(target, Disk.full());
        assertThat(target.cacheRatio).isEqualTo(0.5);
    }

    /** Offsets of fields in the golden data, for the malformed cases. */
    private static final int NAME_LENGTH = 6;
    private static final int NAME = 10;
    private static final int EXTENT_COUNT = 29;
    private static final int EXTENT1_LENGTH = 56;
    private static final int OWNER_MARKER = 69;
    private static final int OWNER_USER = 74;
    private static final int MODE = 83;
    private static final int HAS_LABEL = 95;
    private static final int FIRST_SUBSECTION_MARKER = 104;

    private static byte[] golden(String o) {
        return GoldenHex.load("section-disk-v3-" + o + ".hex");
    }

    private static void put32(byte[] b, int at, int v, ByteOrder order) {
        ByteBuffer.wrap(b).order(order).putInt(at, v);
    }

    @ParameterizedTest
    @ValueSource(strings = {"be", "le"})
    void aCountPastTheEnd(String o) throws IOException {
        byte[] d = golden(o);
        ByteBuffer.wrap(d).order(order(o)).putShort(EXTENT_COUNT, (short) 0xFFFF);
        assertThat(loadError(d, order(o))).contains("section disk/0, field extents:",
                "'extents' count 65535 cannot fit in the");
    }

    @ParameterizedTest
    @ValueSource(strings = {"be", "le"})
    void aHugeStringLength(String o) throws IOException {
        byte[] d = golden(o);
        put32(d, NAME_LENGTH, 0xFFFF_FFF0, order(o));
        assertThat(loadError(d, order(o))).contains("field name:", "string length 4294967280 cannot fit");
    }

    @ParameterizedTest
    @ValueSource(strings = {"be", "le"})
    void badUtf8(String o) throws IOException {
        byte[] d = golden(o);
        d[NAME] = (byte) 0xC0;
        assertThat(loadError(d, order(o))).contains("field name:", "string is not valid UTF-8");
    }

    @ParameterizedTest
    @ValueSource(strings = {"be", "le"})
    void badEnumId(String o) throws IOException {
        byte[] d = golden(o);
        put32(d, MODE, 9, order(o));
        assertThat(loadError(d, order(o))).contains("field mode:", "bad enum id 9 for Mode");
    }

    @ParameterizedTest
    @ValueSource(strings = {"be", "le"})
    void badNullMarkerAndBadBool(String o) throws IOException {
        byte[] d = golden(o);
        d[OWNER_MARKER] = 7;
        assertThat(loadError(d, order(o))).contains("field owner:", "null marker is 7, not 0 or 1");
        byte[] b = golden(o);
        b[HAS_LABEL] = 5;
        assertThat(loadError(b, order(o))).contains("field hasLabel:", "bool octet is 5, not 0 or 1");
    }

    /**
     * Each error says where the octets at fault start: a string's octets (after its length), an
     * enum's id, a null marker. The length refused right after it is read gives the base.
     */
    @ParameterizedTest
    @ValueSource(strings = {"be", "le"})
    void errorsGiveTheOffsetOfTheOctetsAtFault(String o) throws IOException {
        byte[] huge = golden(o);
        put32(huge, NAME_LENGTH, 0xFFFF_FFF0, order(o));
        long base = offsetIn(loadError(huge, order(o))) - NAME;
        byte[] utf8 = golden(o);
        utf8[NAME] = (byte) 0xC0;
        assertThat(offsetIn(loadError(utf8, order(o)))).isEqualTo(base + NAME);
        byte[] mode = golden(o);
        put32(mode, MODE, 9, order(o));
        assertThat(offsetIn(loadError(mode, order(o)))).isEqualTo(base + MODE);
        byte[] marker = golden(o);
        marker[OWNER_MARKER] = 7;
        assertThat(offsetIn(loadError(marker, order(o)))).isEqualTo(base + OWNER_MARKER);
    }

    private static long offsetIn(String message) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("^offset (\\d+),").matcher(message);
        assertThat(m.find()).as(message).isTrue();
        return Long.parseLong(m.group(1));
    }

    @ParameterizedTest
    @ValueSource(strings = {"be", "le"})
    void errorsInsideNestedDescriptionsNameTheWholePath(String o) throws IOException {
        assertThat(loadError(Arrays.copyOf(golden(o), OWNER_USER + 2), order(o)))
                .contains("section disk/0, field owner.user:", "string length 4 cannot fit in the 2 octets left");
        assertThat(loadError(Arrays.copyOf(golden(o), EXTENT1_LENGTH + 3), order(o)))
                .contains("section disk/0, field extents[1].length:");
    }

    @ParameterizedTest
    @ValueSource(strings = {"be", "le"})
    void badSubsectionMarkerAndLeftovers(String o) throws IOException {
        byte[] d = golden(o);
        d[FIRST_SUBSECTION_MARKER] = 9;
        assertThat(loadError(d, order(o))).contains("bad subsection marker 9 after the fields of 'disk'");
        byte[] longer = Arrays.copyOf(golden(o), golden(o).length + 3);
        assertThat(loadError(longer, order(o))).contains("3 octets of section data left over");
    }

    @ParameterizedTest
    @ValueSource(strings = {"be", "le"})
    void offsetsPointIntoTheStream(String o) throws IOException {
        byte[] d = golden(o);
        put32(d, MODE, 9, order(o));
        byte[] stream = streamWith(d, order(o));
        StreamFormatException e = CrossVersionMatrixTest.catchFormat(() -> Streams.load(
                StateLoader.of(Streams.registry(Disk.V3, Disk.empty())), stream));
        int dataStart = stream.length - 8 - (8 + 10 + 4 + d.length + (-(10 + 4 + d.length) & 7)) + 8 + 10 + 4;
        assertThat(e.offset()).isEqualTo(dataStart + MODE);
        assertThat(stream[(int) e.offset() + (order(o) == ByteOrder.BIG_ENDIAN ? 3 : 0)]).isEqualTo((byte) 9);
    }
}
