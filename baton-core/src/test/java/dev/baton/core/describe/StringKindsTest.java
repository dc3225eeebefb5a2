package dev.baton.core.describe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.baton.core.engine.SectionRegistry;
import dev.baton.core.engine.SelfDescription;
import dev.baton.core.engine.StateLoader;
import dev.baton.core.engine.StateSaver;
import dev.baton.core.engine.Streams;
import dev.baton.core.wire.StreamFormatException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The {@code nstring} and {@code strings} kinds octet for octet against data written by hand from
 * docs/FORMAT.md 11.2, malformed data of each, and their decoding with no producer code.
 */
class StringKindsTest {

    static final class Card {
        String absent;
        String blank;
        String name;
        List<String> none = new ArrayList<>();
        List<String> persons = new ArrayList<>();
    }

    static final StateDescription<Card> CARD = StateDescription.<Card>builder("card", Card::new)
            .nullableString("absent", c -> c.absent, (c, v) -> c.absent = v)
            .nullableString("blank", c -> c.blank, (c, v) -> c.blank = v)
            .nullableString("name", c -> c.name, (c, v) -> c.name = v)
            .strings("none", c -> c.none, (c, v) -> c.none = v)
            .strings("persons", c -> c.persons, (c, v) -> c.persons = v)
            .build();

    static Card full() {
        Card c = new Card();
        c.blank = "";
        c.name = "Steve Jobs스";
        c.persons = List.of("Ada", "", "스");
        return c;
    }

    /*
     * The data of full(), field by field. "스" is U+C2A4: 1100 001010 100100, in UTF-8
     * 1110_1100 10_001010 10_100100 = EC 8A A4; so "Steve Jobs스" is 10 + 3 = 13 (0x0d) octets.
     * Only the u32 lengths and counts differ between the byte orders.
     */
    private static final String[] GOLDEN_BE = {
        "00",                                            // @0  absent: marker 0, nothing follows
        "01" + "00000000",                               // @1  blank: marker 1, length 0
        "01" + "0000000d" + "5374657665204a6f6273ec8aa4", // @6  name: marker 1, length 13, "Steve Jobs스"
        "00000000",                                      // @24 none: count 0
        "00000003",                                      // @28 persons: count 3
        "00000003" + "416461",                           // @32   [0] "Ada"
        "00000000",                                      // @39   [1] ""
        "00000003" + "ec8aa4",                           // @43   [2] "스"
        "00",                                            // @50 end of subsections
    };
    private static final String[] GOLDEN_LE = {
        "00",
        "01" + "00000000",
        "01" + "0d000000" + "5374657665204a6f6273ec8aa4",
        "00000000",
        "03000000",
        "03000000" + "416461",
        "00000000",
        "03000000" + "ec8aa4",
        "00",
    };

    /** Offsets in the golden data, for the malformed cases. */
    private static final int ABSENT_MARKER = 0;
    private static final int PERSONS_COUNT = 28;
    private static final int PERSON2_FIRST_OCTET = 47;

    private static ByteOrder order(String name) {
        return name.equals("be") ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN;
    }

    private static byte[] golden(String o) {
        return HexFormat.of().parseHex(String.join("", o.equals("be") ? GOLDEN_BE : GOLDEN_LE));
    }

    private static SectionRegistry registry(Card c) {
        return new SectionRegistry().register("card", 0, CARD, c);
    }

    private static Card load(byte[] data, ByteOrder order) throws IOException {
        Card c = new Card();
        Streams.load(StateLoader.of(registry(c)), SectionDataTest.streamWith("card", 1, data, order));
        return c;
    }

    private static String loadError(byte[] data, ByteOrder order) {
        return CrossVersionMatrixTest.catchFormat(() -> load(data, order)).getMessage();
    }

