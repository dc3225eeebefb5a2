package dev.baton.bench.describe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.baton.bench.proto.MediaProto;
import dev.baton.bench.proto.PrimitivesProto;
import dev.baton.bench.values.Image;
import dev.baton.bench.values.Media;
import dev.baton.bench.values.MediaContent;
import dev.baton.bench.values.MediaList;
import dev.baton.bench.values.Primitives;
import dev.baton.bench.values.Samples;
import dev.baton.core.describe.DescriptionContext;
import dev.baton.core.describe.SectionInput;
import dev.baton.core.wire.StreamFormatException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** Every library of the state-description benchmarks loads back exactly the value it saved. */
class CodecsTest {

    @ParameterizedTest
    @ValueSource(strings = {Subject.MEDIA, Subject.PRIMITIVES, Subject.MEDIA_LIST})
    void everyCodecLoadsTheValueItSaved(String name) throws Exception {
        Subject<?> subject = Subject.named(name);
        Object value = subject.value();
        BatonCodec<?> baton = new BatonCodec<>(subject, false);
        BatonCodec<?> byHand = new BatonCodec<>(subject, true);

        assertThat(baton.load()).isEqualTo(value);
        assertThat(byHand.load()).isEqualTo(value);
        assertThat(new ForyCodec(subject).load()).isEqualTo(value);
        assertThat(new KryoCodec(subject).load()).isEqualTo(value);
        Object proto = new ProtobufCodec(subject).load();
        assertThat(proto).isEqualTo(subject.proto());
        Object back = switch (proto) {
            case MediaProto.MediaContent m -> ProtoValues.fromProto(m);
            case MediaProto.MediaContentList l -> ProtoValues.fromProto(l);
            default -> ProtoValues.fromProto((PrimitivesProto.Primitives) proto);
        };
        assertThat(back).isEqualTo(value);
    }

    @ParameterizedTest
    @ValueSource(strings = {Subject.MEDIA, Subject.PRIMITIVES, Subject.MEDIA_LIST})
    void theWireBaselineWritesTheDescriptionsOctets(String name) {
        Subject<?> subject = Subject.named(name);
        BatonCodec<?> baton = new BatonCodec<>(subject, false);
        BatonCodec<?> byHand = new BatonCodec<>(subject, true);
        assertThat(byHand.encoded()).isEqualTo(baton.encoded());
        assertThat(baton.save()).isEqualTo(baton.encoded().length);
        assertThat(byHand.save()).isEqualTo(baton.encoded().length);
    }

    @ParameterizedTest
    @ValueSource(strings = {Subject.MEDIA, Subject.PRIMITIVES, Subject.MEDIA_LIST})
    void theDerivedDescriptionIsTheBuildersTableAndWritesItsOctets(String name) throws Exception {
        Subject<?> subject = Subject.named(name);
        assertThat(subject.derived().toJson()).isEqualTo(subject.description().toJson());
        BatonCodec<?> derived = derived(subject);
        assertThat(derived.encoded()).isEqualTo(new BatonCodec<>(subject, false).encoded());
        assertThat(derived.save()).isEqualTo(derived.encoded().length);
        assertThat(derived.load()).isEqualTo(subject.value());
    }

    private static <T> BatonCodec<T> derived(Subject<T> subject) {
        return new BatonCodec<>(subject, subject.derived());
    }

    @ParameterizedTest
    @ValueSource(strings = {Subject.MEDIA, Subject.PRIMITIVES, Subject.MEDIA_LIST})
    void savesReportTheOctetsTheyWrote(String name) {
        Subject<?> subject = Subject.named(name);
        for (ValueCodec c : List.of(new ForyCodec(subject), new KryoCodec(subject), new ProtobufCodec(subject))) {
            assertThat(c.save()).as(c.getClass().getSimpleName()).isEqualTo(c.encoded().length);
        }
    }

    @Test
    void primitivesTakeTheirFixedSizes() {
        // 25 each of s32, s64, f64 and bool, then the end marker.
        assertThat(new BatonCodec<>(Subject.primitives(), false).encoded()).hasSize(25 * (4 + 8 + 8 + 1) + 1);
    }

    @Test
    void mediaContentTakesTheOctetsDocPerformanceReports() {
        assertThat(new BatonCodec<>(Subject.media(), false).encoded()).hasSize(289);
    }

