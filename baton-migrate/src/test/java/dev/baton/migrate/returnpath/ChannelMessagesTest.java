package dev.baton.migrate.returnpath;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The control messages of a migration's channels (docs/MIGRATION.md, "Channels"), octet for
 * octet: HELLO's and START's channel fields, JOIN; and that a HELLO or START of one channel is
 * exactly what ends without channels sent, so that older peers read it.
 */
class ChannelMessagesTest {
    private static final String TOKEN = "00112233445566778899aabbccddeeff";

    /** HELLO of "kv", protocol [1, 1], stream [1, 1], profile "1.0", 4 channels. */
    private static final String HELLO_4 = "425200010000001f 0000000100000001 0000000100000001 000100026b760003"
            + " 312e300004000000 20aa6d5700000000";
    /** The same HELLO of one channel: no channel field, as every target sent before channels. */
    private static final String HELLO_1 = "425200010000001b 0000000100000001 0000000100000001 000100026b760003"
            + " 312e300000000000 368086e900000000";
    /** START of protocol 1, stream 1, profile "1.0", 4 channels, the token. */
    private static final String START_4 = "4246000100000021 0000000100000001 0003312e30000400 0000112233445566"
            + " 778899aabbccddee ff00000000000000 d51b025a00000000";
    /** JOIN of channel 3 with the token. */
    private static final String JOIN_3 = "4246000500000014 0003000000112233 445566778899aabb ccddeeff00000000"
            + " 2aae69ae00000000";

    private static ByteBuffer octets(String hex) {
        return ByteBuffer.wrap(HexFormat.of().parseHex(hex.replace(" ", "")));
    }

    @Test
    void goldenVectors() throws IOException {
        ControlMessage hello4 = new ControlMessage.Hello("kv", 1, 1, 1, 1, List.of("1.0"), 4);
        ControlMessage hello1 = new ControlMessage.Hello("kv", 1, 1, 1, 1, List.of("1.0"));
        ControlMessage start4 = new ControlMessage.Start(1, 1, "1.0", 4, TOKEN);
        ControlMessage join3 = new ControlMessage.Join(3, TOKEN);
        assertThat(ControlCodec.encode(hello4)).isEqualTo(octets(HELLO_4));
        assertThat(ControlCodec.encode(hello1)).isEqualTo(octets(HELLO_1));
        assertThat(ControlCodec.encode(start4)).isEqualTo(octets(START_4));
        assertThat(ControlCodec.encode(join3)).isEqualTo(octets(JOIN_3));
        assertThat(ControlCodec.decodeFrame(octets(HELLO_4), "return path")).isEqualTo(hello4);
        assertThat(ControlCodec.decodeFrame(octets(HELLO_1), "return path")).isEqualTo(hello1)
                .extracting(m -> ((ControlMessage.Hello) m).channels()).isEqualTo(1);
        assertThat(ControlCodec.decodeFrame(octets(START_4), "forward control")).isEqualTo(start4);
        assertThat(ControlCodec.decodeFrame(octets(JOIN_3), "channel")).isEqualTo(join3);
    }

    @Test
    void aStartOfOneChannelIsTheStartOlderTargetsRead() {
        assertThat(ControlCodec.encode(new ControlMessage.Start(1, 1, "1.0")))
                .isEqualTo(ControlCodec.encode(new ControlMessage.Start(1, 1, "1.0", 1, "")));
        assertThat(ControlCodec.encode(new ControlMessage.Start(1, 1, "1.0")).remaining()).isEqualTo(32);
    }

    @Test
    void channelFieldsOutOfRangeAreRefusedInOneLine() {
        assertThatThrownBy(() -> ControlCodec.decodeFrame(withCrc(octets(HELLO_4), 8 + 28, (byte) 17), "return path"))
                .isInstanceOf(ControlFormatException.class)
                .hasMessage("return path, offset 35, message #0 (HELLO): channels is 17, not 2 to 16");
        assertThatThrownBy(() -> ControlCodec.decodeFrame(withCrc(octets(HELLO_4), 8 + 30, (byte) 1), "return path"))
                .isInstanceOf(ControlFormatException.class)
                .hasMessage("return path, offset 37, message #0 (HELLO): reserved field after channels is not zero");
        assertThatThrownBy(() -> ControlCodec.decodeFrame(withCrc(octets(JOIN_3), 8 + 1, (byte) 0), "channel"))
                .isInstanceOf(ControlFormatException.class)
                .hasMessage("channel, offset 8, message #0 (JOIN): channel is 0, not 1 to 15");
        assertThatThrownBy(() -> new ControlMessage.Start(1, 1, "", 2, ""))
                .isInstanceOf(IllegalArgumentException.class);
    }

    /** The frame with octet {@code at} set to {@code v} and its checksum made right again. */
    private static ByteBuffer withCrc(ByteBuffer frame, int at, byte v) {
        frame.put(at, v);
        int length = frame.getInt(4);
        int padEnd = 8 + ((length + 7) & ~7);
        java.util.zip.CRC32C crc = new java.util.zip.CRC32C();
        crc.update(frame.duplicate().position(0).limit(padEnd));
        frame.putInt(padEnd, (int) crc.getValue());
        return frame;
    }
}