    @ParameterizedTest
    @ValueSource(strings = {"be", "le"})
    void bothKindsSaveToTheOctetsTheSpecSays(String o) throws IOException {
        byte[] stream = Streams.save(StateSaver.of(registry(full())).withDescription(false), order(o));
        assertThat(HexFormat.of().formatHex(SectionDataTest.sectionData(stream)))
                .isEqualTo(HexFormat.of().formatHex(golden(o)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"be", "le"})
    void theOctetsLoadBack(String o) throws IOException {
        Card c = load(golden(o), order(o));
        assertThat(c.absent).isNull();
        assertThat(c.blank).isEmpty();
        assertThat(c.name).isEqualTo("Steve Jobs스");
        assertThat(c.none).isEmpty();
        assertThat(c.persons).containsExactly("Ada", "", "스");
        assertThat(c.persons).isInstanceOf(ArrayList.class); // a new list the object may change
    }

    @ParameterizedTest
    @ValueSource(strings = {"be", "le"})
    void aNullMarkerOtherThan0Or1(String o) {
        byte[] d = golden(o);
        d[ABSENT_MARKER] = 2;
        assertThat(loadError(d, order(o))).contains("section card/0, field absent:", "null marker is 2, not 0 or 1");
    }

    @ParameterizedTest
    @ValueSource(strings = {"be", "le"})
    void aCountLargerThanWhatRemains(String o) {
        // 19 octets follow the count: room for 19 one-octet elements, but a string takes at least 4
        byte[] d = golden(o);
        ByteBuffer.wrap(d).order(order(o)).putInt(PERSONS_COUNT, 19);
        assertThat(loadError(d, order(o))).contains("field persons:",
                "'persons' count 19 cannot fit in the 19 octets left");
        // refused before a list of that capacity is allocated, which would exhaust the heap
        ByteBuffer.wrap(d).order(order(o)).putInt(PERSONS_COUNT, 0x7FFF_FFF0);
        assertThat(loadError(d, order(o))).contains("field persons:", "'persons' count 2147483632 cannot fit");
    }

    @ParameterizedTest
    @ValueSource(strings = {"be", "le"})
    void badUtf8InAnElementNamesTheElement(String o) {
        byte[] d = golden(o);
        d[PERSON2_FIRST_OCTET] = (byte) 0xFF;
        assertThat(loadError(d, order(o))).contains("field persons[2]:", "string is not valid UTF-8");
    }

    @Test
    void aTruncatedElementNamesTheElement() {
        byte[] d = Arrays.copyOf(golden("be"), PERSON2_FIRST_OCTET + 1);
        assertThat(loadError(d, ByteOrder.BIG_ENDIAN)).contains("field persons[2]:",
                "string length 3 cannot fit in the 1 octet left");
    }

    @Test
    void nullListsAndNullElementsAreNotSaved() {
        Card noList = full();
        noList.persons = null;
        assertThatThrownBy(() -> Streams.save(StateSaver.of(registry(noList)), ByteOrder.BIG_ENDIAN))
                .hasStackTraceContaining("field 'persons' is null");
        Card nullElement = full();
        nullElement.persons = Arrays.asList("Ada", null);
        assertThatThrownBy(() -> Streams.save(StateSaver.of(registry(nullElement)), ByteOrder.BIG_ENDIAN))
                .hasStackTraceContaining("field 'persons[1]' is null");
    }

    @Test
    void anEqualNullableStringComparesNullsToo() throws IOException {
        StateDescription<Card> pinned = StateDescription.<Card>builder("card", Card::new)
                .nullableString("absent", c -> c.absent, (c, v) -> c.absent = v).equal()
                .build();
        byte[] stream = Streams.save(StateSaver.of(new SectionRegistry().register("card", 0, pinned, new Card())),
                ByteOrder.BIG_ENDIAN);
        Card mine = new Card();
        mine.absent = "x";
        StreamFormatException e = CrossVersionMatrixTest.catchFormat(() -> Streams.load(
                StateLoader.of(new SectionRegistry().register("card", 0, pinned, mine)), stream));
        assertThat(e.getMessage()).contains("field absent:", "stream has null, this build has \"x\"");
        Card same = new Card();
        Streams.load(StateLoader.of(new SectionRegistry().register("card", 0, pinned, same)), stream);
        assertThat(same.absent).isNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"be", "le"})
    void aToolDecodesBothKindsWithNoProducerCode(String o) throws IOException {
        byte[] stream = Streams.save(StateSaver.of(registry(full())), order(o));
        SelfDescription.Decoded decoded = Streams.decodeAll(stream).getFirst();
        assertThat(decoded.complete()).isTrue();
        GenericState s = decoded.state();
        assertThat(s).containsEntry("absent", null).containsEntry("blank", "").containsEntry("name", "Steve Jobs스")
                .containsEntry("none", List.of()).containsEntry("persons", List.of("Ada", "", "스"));
        assertThat(s.keySet()).containsExactly("absent", "blank", "name", "none", "persons");
    }
}
