package dev.baton.core.compat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.baton.core.compat.Finding.Direction;
import dev.baton.core.describe.DescriptionBuilder;
import dev.baton.core.document.Documents;
import dev.baton.core.describe.FieldKind;
import dev.baton.core.describe.StateDescription;
import dev.baton.core.engine.ReleaseProfiles;
import dev.baton.core.engine.SchemaDocument;
import dev.baton.core.engine.SectionRegistry;
import dev.baton.core.engine.StateLoader;
import dev.baton.core.engine.StateSaver;
import dev.baton.core.wire.ReaderOptions;
import dev.baton.core.wire.RecordReader;
import dev.baton.core.wire.RecordWriter;
import dev.baton.core.wire.WriterOptions;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The evolution rules of docs/EVOLUTION.md, each a pair of releases (1.0 and 2.0, described with
 * the builder): checked forward and backward, asserting the findings the page names, and loaded
 * both ways, asserting what the target holds after the load (or that the load is refused, or
 * reads other values than were saved, where the page says so). Each rule is named by its row id
 * in the page's tables; {@link #everyRowOfThePageIsARule} keeps the page and this list alike.
 */
class EvolutionRulesTest {
    private static final Path PAGE = Path.of("..", "docs", "EVOLUTION.md");
    private static final Path EXAMPLES = Path.of("..", "docs", "examples", "evolution");

    // ---- the state both releases describe ---------------------------------------------------------

    /** Modes as release 1.0 numbers them and release 2.0 keeps them (2.0 adds APPEND). */
    enum Mode {
        READ(1), WRITE(2), APPEND(3);

        final int id;

        Mode(int id) {
            this.id = id;
        }

        static Mode byId(int id) {
            return Arrays.stream(values()).filter(m -> m.id == id).findFirst().orElse(null);
        }
    }

    /** Release 1.0's modes: READ and WRITE only, so its description lists only those. */
    enum Mode1 {
        READ, WRITE;

        static Mode1 byId(int id) {
            return id == 1 ? READ : id == 2 ? WRITE : null;
        }

        int id() {
            return this == READ ? 1 : 2;
        }
    }

    static final class Part {
        long start;
        long length = 64;
        long flags;
    }

    static final class Owner {
        long uid;
        String group = "(none)";
    }

    /** One object with every field the rules use; a fresh one holds the defaults a load keeps. */
    static final class Item {
        long id;
        String name = "";
        long size = 512;
        long count;
        int port;
        String note = "(none)";
        Mode mode = Mode.READ;
        byte[] key = new byte[16];
        long[] slots = new long[4];
        List<Part> parts = new ArrayList<>();
        Owner owner = new Owner();
        long stats;
    }

    /** What the source release holds when it saves. */
    static Item sample() {
        Item i = new Item();
        i.id = 7;
        i.name = "disk";
        i.size = 4096;
        i.count = 3_000_000_000L;
        i.port = 8080;
        i.note = "fast";
        i.mode = Mode.WRITE;
        Arrays.fill(i.key, (byte) 0x11);
        i.slots = new long[] {1, 2, 3, 4};
        Part p = new Part();
        p.start = 4096;
        p.length = 100;
        p.flags = 5;
        i.parts.add(p);
        i.owner.uid = 1000;
        i.owner.group = "staff";
        i.stats = 42;
        return i;
    }

    // ---- the fields, as the rules combine them ----------------------------------------------------

    private static DescriptionBuilder<Item> item() {
        return StateDescription.builder("item");
    }

    private static DescriptionBuilder<Item> id(DescriptionBuilder<Item> b) {
        return b.u32("id", i -> i.id, (i, v) -> i.id = v);
    }

    private static DescriptionBuilder<Item> idName(DescriptionBuilder<Item> b) {
        return id(b).string("name", i -> i.name, (i, v) -> i.name = v);
    }

    private static DescriptionBuilder<Item> size(DescriptionBuilder<Item> b) {
        return b.u64("size", i -> i.size, (i, v) -> i.size = v);
    }

    private static DescriptionBuilder<Item> count(DescriptionBuilder<Item> b) {
        return b.u32("count", i -> i.count, (i, v) -> i.count = v);
    }

    private static DescriptionBuilder<Item> note(DescriptionBuilder<Item> b) {
        return b.string("note", i -> i.note, (i, v) -> i.note = v);
    }

