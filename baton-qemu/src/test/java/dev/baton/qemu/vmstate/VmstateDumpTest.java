package dev.baton.qemu.vmstate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import dev.baton.core.compat.CompatibilityChecker;
import dev.baton.core.compat.Finding;
import dev.baton.core.compat.Finding.Direction;
import dev.baton.core.compat.Finding.Kind;
import dev.baton.core.compat.Finding.Severity;
import dev.baton.core.compat.Schema;
import dev.baton.core.json.JsonParser;
import dev.baton.core.json.JsonWriter;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
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
        assertThat(VmstateDump.isDump(java.util.Map.of("format", "baton-descriptions/1"))).isFalse();
        assertThatThrownBy(() -> VmstateDump.parse("{\"e1000\": {\"Description\": {\"name\": 7}}}"))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("section e1000: \"name\" is missing or not a string");
        assertThatThrownBy(() -> VmstateDump.parse("{\"e1000\": {\"Description\": []}}"))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("section e1000: its \"Description\" is not a JSON object");
    }

    /** The q35 dump as JSON objects, to take entries out of (vmstate-static-checker.py reads such dumps). */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> q35() throws Exception {
        try (InputStream in = new GZIPInputStream(VmstateDumpTest.class.getResourceAsStream("/qemu/vmstate/pc-q35-7.2.json.gz"))) {
            return (Map<String, Object>) JsonParser.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> description(Map<String, Object> dump, String section) {
        return (Map<String, Object>) ((Map<String, Object>) dump.get(section)).get("Description");
    }

    private static Schema schema(Map<String, Object> dump) throws Exception {
        StringBuilder sb = new StringBuilder();
        write(dump, new JsonWriter(sb));
        return VmstateDump.parse(sb.toString()).schema();
    }

    private static void write(Object v, JsonWriter w) {
        switch (v) {
            case Map<?, ?> m -> {
                w.beginObject();
                m.forEach((k, e) -> write(e, w.name((String) k)));
                w.endObject();
            }
            case List<?> l -> {
                w.beginArray();
                l.forEach(e -> write(e, w));
                w.endArray();
            }
            case String t -> w.value(t);
            case Long n -> w.value(n);
            case Boolean b -> w.value(b);
            default -> throw new IllegalArgumentException("no " + v + " in a dump");
        }
    }

    private static List<Finding> check(Schema old, Schema neu, Direction direction) {
        return new CompatibilityChecker(old, neu, null).check(EnumSet.of(direction));
    }

    @Test
    void aSectionWithoutDescriptionFieldsOrSubsectionsIsReadAndEachMissingEntryIsAFinding() throws Exception {
        Map<String, Object> dump = q35();
        ((Map<?, ?>) dump.get("e1000")).remove("Description");
        description(dump, "mc146818rtc").remove("Fields");
        description(dump, "ps2-kbd").remove("Subsections");
        Schema lacking = schema(dump);
        Schema whole = schema(q35());
        assertThat(lacking.sections().get("e1000").lacks(Schema.Entry.DESCRIPTION)).isTrue();
        assertThat(lacking.sections().get("e1000").version()).isEqualTo(2); // the section's own version_id

        // OLD has them, NEW lacks them: as the script says 'Entry "..." missing', one error each
        assertThat(check(whole, lacking, Direction.FORWARD)).extracting(Finding::severity, Finding::kind, Finding::path,
                Finding::message).containsExactlyInAnyOrder(
                tuple(Severity.ERROR, Kind.ENTRY_MISSING, "e1000", "NEW has no \"Description\" of 'e1000', which OLD "
                        + "has: its fields and subsections are not compared"),
                tuple(Severity.ERROR, Kind.ENTRY_MISSING, "mc146818rtc", "NEW has no \"Fields\" of 'mc146818rtc', "
                        + "which OLD has: its fields are not compared"),
                tuple(Severity.ERROR, Kind.ENTRY_MISSING, "ps2-kbd", "NEW has no \"Subsections\" of 'ps2kbd', which "
                        + "OLD has: its subsections are not compared"));

        // OLD lacks them: the script compares only what OLD has; a writer without fields while the
        // reader reads some is what breaks a load, so Baton reports the fields NEW reads
        List<Finding> reverse = check(lacking, whole, Direction.FORWARD);
        assertThat(reverse).filteredOn(f -> f.path().equals("e1000")).singleElement().satisfies(f -> {
            assertThat(f.severity()).isEqualTo(Severity.INFO);
            assertThat(f.message()).isEqualTo("OLD has no \"Description\" of 'e1000': only its versions are compared");
        });
        assertThat(reverse).filteredOn(f -> f.severity() == Severity.ERROR).extracting(Finding::kind).containsOnly(
                Kind.FIELD_MISSING).isNotEmpty();
        assertThat(reverse).filteredOn(f -> f.severity() == Severity.ERROR).extracting(Finding::path)
                .allMatch(p -> p.startsWith("mc146818rtc."));
        assertThat(reverse).noneMatch(f -> f.path().startsWith("ps2-kbd"));

        // the same dump on both sides: nothing to report but what cannot be compared
        assertThat(check(lacking, lacking, Direction.FORWARD)).extracting(Finding::severity).containsOnly(Severity.INFO);
    }

    @Test
    void aDescriptionWithoutFieldsIsOneWithNone() throws Exception {
        // QEMU leaves "Fields" out of a description that has none (17 of the q35 dump's)
        Schema whole = schema(q35());
        assertThat(whole.descriptions().values()).filteredOn(d -> d.lacks(Schema.Entry.FIELDS)).isNotEmpty()
                .allMatch(d -> d.fields().isEmpty());
        assertThat(whole.descriptions().values()).filteredOn(d -> !d.lacks(Schema.Entry.SUBSECTIONS)).isNotEmpty();
    }

}
