package dev.baton.core.describe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.baton.core.engine.Part;
import dev.baton.core.engine.SectionRegistry;
import dev.baton.core.engine.StateLoader;
import dev.baton.core.engine.StateSaver;
import dev.baton.core.engine.StreamRefusedException;
import dev.baton.core.engine.Streams;
import dev.baton.core.wire.StreamFormatException;
import java.io.IOException;
import java.nio.ByteOrder;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The same disk described by release 1 and release 3 (which adds a since(2) field, a when field
 * and a subsection), moved in both directions, in both byte orders.
 */
class CrossVersionMatrixTest {

    private static ByteOrder order(String name) {
        return name.equals("big") ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN;
    }

    private static Disk v1Disk() {
        Disk d = Disk.full();
        d.iops = 0;
        d.hasLabel = false;
        d.label = null;
        d.cacheSize = 0;
        return d;
    }

    @ParameterizedTest
    @ValueSource(strings = {"big", "little"})
    void v3LoadsItsOwnStreamWhole(String byteOrder) throws IOException {
        Disk source = Disk.full();
        byte[] stream = Streams.save(StateSaver.of(Streams.registry(Disk.V3, source)), order(byteOrder));
        Disk target = Disk.empty();
        Streams.load(StateLoader.of(Streams.registry(Disk.V3, target)), stream);
        assertSameState(target, source);
        assertThat(target.label).isEqualTo("boot");
        assertThat(target.cacheSize).isEqualTo(64);
        assertThat(target.cacheRatio).isEqualTo(0.5);
        assertThat(target.iops).isEqualTo(5000);
    }

    @ParameterizedTest
    @ValueSource(strings = {"big", "little"})
    void v1ToV3LoadsWithDefaults(String byteOrder) throws IOException {
        Disk source = v1Disk();
        byte[] stream = Streams.save(StateSaver.of(Streams.registry(Disk.V1, source)), order(byteOrder));
        Disk target = Disk.empty();
        target.iops = 100; // the default release 3 keeps when the stream has no iops
        target.cacheSize = 8; // what preLoad or construction set stays when the subsection does not come
        Streams.load(StateLoader.of(Streams.registry(Disk.V3, target)), stream);
        assertSameState(target, source);
        assertThat(target.iops).isEqualTo(100);
        assertThat(target.hasLabel).isFalse();
        assertThat(target.label).isNull();
        assertThat(target.cacheSize).isEqualTo(8);
        assertThat(target.log).containsExactly("preLoad", "postLoad(1)");
    }

    @ParameterizedTest
    @ValueSource(strings = {"big", "little"})
    void v3ToV1LoadsWhenTheSubsectionIsNotNeeded(String byteOrder) throws IOException {
        Disk source = Disk.full();
        source.cacheSize = 0; // not needed
        StateSaver forRelease1 = StateSaver.of(Streams.registry(Disk.V3, source)).withVersions(Map.of("disk", 1));
        byte[] stream = Streams.save(forRelease1, order(byteOrder));
        Disk target = Disk.empty();
        Streams.load(StateLoader.of(Streams.registry(Disk.V1, target)), stream);
        assertSameState(target, source);
    }

    @ParameterizedTest
    @ValueSource(strings = {"big", "little"})
    void v3ToV1FailsNamingTheSubsectionWhenItIsNeeded(String byteOrder) throws IOException {
        Disk source = Disk.full(); // cacheSize 64: the subsection is needed
        StateSaver forRelease1 = StateSaver.of(Streams.registry(Disk.V3, source)).withVersions(Map.of("disk", 1));
        byte[] stream = Streams.save(forRelease1, order(byteOrder));
        assertThatThrownBy(() -> Streams.load(StateLoader.of(Streams.registry(Disk.V1, Disk.empty())), stream))
                .isInstanceOf(StreamFormatException.class)
                .hasMessageContaining("section disk/0")
                .hasMessageContaining("unknown subsection 'disk/cache' of 'disk'");
    }