    private static DescriptionBuilder<Item> mode1(DescriptionBuilder<Item> b) {
        return b.enumeration("mode", Mode1.class, Mode1::id, Mode1::byId, i -> Mode1.valueOf(i.mode.name()),
                (i, v) -> i.mode = Mode.valueOf(v.name()));
    }

    private static DescriptionBuilder<Item> mode(DescriptionBuilder<Item> b) {
        return b.enumeration("mode", Mode.class, m -> m.id, Mode::byId, i -> i.mode, (i, v) -> i.mode = v);
    }

    private static StateDescription<Part> part(UnaryOperator<DescriptionBuilder<Part>> more) {
        return more.apply(StateDescription.<Part>builder("part", Part::new)
                .u64("start", p -> p.start, (p, v) -> p.start = v)
                .u64("length", p -> p.length, (p, v) -> p.length = v)).build();
    }

    private static DescriptionBuilder<Item> parts(DescriptionBuilder<Item> b, StateDescription<Part> part) {
        return b.list("parts", part, i -> i.parts, (i, v) -> i.parts = v);
    }

    private static StateDescription<Owner> owner(int version) {
        var b = StateDescription.<Owner>builder("owner", Owner::new).version(version)
                .u32("uid", o -> o.uid, (o, v) -> o.uid = v);
        if (version >= 2) {
            b.string("group", o -> o.group, (o, v) -> o.group = v).since(2);
        }
        return b.build();
    }

    private static DescriptionBuilder<Item> owner(DescriptionBuilder<Item> b, int version) {
        return b.versionedStruct("owner", owner(version), i -> i.owner, (i, v) -> i.owner = v);
    }

    private static StateDescription<Item> extra() {
        return size(StateDescription.<Item>builder("item/extra")).build();
    }

    private static StateDescription<Item> stats() {
        return StateDescription.<Item>builder("item.stats").u64("stats", i -> i.stats, (i, v) -> i.stats = v).build();
    }

    // ---- releases and rules -----------------------------------------------------------------------

    /**
     * One release: its sections (each registered under its description's name, all on one
     * {@link Item}), its release list (null when it lists none), and the release its own streams
     * name in their header (null: none).
     */
    record Release(List<StateDescription<Item>> sections, ReleaseProfiles releases, String writesAs) {
        static Release of(StateDescription<Item> item) {
            return new Release(List.of(item), null, null);
        }

        static Release of(StateDescription<Item> item, ReleaseProfiles releases) {
            return new Release(List.of(item), releases, null);
        }

        Release writingAs(String release) {
            return new Release(sections, releases, release);
        }

        Schema schema() throws Exception {
            return Schema.parse(SchemaDocument.of(sections, releases));
        }

        SectionRegistry registry(Item object) {
            SectionRegistry r = new SectionRegistry();
            for (StateDescription<Item> d : sections) {
                r.register(d.name(), 0, d, object);
            }
            return r;
        }
    }

    /** What loading a stream of one release into the other does. */
    sealed interface Load {
    }

    /** It loads, and the target then holds what {@code expect} asserts. */
    record Loads(Consumer<Item> expect) implements Load {
    }

    /** It loads without an error, but the target holds other values than the source saved. */
    record Misreads(Consumer<Item> expect) implements Load {
    }

    /** The load (or the save for the other release) fails with an error containing {@code message}. */
    record Refused(String message) implements Load {
    }

    /**
     * One row of the page.
     *
     * @param profile  the release profile 2.0 writes for when rolling back ({@code --profile}), or null
     * @param forward  the findings forward, as "SEVERITY kind path"
     * @param backward the findings backward
     * @param newState what 2.0 holds when it saves for 1.0 (1.0 holds {@link #sample})
     */
    record Rule(String id, Release older, Release newer, String profile, List<String> forward,
            List<String> backward, Load forwardLoad, Load backwardLoad, Item newState) {
        @Override
        public String toString() {
            return id;
        }
    }

    private static Rule rule(String id, Release older, Release newer, String profile, List<String> forward,
            List<String> backward, Load forwardLoad, Load backwardLoad) {
        return new Rule(id, older, newer, profile, forward, backward, forwardLoad, backwardLoad, sample());
    }

