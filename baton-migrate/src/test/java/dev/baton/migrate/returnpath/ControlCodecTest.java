package dev.baton.migrate.returnpath;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.baton.core.wire.StreamFormatException;
import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Control messages round-trip, and every fault of their octets is a one-line format error. */
class ControlCodecTest {

    static Stream<ControlMessage> messages() {
        return Stream.of(
                new ControlMessage.Hello("kv-store", 1, 3, 1, 1, List.of("1.0", "2.0", "été")),
                new ControlMessage.Hello("", 1, 1, 1, 1, List.of()),
                new ControlMessage.Start(2, 1, "2.0"),
                new ControlMessage.Hello("kv-store", 1, 3, 1, 1, List.of("1.0"), 16),
                new ControlMessage.Start(2, 1, "2.0", 3, "0f".repeat(16)),
                new ControlMessage.Join(15, "a5".repeat(16)),
                new ControlMessage.Abort("no common profile"),
                new ControlMessage.Accept(),
                new ControlMessage.Refuse("section disk/0 is too new"),
                new ControlMessage.Ack(1234, 1L << 40),
                new ControlMessage.Loaded(5, 4096),
                new ControlMessage.Go(),
                new ControlMessage.Done(),
                new ControlMessage.Error(""),
                new ControlMessage.Rehearse(1, 1, "1.0"),
                new ControlMessage.Report(12, 4096, "ab".repeat(32), List.of(
                        new ControlMessage.Report.Section(ControlMessage.Report.Outcome.LOADED, "sample.config", 0, 1, ""),
                        new ControlMessage.Report.Section(ControlMessage.Report.Outcome.FAILED, "disk", 3, 2,
                                "version 2 is too new"),
                        new ControlMessage.Report.Section(ControlMessage.Report.Outcome.DIFFERS, "été", 1, 1, "x")),
                        0, List.of("the counters fail the audit")),
                new ControlMessage.Report(0, 0, "00".repeat(32), List.of(), 7, List.of()));
    }

    @Test
    void aReportLeavesOutTheSectionsThatWouldNotFitAndCountsThem() throws IOException {
        List<ControlMessage.Report.Section> many = new java.util.ArrayList<>();
        for (int i = 0; i < 2000; i++) {
            many.add(new ControlMessage.Report.Section(ControlMessage.Report.Outcome.FAILED, "section." + i, i, 1,
                    "x".repeat(600)));
        }
        ControlMessage.Report r = new ControlMessage.Report(1, 2, "cd".repeat(32), many, 0, List.of("one"));
        ByteBuffer frame = ControlCodec.encode(r);
        assertThat(frame.remaining()).isLessThanOrEqualTo(ControlCodec.frameSize(ControlCodec.MAX_BODY));
        ControlMessage.Report back = (ControlMessage.Report) ControlCodec.decodeFrame(frame, "test");
        assertThat(back.sections().size() + back.omitted()).isEqualTo(2000);
        assertThat(back.sections()).isNotEmpty();
        assertThat(back.sections().getFirst().reason()).hasSize(ControlCodec.MAX_SECTION_REASON);
        assertThat(back.clean()).isFalse();
        assertThat(back.problems()).containsExactly("one");
    }

    @Test
    void aReportWithAnUnknownOutcomeIsRefusedInOneLine() {
        ByteBuffer frame = ControlCodec.encode(new ControlMessage.Report(0, 0, "00".repeat(32), List.of(
                new ControlMessage.Report.Section(ControlMessage.Report.Outcome.LOADED, "a", 0, 1, "")), 0, List.of()));
        frame.put(8 + 56, (byte) 9);
        // the checksum covers the body: recompute it as a writer that meant it would
        int length = frame.getInt(4);
        int padEnd = 8 + ((length + 7) & ~7);
        java.util.zip.CRC32C crc = new java.util.zip.CRC32C();
        crc.update(frame.duplicate().position(0).limit(padEnd));
        frame.putInt(padEnd, (int) crc.getValue());
        assertThatThrownBy(() -> ControlCodec.decodeFrame(frame, "return path"))
                .isInstanceOf(ControlFormatException.class)
                .hasMessageContaining("message #0 (REPORT)")
                .hasMessageContaining("outcome 9 of section #0 is not 1 (loaded), 2 (failed) or 3 (differs)");
    }

    @ParameterizedTest
    @MethodSource("messages")
    void roundTrips(ControlMessage m) throws IOException {
        ByteBuffer frame = ControlCodec.encode(m);
        assertThat(frame.remaining() % 8).isZero();
        assertThat(ControlCodec.decodeFrame(frame.duplicate(), "test")).isEqualTo(m);
        ControlReader reader = new ControlReader(Channels.newChannel(new java.io.ByteArrayInputStream(
                concat(frame.duplicate(), frame.duplicate()))), "return path");
        assertThat(reader.read()).isEqualTo(m);
        assertThat(reader.read()).isEqualTo(m);
        assertThat(reader.offset()).isEqualTo(2L * frame.remaining());
        assertThatThrownBy(reader::read).isInstanceOf(EOFException.class);
    }

    private static byte[] concat(ByteBuffer a, ByteBuffer b) {
        byte[] out = new byte[a.remaining() + b.remaining()];
        a.get(out, 0, a.remaining());
        b.get(out, out.length - b.remaining(), b.remaining());
        return out;
    }

