package dev.baton.core.compat;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.core.compat.Finding.Direction;
import dev.baton.core.compat.Finding.Kind;
import dev.baton.core.compat.Finding.Severity;
import dev.baton.core.describe.StateDescription;
import dev.baton.core.engine.ReleaseProfiles;
import dev.baton.core.engine.SchemaDocument;
import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The static checker on description documents of two releases. */
class CompatibilityCheckerTest {

    static final class Item {
        long id;
        String name;
        long size;
        boolean flag;
    }

    private static final StateDescription<Item> PART = StateDescription.<Item>builder("part", Item::new)
            .u32("id", i -> i.id, (i, v) -> i.id = v).build();

    private static StateDescription<Item> v1() {
        return StateDescription.<Item>builder("item").version(1)
                .u32("id", i -> i.id, (i, v) -> i.id = v)
                .string("name", i -> i.name, (i, v) -> i.name = v)
                .u16("magic", i -> 7, (i, v) -> { }).equalTo(7)
                .build();
    }

    private static final ReleaseProfiles RELEASES = ReleaseProfiles.builder()
            .release("1.0").pin("item.extra", "off").pinVersion("item", 1)
            .release("2.0").build();

    private static StateDescription<Item> v2(boolean gated) {
        StateDescription<Item> extra = StateDescription.<Item>builder("item/extra")
                .bool("flag", i -> i.flag, (i, v) -> i.flag = v).build();
        var b = StateDescription.<Item>builder("item").version(2).minimumVersion(1)
                .u32("id", i -> i.id, (i, v) -> i.id = v)
                .string("name", i -> i.name, (i, v) -> i.name = v)
                .u16("magic", i -> 7, (i, v) -> { }).equalTo(7)
                .u64("size", i -> i.size, (i, v) -> i.size = v).since(2);
        return gated ? b.subsection(extra, "item.extra", (i, ctx) -> i.flag).build()
                : b.subsection(extra, i -> i.flag).build();
    }

    private static Schema schema(StateDescription<?> d, ReleaseProfiles profiles) throws Exception {
        return Schema.parse(SchemaDocument.of(List.of(d), profiles));
    }

    private static List<Finding> check(StateDescription<?> old, StateDescription<?> neu, String profile) throws Exception {
        return new CompatibilityChecker(schema(old, null), schema(neu, RELEASES), profile)
                .check(EnumSet.allOf(Direction.class));
    }

    private static List<Finding> errors(List<Finding> all) {
        return all.stream().filter(f -> f.severity() == Severity.ERROR).toList();
    }

    @Test
    void aCompatiblePairHasNoErrorsInEitherDirection() throws Exception {
        List<Finding> findings = check(v1(), v2(true), "1.0");
        assertThat(errors(findings)).isEmpty();
        assertThat(findings).extracting(Finding::kind).contains(Kind.SUBSECTION_GATED);
    }

    @Test
    void withoutTheProfileRollbackWritesAVersionTooNew() throws Exception {
        assertThat(errors(check(v1(), v2(true), null))).singleElement().satisfies(f -> {
            assertThat(f.direction()).isEqualTo(Direction.BACKWARD);
            assertThat(f.kind()).isEqualTo(Kind.VERSION_TOO_NEW);
            assertThat(f.message()).isEqualTo("NEW writes 'item' at version 2, above OLD's version 1");
        });
    }

