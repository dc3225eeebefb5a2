package dev.baton.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** How {@code baton inspect} shows the values of the nstring and strings kinds. */
class FieldFormatTest {

    @Test
    void aNullStringAndAListOfStrings() {
        assertThat(FieldFormat.text(null)).isEqualTo("null");
        assertThat(FieldFormat.text(List.of("a", "b"))).isEqualTo("[\"a\", \"b\"]");
        assertThat(FieldFormat.text(List.of())).isEqualTo("[]");
        assertThat(FieldFormat.text(Arrays.asList("Steve Jobs스", ""))).isEqualTo("[\"Steve Jobs스\", \"\"]");
    }
}
