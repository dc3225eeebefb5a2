package dev.baton.core.compat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.baton.core.describe.DescriptionContext;
import dev.baton.core.describe.StateDescription;
import dev.baton.core.engine.Part;
import dev.baton.core.engine.Profile;
import dev.baton.core.engine.ReleaseProfiles;
import dev.baton.core.engine.SchemaDocument;
import dev.baton.core.engine.SectionRegistry;
import dev.baton.core.engine.StateLoader;
import dev.baton.core.engine.StateSaver;
import dev.baton.core.wire.BodyWriter;
import dev.baton.core.wire.ReaderOptions;
import dev.baton.core.wire.RecordReader;
import dev.baton.core.wire.RecordWriter;
import dev.baton.core.wire.StreamFormatException;
import dev.baton.core.wire.WriterOptions;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Two releases of a small inventory, each with its own classes and descriptions, as two builds
 * of one application are: release 2.0 widens an item's count to a u64, adds a colour, a lock in a
 * subsection gated by {@code shelf.locks}, and a shelf's zone and frozen flag from version 2. A
 * stream of either converts into the other's, and the other release's own descriptions load it.
 */
class StreamConverterTest {

    // ---- release 1.0 ------------------------------------------------------------------------------

    enum Colour1 {
        RED(1), GREEN(2);

        final int id;

        Colour1(int id) {
            this.id = id;
        }

        static Colour1 byId(int id) {
            for (Colour1 c : values()) {
                if (c.id == id) {
                    return c;
                }
            }
            return null;
        }
    }

    static final class Item1 {
        String sku = "";
        long count;
        Colour1 colour = Colour1.RED;
    }

    static final class Shelf1 {
        String name = "";
        List<Item1> items = new ArrayList<>();
        long capacity;
    }

    static final StateDescription<Item1> ITEM_1 = StateDescription.<Item1>builder("item", Item1::new)
            .string("sku", i -> i.sku, (i, v) -> i.sku = v)
            .u32("count", i -> i.count, (i, v) -> i.count = v)
            .enumeration("colour", Colour1.class, c -> c.id, Colour1::byId, i -> i.colour, (i, v) -> i.colour = v)
            .build();

    static final StateDescription<Shelf1> SHELF_1 = StateDescription.<Shelf1>builder("shelf")
            .string("name", s -> s.name, (s, v) -> s.name = v)
            .list("items", ITEM_1, s -> s.items, (s, v) -> s.items = v)
            .u64("capacity", s -> s.capacity, (s, v) -> s.capacity = v)
            .build();

    // ---- release 2.0 ------------------------------------------------------------------------------

    enum Colour2 {
        RED(1), GREEN(2), BLUE(3);

        final int id;

        Colour2(int id) {
            this.id = id;
        }

        static Colour2 byId(int id) {
            for (Colour2 c : values()) {
                if (c.id == id) {
                    return c;
                }
            }
            return null;
        }
    }

    static final class Item2 {
        String sku = "";
        long count;
        Colour2 colour = Colour2.RED;
        long lockedUntil;
    }

    static final class Shelf2 {
        String name = "";
        List<Item2> items = new ArrayList<>();
        long capacity;
        int zone;
        boolean frozen;
    }

    static final ReleaseProfiles RELEASES = ReleaseProfiles.builder()
            .release("1.0").pin("shelf.locks", "off").pinVersion("shelf", 1)
            .release("2.0")
            .build();

    static final StateDescription<Item2> LOCK = StateDescription.<Item2>builder("item/lock")
            .u64("lockedUntil", i -> i.lockedUntil, (i, v) -> i.lockedUntil = v)
            .build();

    static final StateDescription<Item2> ITEM_2 = StateDescription.<Item2>builder("item", Item2::new)
            .string("sku", i -> i.sku, (i, v) -> i.sku = v)
            .u64("count", i -> i.count, (i, v) -> i.count = v)
            .enumeration("colour", Colour2.class, c -> c.id, Colour2::byId, i -> i.colour, (i, v) -> i.colour = v)
            .subsection(LOCK, "shelf.locks", (i, ctx) -> i.lockedUntil != 0)
            .build();

