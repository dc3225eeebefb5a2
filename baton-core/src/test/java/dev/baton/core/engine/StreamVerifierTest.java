package dev.baton.core.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.core.GoldenHex;
import dev.baton.core.describe.DescriptionContext;
import dev.baton.core.describe.Disk;
import dev.baton.core.describe.Pins;
import dev.baton.core.describe.StateDescription;
import dev.baton.core.wire.FatalFormatException;
import dev.baton.core.wire.ReaderOptions;
import dev.baton.core.wire.RecordReader;
import dev.baton.core.wire.RecordType;
import dev.baton.core.wire.RecordWriter;
import dev.baton.core.wire.StreamFormatException;
import dev.baton.core.wire.WriterOptions;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Baton's verifier: every problem of a stream in one pass, and every section decoded through the
 * stream's own DESCRIPTION to its last octet, so that a stream a tool cannot decode is not valid.
 */
class StreamVerifierTest {
    private static final StreamVerifier VERIFIER = StreamVerifier.of(ReaderOptions.defaults());

    private static StreamVerifier.Verdict verify(StreamVerifier verifier, byte[] stream) throws IOException {
        return verifier.verify(options -> RecordReader.open(ByteBuffer.wrap(stream), options));
    }

    private static StreamVerifier.Verdict verify(byte[] stream) throws IOException {
        return verify(VERIFIER, stream);
    }

    /** A thermostat: release 2 added whether it is heating. */
    static final class Thermostat {
        double target = 21.5;
        boolean heating = true;
    }

    static final StateDescription<Thermostat> THERMOSTAT = StateDescription.<Thermostat>builder("thermostat")
            .version(2).minimumVersion(1)
            .f64("target", t -> t.target, (t, v) -> t.target = v)
            .bool("heating", t -> t.heating, (t, v) -> t.heating = v).since(2)
            .build();