    @Test
    void aProfileThatPinsAVersionNewCannotWriteIsAnError() throws Exception {
        StateDescription<Item> v2only = StateDescription.<Item>builder("item").version(2).minimumVersion(2)
                .u32("id", i -> i.id, (i, v) -> i.id = v)
                .string("name", i -> i.name, (i, v) -> i.name = v)
                .u16("magic", i -> 7, (i, v) -> { }).equalTo(7)
                .build();
        List<Finding> f = new CompatibilityChecker(schema(v1(), null), schema(v2only, RELEASES), "1.0")
                .check(EnumSet.of(Direction.BACKWARD));
        assertThat(f).extracting(Finding::severity, Finding::kind, Finding::path, Finding::message).containsExactly(
                org.assertj.core.groups.Tuple.tuple(Severity.ERROR, Kind.MINIMUM_VERSION_TOO_HIGH, "item",
                        "the profile pins 'item' at version 1, which NEW cannot write: it writes versions 2 to 2"));
        // as its saver refuses to
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new dev.baton.core.describe.DescriptionContext(
                RELEASES.profile("1.0").pins()).writeVersion(v2only))
                .hasMessage("'item' cannot be written at version 1: this build writes versions 2 to 2");
    }

    @Test
    void aSubsectionWithoutAGateIsUnknownToTheOldRelease() throws Exception {
        assertThat(errors(check(v1(), v2(false), "1.0"))).singleElement().satisfies(f -> {
            assertThat(f.kind()).isEqualTo(Kind.SUBSECTION_UNKNOWN);
            assertThat(f.path()).isEqualTo("item/(item/extra)");
            assertThat(f.message()).contains("(it has no gate a profile could pin off)");
        });
    }

    @Test
    void everyKindOfBreakIsNamed() throws Exception {
        StateDescription<Item> broken = StateDescription.<Item>builder("item").version(1)
                .string("name", i -> i.name, (i, v) -> i.name = v)       // reordered with id
                .u32("id", i -> i.id, (i, v) -> i.id = v)
                .u32("magic", i -> 7, (i, v) -> { }).equalTo(8)          // kind and constant changed
                .struct("part", PART, i -> null, (i, v) -> { })          // extra field
                .build();
        List<Finding> f = errors(check(v1(), broken, null)).stream().filter(x -> x.direction() == Direction.FORWARD)
                .toList();
        assertThat(f).extracting(Finding::kind).containsExactly(Kind.FIELD_REORDERED, Kind.FIELD_REORDERED,
                Kind.FIELD_KIND_CHANGED, Kind.FIELD_MISSING);
        assertThat(f.get(2).path()).isEqualTo("item.magic");
        assertThat(f.get(2).message()).isEqualTo("kind u16 in OLD, u32 in NEW");
    }

    @Test
    void aWhenFieldOneSideLacksIsAWarningEitherWay() throws Exception {
        StateDescription<Item> a = StateDescription.<Item>builder("item")
                .u32("id", i -> i.id, (i, v) -> i.id = v).build();
        StateDescription<Item> b = StateDescription.<Item>builder("item")
                .u32("id", i -> i.id, (i, v) -> i.id = v)
                .string("name", i -> i.name, (i, v) -> i.name = v).when("item.name", (i, ctx) -> ctx.enabled("item.name"))
                .build();
        List<Finding> f = new CompatibilityChecker(schema(a, null), schema(b, null), null)
                .check(EnumSet.allOf(Direction.class));
        assertThat(f).extracting(Finding::direction, Finding::severity, Finding::kind, Finding::message).containsExactly(
                org.assertj.core.groups.Tuple.tuple(Direction.FORWARD, Severity.WARNING, Kind.FIELD_MISSING,
                        "NEW reads field 'name', which OLD does not write (unless its condition 'item.name' is false)"),
                org.assertj.core.groups.Tuple.tuple(Direction.BACKWARD, Severity.WARNING, Kind.FIELD_EXTRA,
                        "NEW writes field 'name', which OLD does not read (unless its condition 'item.name' is false)"));
    }

    @Test
    void unusedPaddingInPlaceOfRemovedFieldsOfItsSizeIsTheSameOnTheWire() throws Exception {
        StateDescription<Item> a = StateDescription.<Item>builder("item")
                .u32("id", i -> i.id, (i, v) -> i.id = v)
                .u64("size", i -> i.size, (i, v) -> i.size = v)
                .bool("flag", i -> i.flag, (i, v) -> i.flag = v)
                .string("name", i -> i.name, (i, v) -> i.name = v)
                .build();
        StateDescription<Item> b = StateDescription.<Item>builder("item")
                .u32("id", i -> i.id, (i, v) -> i.id = v)
                .unused(9)
                .string("name", i -> i.name, (i, v) -> i.name = v)
                .build();
        List<Finding> f = new CompatibilityChecker(schema(a, null), schema(b, null), null)
                .check(EnumSet.allOf(Direction.class));
        assertThat(f).extracting(Finding::direction, Finding::severity, Finding::kind, Finding::path, Finding::message)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(Direction.FORWARD, Severity.WARNING, Kind.FIELD_RENAMED,
                                "item.unused1", "9 octets of unused padding in NEW stand for [size, flag] in OLD: the "
                                        + "same on the wire"),
                        org.assertj.core.groups.Tuple.tuple(Direction.BACKWARD, Severity.WARNING, Kind.FIELD_RENAMED,
                                "item.unused1", "9 octets of unused padding in NEW stand for [size, flag] in OLD: the "
                                        + "same on the wire"));
    }

    @Test
    void unusedPaddingOfAnotherSizeIsNoStandIn() throws Exception {
        StateDescription<Item> a = StateDescription.<Item>builder("item")
                .u64("size", i -> i.size, (i, v) -> i.size = v).build();
        StateDescription<Item> b = StateDescription.<Item>builder("item").unused(4).build();
        List<Finding> f = new CompatibilityChecker(schema(a, null), schema(b, null), null)
                .check(EnumSet.of(Direction.FORWARD));
        assertThat(f).extracting(Finding::severity, Finding::kind, Finding::message).containsExactly(
                org.assertj.core.groups.Tuple.tuple(Severity.ERROR, Kind.FIELD_KIND_CHANGED, "kind u64 in OLD, unused in NEW"));
    }

    enum Access { READ, WRITE, ADMIN }

    /** A description of an Access field whose constants have the ids {@code ids} gives them (null: not listed). */
    private static StateDescription<Item> access(java.util.function.ToIntFunction<Access> ids,
            java.util.function.IntFunction<Access> byId) {
        return StateDescription.<Item>builder("item")
                .enumeration("access", Access.class, ids, byId, i -> Access.READ, (i, v) -> { }).build();
    }

    private static List<Finding> enumFindings(StateDescription<Item> a, StateDescription<Item> b) throws Exception {
        return new CompatibilityChecker(schema(a, null), schema(b, null), null).check(EnumSet.allOf(Direction.class));
    }

    @Test
    void anEnumIdThatStandsForAnotherConstantIsAnError() throws Exception {
        StateDescription<Item> a = access(x -> x.ordinal() + 1, n -> Access.values()[n - 1]);
        StateDescription<Item> b = access(x -> x == Access.READ ? 2 : x == Access.WRITE ? 1 : 3,
                n -> n == 2 ? Access.READ : n == 1 ? Access.WRITE : Access.ADMIN);
        assertThat(enumFindings(a, b)).extracting(Finding::direction, Finding::severity, Finding::kind, Finding::path,
                Finding::message).containsExactly(
                org.assertj.core.groups.Tuple.tuple(Direction.FORWARD, Severity.ERROR, Kind.ENUM_ID_CHANGED, "item.access",
                        "id 1 is READ in OLD but WRITE in NEW, id 2 is WRITE in OLD but READ in NEW: a load reads another "
                                + "constant"),
                org.assertj.core.groups.Tuple.tuple(Direction.BACKWARD, Severity.ERROR, Kind.ENUM_ID_CHANGED, "item.access",
                        "id 2 is READ in NEW but WRITE in OLD, id 1 is WRITE in NEW but READ in OLD: a load reads another "
                                + "constant"));
    }

    @Test
    void anEnumIdTheReaderLacksIsAWarningAndAnIdOnlyTheReaderHasIsNone() throws Exception {
        StateDescription<Item> a = access(x -> x == Access.ADMIN ? 9 : x.ordinal() + 1, n -> Access.values()[n - 1]);
        StateDescription<Item> b = access(x -> x.ordinal() + 1, n -> Access.values()[n - 1]);
        assertThat(enumFindings(a, b)).extracting(Finding::direction, Finding::severity, Finding::kind, Finding::message)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(Direction.FORWARD, Severity.WARNING, Kind.ENUM_ID_UNKNOWN,
                                "OLD may write id 9 (ADMIN), which NEW does not know: loading a stream that holds it "
                                        + "fails"),
                        org.assertj.core.groups.Tuple.tuple(Direction.BACKWARD, Severity.WARNING, Kind.ENUM_ID_UNKNOWN,
                                "NEW may write id 3 (ADMIN), which OLD does not know: loading a stream that holds it "
                                        + "fails"));
    }

    @Test
    void aRenamedEnumConstantIsAWarning() throws Exception {
        String a = "{\"descriptions\": {\"item\": {\"name\": \"item\", \"version\": 1, \"fields\": [{\"name\": \"access\","
                + " \"kind\": \"enum\", \"values\": {\"READ\": 1, \"RW\": 2}}]}}}";
        String b = a.replace("\"RW\"", "\"READ_WRITE\"");
        List<Finding> f = new CompatibilityChecker(Schema.parse(a), Schema.parse(b), null)
                .check(EnumSet.of(Direction.FORWARD));
        assertThat(f).extracting(Finding::severity, Finding::kind, Finding::message).containsExactly(
                org.assertj.core.groups.Tuple.tuple(Severity.WARNING, Kind.ENUM_ID_CHANGED,
                        "id 2 is RW in OLD but READ_WRITE in NEW: a renamed constant, the same on the wire"));
    }

    @Test
    void enumValuesWithoutAnIdAreRefusedByName() {
        String doc = "{\"descriptions\": {\"item\": {\"name\": \"item\", \"version\": 1, \"fields\": [{\"name\": \"access\","
                + " \"kind\": \"enum\", \"values\": {\"READ\": \"one\"}}]}}}";
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> Schema.parse(doc))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("READ");
    }

    @Test
    void aStringThatBecomesNullableChangesKind() throws Exception {
        StateDescription<Item> a = StateDescription.<Item>builder("item")
                .string("name", i -> i.name, (i, v) -> i.name = v).build();
        StateDescription<Item> b = StateDescription.<Item>builder("item")
                .nullableString("name", i -> i.name, (i, v) -> i.name = v).build();
        List<Finding> f = new CompatibilityChecker(schema(a, null), schema(b, null), null)
                .check(EnumSet.allOf(Direction.class));
        assertThat(f).extracting(Finding::direction, Finding::kind, Finding::path).containsExactlyInAnyOrder(
                org.assertj.core.groups.Tuple.tuple(Direction.FORWARD, Kind.FIELD_KIND_CHANGED, "item.name"),
                org.assertj.core.groups.Tuple.tuple(Direction.BACKWARD, Kind.FIELD_KIND_CHANGED, "item.name"));
        assertThat(f).allSatisfy(x -> assertThat(x.severity()).isEqualTo(Severity.ERROR));
    }

    @Test
    void renamesSizesCountsAndConstants() throws Exception {
        StateDescription<Item> a = StateDescription.<Item>builder("item")
                .u32("id", i -> i.id, (i, v) -> i.id = v)
                .bytes("key", 16, i -> new byte[16], (i, v) -> { })
                .u16("magic", i -> 7, (i, v) -> { }).equalTo(7)
                .build();
        StateDescription<Item> b = StateDescription.<Item>builder("item")
                .u32("ident", i -> i.id, (i, v) -> i.id = v)
                .bytes("key", 32, i -> new byte[32], (i, v) -> { })
                .u16("magic", i -> 7, (i, v) -> { }).equalTo(9)
                .build();
        List<Finding> f = new CompatibilityChecker(schema(a, null), schema(b, null), null)
                .check(EnumSet.of(Direction.FORWARD));
        assertThat(f).extracting(x -> x.kind().id()).containsExactly("field-renamed", "field-size-changed",
                "equal-differs");
        assertThat(f.get(0).severity()).isEqualTo(Severity.WARNING);
        assertThat(f.get(1).message()).isEqualTo("size 16 octets in OLD, 32 octets in NEW");
    }

    @Test
    void nestedDescriptionsAreComparedToo() throws Exception {
        StateDescription<Item> partV2 = StateDescription.<Item>builder("part", Item::new)
                .u64("id", i -> i.id, (i, v) -> i.id = v).build();
        StateDescription<Item> a = StateDescription.<Item>builder("item")
                .list("parts", PART, i -> List.of(), (i, v) -> { }).build();
        StateDescription<Item> b = StateDescription.<Item>builder("item")
                .list("parts", partV2, i -> List.of(), (i, v) -> { }).build();
        List<Finding> f = new CompatibilityChecker(schema(a, null), schema(b, null), null)
                .check(EnumSet.of(Direction.FORWARD));
        assertThat(f).extracting(Finding::kind, Finding::path).containsExactly(
                org.assertj.core.groups.Tuple.tuple(Kind.FIELD_KIND_CHANGED, "item.parts[].id"),
                org.assertj.core.groups.Tuple.tuple(Kind.NESTED_CHANGED, "item.parts"));
    }

    @Test
    void aGatedSubsectionOfANestedDescriptionIsNoError() throws Exception {
        StateDescription<Item> part2 = StateDescription.<Item>builder("part", Item::new)
                .u32("id", i -> i.id, (i, v) -> i.id = v)
                .subsection(StateDescription.<Item>builder("part/extra").bool("flag", i -> i.flag, (i, v) -> i.flag = v)
                        .build(), "item.extra", (i, ctx) -> i.flag)
                .build();
        StateDescription<Item> a = StateDescription.<Item>builder("item").version(1)
                .list("parts", PART, i -> List.of(), (i, v) -> { }).build();
        StateDescription<Item> b = StateDescription.<Item>builder("item").version(1)
                .list("parts", part2, i -> List.of(), (i, v) -> { }).build();
        List<Finding> f = check(a, b, "1.0");
        assertThat(errors(f)).isEmpty();
        assertThat(f).extracting(Finding::kind).containsExactly(Kind.SUBSECTION_GATED);
    }

    @Test
    void aMissingSection() throws Exception {
        StateDescription<Item> other = StateDescription.<Item>builder("other").build();
        List<Finding> f = new CompatibilityChecker(schema(v1(), null), schema(other, null), null)
                .check(EnumSet.of(Direction.FORWARD));
        assertThat(f).extracting(Finding::kind).containsExactly(Kind.SECTION_MISSING, Kind.SECTION_UNUSED);
    }
}