    private static ReleaseProfiles releases(UnaryOperator<ReleaseProfiles.Builder> release1) {
        return release1.apply(ReleaseProfiles.builder().release("1.0")).release("2.0").build();
    }

    private static final ReleaseProfiles ONLY_1_0 = ReleaseProfiles.builder().release("1.0").build();

    private static final List<String> NONE = List.of();

    /** Loads and keeps what was saved of id and name. */
    private static Loads keepsIdAndName(Consumer<Item> more) {
        return new Loads(i -> {
            assertThat(i.id).isEqualTo(7);
            assertThat(i.name).isEqualTo("disk");
            more.accept(i);
        });
    }

    static Stream<Rule> rules() {
        StateDescription<Item> idName = idName(item()).build();
        StateDescription<Item> sizeSince2 = size(idName(item().version(2).minimumVersion(1))).since(2).build();
        ReleaseProfiles pinItem1 = releases(r -> r.pinVersion("item", 1));
        Item withAppend = sample();
        withAppend.mode = Mode.APPEND;
        return Stream.of(
                // ---- changes that migrate both ways
                rule("add-field-since", Release.of(idName), Release.of(sizeSince2, pinItem1), "1.0", NONE, NONE,
                        keepsIdAndName(i -> assertThat(i.size).isEqualTo(512)), keepsIdAndName(i -> { })),
                rule("add-field-when", Release.of(idName, ONLY_1_0).writingAs("1.0"),
                        Release.of(note(idName(item())).when("item.note", (i, ctx) -> ctx.enabled("item.note"))
                                .build(), releases(r -> r.pin("item.note", "off"))), "1.0",
                        List.of("WARNING field-missing item.note"), List.of("WARNING field-extra item.note"),
                        keepsIdAndName(i -> assertThat(i.note).isEqualTo("(none)")), keepsIdAndName(i -> { })),
                rule("add-subsection", Release.of(idName),
                        Release.of(idName(item()).subsection(extra(), "item.extra", (i, ctx) -> true).build(),
                                releases(r -> r.pin("item.extra", "off"))), "1.0",
                        NONE, List.of("INFO subsection-gated item/(item/extra)"),
                        keepsIdAndName(i -> assertThat(i.size).isEqualTo(512)), keepsIdAndName(i -> { })),
                rule("add-nested-subsection", Release.of(parts(id(item()), part(b -> b)).build()),
                        Release.of(parts(id(item()), part(b -> b.subsection(StateDescription.<Part>builder("part/flags")
                                .u32("flags", p -> p.flags, (p, v) -> p.flags = v).build(), "part.flags",
                                (p, ctx) -> p.flags != 0))).build(), releases(r -> r.pin("part.flags", "off"))), "1.0",
                        NONE, List.of("INFO subsection-gated item.parts[]/(part/flags)"),
                        new Loads(i -> {
                            assertThat(i.parts).singleElement().satisfies(p -> {
                                assertThat(p.length).isEqualTo(100);
                                assertThat(p.flags).isZero();
                            });
                        }),
                        new Loads(i -> assertThat(i.parts).singleElement().satisfies(p -> assertThat(p.length)
                                .isEqualTo(100)))),
                rule("add-versioned-struct-field", Release.of(owner(id(item()), 1).build()),
                        Release.of(owner(id(item()), 2).build(), releases(r -> r.pinVersion("owner", 1))), "1.0",
                        NONE, NONE,
                        new Loads(i -> {
                            assertThat(i.owner.uid).isEqualTo(1000);
                            assertThat(i.owner.group).isEqualTo("(none)");
                        }),
                        new Loads(i -> assertThat(i.owner.uid).isEqualTo(1000))),
                rule("remove-field-unused", Release.of(count(size(idName(item()))).build()),
                        Release.of(count(idName(item()).unused(8)).build()), null,
                        List.of("WARNING field-renamed item.unused2"), List.of("WARNING field-renamed item.unused2"),
                        keepsIdAndName(i -> {
                            assertThat(i.size).isEqualTo(512);
                            assertThat(i.count).isEqualTo(3_000_000_000L);
                        }),
                        keepsIdAndName(i -> {
                            assertThat(i.size).isZero();
                            assertThat(i.count).isEqualTo(3_000_000_000L);
                        })),
                rule("remove-field-when", Release.of(size(note(idName(item()))).build()),
                        Release.of(size(idName(item().version(2).minimumVersion(1))
                                .string("note", i -> "", (i, v) -> { }).when("before-2", (i, ctx) -> ctx.version() < 2))
                                .build(), pinItem1), "1.0",
                        List.of("WARNING field-condition-changed item.note"),
                        List.of("WARNING field-condition-changed item.note"),
                        keepsIdAndName(i -> {
                            assertThat(i.note).isEqualTo("(none)");
                            assertThat(i.size).isEqualTo(4096);
                        }),
                        keepsIdAndName(i -> {
                            assertThat(i.note).isEmpty();
                            assertThat(i.size).isEqualTo(4096);
                        })),
                rule("remove-subsection-keep-reading", Release.of(idName(item()).subsection(extra(), i -> true).build()),
                        Release.of(idName(item()).subsection(extra(), i -> false).build()), null, NONE, NONE,
                        keepsIdAndName(i -> assertThat(i.size).isEqualTo(4096)),
                        keepsIdAndName(i -> assertThat(i.size).isEqualTo(512))),
                rule("rename-field", Release.of(size(idName(item())).build()),
                        Release.of(size(id(item()).string("label", i -> i.name, (i, v) -> i.name = v)).build()), null,
                        List.of("WARNING field-renamed item.label"), List.of("WARNING field-renamed item.name"),
                        keepsIdAndName(i -> assertThat(i.size).isEqualTo(4096)),
                        keepsIdAndName(i -> assertThat(i.size).isEqualTo(4096))),
                rule("add-enum-constant", Release.of(mode1(id(item())).build()), Release.of(mode(id(item())).build()),
                        null, NONE, List.of("WARNING enum-id-unknown item.mode"),
                        new Loads(i -> assertThat(i.mode).isEqualTo(Mode.WRITE)),
                        new Loads(i -> assertThat(i.mode).isEqualTo(Mode.WRITE))),
                new Rule("add-enum-constant-written", Release.of(mode1(id(item())).build()),
                        Release.of(mode(id(item())).build()), null, NONE, List.of("WARNING enum-id-unknown item.mode"),
                        new Loads(i -> { }), new Refused("bad enum id 3 for Mode1"), withAppend),

                // ---- changes check refuses, one way or both
                rule("add-field-unpinned", Release.of(idName), Release.of(sizeSince2, pinItem1), null, NONE,
                        List.of("ERROR version-too-new item"),
                        keepsIdAndName(i -> assertThat(i.size).isEqualTo(512)),
                        new Refused("'item' version 2 is too new: this build loads versions 1 to 1")),
                rule("add-field-when-unnamed", Release.of(idName, ONLY_1_0),
                        Release.of(note(idName(item())).when("item.note", (i, ctx) -> ctx.enabled("item.note"))
                                .build(), releases(r -> r.pin("item.note", "off"))), "1.0",
                        List.of("WARNING field-missing item.note"), List.of("WARNING field-extra item.note"),
                        new Refused("field note"), keepsIdAndName(i -> { })),
                rule("add-field-in-place", Release.of(idName), Release.of(size(idName(item())).build()), null,
                        List.of("ERROR field-missing item.size"), List.of("ERROR field-extra item.size"),
                        new Refused("field size"), new Refused("left over")),
                rule("add-subsection-ungated", Release.of(idName),
                        Release.of(idName(item()).subsection(extra(), i -> true).build(), ONLY_1_0), "1.0",
                        NONE, List.of("ERROR subsection-unknown item/(item/extra)"),
                        keepsIdAndName(i -> assertThat(i.size).isEqualTo(512)),
                        new Refused("unknown subsection 'item/extra' of 'item'")),
                rule("add-section", Release.of(idName), new Release(List.of(idName, stats()), null, null), null,
                        List.of("INFO section-unused item.stats"), List.of("ERROR section-missing item.stats"),
                        keepsIdAndName(i -> assertThat(i.stats).isZero()),
                        new Refused("unknown section or instance item.stats")),
                rule("remove-section", new Release(List.of(idName, stats()), null, null), Release.of(idName), null,
                        List.of("ERROR section-missing item.stats"), List.of("INFO section-unused item.stats"),
                        new Refused("unknown section or instance item.stats"),
                        keepsIdAndName(i -> assertThat(i.stats).isZero())),
                rule("remove-field-in-place", Release.of(size(idName(item())).build()), Release.of(idName), null,
                        List.of("ERROR field-extra item.size"), List.of("ERROR field-missing item.size"),
                        new Refused("left over"), new Refused("field size")),
                rule("remove-subsection", Release.of(idName(item()).subsection(extra(), i -> true).build()),
                        Release.of(idName), null, List.of("ERROR subsection-unknown item/(item/extra)"), NONE,
                        new Refused("unknown subsection 'item/extra' of 'item'"),
                        keepsIdAndName(i -> assertThat(i.size).isEqualTo(512))),
                rule("reorder-fields", Release.of(count(id(item())).build()), Release.of(id(count(item())).build()),
                        null, List.of("ERROR field-reordered item.count", "ERROR field-reordered item.id"),
                        List.of("ERROR field-reordered item.id", "ERROR field-reordered item.count"),
                        new Misreads(i -> {
                            assertThat(i.id).isEqualTo(3_000_000_000L);
                            assertThat(i.count).isEqualTo(7);
                        }),
                        new Misreads(i -> {
                            assertThat(i.id).isEqualTo(3_000_000_000L);
                            assertThat(i.count).isEqualTo(7);
                        })),
                rule("change-kind", Release.of(size(id(item())).build()),
                        Release.of(id(item()).f64("size", i -> i.size, (i, v) -> i.size = (long) v).build()), null,
                        List.of("ERROR field-kind-changed item.size"), List.of("ERROR field-kind-changed item.size"),
                        new Misreads(i -> assertThat(i.size).isZero()),
                        new Misreads(i -> assertThat(i.size).isEqualTo(Double.doubleToLongBits(4096.0)))),
                rule("change-width", Release.of(idName(item().u16("port", i -> i.port, (i, v) -> i.port = v)).build()),
                        Release.of(idName(item().u32("port", i -> i.port, (i, v) -> i.port = (int) v)).build()), null,
                        List.of("ERROR field-kind-changed item.port"), List.of("ERROR field-kind-changed item.port"),
                        new Refused("field"), new Refused("field")),
                rule("change-signedness", Release.of(count(id(item())).build()),
                        Release.of(id(item()).s32("count", i -> (int) i.count, (i, v) -> i.count = v).build()), null,
                        List.of("ERROR field-kind-changed item.count"), List.of("ERROR field-kind-changed item.count"),
                        new Misreads(i -> assertThat(i.count).isEqualTo(-1_294_967_296L)),
                        new Loads(i -> assertThat(i.count).isEqualTo(3_000_000_000L))),
                rule("change-enum-ids", Release.of(mode(id(item())).build()),
                        Release.of(id(item()).enumeration("mode", Mode.class, m -> m == Mode.READ ? 2 : m == Mode.WRITE
                                ? 1 : 3, n -> n == 2 ? Mode.READ : n == 1 ? Mode.WRITE : n == 3 ? Mode.APPEND : null,
                                i -> i.mode, (i, v) -> i.mode = v).build()), null,
                        List.of("ERROR enum-id-changed item.mode"), List.of("ERROR enum-id-changed item.mode"),
                        new Misreads(i -> assertThat(i.mode).isEqualTo(Mode.READ)),
                        new Misreads(i -> assertThat(i.mode).isEqualTo(Mode.READ))),
                rule("change-nested-in-place", Release.of(parts(id(item()), part(b -> b)).build()),
                        Release.of(parts(id(item()), part(b -> b.version(2).u32("flags", p -> p.flags,
                                (p, v) -> p.flags = v).since(2))).build(), releases(r -> r.pinVersion("part", 1))),
                        "1.0", List.of("ERROR field-missing item.parts[].flags", "ERROR nested-description-changed item.parts"),
                        NONE, new Refused("field"),
                        new Loads(i -> assertThat(i.parts).singleElement().satisfies(p -> assertThat(p.length)
                                .isEqualTo(100)))),
                rule("change-size", Release.of(id(item()).bytes("key", 16, i -> i.key, (i, v) -> i.key = v).build()),
                        Release.of(id(item()).bytes("key", 32, i -> Arrays.copyOf(i.key, 32), (i, v) -> i.key = v)
                                .build()), null,
                        List.of("ERROR field-size-changed item.key"), List.of("ERROR field-size-changed item.key"),
                        new Refused("field key"), new Refused("left over")),
                rule("change-count", Release.of(id(item()).longArray("slots", FieldKind.U32, 4, i -> i.slots,
                        (i, v) -> i.slots = v).build()),
                        Release.of(id(item()).longArray("slots", FieldKind.U32, 8, i -> Arrays.copyOf(i.slots, 8),
                                (i, v) -> i.slots = v).build()), null,
                        List.of("ERROR field-count-changed item.slots"), List.of("ERROR field-count-changed item.slots"),
                        new Refused("field slots"), new Refused("left over")),
                rule("raise-minimum-version", Release.of(idName),
                        Release.of(size(idName(item().version(2).minimumVersion(2))).since(2).build()), null,
                        List.of("ERROR minimum-version-too-high item"), List.of("ERROR version-too-new item"),
                        new Refused("'item' version 1 is too old: this build loads versions 2 to 2"),
                        new Refused("'item' version 2 is too new: this build loads versions 1 to 1")),
                rule("change-constant", Release.of(id(item()).u16("magic", i -> 7, (i, v) -> { }).equalTo(7).build()),
                        Release.of(id(item()).u16("magic", i -> 8, (i, v) -> { }).equalTo(8).build()), null,
                        List.of("ERROR equal-differs item.magic"), List.of("ERROR equal-differs item.magic"),
                        new Refused("must equal the local value"), new Refused("must equal the local value")));
    }