    @Test
    void theListHoldsTenThousandDistinctValuesEachTheOctetsOfOne() {
        Subject<MediaList> subject = Subject.mediaList();
        assertThat(subject.value().items).hasSize(Subject.LIST_LENGTH).doesNotHaveDuplicates();
        assertThat(subject.value().items.get(0).media.uri).isEqualTo("http://javaone.com/keynote0.mpg");
        // A u32 count, each value's section data (289 octets for the sample, 1 to 5 more a string
        // for the index in its three uris), the end marker.
        long digits = 0;
        for (int i = 0; i < Subject.LIST_LENGTH; i++) {
            digits += 3 * Integer.toString(i).length();
        }
        assertThat((long) new BatonCodec<>(subject, false).encoded().length)
                .isEqualTo(4 + Subject.LIST_LENGTH * 289L + digits + 1);
    }

    @Test
    void unsetStringsAndBitrateAndOtherListsRoundTrip() throws Exception {
        MediaContent c = Samples.mediaContent();
        c.media.title = null;
        c.media.copyright = "\u00a9 2008 Sun";
        c.media.hasBitrate = false;
        c.media.bitrate = 0;
        c.media.persons = new ArrayList<>(List.of("a", "b", "c", "d"));
        c.images.get(1).title = null;
        assertThat(roundTrip(c)).isEqualTo(c);
        c.media.persons = new ArrayList<>();
        c.images = new ArrayList<>();
        assertThat(roundTrip(c)).isEqualTo(c);
    }

    @Test
    void anyNumberOfPersonsRoundTrips() throws Exception {
        MediaContent c = Samples.mediaContent();
        c.media.persons = new ArrayList<>(List.of("a", "b", "c", "d", "e", "f"));
        assertThat(roundTrip(c)).isEqualTo(c);
    }

    @Test
    void badEnumIdsAreRefusedByBothLoaders() {
        MediaContent c = Samples.mediaContent();
        byte[] octets = new BatonCodec<>(Subject.media(), false).encoded();
        // The last image's size id sits before its end marker and the content's: ... s32 size, u8 0, u8 0.
        int at = octets.length - 2 - 4;
        assertThat(ByteBuffer.wrap(octets).getInt(at)).isEqualTo(c.images.get(1).size.ordinal());
        ByteBuffer.wrap(octets).putInt(at, 7);
        assertThatThrownBy(() -> MediaDescription.load(SectionInput.of(ByteBuffer.wrap(octets))))
                .isInstanceOf(StreamFormatException.class).hasMessageContaining("bad enum id 7");
        assertThatThrownBy(() -> MediaDescription.DESCRIPTION.load(new MediaContent(),
                SectionInput.of(ByteBuffer.wrap(octets)), 1, DescriptionContext.empty()))
                .isInstanceOf(StreamFormatException.class).hasMessageContaining("bad enum id 7");
    }

    @Test
    void theSamplesAreTheDocumentedValues() {
        MediaContent c = Samples.mediaContent();
        assertThat(c.media.persons).containsExactly("Bill Gates", "Steve Jobs\uC2A4");
        assertThat(c.images).extracting(i -> i.size).containsExactly(Image.Size.LARGE, Image.Size.SMALL);
        assertThat(c.media.player).isEqualTo(Media.Player.JAVA);
        Primitives p = Samples.primitives();
        assertThat(p.f00).isEqualTo(37);
        assertThat(p.f04).isEqualTo(123_456_789);
        assertThat(p.f95).isFalse(); // k = 23
        assertThat(p.f99).isTrue(); // k = 24
    }

    private static MediaContent roundTrip(MediaContent c) throws Exception {
        var sink = new java.io.ByteArrayOutputStream();
        try (var w = dev.baton.core.wire.RecordWriter.open(sink, BatonCodec.options())) {
            var body = w.beginSection("mediaContent", 0, 1);
            MediaDescription.DESCRIPTION.save(c, body, DescriptionContext.empty());
            body.end();
        }
        byte[] all = sink.toByteArray();
        try (var r = dev.baton.core.wire.RecordReader.open(ByteBuffer.wrap(all),
                dev.baton.core.wire.ReaderOptions.defaults())) {
            ByteBuffer data = r.next().sectionData();
            MediaContent described = new MediaContent();
            MediaDescription.DESCRIPTION.load(described, SectionInput.of(data.duplicate().order(data.order())), 1,
                    DescriptionContext.empty());
            MediaContent byHand = MediaDescription.load(SectionInput.of(data.duplicate().order(data.order())));
            assertThat(byHand).isEqualTo(described);
            MediaContent derived = MediaDescription.DERIVED.loadNew(SectionInput.of(data.duplicate()
                    .order(data.order())), 1, DescriptionContext.empty());
            assertThat(derived).isEqualTo(described);
            return described;
        }
    }
}
