package dev.baton.core.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.baton.core.describe.Disk;
import dev.baton.core.wire.ReaderOptions;
import dev.baton.core.wire.RecordReader;
import dev.baton.core.wire.RecordWriter;
import dev.baton.core.wire.WriterOptions;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Release profiles chain like hw_compat tables; quirks remap the versions past producers got wrong. */
class ProfilesAndQuirksTest {

    private static final ReleaseProfiles FOUR = ReleaseProfiles.builder()
            .release("1.0").pin("a", "off").pin("shared", "1.0").pinVersion("d", 1)
            .release("2.0").pin("b", "off").pin("shared", "2.0").pinVersion("d", 2)
            .release("3.0").pin("c", "off")
            .release("4.0")
            .build();

    @Test
    void aProfileAppliesItsPinsAndThoseOfEveryLaterRelease() {
        assertThat(FOUR.profile("1.0").pins().properties()).isEqualTo(Map.of("a", "off", "b", "off", "c", "off", "shared", "1.0"));
        assertThat(FOUR.profile("1.0").pins().versions()).isEqualTo(Map.of("d", 1));
        assertThat(FOUR.profile("2.0").pins().properties()).isEqualTo(Map.of("b", "off", "c", "off", "shared", "2.0"));
        assertThat(FOUR.profile("3.0").pins().properties()).isEqualTo(Map.of("c", "off"));
        assertThat(FOUR.current().pins().properties()).isEmpty();
        assertThat(FOUR.current().name()).isEqualTo("4.0");
        assertThatThrownBy(() -> FOUR.profile("0.9")).hasMessage(
                "unknown release profile '0.9': this build knows [1.0, 2.0, 3.0, 4.0]");
    }

    private static byte[] save(StateSaver saver, String profile) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (RecordWriter w = RecordWriter.open(out, WriterOptions.defaults().withProducer("disk-test", "3.0")
                .withProfile(profile))) {
            saver.save(w);
        }
        return out.toByteArray();
    }

    @Test
    void writingWithARelease1ProfileGivesWhatRelease1Loads() throws IOException {
        Disk source = Disk.full(); // its cache subsection would be needed
        Profile p = Disk.RELEASES.profile("1.0");
        byte[] stream = save(StateSaver.of(Streams.registry(Disk.V3, source)).forProfile(p), "1.0");
        Disk target = Disk.empty();
        Streams.load(StateLoader.of(Streams.registry(Disk.V1, target)).withProfiles(Disk.RELEASES), stream);
        assertThat(target.name).isEqualTo("vda");
        assertThat(target.extents).hasSize(2);
    }

    @Test
    void theSaverAndTheHeaderMustAgreeOnTheProfile() {
        StateSaver saver = StateSaver.of(Streams.registry(Disk.V3, Disk.full())).forProfile(Disk.RELEASES.profile("1.0"));
        assertThatThrownBy(() -> save(saver, "3.0")).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("writes for release profile '1.0' but the writer records '3.0'");
    }

    @Test
    void theTargetRefusesAProfileItDoesNotKnow() throws IOException {
        byte[] stream = save(StateSaver.of(Streams.registry(Disk.V3, Disk.full())), "9.0");
        assertThatThrownBy(() -> Streams.load(StateLoader.of(Streams.registry(Disk.V3, Disk.empty()))
                .withProfiles(Disk.RELEASES), stream))
                .isInstanceOf(StreamRefusedException.class)
                .hasMessage("the stream was written for release profile '9.0', which this build does not know "
                        + "(it knows [1.0, 3.0])");
    }

    @Test
    void aQuirkReadsASectionAtTheVersionItReallyHas() throws IOException {
        // Producer disk-test 3.0 wrote release 1 data but declared version 3 (a release mistake).
        Disk source = Disk.full();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (RecordWriter w = RecordWriter.open(out, WriterOptions.defaults().withProducer("disk-test", "3.0.1"))) {
            var body = w.beginSection("disk", 0, 3);
            Disk.V1.save(source, body, dev.baton.core.describe.DescriptionContext.empty());
            body.end();
            w.writeStaticDataEnd();
            w.writeEnd();
        }
        byte[] stream = out.toByteArray();
        // Without the quirk, release 3 reads the data as version 3 and fails.
        assertThatThrownBy(() -> Streams.load(StateLoader.of(Streams.registry(Disk.V3, Disk.empty())), stream))
                .isInstanceOf(dev.baton.core.wire.StreamFormatException.class);
        List<Object> fixed = new java.util.ArrayList<>();
        Quirks quirks = Quirks.none().add(new Quirk("disk-test", "3.0.0", "3.0.9", "disk", 3, 1,
                "3.0.x wrote version 1 data as version 3", fixed::add));
        Disk target = Disk.empty();
        StateLoader.Report report;
        try (RecordReader r = RecordReader.open(ByteBuffer.wrap(stream), ReaderOptions.defaults())) {
            report = StateLoader.of(Streams.registry(Disk.V3, target)).withQuirks(quirks).load(r);
        }
        assertThat(target.name).isEqualTo("vda");
        assertThat(fixed).containsExactly(target);
        assertThat(report.quirks()).singleElement().satisfies(q -> assertThat(q).contains("disk/0: quirk: disk-test "
                + "3.0.0..3.0.9 wrote disk as version 3 with the layout of version 1"));
    }

    @Test
    void quirksMatchProducerVersionsNumerically() throws Exception {
        Quirks q = Quirks.fromJson("""
                [{"producer": "p", "fromVersion": "1.9", "toVersion": "1.10.2", "idstr": "s",
                  "declaredVersion": 2, "actualVersion": 1, "reason": "r"}]""");
        assertThat(q.find("p", "1.10.0", "s", 2)).isNotNull();
        assertThat(q.find("p", "1.10.2-rc1", "s", 2)).isNotNull();
        assertThat(q.find("p", "1.10.3", "s", 2)).isNull();
        assertThat(q.find("p", "1.8", "s", 2)).isNull();
        assertThat(q.find("p", "1.9", "s", 1)).isNull();
        assertThat(q.find("other", "1.9", "s", 2)).isNull();
    }
}
