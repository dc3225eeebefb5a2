package dev.baton.core.describe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.baton.core.describe.annotation.AsSubsection;
import dev.baton.core.describe.annotation.CountField;
import dev.baton.core.describe.annotation.Description;
import dev.baton.core.describe.annotation.EnumId;
import dev.baton.core.describe.annotation.Equal;
import dev.baton.core.describe.annotation.Nullable;
import dev.baton.core.describe.annotation.Since;
import dev.baton.core.describe.annotation.Size;
import dev.baton.core.describe.annotation.Unsigned;
import dev.baton.core.describe.annotation.Validate;
import dev.baton.core.describe.annotation.When;
import dev.baton.core.describe.annotation.Width;
import java.lang.invoke.MethodHandles;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Every rule a derivation enforces, broken once: one {@link DerivationException} whose one-line
 * message names the type, the component or field, and the rule.
 */
class DerivationErrorsTest {

    private static DerivationException refused(Class<?> type) {
        return refused(MethodHandles.lookup(), type);
    }

    private static DerivationException refused(MethodHandles.Lookup lookup, Class<?> type) {
        DerivationException e = catchThrowableOfType(DerivationException.class,
                () -> Derivation.with(lookup).derive(type));
        assertThat(e).as("derivation of " + type.getSimpleName() + " is refused").isNotNull();
        assertThat(e.getMessage()).doesNotContain("\n");
        return e;
    }

    private static final String PREFIX = "cannot derive a description from ";

    private static String name(Class<?> c) {
        return c.getName();
    }

    // ---- types a derivation cannot hold ----------------------------------------------------------------

    record Untyped(Object value) {
    }

    record Optional1(Optional<String> value) {
    }

    record Boxed(List<Integer> values) {
    }

    record Sets(Set<String> values) {
    }

    record Keys(Map<Integer, Untyped> byNumber) {
    }

    record Shorts(@Size(2) short[] values) {
    }

    @Test
    void anUnsupportedTypeIsNamed() {
        DerivationException e = refused(Untyped.class);
        assertThat(e.type()).isEqualTo(Untyped.class);
        assertThat(e.member()).isEqualTo("value");
        assertThat(e.getMessage()).isEqualTo(PREFIX + "record " + name(Untyped.class) + ", component 'value': its"
                + " type (java.lang.Object) has no kind: derived descriptions hold scalars, String, List<String>,"
                + " enums, byte[], int[], long[], double[], and records and classes (as fields, nullable, in List,"
                + " Map and arrays); describe others with the builder and pass them to Derivation.describing");
        assertThat(refused(Optional1.class).rule()).startsWith("its type (java.util.Optional) has no kind");
        assertThat(refused(Boxed.class).rule()).startsWith("a List's elements (java.lang.Integer) has no kind");
        assertThat(refused(Sets.class).rule())
                .isEqualTo("declare it as List or Map, not Set (loading makes an ArrayList or a LinkedHashMap)");
        assertThat(refused(Keys.class).rule())
                .isEqualTo("a Map's keys are String or Long (map, longMap), not java.lang.Integer");
        assertThat(refused(Shorts.class).rule()).startsWith("short[] has no kind: arrays of scalars are int[],");
    }

    // ---- annotations missing, misplaced or out of range ------------------------------------------------

    record Key(byte[] key) {
    }

    record Ports(@Size(2) @Unsigned int[] ports) {
    }

    record Wide(@Width(64) int value) {
    }

    record Odd(@Width(12) long value) {
    }

    record Flag(@Unsigned boolean on) {
    }

    record Misplaced(@Size(4) String name) {
    }

    record Late(@Since(2) long value) {
    }

    record Both(int n, @Size(2) @CountField("n") long[] values) {
    }

    record CountedByText(String n, @CountField("n") byte[] key) {
    }

    record CountedLater(@CountField("n") byte[] key, int n) {
    }

    record EqualRecord(@Equal int format) {
    }

    enum Mode {
        @EnumId(1) RO, @EnumId(2) RW
    }

    record NullMode(@Nullable Mode mode) {
    }

