package dev.baton.xen.xenstore;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.core.GoldenHex;
import dev.baton.core.wire.WireInput;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The writer produces make_vectors.py's octets exactly, and the reader decodes them to the same model. */
class XenstoreGoldenTest {

    static Stream<Arguments> variants() {
        return Stream.of(Arguments.of(1, ByteOrder.LITTLE_ENDIAN), Arguments.of(1, ByteOrder.BIG_ENDIAN),
                Arguments.of(2, ByteOrder.LITTLE_ENDIAN), Arguments.of(2, ByteOrder.BIG_ENDIAN));
    }

    @ParameterizedTest(name = "version {0}, {1}")
    @MethodSource("variants")
    void writerProducesTheGoldenOctets(int version, ByteOrder order) throws IOException {
        byte[] golden = GoldenHex.resource("/xen/" + XenstoreSamples.goldenName(version, order));
        assertThat(XenstoreSamples.golden(version, order).toBytes()).isEqualTo(golden);
    }

    @ParameterizedTest(name = "version {0}, {1}")
    @MethodSource("variants")
    void readerDecodesTheGoldenOctets(int version, ByteOrder order) throws IOException {
        byte[] golden = GoldenHex.resource("/xen/" + XenstoreSamples.goldenName(version, order));
        XenstoreImage image = XenstoreImage.read(golden);
        assertThat(image).isEqualTo(XenstoreSamples.golden(version, order));
        assertThat(image.header().version()).isEqualTo(version);
        assertThat(image.header().order()).isEqualTo(order);
    }

    @ParameterizedTest(name = "version {0}, {1}")
    @MethodSource("variants")
    void everyRecordTypeValidInTheVersionIsThere(int version, ByteOrder order) throws IOException {
        List<XenstoreRecordType> seen = new ArrayList<>();
        byte[] golden = GoldenHex.resource("/xen/" + XenstoreSamples.goldenName(version, order));
        try (XenstoreReader r = XenstoreReader.open(WireInput.of(ByteBuffer.wrap(golden)),
                XenstoreReadOptions.defaults())) {
            for (XenstoreRecord rec = r.next(); rec != null; rec = r.next()) {
                if (!seen.contains(rec.type())) {
                    seen.add(rec.type());
                }
            }
            r.expectEndOfInput();
            assertThat(r.offset()).isEqualTo(golden.length);
        }
        assertThat(seen).containsExactlyInAnyOrder(Stream.of(XenstoreRecordType.values())
                .filter(t -> t.validIn(version)).toArray(XenstoreRecordType[]::new));
    }

    @Test
    void lenWithThePaddingCountedAsTheCXenstoredWritesItReadsTheSame() throws IOException {
        XenstoreImage fromC = XenstoreImage.read(GoldenHex.resource("/xen/xenstore-v2-le-c-len.hex"));
        assertThat(fromC).isEqualTo(XenstoreSamples.golden(2, ByteOrder.LITTLE_ENDIAN));
        // and the writer follows the spec: len without the padding
        assertThat(fromC.toBytes()).isEqualTo(GoldenHex.resource("/xen/xenstore-v2-le.hex"));
    }

    @Test
    void readerReportsWhereEachRecordIs() throws IOException {
        byte[] golden = GoldenHex.resource("/xen/xenstore-v2-le.hex");
        try (XenstoreReader r = XenstoreReader.open(WireInput.of(ByteBuffer.wrap(golden)),
                XenstoreReadOptions.defaults())) {
            assertThat(r.next()).isInstanceOf(GlobalData.class);
            assertThat(r.recordIndex()).isZero();
            assertThat(r.recordOffset()).isEqualTo(16);
            assertThat(r.recordLength()).isEqualTo(8);
            assertThat(r.next()).isInstanceOf(GlobalQuotaData.class);
            assertThat(r.recordOffset()).isEqualTo(32);
            assertThat(r.recordLength()).isEqualTo(37);
        }
    }
}
