package dev.baton.bench;

import dev.baton.bench.values.Image;
import dev.baton.bench.values.MediaContent;
import dev.baton.bench.values.Samples;
import dev.baton.core.DiscardChannel;
import dev.baton.core.wire.BodyWriter;
import dev.baton.core.wire.RecordWriter;
import dev.baton.core.wire.WriterOptions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.fory.Fory;
import org.apache.fory.config.CompatibleMode;
import org.apache.fory.config.Language;
import org.apache.fory.memory.MemoryBuffer;
import org.apache.fory.serializer.StringSerializer;
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
 * What the strings of the MediaContent value cost on their own (issue 3, docs/PERFORMANCE.md):
 * its eight ASCII strings (the media's uri, title and format, the first person, each image's uri
 * and title; the second person holds U+C2A4 and is left out) put with a u32 length, as Baton's
 * {@code string} kind puts them, against Fory writing the same strings.
 * Run with {@code -prof perfnorm} and compare cycles per operation with the whole MediaContent
 * save of {@link StateDescriptions}.
 *
 * <ul>
 * <li>{@code baton}: {@link BodyWriter#putUtf8WithLength} into one record of a writer's direct
 * buffer, the record's framing included ({@code batonEmptyRecord} is the framing alone);
 * <li>{@code checkThenCopy}: the cheapest correct way found with public API: check every char is
 * ASCII, then {@code String.getBytes(int, int, byte[], int)} (an array copy for Latin-1 strings)
 * into a heap array;
 * <li>{@code copyUnchecked}: that copy without the check, which is only correct for ASCII strings
 * and is shown as the floor of public API;
 * <li>{@code fory}: Fory 1.6.0's {@code StringSerializer.writeString} into its heap buffer, which
 * reads the String's internal Latin-1 array and writes it as it is.
 * <li>issue 19: {@code batonHeap}, {@code baton} into a writer whose buffer is on the heap (a
 * writer on a stream, or one grown for a large record); {@code batonCheckThenPut}, the check of
 * {@code checkThenCopy} then one bulk put into the direct buffer; {@code inflateThenCheck}, the
 * check done on a copy of the chars that the JIT can vectorize. Neither of the last two is
 * faster than {@code baton} (docs/PERFORMANCE.md).
 * </ul>
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(2)
@State(Scope.Thread)
public class StringCosts {
    private static final int TYPE = 0x4000_0001;

    private final String[] strings = asciiStrings(Samples.mediaContent());
    private final RecordWriter writer = RecordWriter.open(new DiscardChannel(), WriterOptions.defaults());
    private final byte[] array = new byte[4096];
    private final MemoryBuffer foryBuffer = MemoryBuffer.newHeapBuffer(4096);
    private final StringSerializer fory = new StringSerializer(Fory.builder().withLanguage(Language.JAVA)
            .withCompatibleMode(CompatibleMode.COMPATIBLE).withRefTracking(false).build().getConfig());

    private static String[] asciiStrings(MediaContent c) {
        List<String> all = new ArrayList<>(List.of(c.media.uri, c.media.title, c.media.format, c.media.persons.get(0)));
        for (Image image : c.images) {
            all.add(image.uri);
            all.add(image.title);
        }
        return all.toArray(String[]::new);
    }

    @Benchmark
    public int baton() {
        BodyWriter body = writer.begin(TYPE);
        for (String s : strings) {
            body.putUtf8WithLength(s);
        }
        int n = body.length();
        body.end();
        return n;
    }

    private final RecordWriter heapWriter = RecordWriter.open(java.io.OutputStream.nullOutputStream(),
            WriterOptions.defaults());

    /** {@code baton} into a writer whose buffer is on the heap (a writer on an OutputStream). */
    @Benchmark
    public int batonHeap() {
        BodyWriter body = heapWriter.begin(TYPE);
        for (String s : strings) {
            body.putUtf8WithLength(s);
        }
        int n = body.length();
        body.end();
        return n;
    }

    /** The check of {@code checkThenCopy}, then the copy into an array and one bulk put into the writer's record. */
    @Benchmark
    @SuppressWarnings("deprecation")
    public int batonCheckThenPut() {
        BodyWriter body = writer.begin(TYPE);
        for (String s : strings) {
            int n = s.length();
            for (int i = 0; i < n; i++) {
                if (s.charAt(i) >= 0x80) {
                    throw new IllegalStateException("not ASCII");
                }
            }
            s.getBytes(0, n, array, 0);
            body.putInt(n).put(array, 0, n);
        }
        int n = body.length();
        body.end();
        return n;
    }

    @Benchmark
    public int batonEmptyRecord() {
        BodyWriter body = writer.begin(TYPE);
        int n = body.length();
        body.end();
        return n;
    }

    @Benchmark
    public int checkThenCopy() {
        int at = 0;
        for (String s : strings) {
            at = checkThenCopy(s, at);
        }
        return at;
    }

    @SuppressWarnings("deprecation") // String.getBytes(int, int, byte[], int): the array copy of Latin-1 chars
    private int checkThenCopy(String s, int at) {
        int n = s.length();
        for (int i = 0; i < n; i++) {
            if (s.charAt(i) >= 0x80) {
                throw new IllegalStateException("not ASCII");
            }
        }
        array[at] = (byte) n; // a u32 length, little-endian, for strings under 256 chars
        array[at + 1] = 0;
        array[at + 2] = 0;
        array[at + 3] = 0;
        s.getBytes(0, n, array, at + 4);
        return at + 4 + n;
    }

    private final char[] chars = new char[4096];

    /**
     * The check done on a copy: {@code String.getChars} into a char array (the JDK inflates a
     * Latin-1 string with a vectorized intrinsic), the chars or-ed together in a loop without an
     * early exit (which C2 vectorizes), then the copy as in {@code checkThenCopy}.
     */
    @Benchmark
    public int inflateThenCheck() {
        int at = 0;
        for (String s : strings) {
            at = inflateThenCheck(s, at);
        }
        return at;
    }

    @SuppressWarnings("deprecation")
    private int inflateThenCheck(String s, int at) {
        int n = s.length();
        char[] c = chars;
        s.getChars(0, n, c, 0);
        int or = 0;
        for (int i = 0; i < n; i++) {
            or |= c[i];
        }
        if (or >= 0x80) {
            throw new IllegalStateException("not ASCII");
        }
        array[at] = (byte) n;
        array[at + 1] = 0;
        array[at + 2] = 0;
        array[at + 3] = 0;
        s.getBytes(0, n, array, at + 4);
        return at + 4 + n;
    }

    @Benchmark
    @SuppressWarnings("deprecation")
    public int copyUnchecked() {
        int at = 0;
        for (String s : strings) {
            int n = s.length();
            array[at] = (byte) n;
            s.getBytes(0, n, array, at + 4);
            at += 4 + n;
        }
        return at;
    }

    @Benchmark
    public int fory() {
        foryBuffer.writerIndex(0);
        for (String s : strings) {
            fory.writeString(foryBuffer, s);
        }
        return foryBuffer.writerIndex();
    }
}
