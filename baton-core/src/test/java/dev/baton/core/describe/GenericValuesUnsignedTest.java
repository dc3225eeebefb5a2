package dev.baton.core.describe;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.core.json.JsonParser;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A decoded state shown with its u64 values as the numbers they are, wherever they are nested. */
class GenericValuesUnsignedTest {
    private static final BigInteger MAX_U64 = new BigInteger("18446744073709551615");

    @SuppressWarnings("unchecked")
    private static GenericValues values() throws Exception {
        return new GenericValues((Map<String, Object>) JsonParser.parse("""
                {"outer": {"fields": [
                    {"name": "a", "kind": "u64"},
                    {"name": "s", "kind": "s64"},
                    {"name": "b", "kind": "array", "element": "u64"},
                    {"name": "t", "kind": "array", "element": "s64"},
                    {"name": "c", "kind": "list", "description": "inner"},
                    {"name": "d", "kind": "struct", "description": "inner"}]},
                 "inner": {"fields": [{"name": "x", "kind": "u64"}]}}
                """));
    }

    private static GenericState inner(long x) {
        GenericState s = new GenericState();
        s.put("x", x);
        return s;
    }

    @Test
    void u64ValuesBecomeTheirNumbersAndNothingElseChanges() throws Exception {
        GenericState state = new GenericState();
        state.put("a", -1L);
        state.put("s", -1L);
        state.put("b", new long[] {-1L, 7L});
        state.put("t", new long[] {-1L});
        state.put("c", List.of(inner(-2L), inner(3L)));
        state.put("d", inner(Long.MIN_VALUE));

        GenericState shown = values().withUnsignedU64("outer", state);

        assertThat(shown.get("a")).isEqualTo(MAX_U64);
        assertThat(shown.get("s")).isEqualTo(-1L);
        assertThat(shown.get("b")).isEqualTo(List.of(MAX_U64, 7L));
        assertThat(shown.get("t")).isSameAs(state.get("t"));
        assertThat(((List<?>) shown.get("c"))).extracting(s -> ((GenericState) s).get("x"))
                .containsExactly(MAX_U64.subtract(BigInteger.ONE), 3L);
        assertThat(((GenericState) shown.get("d")).get("x")).isEqualTo(BigInteger.ONE.shiftLeft(63));
        assertThat(state.get("a")).as("the state itself is left as the codec holds it").isEqualTo(-1L);
    }

    @Test
    void aFieldTheDecodingStoppedBeforeStaysAbsent() throws Exception {
        GenericState partial = new GenericState();
        partial.put("a", 5L);
        GenericState shown = values().withUnsignedU64("outer", partial);
        assertThat(shown).containsOnlyKeys("a");
        assertThat(shown.get("a")).isEqualTo(5L);
    }
}