    @Test
    void aMissingOrMisplacedAnnotationIsNamed() {
        assertThat(refused(Key.class).getMessage()).isEqualTo(PREFIX + "record " + name(Key.class)
                + ", component 'key': byte[] needs @Size(n) or @CountField(\"field\")");
        assertThat(refused(Ports.class).rule())
                .isEqualTo("an int[] holds u8, s8, u16, s16 and s32 elements: u32 elements need a long[]");
        assertThat(refused(Wide.class).rule()).isEqualTo("@Width(64) is wider than int (32 bits)");
        assertThat(refused(Odd.class).rule()).isEqualTo("@Width(12) is not 8, 16, 32 or 64");
        assertThat(refused(Flag.class).rule()).isEqualTo("boolean is bool: @Unsigned and @Width do not apply");
        assertThat(refused(Misplaced.class).rule()).isEqualTo("@Size does not apply to String (kind string)");
        assertThat(refused(Late.class).rule())
                .isEqualTo("@Since(2) is outside the description's versions 1 to 1 (raise @Description(version = ...))");
        assertThat(refused(Both.class).rule()).isEqualTo("@Size and @CountField both count it: keep one");
        assertThat(refused(CountedByText.class).rule())
                .isEqualTo("@CountField(\"n\") names a string field, not an integer");
        assertThat(refused(CountedLater.class).rule()).isEqualTo("@CountField(\"n\") names no field declared before it");
        assertThat(refused(EqualRecord.class).rule()).startsWith("@Equal compares with the object's own value, and a"
                + " record has none before it loads");
        assertThat(refused(NullMode.class).rule()).isEqualTo("@Nullable does not apply to "
                + "DerivationErrorsTest.Mode (kind enum)");
    }

    enum Unnumbered {
        A, B
    }

    enum Twice {
        @EnumId(3) A, @EnumId(3) B
    }

    record HoldsUnnumbered(Unnumbered u) {
    }

    record HoldsTwice(Twice t) {
    }

    @Test
    void anEnumWithoutStableIdsIsNamedWithWhereItIsHeld() {
        DerivationException e = refused(HoldsUnnumbered.class);
        assertThat(e.type()).isEqualTo(Unnumbered.class);
        assertThat(e.member()).isEqualTo("A");
        assertThat(e.getMessage()).isEqualTo(PREFIX + "enum " + name(Unnumbered.class) + ", constant 'A': every"
                + " constant needs @EnumId(n): an enum is written as a stable id, never its ordinal (reached"
                + " through " + name(HoldsUnnumbered.class) + ".u)");
        assertThat(refused(HoldsTwice.class).rule()).isEqualTo("@EnumId(3) is A's id too: each constant needs its own");
    }

    // ---- when and needed -------------------------------------------------------------------------------

    record WhenLater(@When("on") int value, boolean on) {
    }

    record WhenNotBoolean(int on, @When("on") int value) {
    }

    record WhenMethod(int a, @When("big") int value) {
        boolean big() {
            return a > 10;
        }
    }

    record WhenNothing(@When("nope") int value) {
    }

    record Part(int x) {
    }

    record NeededMissing(@AsSubsection(needed = "nope") Part part) {
    }

    record NeededWrong(@AsSubsection(needed = "wanted") Part part) {
        int wanted() {
            return 1;
        }
    }

    record SubsectionOfList(@AsSubsection List<Part> parts) {
    }

    record SubsectionSince(@Since(1) @AsSubsection Part part) {
    }

    @Test
    void aWhenOrNeededThatNamesNothingUsableIsNamed() {
        assertThat(refused(WhenLater.class).rule()).isEqualTo("@When(\"on\") names on, which is not declared before"
                + " it: on load it would not be loaded yet");
        assertThat(refused(WhenNotBoolean.class).rule()).isEqualTo("@When(\"on\") names on, of type int, not boolean");
        assertThat(refused(WhenMethod.class).rule()).isEqualTo("@When(\"big\") names the method big(), but a record"
                + " does not exist while it loads: name a boolean component declared before it, or a static boolean"
                + " big(Context)");
        assertThat(refused(WhenNothing.class).rule()).isEqualTo("@When(\"nope\") names no component or method of"
                + " WhenNothing: it needs a boolean component declared before it, boolean nope(), boolean"
                + " nope(Context) or static boolean nope(Context)");
        DerivationException missing = refused(NeededMissing.class);
        assertThat(missing.member()).isEqualTo("part");
        assertThat(missing.getMessage()).isEqualTo(PREFIX + "record " + name(NeededMissing.class) + ", component"
                + " 'part': needed = \"nope\" names no method of NeededMissing: it needs boolean nope(), boolean"
                + " nope(Context) or static boolean nope(Context)");
        assertThat(refused(NeededWrong.class).rule()).isEqualTo("needed = \"wanted\" names a method of the wrong"
                + " signature: it needs boolean wanted(), boolean wanted(Context) or static boolean wanted(Context)");
        assertThat(refused(SubsectionOfList.class).rule()).isEqualTo("a subsection is a record or a class, not a List");
        assertThat(refused(SubsectionSince.class).rule()).isEqualTo("@Since does not apply to a subsection (it has"
                + " its own version, in its type's @Description)");
    }

