package dev.baton.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class LinesTest {

    @Test
    void aLineThatFitsIsLeftAlone() {
        String line = "x".repeat(Lines.WIDTH);
        assertThat(Lines.wrap(line, 4)).isEqualTo(line);
    }

    @Test
    void aLongLineBreaksBetweenWordsAndGoesOnIndented() {
        String line = "s.baton: offset 1592, record #0 (DESCRIPTION): checksum mismatch: stored 0xc51b22c3, computed "
                + "0x19676eee, and a third line's worth of words to show that the breaking goes on as long as it must";
        String wrapped = Lines.wrap(line, 4);
        assertThat(wrapped.lines()).hasSize(3).allSatisfy(l -> assertThat(l.length()).isLessThanOrEqualTo(Lines.WIDTH));
        assertThat(wrapped.lines().toList().get(0)).endsWith("computed");
        assertThat(wrapped.lines().skip(1)).allSatisfy(l -> assertThat(l).startsWith("    ").doesNotStartWith("     "));
        assertThat(wrapped.replaceAll("\\R +", " ")).isEqualTo(line);
    }

    @Test
    void aListingGoesOnUnderItsLastColumnAndNeverBreaksInTheColumnsBeforeIt() {
        String line = String.format("%8d %7d  %-20s %6d  %s", 80, 2, "CONNECTION_DATA", 40,
                "connection 1: ring domid 1, tdomid none, evtchn 15, 3 octets in, 5 out (2 of a partial response)");
        String wrapped = Lines.wrap(line, 47);
        assertThat(wrapped.lines().toList().get(0)).startsWith("      80       2  CONNECTION_DATA          40  connection");
        assertThat(wrapped.lines().skip(1)).allSatisfy(l -> assertThat(l).startsWith(" ".repeat(47)).matches(" {47}\\S.*"));
    }

    @Test
    void aContinuationLineIsToldFromALineOfItsOwn() {
        String line = String.format("%10d %7d  %-20s %9d  %s", 2248, 8, "0xc0000001", 69,
                "unknown record (application-defined, optional): readers skip it");
        List<String> wrapped = Lines.wrap(line, 52).lines().toList();
        assertThat(wrapped).hasSize(2);
        assertThat(Lines.continues(wrapped.get(0), wrapped.get(1))).isTrue();
        // a field line under a record line that fits is a line of its own, though indented
        assertThat(Lines.continues("      1600       1  SECTION                     44  sample.config/0 v2",
                "                      machine = \"sample-store\"")).isFalse();
        assertThat(Lines.continues(wrapped.get(0), "not indented")).isFalse();
    }

    @Test
    void aWordLongerThanTheRoomLeftIsKeptWhole() {
        String word = "f".repeat(120);
        assertThat(Lines.wrap("digest " + word, 4)).isEqualTo("digest\n    " + word);
        assertThat(Lines.wrap(word, 4)).isEqualTo(word);
    }
}
