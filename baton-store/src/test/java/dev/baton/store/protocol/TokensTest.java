package dev.baton.store.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class TokensTest {

    @Test
    void everyOctetSurvivesQuoting() throws Exception {
        byte[] all = new byte[256];
        for (int i = 0; i < 256; i++) {
            all[i] = (byte) i;
        }
        String quoted = Tokens.quote(all);
        assertThat(quoted.chars().allMatch(c -> c >= 0x20 && c < 0x7F)).isTrue();
        List<byte[]> back = Tokens.split("WRITE /x " + quoted);
        assertThat(back).hasSize(3);
        assertThat(back.get(2)).containsExactly(all);
    }

    @Test
    void tokensAreBareWhenTheyMayBe() {
        assertThat(Tokens.token("plain-token")).isEqualTo("plain-token");
        assertThat(Tokens.token("two words")).isEqualTo("\"two words\"");
        assertThat(Tokens.token("")).isEqualTo("\"\"");
        assertThat(Tokens.token("é")).isEqualTo("\"\\xc3\\xa9\"");
        assertThat(Tokens.quote("a\"b\\c\nd".getBytes(StandardCharsets.US_ASCII))).isEqualTo("\"a\\\"b\\\\c\\nd\"");
    }

    @Test
    void spacesSeparateAndQuotedEmptyIsAToken() throws Exception {
        assertThat(Tokens.split("  A   \"\"  b ")).extracting(t -> new String(t, StandardCharsets.US_ASCII))
                .containsExactly("A", "", "b");
        assertThatThrownBy(() -> Tokens.split("\"a\nb\"")).hasMessageContaining("control character 0x0a");
    }

    @Test
    void aLineReaderBoundsLinesAndResynchronises() throws Exception {
        byte[] input = ("short\r\n" + "x".repeat(50) + "\nnext\nunterminated").getBytes(StandardCharsets.US_ASCII);
        LineReader r = new LineReader(new ByteArrayInputStream(input), 10);
        assertThat(r.next()).isTrue();
        assertThat(new String(r.line(), 0, r.length(), StandardCharsets.US_ASCII)).isEqualTo("short");
        assertThat(r.next()).isTrue();
        assertThat(r.tooLong()).isTrue();
        assertThat(r.next()).isTrue();
        assertThat(r.tooLong()).isFalse();
        assertThat(new String(r.line(), 0, r.length(), StandardCharsets.US_ASCII)).isEqualTo("next");
        assertThat(r.next()).isFalse();
    }
}