    // ---- classes ---------------------------------------------------------------------------------------

    static final class Frozen {
        private final int n = 1;
    }

    static final class NoDefault {
        int n;

        NoDefault(int n) {
            this.n = n;
        }
    }

    final class Inner {
        int n;
    }

    abstract static class Shape {
        int n;
    }

    @Validate(method = "fine", message = "it is fine")
    static final class BadValidation {
        int n;

        int fine() {
            return n;
        }
    }

    @Test
    void aClassThatCannotLoadInPlaceIsNamed() {
        assertThat(refused(Frozen.class).getMessage()).isEqualTo(PREFIX + "class " + name(Frozen.class) + ", field"
                + " 'n': a class loads in place, and a final field cannot be set: make it not final (or transient, if"
                + " it is not state), or derive a record");
        assertThat(refused(NoDefault.class).rule()).isEqualTo("a class loads in place, into an object made by a"
                + " constructor without parameters, which it does not have (or derive a record)");
        assertThat(refused(NoDefault.class).member()).isNull();
        assertThat(refused(Inner.class).rule()).isEqualTo("an inner, local or anonymous class needs an enclosing"
                + " instance: make it a static nested class");
        assertThat(refused(Shape.class).rule()).isEqualTo("an abstract class has no objects to load: derive its"
                + " concrete classes");
        assertThat(refused(BadValidation.class).rule()).isEqualTo("@Validate(method = \"fine\") needs a method"
                + " boolean fine() or String fine() of BadValidation");
        assertThat(refused(String.class).rule()).isEqualTo("a JDK class has no state of ours to derive");
    }

    // ---- access, names, recursion -----------------------------------------------------------------------

    record Hidden(int n) {
    }

    @Test
    void aLookupThatCannotSeeTheClassIsNamed() {
        DerivationException e = refused(MethodHandles.publicLookup(), Hidden.class);
        assertThat(e.getMessage()).isEqualTo(PREFIX + "record " + name(Hidden.class) + ": the lookup of"
                + " java.lang.Object cannot see it: pass MethodHandles.lookup() of a class that can (in its package,"
                + " or one its module opens the package to)");
    }

    static final class A {
        record Item(int n) {
        }
    }

    static final class B {
        record Item(long n) {
        }
    }

    record Both2(A.Item a, B.Item b) {
    }

    record Node(String name, List<Node> children) {
    }

    @Description(version = 1, minimumVersion = 2)
    record Backwards(int n) {
    }

    @Test
    void twoTypesOfOneNameRecursionAndBadVersionsAreNamed() {
        DerivationException clash = refused(Both2.class);
        assertThat(clash.type()).isEqualTo(B.Item.class);
        assertThat(clash.getMessage()).isEqualTo(PREFIX + "record " + name(B.Item.class) + ": its description name"
                + " 'item' is " + name(A.Item.class) + "'s too: name one with @Description(name = \"...\") (reached"
                + " through " + name(Both2.class) + ".b)");
        assertThat(refused(Node.class).getMessage()).isEqualTo(PREFIX + "record " + name(Node.class) + ": it"
                + " contains itself (through Node), and a description cannot nest its own: describe the recursion"
                + " with the builder (reached through " + name(Node.class) + ".children)");
        assertThat(refused(Backwards.class).rule()).isEqualTo("@Description(version = 1, minimumVersion = 2) needs"
                + " 0 <= minimumVersion <= version and version >= 1");
    }
}