    static final StateDescription<Shelf2> SHELF_2 = StateDescription.<Shelf2>builder("shelf").version(2)
            .minimumVersion(1)
            .string("name", s -> s.name, (s, v) -> s.name = v)
            .list("items", ITEM_2, s -> s.items, (s, v) -> s.items = v)
            .u64("capacity", s -> s.capacity, (s, v) -> s.capacity = v)
            .u16("zone", s -> s.zone, (s, v) -> s.zone = v).since(2)
            .bool("frozen", s -> s.frozen, (s, v) -> s.frozen = v).since(2)
            .build();

    private static final StreamConverter.Release ONE = release("1.0", SHELF_1, null);
    private static final StreamConverter.Release TWO = release("2.0", SHELF_2, RELEASES);

    private static StreamConverter.Release release(String name, StateDescription<?> d, ReleaseProfiles profiles) {
        try {
            return StreamConverter.Release.of(name, SchemaDocument.of(List.of(d), profiles));
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    // ---- streams -----------------------------------------------------------------------------------

    private static Shelf1 shelf1() {
        Shelf1 s = new Shelf1();
        s.name = "north";
        s.capacity = 40;
        for (int i = 0; i < 3; i++) {
            Item1 item = new Item1();
            item.sku = "sku-" + i;
            item.count = 100L * i + 7;
            item.colour = i == 1 ? Colour1.GREEN : Colour1.RED;
            s.items.add(item);
        }
        return s;
    }

    private static Shelf2 shelf2() {
        Shelf2 s = new Shelf2();
        s.name = "south";
        s.capacity = 12;
        s.zone = 4;
        s.frozen = true;
        for (int i = 0; i < 2; i++) {
            Item2 item = new Item2();
            item.sku = "b-" + i;
            item.count = 3 + i;
            item.colour = i == 0 ? Colour2.GREEN : Colour2.RED;
            item.lockedUntil = i == 0 ? 1_700_000_000L : 0;
            s.items.add(item);
        }
        return s;
    }

    private static <T> byte[] write(StateDescription<T> d, T shelf, Profile profile) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        SectionRegistry registry = new SectionRegistry().register("shelf", 0, d, shelf, Part.DYNAMIC);
        try (RecordWriter w = RecordWriter.open(out, WriterOptions.defaults().withProducer("inventory", "x")
                .withProfile(profile == null ? "" : profile.name()))) {
            (profile == null ? StateSaver.of(registry) : StateSaver.of(registry).forProfile(profile)).save(w);
        }
        return out.toByteArray();
    }

    /** Converts {@code stream}; what was written goes to {@code out}. */
    private static StreamConverter.Result convert(StreamConverter.Release from, StreamConverter.Release to,
            byte[] stream, String profile, ByteArrayOutputStream out) throws Exception {
        StreamConverter converter = StreamConverter.between(from, to);
        // the reader knows the application's record type, as baton convert knows baton-migrate's
        try (RecordReader r = RecordReader.open(ByteBuffer.wrap(stream), ReaderOptions.defaults().withShowSkipped(true)
                .withApplicationTypes(java.util.Map.of(0x4000_0001, "JOURNAL")))) {
            return converter.convert(r, converter.profile(profile), Channels.newChannel(out));
        }
    }

    private static <T> T load(StateDescription<T> d, T into, byte[] stream, ReleaseProfiles profiles) throws IOException {
        try (RecordReader r = RecordReader.open(ByteBuffer.wrap(stream), ReaderOptions.defaults())) {
            StateLoader loader = StateLoader.of(new SectionRegistry().register("shelf", 0, d, into, Part.DYNAMIC));
            (profiles == null ? loader : loader.withProfiles(profiles)).load(r);
        }
        return into;
    }

    // ---- tests -------------------------------------------------------------------------------------

    @Test
    void aStreamOfTheOlderReleaseConvertsIntoOneTheNewerLoads() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        StreamConverter.Result result = convert(ONE, TWO, write(SHELF_1, shelf1(), null), null, out);
        assertThat(result.profile()).isEqualTo("2.0");
        assertThat(result.sections()).isEqualTo(1);
        assertThat(result.leftOut()).isEmpty();
        assertThat(result.octets()).isEqualTo(out.size());

        Shelf2 loaded = load(SHELF_2, new Shelf2(), out.toByteArray(), RELEASES);
        assertThat(loaded.name).isEqualTo("north");
        assertThat(loaded.capacity).isEqualTo(40);
        assertThat(loaded.items).extracting(i -> i.sku + " " + i.count + " " + i.colour + " " + i.lockedUntil)
                .containsExactly("sku-0 7 RED 0", "sku-1 107 GREEN 0", "sku-2 207 RED 0");
        // fields 1.0 never had: their kind's zero, as 2.0 loading 1.0's stream keeps its defaults
        assertThat(loaded.zone).isZero();
        assertThat(loaded.frozen).isFalse();
        try (RecordReader r = RecordReader.open(ByteBuffer.wrap(out.toByteArray()), ReaderOptions.defaults())) {
            assertThat(r.header().producerName()).isEqualTo(StreamConverter.PRODUCER);
            assertThat(r.header().producerVersion()).startsWith("inventory");
            assertThat(r.header().profile()).isEqualTo("2.0");
        }
    }

