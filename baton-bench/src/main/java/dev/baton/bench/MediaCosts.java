package dev.baton.bench;

import dev.baton.bench.describe.ForyCodec;
import dev.baton.bench.describe.MediaDescription;
import dev.baton.bench.describe.Subject;
import dev.baton.bench.values.Image;
import dev.baton.bench.values.MediaContent;
import dev.baton.core.DiscardChannel;
import dev.baton.core.describe.DescriptionContext;
import dev.baton.core.describe.SectionInput;
import dev.baton.core.describe.StateDescription;
import dev.baton.core.wire.BodyWriter;
import dev.baton.core.wire.RecordWriter;
import dev.baton.core.wire.StreamFormatException;
import dev.baton.core.wire.WriterOptions;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Where a MediaContent save and load of {@link StateDescriptions} spend their time (issue 19),
 * by taking parts away, in nanoseconds per operation, with Fory's whole save and load as the
 * anchor in the same fork:
 *
 * <ul>
 * <li>{@code sectionSave}: one SECTION record with an empty body: record header, section header
 * (instance, version, idstr), padding;
 * <li>{@code stringsSave}: that record holding the value's nine strings, as its string fields put
 * them (u32 length, UTF-8), and nothing else;
 * <li>{@code byHandSave}: the value's whole section data put by hand (the "wire only" row);
 * <li>{@code describedSave}: the same octets through {@link MediaDescription#DESCRIPTION}, which
 * adds the three nested descriptions (media, two images), their version and hook handling, and
 * each field's step;
 * <li>{@code stringsLoad}, {@code byHandLoad}, {@code describedLoad}: the same parts read back.
 * </ul>
 * The differences between neighbours are the breakdown in docs/PERFORMANCE.md.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 2, jvmArgsAppend = {"-Xms1g", "-Xmx1g", "-XX:+AlwaysPreTouch"})
@State(Scope.Thread)
public class MediaCosts {
    private static final StateDescription<MediaContent> DESCRIPTION = MediaDescription.DESCRIPTION;

    private final Subject<MediaContent> subject = Subject.media();
    private final MediaContent value = subject.value();
    private final String[] strings = strings(value);
    private final String idstr = DESCRIPTION.name();
    private final int version = DESCRIPTION.version();
    private final DescriptionContext ctx = DescriptionContext.empty();
    private final RecordWriter writer = RecordWriter.open(new DiscardChannel(), WriterOptions.defaults());
    private final ByteBuffer stringData = ByteBuffer.wrap(encodedStrings());
    private final ByteBuffer valueData = ByteBuffer.wrap(encodedValue());
    private final ForyCodec fory = new ForyCodec(subject);

    private static String[] strings(MediaContent c) {
        List<String> all = new ArrayList<>(List.of(c.media.uri, c.media.title, c.media.format));
        all.addAll(c.media.persons);
        for (Image image : c.images) {
            all.add(image.uri);
            all.add(image.title);
        }
        return all.toArray(String[]::new);
    }

    private byte[] encodedStrings() {
        ByteBuffer b = ByteBuffer.allocate(1024);
        for (String s : strings) {
            byte[] utf8 = s.getBytes(java.nio.charset.StandardCharsets.UTF_8);
            b.putInt(utf8.length).put(utf8);
        }
        byte[] out = new byte[b.position()];
        b.flip().get(out);
        return out;
    }

    private byte[] encodedValue() {
        byte[] octets = new dev.baton.bench.describe.BatonCodec<>(subject, false).encoded();
        return octets;
    }

    @Benchmark
    public int sectionSave() {
        BodyWriter body = writer.beginSection(idstr, 0, version);
        int n = body.length();
        body.end();
        return n;
    }

    @Benchmark
    public int stringsSave() {
        BodyWriter body = writer.beginSection(idstr, 0, version);
        for (String s : strings) {
            body.putUtf8WithLength(s);
        }
        int n = body.length();
        body.end();
        return n;
    }

    @Benchmark
    public int byHandSave() {
        BodyWriter body = writer.beginSection(idstr, 0, version);
        MediaDescription.save(value, body);
        int n = body.length();
        body.end();
        return n;
    }

    @Benchmark
    public int describedSave() {
        BodyWriter body = writer.beginSection(idstr, 0, version);
        DESCRIPTION.save(value, body, ctx);
        int n = body.length();
        body.end();
        return n;
    }

    @Benchmark
    public int forySave() {
        return fory.save();
    }

    @Benchmark
    public int stringsLoad() throws StreamFormatException {
        SectionInput in = SectionInput.of(stringData.clear());
        int n = 0;
        for (int i = 0; i < strings.length; i++) {
            n += in.string().length();
        }
        return n;
    }

    @Benchmark
    public Object byHandLoad() throws StreamFormatException {
        return MediaDescription.load(SectionInput.of(valueData.clear()));
    }

    @Benchmark
    public Object describedLoad() throws StreamFormatException {
        MediaContent c = DESCRIPTION.newInstance();
        DESCRIPTION.load(c, SectionInput.of(valueData.clear()), version, ctx);
        return c;
    }

    @Benchmark
    public Object foryLoad() {
        return fory.load();
    }
}