    /**
     * A stream of one section {@code thermostat/0} whose header declares {@code declared}, whose
     * data has the layout of {@code written} and then {@code extra}, and whose DESCRIPTION is
     * {@link #THERMOSTAT}'s.
     */
    private static byte[] thermostat(String producerVersion, int declared, int written, byte[] extra)
            throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (RecordWriter w = RecordWriter.open(out, WriterOptions.defaults().withProducer("thermo", producerVersion))) {
            String json = new SectionRegistry().register("thermostat", 0, THERMOSTAT, new Thermostat()).descriptionJson();
            w.writeDescription(ByteBuffer.wrap(json.getBytes(StandardCharsets.UTF_8)));
            w.writeStaticDataEnd();
            var body = w.beginSection("thermostat", 0, declared);
            THERMOSTAT.save(new Thermostat(), body, new DescriptionContext(Pins.NONE.withVersion("thermostat", written)));
            body.put(ByteBuffer.wrap(extra));
            body.end();
            w.writeEnd();
        }
        return out.toByteArray();
    }

    @ParameterizedTest
    @ValueSource(strings = {"stream-be.hex", "stream-be-crc.hex", "stream-le.hex", "stream-le-crc.hex"})
    void theGoldenStreamsAreValid(String name) throws IOException {
        byte[] golden = GoldenHex.load(name);
        StreamVerifier.Verdict v = verify(StreamVerifier.of(ReaderOptions.defaults()
                .withApplicationTypes(Map.of(0xC000_0001, "GREETING"))), golden);
        assertThat(v.problems()).isEmpty();
        assertThat(v.valid()).isTrue();
        assertThat(v.records()).isEqualTo(6);
        assertThat(v.octets()).isEqualTo(golden.length);
        assertThat(v.header().producerName()).isEqualTo("baton-test");
        // Their DESCRIPTION, {"sections":[]}, describes neither section: nothing is decoded, and nothing is wrong.
        assertThat(v.decoded()).isZero();
        assertThat(v.undecoded()).isEqualTo(2);
    }

    @ParameterizedTest
    @ValueSource(strings = {"big", "little"})
    void aSavedStreamDecodesToItsLastOctet(String order) throws IOException {
        byte[] stream = Streams.save(StateSaver.of(Streams.registry(Disk.V1, Disk.full())),
                order.equals("big") ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN);
        List<Long> progress = new ArrayList<>();
        StreamVerifier.Verdict v = verify(VERIFIER.withProgress(progress::add), stream);
        assertThat(v.problems()).isEmpty();
        assertThat(v.decoded()).isEqualTo(1);
        assertThat(v.undecoded()).isZero();
        assertThat(v.quirks()).isEmpty();
        assertThat(progress).last().isEqualTo((long) stream.length);
    }

    @Test
    void aTruncatedStreamEndsWithItsFatalProblem() throws IOException {
        byte[] whole = Streams.save(StateSaver.of(Streams.registry(Disk.V1, Disk.full())), ByteOrder.BIG_ENDIAN);
        StreamVerifier.Verdict v = verify(Arrays.copyOf(whole, whole.length - 30));
        assertThat(v.valid()).isFalse();
        assertThat(v.problems()).singleElement().satisfies(p -> {
            assertThat(p).isInstanceOf(FatalFormatException.class);
            assertThat(p.problem()).startsWith("truncated record body");
        });
    }

    @Test
    void octetsNoFieldReadMakeTheStreamInvalid() throws IOException {
        byte[] stream = thermostat("1.0", 2, 2, new byte[] {7, 7, 7});
        StreamVerifier.Verdict v = verify(stream);
        assertThat(v.valid()).isFalse();
        assertThat(v.problems()).singleElement().satisfies(p -> {
            assertThat(p).isNotInstanceOf(FatalFormatException.class);
            assertThat(p.problem()).isEqualTo("3 octets of section data left over after its description");
            assertThat(p.recordType()).isEqualTo(RecordType.SECTION);
            assertThat(p.context()).isEqualTo("section thermostat/0 v2");
            // the section header (10 octets and the idstr), target, heating, the end of subsections; then the 3
            assertThat(p.offset()).isEqualTo(bodyOf(stream, 2) + 10 + "thermostat".length() + 8 + 1 + 1);
        });
        assertThat(v.records()).as("checking went on to END").isEqualTo(4);
    }

    @Test
    void aLyingProducerIsRefusedUnlessAQuirkSaysHowToReadIt() throws IOException {
        // thermo 1.4.x wrote version 1 data but declared version 2, which its DESCRIPTION describes.
        byte[] stream = thermostat("1.4.2", 2, 1, new byte[0]);
        StreamVerifier.Verdict lied = verify(stream);
        assertThat(lied.valid()).isFalse();
        assertThat(lied.problems()).singleElement().satisfies(p -> {
            assertThat(p.getMessage()).contains("record #2 (SECTION), section thermostat/0 v2");
            assertThat(p.offset()).isEqualTo(bodyOf(stream, 2) + 10 + "thermostat".length() + 9);
        });
        Quirks quirks = Quirks.none().add(new Quirk("thermo", "1.4.0", "1.4.9", "thermostat", 2, 1,
                "1.4 declared the version early", null));
        StreamVerifier.Verdict read = verify(VERIFIER.withQuirks(quirks), stream);
        assertThat(read.problems()).isEmpty();
        assertThat(read.decoded()).isEqualTo(1);
        assertThat(read.quirks()).containsExactly("quirk: thermo 1.4.0..1.4.9 wrote thermostat as version 2 with the "
                + "layout of version 1 (1.4 declared the version early)");
        // A release the quirk does not name is read as it says, and refused.
        assertThat(verify(VERIFIER.withQuirks(quirks), thermostat("1.5.0", 2, 1, new byte[0])).valid()).isFalse();
        // A truthful stream is valid, and decoded whole, with or without the quirk.
        assertThat(verify(VERIFIER.withQuirks(quirks), thermostat("1.5.0", 2, 2, new byte[0])).decoded()).isEqualTo(1);
    }

    @Test
    void aSectionTheDescriptionDoesNotDescribeIsCountedNotGuessed() throws IOException {
        byte[] stream = stream(Streams.registry(Disk.V1, Disk.full()).descriptionJson(),
                w -> w.writeSection("unknown", 0, 1, ByteBuffer.wrap(new byte[] {1, 2, 3})));
        StreamVerifier.Verdict v = verify(stream);
        assertThat(v.problems()).isEmpty();
        assertThat(v.decoded()).isZero();
        assertThat(v.undecoded()).isEqualTo(1);
    }

    @Test
    void aDescriptionThatNamesNoKnownDescriptionIsAProblem() throws IOException {
        byte[] stream = withDescription("{\"sections\": [{\"idstr\": \"disk\", \"description\": \"nope\"}]}");
        assertThat(verify(stream).problems()).singleElement().satisfies(p -> assertThat(p.getMessage())
                .isEqualTo("offset " + bodyOf(stream, 0) + ", record #0 (DESCRIPTION): DESCRIPTION is not a valid "
                        + "description document: section disk names no known description"));
    }

    @Test
    void aDescriptionThatIsNotJsonIsAProblemAtItsOctet() throws IOException {
        byte[] stream = withDescription("{\"sections\": ]");
        assertThat(verify(stream).problems()).singleElement().satisfies(p -> {
            assertThat(p.problem()).startsWith("DESCRIPTION is not valid JSON: unexpected character ']'");
            assertThat(p.offset()).isEqualTo(bodyOf(stream, 0) + 13);
        });
    }

    private static byte[] withDescription(String json) throws IOException {
        return stream(json, w -> { });
    }

    /** What a test writes after STATIC_DATA_END. */
    private interface Dynamic {
        void write(RecordWriter w) throws IOException;
    }

    /** A stream of a DESCRIPTION {@code json}, STATIC_DATA_END, what {@code dynamic} writes, and END. */
    private static byte[] stream(String json, Dynamic dynamic) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (RecordWriter w = RecordWriter.open(out, WriterOptions.defaults())) {
            w.writeDescription(ByteBuffer.wrap(json.getBytes(StandardCharsets.UTF_8)));
            w.writeStaticDataEnd();
            dynamic.write(w);
            w.writeEnd();
        }
        return out.toByteArray();
    }

    @Test
    void aDamagedRecordIsReportedOnceAndNotDecoded() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (RecordWriter w = RecordWriter.open(out, WriterOptions.defaults().withChecksums(true))) {
            StateSaver.of(Streams.registry(Disk.V1, Disk.full())).save(w);
        }
        byte[] stream = out.toByteArray();
        stream[(int) bodyOf(stream, 0) + 3] ^= 0x20; // a letter of the DESCRIPTION's JSON changes case: its checksum no longer holds
        StreamVerifier.Verdict v = verify(stream);
        assertThat(v.problems()).singleElement().satisfies(p -> {
            assertThat(p.problem()).startsWith("checksum mismatch");
            assertThat(p.recordIndex()).isZero();
        });
        assertThat(v.decoded()).isZero();
        assertThat(v.undecoded()).isEqualTo(1);
    }

    @Test
    void theRestOfASectionAfterAWhenFieldIsCountedNotGuessed() throws IOException {
        byte[] stream = Streams.save(StateSaver.of(Streams.registry(Disk.V3, Disk.full())), ByteOrder.BIG_ENDIAN);
        StreamVerifier.Verdict v = verify(stream);
        assertThat(v.problems()).isEmpty();
        assertThat(v.decoded()).isZero();
        assertThat(v.undecoded()).isEqualTo(1);
    }

    @Test
    void everyProblemIsReportedInOnePass() throws IOException {
        // Two sections with an octet too many, then a bad section header: three problems, and END is reached.
        byte[] stream = stream(Streams.registry(Disk.V1, Disk.full()).descriptionJson(), w -> {
            for (int i = 0; i < 2; i++) {
                var body = w.beginSection("disk", 0, 1);
                Disk.V1.save(Disk.full(), body, DescriptionContext.empty());
                body.put(ByteBuffer.wrap(new byte[] {1}));
                body.end();
            }
            w.begin(RecordType.SECTION).putInt(0).putInt(1).putU16(0).end(); // an empty idstr
        });
        StreamVerifier.Verdict v = verify(stream);
        assertThat(v.problems()).extracting(StreamFormatException::problem).containsExactly(
                "1 octet of section data left over after its description",
                "1 octet of section data left over after its description",
                "SECTION has an empty idstr");
        assertThat(v.records()).isEqualTo(6);
    }

    /** Absolute offset of record {@code index}'s body. */
    private static long bodyOf(byte[] stream, int index) throws IOException {
        try (RecordReader r = RecordReader.open(ByteBuffer.wrap(stream), ReaderOptions.defaults())) {
            for (var rec = r.next(); rec != null; rec = r.next()) {
                if (rec.index() == index) {
                    return rec.offset() + 8;
                }
            }
        }
        throw new AssertionError("no record #" + index);
    }
}
