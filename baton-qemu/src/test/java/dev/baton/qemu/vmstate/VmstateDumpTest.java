package dev.baton.qemu.vmstate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.baton.core.compat.CompatibilityChecker;
import dev.baton.core.compat.Finding;
import dev.baton.core.compat.Finding.Direction;
import dev.baton.core.compat.Finding.Kind;
import dev.baton.core.compat.Finding.Severity;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
import java.util.List;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;

/**
 * Real -dump-vmstate dumps of QEMU 7.2 (make-dumps.sh) and a "next release" derived from one
 * (doctor-dump.py), compared with the same checker as Baton's own descriptions.
 */
class VmstateDumpTest {

    private static VmstateDump dump(String name) throws Exception {
        try (InputStream in = new GZIPInputStream(VmstateDumpTest.class.getResourceAsStream("/qemu/vmstate/" + name))) {
            return VmstateDump.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
    }

    private static List<Finding> check(String old, String neu) throws Exception {
        return new CompatibilityChecker(dump(old).schema(), dump(neu).schema(), null)
                .check(EnumSet.allOf(Direction.class));
    }

    @Test
    void aRealDumpReadsWithItsMachineAndSections() throws Exception {
        VmstateDump d = dump("pc-q35-7.2.json.gz");
        assertThat(d.machine()).isEqualTo("pc-q35-7.2");
        assertThat(d.schema().sections()).hasSizeGreaterThan(200).containsKeys("e1000", "mc146818rtc", "ps2-kbd");
        assertThat(d.schema().sections().get("e1000").version()).isEqualTo(2);
        assertThat(d.schema().inlineStructs()).isTrue();
    }

    @Test
    void twoMachineTypesOfOneQemuAreCompatible() throws Exception {
        assertThat(check("pc-i440fx-2.12.json.gz", "pc-q35-7.2.json.gz")).isEmpty();
    }

    @Test
    void everyChangeOfTheNextReleaseIsFound() throws Exception {
        List<Finding> forward = check("pc-q35-7.2.json.gz", "next-release.json.gz").stream()
                .filter(f -> f.direction() == Direction.FORWARD).toList();
        assertThat(forward).extracting(Finding::kind, Finding::path).containsExactlyInAnyOrder(
                org.assertj.core.groups.Tuple.tuple(Kind.SUBSECTION_UNKNOWN, "ps2-kbd/(ps2kbd/need_high_bit)"),
                org.assertj.core.groups.Tuple.tuple(Kind.MINIMUM_VERSION_TOO_HIGH, "e1000"),
                org.assertj.core.groups.Tuple.tuple(Kind.FIELD_RENAMED, "mc146818rtc.unused"),
                org.assertj.core.groups.Tuple.tuple(Kind.FIELD_SIZE_CHANGED, "mc146818rtc.period"),
                org.assertj.core.groups.Tuple.tuple(Kind.SECTION_MISSING, "i6300esb"));
        // Unused padding that stands for a field of the same size is the same on the wire: a warning.
        assertThat(forward).filteredOn(f -> f.kind() == Kind.FIELD_RENAMED)
                .extracting(Finding::severity).containsOnly(Severity.WARNING);
    }

    @Test
    void notADump() {
        assertThat(VmstateDump.isDump(java.util.Map.of("descriptions", java.util.Map.of()))).isFalse();
        assertThatThrownBy(() -> VmstateDump.parse("{\"e1000\": {\"Name\": \"e1000\"}}"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("has no \"Description\"");
        assertThatThrownBy(() -> VmstateDump.parse("{\"e1000\": {\"Description\": {\"name\": 7}}}"))
                .isInstanceOf(IllegalArgumentException.class);
    }

}
