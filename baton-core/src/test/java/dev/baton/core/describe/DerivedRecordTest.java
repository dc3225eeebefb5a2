package dev.baton.core.describe;

import static dev.baton.core.describe.DerivedVolume.BY_HAND;
import static dev.baton.core.describe.DerivedVolume.DERIVED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.baton.core.describe.DerivedVolume.Cache;
import dev.baton.core.describe.DerivedVolume.Extent;
import dev.baton.core.describe.DerivedVolume.Volume;
import dev.baton.core.engine.SectionRegistry;
import dev.baton.core.engine.StateLoader;
import dev.baton.core.engine.StateSaver;
import dev.baton.core.engine.Streams;
import dev.baton.core.wire.StreamFormatException;
import java.io.IOException;
import java.lang.invoke.MethodHandles;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A description derived from a record with every annotation is the table written by hand with the
 * builder (the same JSON, the same octets at every version and profile), and the record loads
 * back through its canonical constructor: nested records, lists, maps and arrays of them, a
 * subsection, and the constructor's and the validations' refusals.
 */
class DerivedRecordTest {

    /** A class holding the record, so that a section (loaded in place) carries it. */
    static final class Host {
        Volume volume;
    }

    static final StateDescription<Host> HOST = DerivedVolume.DERIVATION.derive(Host.class);

    @Test
    void theDerivedTableIsTheOneWrittenByHand() {
        assertThat(DERIVED.toJson()).isEqualTo(BY_HAND.toJson());
        assertThat(DERIVED.fields()).extracting(Field::toString).containsExactlyElementsOf(
                BY_HAND.fields().stream().map(Field::toString).toList());
        assertThat(DERIVED.toJson()).contains("{\"name\":\"id\",\"kind\":\"u32\"}",
                "{\"name\":\"flags\",\"kind\":\"u8\"}", "{\"name\":\"blocks\",\"kind\":\"u32\"}",
                "\"name\":\"mode\",\"kind\":\"enum\",\"values\":{\"RO\":1,\"RW\":2,\"SPARSE\":70000}",
                "\"name\":\"serial\",\"kind\":\"string\",\"when\":\"hasSerial\"",
                "\"name\":\"volume/cache\",\"version\":2,\"minimumVersion\":1,\"gate\":\"volume.cache\"",
                "\"validations\":[\"every extent has a length\",\"size is a multiple of 512\"]");
        assertThat(DERIVED.priority()).isEqualTo(5);
    }

    @ParameterizedTest
    @ValueSource(strings = {"v3", "v2", "v1", "cache off", "cache v1", "no serial", "little-endian"})
    void theDerivedDescriptionWritesTheBuildersOctets(String profile) throws IOException {
        Volume v = DerivedVolume.full();
        if (profile.equals("no serial")) {
            v = copy(v, "hasSerial", false);
        }
        byte[] derived = sectionData(DERIVED, v, profile);
        byte[] byHand = sectionData(BY_HAND, v, profile);
        assertThat(HexFormat.of().formatHex(derived)).isEqualTo(HexFormat.of().formatHex(byHand));
    }

    @Test
    void theOctetsAreWhatTheKindsSay() throws IOException {
        byte[] d = sectionData(DERIVED, DerivedVolume.full(), "v3");
        ByteBuffer b = ByteBuffer.wrap(d);
        assertThat(Integer.toUnsignedLong(b.getInt(0))).isEqualTo(0xCAFE_F00DL); // u32 id
        assertThat(Short.toUnsignedInt(b.getShort(4))).isEqualTo(4096); // u16 sectorSize
        assertThat(b.getInt(6)).isEqualTo(3); // name's length, then "vda"
        assertThat(d[13]).isEqualTo((byte) 0); // label: the null marker
    }

    @ParameterizedTest
    @ValueSource(strings = {"v3", "cache off", "no serial", "little-endian"})
    void aRecordLoadsBackThroughItsConstructor(String profile) throws IOException {
        Volume v = DerivedVolume.full();
        if (profile.equals("no serial")) {
            v = copy(v, "hasSerial", false, "serial", null);
        }
        Volume back = load(sectionData(DERIVED, v, profile), 3, profile);
        Volume expected = profile.equals("cache off") ? copy(v, "cache", null) : v;
        assertThat(back).usingRecursiveComparison().isEqualTo(expected);
        assertThat(back.extents()).isInstanceOf(ArrayList.class);
        assertThat(back.mirrors()).isInstanceOf(Extent[].class).hasSize(2);
        assertThat(back.flags()).isEqualTo((byte) 200);
        assertThat(back.blocks()).isEqualTo(-1); // u32 4294967295 in an int
    }

    @Test
    void aSubsectionOfAnOlderVersionLeavesLaterComponentsAtTheirDefault() throws IOException {
        Volume back = load(sectionData(DERIVED, DerivedVolume.full(), "cache v1"), 3, "cache v1");
        assertThat(back.cache()).isEqualTo(new Cache(1 << 16, 0.25, 0));
    }

