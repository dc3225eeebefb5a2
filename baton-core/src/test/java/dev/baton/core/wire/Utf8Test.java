package dev.baton.core.wire;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Strict UTF-8: the bulk ASCII paths agree with the JDK's encoder, and decoding refuses every malformed form. */
class Utf8Test {
    private static final List<String> SAMPLES = List.of("", "a", "http://javaone.com/keynote.mpg", "caf\u00e9",
            "\u017c\u00f3\u0142w", "Steve Jobs\uC2A4", "\uFFFD", "x\uD83D\uDE00y", "a".repeat(1300),
            "\u00e9".repeat(700));

    @Test
    void encodesAsTheJdkDoesIntoHeapAndDirectBuffers() {
        for (String s : SAMPLES) {
            byte[] expected = s.getBytes(StandardCharsets.UTF_8);
            assertThat(Utf8.encodedLength(s)).as(s).isEqualTo(expected.length);
            for (ByteBuffer out : List.of(ByteBuffer.allocate(4000), ByteBuffer.allocateDirect(4000))) {
                out.position(3);
                Utf8.encode(s, expected.length, out, new byte[512]);
                assertThat(out.position()).isEqualTo(3 + expected.length);
                byte[] got = new byte[expected.length];
                out.get(3, got);
                assertThat(got).as(s).isEqualTo(expected);
            }
            StringBuilder notAString = new StringBuilder(s);
            ByteBuffer out = ByteBuffer.allocate(4000);
            Utf8.encode(notAString, expected.length, out, new byte[512]);
            assertThat(out.position()).isEqualTo(expected.length);
        }
    }

    @Test
    void decodesWellFormedInputFromHeapSlicesAndDirectBuffers() {
        for (String s : SAMPLES) {
            byte[] octets = s.getBytes(StandardCharsets.UTF_8);
            byte[] padded = new byte[octets.length + 7];
            System.arraycopy(octets, 0, padded, 5, octets.length);
            ByteBuffer slice = ByteBuffer.wrap(padded).slice(2, padded.length - 2); // a non-zero array offset
            assertThat(Utf8.decode(slice, 3, octets.length)).isEqualTo(s);
            ByteBuffer direct = ByteBuffer.allocateDirect(padded.length).put(padded).flip();
            assertThat(Utf8.decode(direct, 5, octets.length)).isEqualTo(s);
            assertThat(Utf8.decode(ByteBuffer.wrap(padded).asReadOnlyBuffer(), 5, octets.length)).isEqualTo(s);
        }
    }

    @Test
    void refusesMalformedInput() {
        int[][] malformed = {
            {0xC0, 0x80}, // overlong NUL
            {0xE0, 0x80, 0xAF}, // overlong '/'
            {0xED, 0xA0, 0x80}, // encoded surrogate U+D800
            {0xF4, 0x90, 0x80, 0x80}, // above U+10FFFF
            {0xE2, 0x82}, // truncated
            {0x80}, // lone continuation octet
            {0xFF},
            {'a', 0xEF, 0xBF, 0xBD, 0xC3}, // a real U+FFFD, then a truncated sequence
        };
        for (int[] m : malformed) {
            byte[] b = new byte[m.length];
            for (int i = 0; i < m.length; i++) {
                b[i] = (byte) m[i];
            }
            assertThat(Utf8.decode(ByteBuffer.wrap(b), 0, b.length)).as(java.util.Arrays.toString(m)).isNull();
            ByteBuffer direct = ByteBuffer.allocateDirect(b.length).put(b).flip();
            assertThat(Utf8.decode(direct, 0, b.length)).isNull();
        }
    }
}