    @ParameterizedTest
    @ValueSource(strings = {"big", "little"})
    void aProfilePropertyGatesTheSubsectionOff(String byteOrder) throws IOException {
        Disk source = Disk.full();
        StateSaver forRelease1 = StateSaver.of(Streams.registry(Disk.V3, source)).withVersions(Map.of("disk", 1))
                .withProperties(Map.of("disk.cache", "off"));
        byte[] stream = Streams.save(forRelease1, order(byteOrder));
        Disk target = Disk.empty();
        Streams.load(StateLoader.of(Streams.registry(Disk.V1, target)), stream);
        assertThat(target.name).isEqualTo("vda");
    }

    @ParameterizedTest
    @ValueSource(strings = {"big", "little"})
    void tooNew(String byteOrder) throws IOException {
        byte[] stream = Streams.save(StateSaver.of(Streams.registry(Disk.V3, Disk.full())), order(byteOrder));
        StreamFormatException e = catchFormat(() -> Streams.load(StateLoader.of(Streams.registry(Disk.V1, Disk.empty())),
                stream));
        assertThat(e.getMessage()).contains("section disk/0", "'disk' version 3 is too new: this build loads versions 1 to 1");
    }

    @ParameterizedTest
    @ValueSource(strings = {"big", "little"})
    void tooOld(String byteOrder) throws IOException {
        var v3NoLongerReadingV1 = StateDescription.<Disk>builder("disk").version(3)
                .minimumVersion(2).u32("id", d -> d.id, (d, v) -> d.id = v).build();
        byte[] stream = Streams.save(StateSaver.of(Streams.registry(Disk.V1, v1Disk())), order(byteOrder));
        StreamFormatException e = catchFormat(() -> Streams.load(
                StateLoader.of(Streams.registry(v3NoLongerReadingV1, Disk.empty())), stream));
        assertThat(e.getMessage()).contains("'disk' version 1 is too old: this build loads versions 2 to 3");
    }

    @ParameterizedTest
    @ValueSource(strings = {"big", "little"})
    void hooksRunInQemusOrder(String byteOrder) throws IOException {
        Disk source = Disk.full();
        byte[] stream = Streams.save(StateSaver.of(Streams.registry(Disk.V3, source)), order(byteOrder));
        assertThat(source.log).containsExactly("preSave", "postSave");
        Disk target = Disk.empty();
        Streams.load(StateLoader.of(Streams.registry(Disk.V3, target)), stream);
        assertThat(target.log).containsExactly("preLoad", "cache.preLoad", "cache.postLoad(1)", "postLoad(3)");
    }

    @ParameterizedTest
    @ValueSource(strings = {"big", "little"})
    void postSaveRunsWhenSavingFailsAfterPreSave(String byteOrder) {
        Disk source = Disk.full();
        source.name = null; // a string field may not be null: saving fails mid-way
        assertThatThrownBy(() -> Streams.save(StateSaver.of(Streams.registry(Disk.V3, source)), order(byteOrder)))
                .isInstanceOf(NullPointerException.class).hasMessageContaining("field 'name' is null");
        assertThat(source.log).containsExactly("preSave", "postSave");
    }

    @ParameterizedTest
    @ValueSource(strings = {"big", "little"})
    void equalFieldMismatch(String byteOrder) throws IOException {
        byte[] stream = Streams.save(StateSaver.of(Streams.registry(Disk.V3, Disk.full())), order(byteOrder));
        Disk target = Disk.empty();
        target.sectorSize = 4096;
        StreamFormatException e = catchFormat(() -> Streams.load(StateLoader.of(Streams.registry(Disk.V3, target)), stream));
        assertThat(e.getMessage()).contains("section disk/0, field sectorSize",
                "must equal the local value: stream has 512, this build has 4096");
    }