    @Test
    void aVersionWithoutAMustExistFieldIsRefused() throws IOException {
        byte[] v2 = sectionData(DERIVED, DerivedVolume.full(), "v2");
        assertThatThrownBy(() -> load(v2, 2, "v2")).isInstanceOf(StreamFormatException.class)
                .hasMessageContaining("generation: field must exist but the stream's version 2 does not carry it");
    }

    @Test
    void theConstructorsRefusalIsALoadError() throws IOException {
        byte[] d = sectionData(DERIVED, DerivedVolume.full(), "v3");
        d[4] = 0; // the u16 sectorSize after the u32 id: 0, which the compact constructor refuses
        d[5] = 0;
        assertThatThrownBy(() -> load(d, 3, "v3")).isInstanceOf(StreamFormatException.class)
                .hasMessageContaining("the constructor of Volume refused the loaded values: "
                        + "java.lang.IllegalArgumentException: a volume has sectors of 1 octet or more");
    }

    @Test
    void validationsRunOnTheConstructedRecord() throws IOException {
        Volume noLength = copy(DerivedVolume.full(), "extents", new ArrayList<>(List.of(new Extent(0, 0),
                new Extent(1, 1))));
        assertThatThrownBy(() -> load(sectionData(DERIVED, noLength, "v3"), 3, "v3"))
                .hasMessageContaining("validation failed in 'volume': every extent has a length");
        Volume odd = copy(DerivedVolume.full(), "size", 1000L);
        assertThatThrownBy(() -> load(sectionData(DERIVED, odd, "v3"), 3, "v3"))
                .hasMessageContaining("validation failed in 'volume': size 1000 is not a multiple of 512"
                        + " (size is a multiple of 512)");
    }

    @Test
    void aSectionHoldingTheRecordRoundTripsThroughTheEngine() throws IOException {
        Host source = new Host();
        source.volume = DerivedVolume.full();
        byte[] stream = Streams.save(StateSaver.of(new SectionRegistry().register("host", 0, HOST, source)),
                ByteOrder.BIG_ENDIAN);
        Host target = new Host();
        Streams.load(StateLoader.of(new SectionRegistry().register("host", 0, HOST, target)), stream);
        assertThat(target.volume).usingRecursiveComparison().isEqualTo(source.volume);
        assertThat(target.volume).isNotSameAs(source.volume);
    }

    @Test
    void aRecordCannotLoadIntoAnExistingObject() {
        assertThatThrownBy(() -> DERIVED.load(DerivedVolume.full(), SectionInput.of(ByteBuffer.allocate(0)), 3,
                DescriptionContext.empty())).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("'volume' is derived from record " + Volume.class.getName()
                        + ", which loads as a new object through its canonical constructor");
        assertThatThrownBy(DERIVED::newInstance).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void nestedTypesAreDerivedOncePerDerivation() {
        Derivation d = Derivation.with(MethodHandles.lookup());
        StateDescription<Volume> a = d.derive(Volume.class);
        assertThat(d.derive(Volume.class)).isSameAs(a);
        assertThat(d.derive(Extent.class)).isSameAs(d.derive(Extent.class));
        // and two derivations' equal tables may meet in one set of descriptions
        assertThat(DescriptionSet.of(List.of(a, DERIVED)).byName()).containsKeys("volume", "extent", "owner");
    }

    // ---- helpers -------------------------------------------------------------------------------------

    /** The section data of a save of {@code v} under the named profile. */
    static byte[] sectionData(StateDescription<Volume> d, Volume v, String profile) throws IOException {
        StateSaver saver = StateSaver.of(new SectionRegistry().register("volume", 0, d, v)).withDescription(false);
        saver = switch (profile) {
            case "v2" -> saver.withVersions(Map.of("volume", 2));
            case "v1" -> saver.withVersions(Map.of("volume", 1));
            case "cache off" -> saver.withProperties(Map.of("volume.cache", "off"));
            case "cache v1" -> saver.withVersions(Map.of("volume/cache", 1));
            default -> saver;
        };
        return SectionDataTest.sectionData(Streams.save(saver, order(profile)));
    }

    private static ByteOrder order(String profile) {
        return profile.equals("little-endian") ? ByteOrder.LITTLE_ENDIAN : ByteOrder.BIG_ENDIAN;
    }

    static Volume load(byte[] data, int version, String profile) throws StreamFormatException {
        return DERIVED.loadNew(SectionInput.of(ByteBuffer.wrap(data).order(order(profile))), version,
                DescriptionContext.empty());
    }

    /** {@code v} with the named components changed: name, value, name, value, ... */
    static Volume copy(Volume v, Object... changes) {
        java.lang.reflect.RecordComponent[] rc = Volume.class.getRecordComponents();
        Object[] args = new Object[rc.length];
        try {
            for (int i = 0; i < rc.length; i++) {
                args[i] = rc[i].getAccessor().invoke(v);
                for (int j = 0; j < changes.length; j += 2) {
                    if (rc[i].getName().equals(changes[j])) {
                        args[i] = changes[j + 1];
                    }
                }
            }
            return Volume.class.getDeclaredConstructor(
                    java.util.Arrays.stream(rc).map(java.lang.reflect.RecordComponent::getType).toArray(Class[]::new))
                    .newInstance(args);
        } catch (ReflectiveOperationException e) {
            throw new AssertionError(e);
        }
    }
}
