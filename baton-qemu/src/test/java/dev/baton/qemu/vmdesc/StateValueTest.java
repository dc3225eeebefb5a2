package dev.baton.qemu.vmdesc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.qemu.vmdesc.StateValue.BytesValue;
import dev.baton.qemu.vmdesc.StateValue.IntValue;
import dev.baton.qemu.vmdesc.StateValue.ListValue;
import dev.baton.qemu.vmdesc.StateValue.StructValue;
import org.junit.jupiter.api.Test;

/** analyze-migration.py's value formatting and its way of merging repeated field names. */
class StateValueTest {

    @Test
    void integersAreZeroPaddedHexWithTheSignedValueWhenNegative() {
        assertThat(new IntValue(0x2a, 1, false).text()).isEqualTo("0x2a");
        assertThat(new IntValue(0xff, 1, true).text()).isEqualTo("0xff (-1)");
        assertThat(new IntValue(0xff, 1, false).text()).isEqualTo("0xff");
        assertThat(new IntValue(0x10, 4, true).text()).isEqualTo("0x00000010");
        assertThat(new IntValue(-1L, 8, false).text()).isEqualTo("0xffffffffffffffff");
        assertThat(new IntValue(0x8000000000000000L, 8, true).text()).isEqualTo("0x8000000000000000 (-9223372036854775808)");
    }

    @Test
    void buffersAreSpacedHex() {
        assertThat(new BytesValue(new byte[] {0, 0x1f, (byte) 0xab}).text()).isEqualTo("00 1f ab");
        assertThat(new BytesValue(new byte[0]).text()).isEmpty();
    }

    @Test
    void repeatedNamesBecomeAListAndSubsectionsReplace() {
        StructValue s = new StructValue();
        s.putField("a", new IntValue(1, 1, false));
        s.putField("b", new IntValue(2, 1, false));
        s.putField("a", new IntValue(3, 1, false));
        s.putField("a", new IntValue(4, 1, false));
        assertThat(s.entries().keySet()).containsExactly("a", "b");
        assertThat(((ListValue) s.get("a")).items()).hasSize(3);
        StructValue sub = new StructValue();
        s.putSubsection("b", sub);
        assertThat(s.entries().keySet()).containsExactly("a", "b");
        assertThat(s.get("b")).isSameAs(sub);
    }
}
