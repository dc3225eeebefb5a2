package dev.baton.core.wire;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The writer produces the golden vectors octet for octet, and the reader decodes them. */
class GoldenVectorTest {

    static Stream<Arguments> variants() {
        return Stream.of(
                Arguments.of(ByteOrder.BIG_ENDIAN, false),
                Arguments.of(ByteOrder.BIG_ENDIAN, true),
                Arguments.of(ByteOrder.LITTLE_ENDIAN, false),
                Arguments.of(ByteOrder.LITTLE_ENDIAN, true));
    }

    @ParameterizedTest(name = "{0}, checksums {1}")
    @MethodSource("variants")
    void writerProducesTheGoldenOctets(ByteOrder order, boolean checksums) throws IOException {
        byte[] expected = TestStreams.golden(TestStreams.goldenName(order, checksums));
        assertThat(TestStreams.sample(TestStreams.options(order, checksums))).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0}, checksums {1}")
    @MethodSource("variants")
    void readerDecodesTheGoldenOctets(ByteOrder order, boolean checksums) throws IOException {
        byte[] golden = TestStreams.golden(TestStreams.goldenName(order, checksums));
        ReaderOptions options = ReaderOptions.defaults().withApplicationTypes(TestStreams.APP_TYPES);
        try (RecordReader r = RecordReader.open(ByteBuffer.wrap(golden), options)) {
            StreamHeader h = r.header();
            assertThat(h.preamble()).isEqualTo(new Preamble(1, 1));
            assertThat(h.readVersion()).isEqualTo(1);
            assertThat(h.byteOrder()).isEqualTo(order);
            assertThat(h.checksums()).isEqualTo(checksums);
            assertThat(h.producer()).isEqualTo("baton-test 1.0.0");
            assertThat(h.profile()).isEqualTo("r1");
            assertThat(h.created()).isEqualTo(TestStreams.CREATED);
            assertThat(h.length()).isEqualTo(72);

            List<String> seen = new ArrayList<>();
            for (StreamRecord rec = r.next(); rec != null; rec = r.next()) {
                String line = rec.index() + " " + rec.typeName() + " @" + rec.offset() + " len " + rec.length()
                        + (rec.dynamic() ? " dynamic" : " static");
                if (rec.type() == RecordType.SECTION) {
                    SectionHeader s = rec.sectionHeader();
                    line += " " + s.name() + " v" + s.version() + " data " + s.dataLength();
                }
                seen.add(line);
            }
            int trailer = checksums ? 8 : 0;
            long description = 72;
            long ram = description + 8 + 16 + trailer;
            long staticEnd = ram + 8 + 24 + trailer;
            long cpu = staticEnd + 8 + trailer;
            long greeting = cpu + 8 + 24 + trailer;
            long end = greeting + 8 + 8 + trailer;
            assertThat(seen).containsExactly(
                    "0 DESCRIPTION @" + description + " len 15 static",
                    "1 SECTION @" + ram + " len 18 static ram/0 v3 data 5",
                    "2 STATIC_DATA_END @" + staticEnd + " len 0 static",
                    "3 SECTION @" + cpu + " len 20 dynamic cpu/1 v1 data 7",
                    "4 GREETING @" + greeting + " len 2 dynamic",
                    "5 END @" + end + " len 0 dynamic");
            r.expectEndOfInput();
            assertThat(r.offset()).isEqualTo(golden.length);
        }
    }

    @ParameterizedTest(name = "{0}, checksums {1}")
    @MethodSource("variants")
    void sectionDataComesInTheStreamsByteOrder(ByteOrder order, boolean checksums) throws IOException {
        byte[] golden = TestStreams.golden(TestStreams.goldenName(order, checksums));
        try (RecordReader r = RecordReader.open(ByteBuffer.wrap(golden), ReaderOptions.defaults())) {
            StreamRecord rec;
            do {
                rec = r.next();
            } while (!(rec.type() == RecordType.SECTION && rec.dynamic()));
            ByteBuffer data = rec.sectionData();
            assertThat(data.getInt()).isEqualTo(0x11223344);
            assertThat(data.getShort()).isEqualTo((short) 0x5566);
            assertThat(data.get()).isEqualTo((byte) 0x77);
            // The unknown optional GREETING record is skipped: END comes next.
            assertThat(r.next().type()).isEqualTo(RecordType.END);
        }
    }

    @ParameterizedTest(name = "{0}, checksums {1}")
    @MethodSource("variants")
    void descriptionBodyIsTheJsonText(ByteOrder order, boolean checksums) throws IOException {
        byte[] golden = TestStreams.golden(TestStreams.goldenName(order, checksums));
        try (RecordReader r = RecordReader.open(ByteBuffer.wrap(golden), ReaderOptions.defaults())) {
            ByteBuffer body = r.next().body();
            byte[] text = new byte[body.remaining()];
            body.get(text);
            assertThat(new String(text, StandardCharsets.UTF_8)).isEqualTo("{\"sections\":[]}");
        }
    }
}
