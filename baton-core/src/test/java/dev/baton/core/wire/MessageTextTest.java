package dev.baton.core.wire;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** How messages print counts and text that came from the input. */
class MessageTextTest {

    @Test
    void aCountAgreesWithItsNoun() {
        assertThat(Plural.count(1, "note")).isEqualTo("1 note");
        assertThat(Plural.count(0, "note")).isEqualTo("0 notes");
        assertThat(Plural.count(2, "warning")).isEqualTo("2 warnings");
        assertThat(Plural.count(-1, "octet")).isEqualTo("-1 octet");
        assertThat(Plural.count(3, "pass")).isEqualTo("3 passes");
        assertThat(Plural.count(2, "entry")).isEqualTo("2 entries");
        assertThat(Plural.count(2, "key")).isEqualTo("2 keys");
        assertThat(Plural.count(2, "watch")).isEqualTo("2 watches");
        assertThat(Plural.count(2, "dynamic section")).isEqualTo("2 dynamic sections");
        assertThat(Plural.count(1, "index", "indices")).isEqualTo("1 index");
        assertThat(Plural.count(5, "index", "indices")).isEqualTo("5 indices");
    }

    @Test
    void controlCharactersNeverReachTheTerminal() {
        assertThat(Printable.of("plain text, ünïcode 스")).isEqualTo("plain text, ünïcode 스");
        assertThat(Printable.of("a\nb\tc\rd")).isEqualTo("a\\nb\\tc\\rd");
        assertThat(Printable.of("\u001b[31mred\u007f\u0085")).isEqualTo("\\x1b[31mred\\x7f\\x85");
        assertThat(Printable.of("back\\slash")).isEqualTo("back\\\\slash");
        assertThat(Printable.of("\ud800 alone, \ud83d\ude00 paired")).isEqualTo("\\ud800 alone, \ud83d\ude00 paired");
        assertThat(Printable.of('\u0000')).isEqualTo("\\x00");
    }
}