    @Test
    void anAcceptHasAFixedLayout() {
        ByteBuffer frame = ControlCodec.encode(new ControlMessage.Accept());
        byte[] octets = new byte[frame.remaining()];
        frame.get(octets);
        assertThat(octets).hasSize(16);
        assertThat(java.util.HexFormat.of().formatHex(octets, 0, 8)).isEqualTo("4252000200000000");
    }

    /** LOADED's octets (docs/MIGRATION.md, section 6): control messages are big-endian whatever the stream's order. */
    @Test
    void aLoadedHasAFixedLayout() {
        ByteBuffer frame = ControlCodec.encode(new ControlMessage.Loaded(5, 4096));
        byte[] octets = new byte[frame.remaining()];
        frame.get(octets);
        assertThat(octets).hasSize(32);
        assertThat(java.util.HexFormat.of().formatHex(octets, 0, 24))
                .isEqualTo("42520008" + "00000010" + "0000000000000005" + "0000000000001000");
        assertThat(java.util.HexFormat.of().formatHex(octets, 28, 32)).isEqualTo("00000000");
    }

    @Test
    void longReasonsAreCutAtACharacterBoundary() throws IOException {
        String reason = "é".repeat(3000); // 6000 octets
        ControlMessage m = ControlCodec.decodeFrame(ControlCodec.encode(new ControlMessage.Refuse(reason)), "t");
        assertThat(((ControlMessage.Refuse) m).reason()).hasSize(ControlCodec.MAX_REASON / 2);
    }

    @Test
    void namedFaults() {
        ByteBuffer accept = ControlCodec.encode(new ControlMessage.Accept());
        ByteBuffer bad = copy(accept);
        bad.put(12, (byte) 1);
        assertThatThrownBy(() -> ControlCodec.decodeFrame(bad, "return path"))
                .isInstanceOf(ControlFormatException.class)
                .hasMessage("return path, offset 12, message #0 (ACCEPT): reserved field of the trailer is not zero");
        ByteBuffer crc = copy(accept);
        crc.put(9, (byte) 1);
        assertThatThrownBy(() -> ControlCodec.decodeFrame(crc, "return path")).hasMessageContaining("checksum mismatch");
        ByteBuffer unknown = copy(accept);
        unknown.putInt(0, 0x8942544E);
        assertThatThrownBy(() -> ControlCodec.decodeFrame(unknown, "return path")).hasMessage(
                "return path, offset 0, message #0 (0x8942544e): unknown control message type 0x8942544e (this is a Baton"
                        + " stream, not a control message)");
        ByteBuffer huge = copy(accept);
        huge.putInt(4, -1);
        assertThatThrownBy(() -> ControlCodec.decodeFrame(huge, "return path"))
                .hasMessageContaining("body length 4294967295 exceeds the limit of 65536 octets");
    }

    @Test
    void aMessageCutShortByTheConnectionIsAFormatError() {
        ByteBuffer hello = ControlCodec.encode(new ControlMessage.Hello("a", 1, 1, 1, 1, List.of("x")));
        for (int cut = 1; cut < hello.remaining(); cut++) {
            byte[] part = new byte[cut];
            hello.duplicate().get(part);
            ControlReader r = new ControlReader(Channels.newChannel(new java.io.ByteArrayInputStream(part)), "return path");
            assertThatThrownBy(r::read).as("cut at %d", cut).isInstanceOf(ControlFormatException.class)
                    .hasMessageContaining("the connection closed after " + cut);
        }
    }

    /** A first fuzz: random bodies under valid frames, and random flips; only format errors come out. */
    @Test
    void randomOctetsNeverThrowAnythingButFormatErrors() {
        Random random = new Random(5);
        int[] types = {ControlCodec.HELLO, ControlCodec.START, ControlCodec.ACK, ControlCodec.REFUSE, ControlCodec.GO};
        for (int i = 0; i < 20_000; i++) {
            ByteBuffer frame;
            if (i % 2 == 0) {
                byte[] body = new byte[random.nextInt(64)];
                random.nextBytes(body);
                frame = frame(types[random.nextInt(types.length)], body);
            } else {
                frame = copy(ControlCodec.encode(messages().toList().get(random.nextInt(10))));
                frame.put(random.nextInt(frame.limit()), (byte) random.nextInt());
            }
            try {
                ControlCodec.decodeFrame(frame, "fuzz");
            } catch (StreamFormatException expected) {
                assertThat(expected.getMessage()).doesNotContain("\n");
            }
        }
    }

    private static ByteBuffer frame(int type, byte[] body) {
        int size = ControlCodec.frameSize(body.length);
        ByteBuffer b = ByteBuffer.allocate(size).putInt(type).putInt(body.length).put(body);
        java.util.zip.CRC32C crc = new java.util.zip.CRC32C();
        crc.update(b.array(), 0, size - 8);
        return b.putInt(size - 8, (int) crc.getValue()).position(0);
    }

    private static ByteBuffer copy(ByteBuffer b) {
        ByteBuffer c = ByteBuffer.allocate(b.remaining());
        c.put(b.duplicate()).flip();
        return c;
    }
}