    @ParameterizedTest
    @ValueSource(strings = {"big", "little"})
    void validationFailures(String byteOrder) throws IOException {
        Disk odd = Disk.full();
        odd.size = 1000;
        byte[] stream = Streams.save(StateSaver.of(Streams.registry(Disk.V3, odd)), order(byteOrder));
        assertThat(catchFormat(() -> Streams.load(StateLoader.of(Streams.registry(Disk.V3, Disk.empty())), stream))
                .getMessage()).contains("field size", "check failed: size is a multiple of 512");
        Disk empty = Disk.full();
        empty.extents.get(1).length = 0;
        byte[] stream2 = Streams.save(StateSaver.of(Streams.registry(Disk.V3, empty)), order(byteOrder));
        assertThat(catchFormat(() -> Streams.load(StateLoader.of(Streams.registry(Disk.V3, Disk.empty())), stream2))
                .getMessage()).contains("validation failed in 'disk': every extent has a length");
    }

    @ParameterizedTest
    @ValueSource(strings = {"big", "little"})
    void nullMarkersAndEmptyArrays(String byteOrder) throws IOException {
        Disk source = Disk.full();
        source.owner = null;
        source.extents = List.of();
        source.extentCount = 0;
        source.key = new byte[0];
        source.keyLength = 0;
        byte[] stream = Streams.save(StateSaver.of(Streams.registry(Disk.V3, source)), order(byteOrder));
        Disk target = Disk.empty();
        target.owner = new Disk.Owner(); // a null in the stream replaces it
        Streams.load(StateLoader.of(Streams.registry(Disk.V3, target)), stream);
        assertThat(target.owner).isNull();
        assertThat(target.extents).isEmpty();
        assertThat(target.key).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"big", "little"})
    void staticSectionsComeFirstAndTheTargetMayRefuseThere(String byteOrder) throws IOException {
        Disk config = Disk.full();
        Disk state = Disk.full();
        SectionRegistry source = new SectionRegistry().register("disk", 1, Disk.V3, state)
                .register("disk", 0, Disk.V3, config, Part.STATIC);
        byte[] stream = Streams.save(StateSaver.of(source), order(byteOrder));
        Disk targetState = Disk.empty();
        SectionRegistry target = new SectionRegistry().register("disk", 1, Disk.V3, targetState)
                .register("disk", 0, Disk.V3, Disk.empty(), Part.STATIC);
        StateLoader refusing = StateLoader.of(target).onStaticData(data -> {
            assertThat(data.sections()).extracting(s -> s.name()).containsExactly("disk/0");
            assertThat(data.header().producer()).isEqualTo("disk-test 3.0");
            throw new StreamRefusedException("this target does not take disks of 8 GiB");
        });
        assertThatThrownBy(() -> Streams.load(refusing, stream)).isInstanceOf(StreamRefusedException.class)
                .hasMessage("this target does not take disks of 8 GiB");
        assertThat(targetState.log).isEmpty(); // no dynamic section was read
        StateLoader.Report report = Streams.load(StateLoader.of(target), stream);
        assertThat(report.sections()).containsExactly("disk/0", "disk/1");
    }

    @ParameterizedTest
    @ValueSource(strings = {"big", "little"})
    void unknownSectionOrInstance(String byteOrder) throws IOException {
        byte[] stream = Streams.save(StateSaver.of(new SectionRegistry().register("disk", 7, Disk.V3, Disk.full())),
                order(byteOrder));
        assertThat(catchFormat(() -> Streams.load(StateLoader.of(Streams.registry(Disk.V3, Disk.empty())), stream))
                .getMessage()).contains("unknown section or instance disk/7");
    }

    static void assertSameState(Disk actual, Disk expected) {
        assertThat(actual.id).isEqualTo(expected.id);
        assertThat(actual.name).isEqualTo(expected.name);
        assertThat(actual.size).isEqualTo(expected.size);
        assertThat(actual.lbaFormats).containsExactly(expected.lbaFormats);
        assertThat(actual.extents).usingRecursiveFieldByFieldElementComparator().isEqualTo(expected.extents);
        assertThat(actual.key).isEqualTo(expected.key);
        assertThat(actual.owner).usingRecursiveComparison().isEqualTo(expected.owner);
        assertThat(actual.mode).isEqualTo(expected.mode);
    }

    interface Action {
        void run() throws IOException;
    }

    static StreamFormatException catchFormat(Action a) {
        try {
            a.run();
        } catch (StreamFormatException e) {
            return e;
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        throw new AssertionError("no StreamFormatException");
    }
}