    // ---- the tests --------------------------------------------------------------------------------

    @ParameterizedTest(name = "{0}")
    @MethodSource("rules")
    void checkedForward(Rule rule) throws Exception {
        assertThat(findings(rule, Direction.FORWARD)).as(rule.id() + " forward").isEqualTo(rule.forward());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rules")
    void checkedBackward(Rule rule) throws Exception {
        assertThat(findings(rule, Direction.BACKWARD)).as(rule.id() + " backward").isEqualTo(rule.backward());
    }

    /** OLD writes as its release does; NEW, knowing its releases, loads. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("rules")
    void loadedForward(Rule rule) throws Exception {
        expect(rule.forwardLoad(), rule.id() + " forward", target -> {
            byte[] stream = save(rule.older(), rule.older().writesAs(), sample());
            load(rule.newer(), target, stream);
        });
    }

    /** NEW writes for the rule's profile (OLD's release); OLD loads. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("rules")
    void loadedBackward(Rule rule) throws Exception {
        expect(rule.backwardLoad(), rule.id() + " backward", target -> {
            byte[] stream = save(rule.newer(), rule.profile(), rule.newState());
            load(rule.older(), target, stream);
        });
    }

    /**
     * Each rule's streams, as OLD writes them and as NEW writes them for the rule's profile, come
     * back octet for octet from their JSON document (baton decode, then encode), every section
     * decoded into its fields. A save that refuses is one whose load the rule says is refused.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("rules")
    void streamsComeBackFromTheirDocuments(Rule rule) throws Exception {
        Map<String, Supplier<byte[]>> streams = new LinkedHashMap<>();
        streams.put("forward", () -> saved(rule.older(), rule.older().writesAs(), sample()));
        streams.put("backward", () -> saved(rule.newer(), rule.profile(), rule.newState()));
        for (Map.Entry<String, Supplier<byte[]>> s : streams.entrySet()) {
            byte[] stream;
            try {
                stream = s.getValue().get();
            } catch (RuntimeException e) {
                assertThat(s.getKey().equals("forward") ? rule.forwardLoad() : rule.backwardLoad())
                        .as(rule.id() + " " + s.getKey() + ": the save refused (" + e + ")").isInstanceOf(Refused.class);
                continue;
            }
            Map<String, Object> doc = Documents.roundTrip(stream);
            assertThat(Documents.undecoded(doc)).as(rule.id() + " " + s.getKey()).isEmpty();
        }
    }

    private static byte[] saved(Release release, String profile, Item source) {
        try {
            return save(release, profile, source);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /**
     * Check lets no misread through: a rule misreads only in a direction where check finds an
     * error; and where it finds neither an error nor a warning, the stream loads.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("rules")
    void checkLetsNoMisreadThrough(Rule rule) {
        for (Direction d : Direction.values()) {
            List<String> found = d == Direction.FORWARD ? rule.forward() : rule.backward();
            Load load = d == Direction.FORWARD ? rule.forwardLoad() : rule.backwardLoad();
            if (load instanceof Misreads) {
                assertThat(found).as(rule.id() + " " + d.label() + " misreads: check finds an error")
                        .anyMatch(f -> f.startsWith("ERROR"));
            }
            if (found.stream().allMatch(f -> f.startsWith("INFO"))) {
                assertThat(load).as(rule.id() + " " + d.label() + ": check finds nothing to warn of").isInstanceOf(Loads.class);
            }
        }
    }

    private static final String BOTH_WAYS = "Changes that migrate both ways";
    private static final String FAILING = "Changes that fail one way or both";

    /**
     * Every row of the page's tables is a rule here and every rule a row there, with the same
     * findings; a row under "migrate both ways" loads both ways with no error in check, and one
     * under "fail one way or both" does not load as saved in at least one direction.
     */
    @Test
    void everyRowOfThePageIsARule() throws IOException {
        Map<String, PageRow> rows = pageRows();
        Map<String, Rule> rules = rules().collect(Collectors.toMap(Rule::id, r -> r, (a, b) -> a, LinkedHashMap::new));
        assertThat(rows.keySet()).as("the rows of docs/EVOLUTION.md").containsExactlyElementsOf(rules.keySet());
        for (PageRow row : rows.values()) {
            Rule rule = rules.get(row.cells().getFirst());
            assertThat(cellFindings(row.cells().get(4))).as(rule.id() + ": the page's forward findings")
                    .isEqualTo(kinds(rule.forward()));
            assertThat(cellFindings(row.cells().get(5))).as(rule.id() + ": the page's backward findings")
                    .isEqualTo(kinds(rule.backward()));
            boolean loadsBothWays = rule.forwardLoad() instanceof Loads && rule.backwardLoad() instanceof Loads;
            switch (row.table()) {
                case BOTH_WAYS -> {
                    assertThat(loadsBothWays).as(rule.id() + " loads both ways").isTrue();
                    assertThat(rule.forward()).as(rule.id() + " forward").noneMatch(f -> f.startsWith("ERROR"));
                    assertThat(rule.backward()).as(rule.id() + " backward").noneMatch(f -> f.startsWith("ERROR"));
                }
                case FAILING -> assertThat(loadsBothWays).as(rule.id() + " fails one way").isFalse();
                default -> throw new AssertionError(rule.id() + " is under an unknown heading: " + row.table());
            }
        }
    }

    /**
     * The description documents the page's console examples compare are the rules' releases, as
     * {@link SchemaDocument} writes them (what {@code baton schema} prints, unindented);
     * {@code -Dbaton.evolution.record=true} writes them.
     */
    @Test
    void theExamplesThePageChecksAreTheRulesReleases() throws Exception {
        String page = Files.readString(PAGE);
        Matcher m = Pattern.compile("docs/examples/evolution/([a-z0-9-]+)-(1\\.0|2\\.0)\\.json").matcher(page);
        TreeSet<String> files = new TreeSet<>();
        while (m.find()) {
            files.add(m.group(1) + "-" + m.group(2) + ".json");
        }
        assertThat(files).as("the page checks some rules' documents").isNotEmpty();
        Map<String, Rule> rules = rules().collect(Collectors.toMap(Rule::id, r -> r));
        boolean record = Boolean.getBoolean("baton.evolution.record");
        for (String file : files) {
            String id = file.replaceFirst("-(1\\.0|2\\.0)\\.json$", "");
            Rule rule = rules.get(id);
            assertThat(rule).as(file + " names a rule").isNotNull();
            Release release = file.endsWith("-1.0.json") ? rule.older() : rule.newer();
            String json = SchemaDocument.of(release.sections(), release.releases()) + "\n";
            Path shipped = EXAMPLES.resolve(file);
            if (record) {
                Files.createDirectories(EXAMPLES);
                Files.writeString(shipped, json);
            }
            assertThat(shipped).as(file + " (record with -Dbaton.evolution.record=true)").hasContent(json);
        }
    }

    /** As the page says below its tables: check compares position by position. */
    @Test
    void aFieldRemovedFromTheMiddleShowsAsReorderedThenExtraOrMissing() throws Exception {
        Rule rule = rule("remove-from-the-middle", Release.of(count(size(idName(item()))).build()),
                Release.of(count(idName(item())).build()), null, NONE, NONE, null, null);
        assertThat(findings(rule, Direction.FORWARD)).containsExactly("ERROR field-reordered item.count",
                "ERROR field-extra item.count");
        assertThat(findings(rule, Direction.BACKWARD)).containsExactly("ERROR field-reordered item.size",
                "ERROR field-missing item.count");
    }

    // ---- how ---------------------------------------------------------------------------------------

    private static List<String> findings(Rule rule, Direction d) throws Exception {
        return new CompatibilityChecker(rule.older().schema(), rule.newer().schema(), rule.profile())
                .check(EnumSet.of(d)).stream()
                .map(f -> f.severity() + " " + f.kind().id() + " " + f.path())
                .toList();
    }

    /** "ERROR field-reordered item.id" to "ERROR field-reordered", distinct and sorted. */
    private static List<String> kinds(List<String> findings) {
        return findings.stream().map(f -> f.substring(0, f.lastIndexOf(' '))).distinct().sorted().toList();
    }

    private static final Pattern FINDING = Pattern.compile("`((?:ERROR|WARNING|INFO) [a-z-]+)`");

    /** The findings a table cell names (`ERROR field-reordered`), distinct and sorted; "none" names none. */
    private static List<String> cellFindings(String cell) {
        Matcher m = FINDING.matcher(cell);
        List<String> out = new ArrayList<>();
        while (m.find()) {
            out.add(m.group(1));
        }
        return out.stream().distinct().sorted().toList();
    }

    /** A row of the page's tables: the heading of its table, and its cells. */
    private record PageRow(String table, List<String> cells) {
    }

    /** The page's table rows by id (the first cell, in backticks). */
    private static Map<String, PageRow> pageRows() throws IOException {
        assertThat(PAGE).as("docs/EVOLUTION.md, from baton-core").exists();
        Map<String, PageRow> rows = new LinkedHashMap<>();
        Pattern row = Pattern.compile("^\\| `([a-z0-9-]+)` \\|(.*)\\|\\s*$");
        String heading = null;
        for (String line : Files.readAllLines(PAGE, StandardCharsets.UTF_8)) {
            if (line.startsWith("### ")) {
                heading = line.substring(4).trim();
            }
            Matcher m = row.matcher(line);
            if (m.matches()) {
                List<String> cells = new ArrayList<>();
                cells.add(m.group(1));
                for (String c : m.group(2).split("\\|", -1)) {
                    cells.add(c.trim());
                }
                assertThat(cells).as("row " + m.group(1) + " has 7 cells").hasSize(7);
                assertThat(rows.put(m.group(1), new PageRow(heading, cells))).as("row " + m.group(1) + " appears once")
                        .isNull();
            }
        }
        return rows;
    }

    private interface Run {
        void into(Item target) throws Exception;
    }

    private static void expect(Load load, String what, Run run) throws Exception {
        Item target = new Item();
        switch (load) {
            case Loads l -> {
                run.into(target);
                l.expect().accept(target);
            }
            case Misreads l -> {
                run.into(target);
                l.expect().accept(target);
            }
            case Refused r -> {
                Throwable t = catchThrowable(() -> run.into(target));
                assertThat(t).as(what + " is refused").isNotNull();
                assertThat(t).as(what + ": a load error, not a crash").isInstanceOf(IOException.class);
                assertThat(t.getMessage()).as(what).contains(r.message());
            }
        }
    }

    /** The stream {@code release} writes of {@code source}, for release profile {@code profile} (null: none). */
    private static byte[] save(Release release, String profile, Item source) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        WriterOptions options = WriterOptions.defaults().withProducer("evolution-test", "1");
        StateSaver saver = StateSaver.of(release.registry(source));
        if (profile != null) {
            options = options.withProfile(profile);
            saver = saver.forProfile(release.releases().profile(profile));
        }
        try (RecordWriter w = RecordWriter.open(out, options)) {
            saver.save(w);
        }
        return out.toByteArray();
    }

    private static void load(Release release, Item target, byte[] stream) throws IOException {
        StateLoader loader = StateLoader.of(release.registry(target));
        if (release.releases() != null) {
            loader = loader.withProfiles(release.releases());
        }
        try (RecordReader r = RecordReader.open(ByteBuffer.wrap(stream), ReaderOptions.defaults())) {
            loader.load(r);
        }
    }
}