    @Test
    void aStreamOfTheNewerReleaseConvertsForTheOlderUnderItsProfileLeavingOutWhatTheProfileDoes() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        StreamConverter.Result result = convert(TWO, ONE, write(SHELF_2, shelf2(), null), "1.0", out);
        assertThat(result.profile()).isEqualTo("1.0");
        assertThat(result.leftOut()).containsExactly(
                "shelf/0 items[]/(item/lock): the profile turns its gate 'shelf.locks' off",
                "shelf/0 zone: the profile writes 'shelf' at version 1, before the field",
                "shelf/0 frozen: the profile writes 'shelf' at version 1, before the field");
        Shelf1 loaded = load(SHELF_1, new Shelf1(), out.toByteArray(), null);
        assertThat(loaded.name).isEqualTo("south");
        assertThat(loaded.items).extracting(i -> i.sku + " " + i.count + " " + i.colour)
                .containsExactly("b-0 3 GREEN", "b-1 4 RED");

        // what 2.0 itself writes for 1.0 converts the same way, and so does it back to 2.0
        ByteArrayOutputStream again = new ByteArrayOutputStream();
        convert(TWO, ONE, write(SHELF_2, shelf2(), RELEASES.profile("1.0")), "1.0", again);
        assertThat(load(SHELF_1, new Shelf1(), again.toByteArray(), null).items).hasSize(2);
        ByteArrayOutputStream back = new ByteArrayOutputStream();
        convert(ONE, TWO, out.toByteArray(), "2.0", back);
        Shelf2 twice = load(SHELF_2, new Shelf2(), back.toByteArray(), RELEASES);
        assertThat(twice.items).extracting(i -> i.sku + " " + i.count + " " + i.colour)
                .containsExactly("b-0 3 GREEN", "b-1 4 RED");
    }

    @Test
    void theOlderReleasesOwnProfileWhichPinsNothingDoesNotHideWhatTheNewerPinsForIt() throws Exception {
        // release 1.0 as it shipped names its own profile, with nothing to pin: 2.0's pins for 1.0 still apply
        StreamConverter.Release oneWithItsProfile = release("1.0", SHELF_1, ReleaseProfiles.builder().release("1.0")
                .build());
        assertThat(oneWithItsProfile.schema().profiles()).containsOnlyKeys("1.0");
        assertThat(StreamConverter.between(TWO, oneWithItsProfile).profile("1.0").pins())
                .isEqualTo(RELEASES.profile("1.0").pins());
        // its newest, the default, is that same profile
        assertThat(StreamConverter.between(TWO, oneWithItsProfile).profile(null))
                .isEqualTo(StreamConverter.between(TWO, oneWithItsProfile).profile("1.0"));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        StreamConverter.Result result = convert(TWO, oneWithItsProfile, write(SHELF_2, shelf2(), null), "1.0", out);
        assertThat(result.leftOut()).containsExactly(
                "shelf/0 items[]/(item/lock): the profile turns its gate 'shelf.locks' off",
                "shelf/0 zone: the profile writes 'shelf' at version 1, before the field",
                "shelf/0 frozen: the profile writes 'shelf' at version 1, before the field");
        assertThat(load(SHELF_1, new Shelf1(), out.toByteArray(), null).items)
                .extracting(i -> i.sku + " " + i.count + " " + i.colour).containsExactly("b-0 3 GREEN", "b-1 4 RED");
    }

    @Test
    void whatTheOtherReleaseCannotHoldIsAnErrorNamingSectionAndFieldAndNothingIsWritten() throws Exception {
        byte[] newer = write(SHELF_2, shelf2(), null);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        // no profile pins 'shelf' at version 1: 2.0's zone has no place in 1.0
        assertThatThrownBy(() -> convert(TWO, ONE, newer, null, out)).isInstanceOf(ConversionException.class)
                .hasMessage("section shelf/0, field items[0]/(item/lock): release 1.0's 'item' has no such subsection:"
                        + " what it holds would be lost");
        Shelf2 unlocked = shelf2();
        unlocked.items.forEach(i -> i.lockedUntil = 0);
        assertThatThrownBy(() -> convert(TWO, ONE, write(SHELF_2, unlocked, null), null, out))
                .hasMessage("section shelf/0, field zone: release 1.0's 'shelf' has no such field: its value would be "
                        + "lost");

        Shelf2 big = shelf2();
        big.items.get(1).count = 5_000_000_000L;
        assertThatThrownBy(() -> convert(TWO, ONE, write(SHELF_2, big, null), "1.0", out))
                .isInstanceOf(ConversionException.class)
                .hasMessage("section shelf/0, field items[1].count: value 5000000000 does not fit release 1.0's u32 "
                        + "(it is a u64 in the stream)");

        Shelf2 blue = shelf2();
        blue.items.get(0).colour = Colour2.BLUE;
        assertThatThrownBy(() -> convert(TWO, ONE, write(SHELF_2, blue, null), "1.0", out))
                .hasMessage("section shelf/0, field items[0].colour: constant BLUE has no id in release 1.0 (it knows "
                        + "[RED, GREEN])");

        assertThatThrownBy(() -> convert(TWO, ONE, newer, "3.0", out)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("no release profile '3.0': 1.0 defines none, 2.0 defines [1.0, 2.0]");
        assertThat(out.size()).as("nothing was written").isZero();
    }

    @Test
    void aStreamOfAnotherReleaseOrWithRecordsOfItsOwnIsRefused() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        // written by 2.0 at version 2: 1.0 cannot read it
        assertThatThrownBy(() -> convert(ONE, TWO, write(SHELF_2, shelf2(), null), null, out))
                .hasMessageContaining("section shelf/0").hasMessageContaining("'shelf' version 2 is too new");

        ByteArrayOutputStream stream = new ByteArrayOutputStream();
        SectionRegistry registry = new SectionRegistry().register("shelf", 0, SHELF_1, shelf1(), Part.DYNAMIC);
        try (RecordWriter w = RecordWriter.open(stream, WriterOptions.defaults())) {
            StateSaver.of(registry).writeSections(w);
            w.begin(0xC000_0001).putUtf8("an optional note").end();
            w.begin(0x4000_0001).putUtf8("the application's own").end();
            w.writeEnd();
        }
        assertThatThrownBy(() -> convert(ONE, TWO, stream.toByteArray(), null, out))
                .isInstanceOf(ConversionException.class).hasMessageStartingWith("record #4 (JOURNAL) at offset ")
                .hasMessageEndingWith(" is the application's own, which no description converts: baton convert "
                        + "converts sections");
        assertThat(out.size()).isZero();

        ByteArrayOutputStream noted = new ByteArrayOutputStream();
        try (RecordWriter w = RecordWriter.open(noted, WriterOptions.defaults())) {
            StateSaver.of(registry).writeSections(w);
            w.begin(0xC000_0001).putUtf8("an optional note").end();
            w.writeEnd();
        }
        assertThat(convert(ONE, TWO, noted.toByteArray(), null, out).skipped()).isEqualTo(1);
    }

    @Test
    void theStreamsDescriptionSaysWhichDescriptionEachSectionHasAndOneThatIsNoDocumentIsRefused() throws Exception {
        // a section whose idstr is not its description's name: the stream's DESCRIPTION names it
        ByteArrayOutputStream stream = new ByteArrayOutputStream();
        try (RecordWriter w = RecordWriter.open(stream, WriterOptions.defaults())) {
            StateSaver.of(new SectionRegistry().register("left", 3, SHELF_1, shelf1(), Part.DYNAMIC)).save(w);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertThat(convert(ONE, TWO, stream.toByteArray(), null, out).sections()).isEqualTo(1);
        Shelf2 loaded = new Shelf2();
        try (RecordReader r = RecordReader.open(ByteBuffer.wrap(out.toByteArray()), ReaderOptions.defaults())) {
            StateLoader.of(new SectionRegistry().register("left", 3, SHELF_2, loaded, Part.DYNAMIC))
                    .withProfiles(RELEASES).load(r);
        }
        assertThat(loaded.name).isEqualTo("north");
        assertThat(loaded.items).extracting(i -> i.count).containsExactly(7L, 107L, 207L);

        ByteArrayOutputStream broken = new ByteArrayOutputStream();
        try (RecordWriter w = RecordWriter.open(broken, WriterOptions.defaults())) {
            w.writeDescription(ByteBuffer.wrap("{\"sections\": 3}".getBytes(StandardCharsets.UTF_8)));
            BodyWriter section = w.beginSection("shelf", 0, 1);
            SHELF_1.save(shelf1(), section, DescriptionContext.empty());
            section.end();
            w.writeStaticDataEnd();
            w.writeEnd();
        }
        ByteArrayOutputStream none = new ByteArrayOutputStream();
        assertThatThrownBy(() -> convert(ONE, TWO, broken.toByteArray(), null, none))
                .isInstanceOf(StreamFormatException.class)
                .hasMessageContaining("DESCRIPTION is not a valid description document: ");
        assertThat(none.size()).isZero();
    }

    @Test
    void aFieldOnlyTheReleasesCodeCanDecideIsNotGuessed() throws Exception {
        StateDescription<Shelf1> when = StateDescription.<Shelf1>builder("shelf")
                .string("name", s -> s.name, (s, v) -> s.name = v)
                .u64("capacity", s -> s.capacity, (s, v) -> s.capacity = v).when("sized", (s, ctx) -> s.capacity > 0)
                .build();
        StreamConverter.Release withWhen = release("1.1", when, null);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertThatThrownBy(() -> convert(withWhen, ONE, write(when, shelf1(), null), null, out))
                .isInstanceOf(ConversionException.class)
                .hasMessageStartingWith("section shelf/0: ").hasMessageContaining("capacity")
                .hasMessageEndingWith("(only release 1.1's code can decide it)");
        assertThatThrownBy(() -> convert(ONE, withWhen, write(SHELF_1, shelf1(), null), null, out))
                .hasMessage("section shelf/0, field capacity: it is on the wire when 'sized' holds, which only release "
                        + "1.1's code can decide");
        assertThat(out.size()).isZero();
    }
}
