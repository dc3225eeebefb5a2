package dev.baton.qemu.savevm;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;

/** QEMU's xbzrle_decode_buffer rules, one by one. */
class XbzrleDecoderTest {

    private static String apply(byte[] page, int... delta) {
        byte[] d = new byte[delta.length];
        for (int i = 0; i < delta.length; i++) {
            d[i] = (byte) delta[i];
        }
        return XbzrleDecoder.apply(ByteBuffer.wrap(d), page, 4096);
    }

    @Test
    void appliesRunsWithOneAndTwoOctetLengths() {
        byte[] page = new byte[4096];
        // skip 0, change 2; skip 0x81 | 0x01 << 7 = 129, change 1
        assertThat(apply(page, 0, 2, 7, 8, 0x81, 0x01, 1, 9)).isNull();
        assertThat(page[0]).isEqualTo((byte) 7);
        assertThat(page[1]).isEqualTo((byte) 8);
        assertThat(page[2 + 129]).isEqualTo((byte) 9);
    }

    @Test
    void refusesWhatQemuRefuses() {
        byte[] page = new byte[4096];
        assertThat(apply(page, 0, 0, 0)).contains("empty changed run");
        assertThat(apply(page, 0, 1, 5, 0, 1, 5)).contains("empty unchanged run");
        assertThat(apply(page, 0x81, 0x81, 1, 1)).contains("longer than two octets");
        assertThat(apply(page, 0, 3, 1)).contains("beyond the page or the delta");
        assertThat(apply(page, 5)).contains("ends inside a run header");
        assertThat(apply(page, 0xff, 0x7f, 1, 1)).contains("unchanged run beyond the page");
    }
}
