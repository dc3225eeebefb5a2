package dev.baton.core.wire;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** What a writer writes, a reader reads back the same, whatever the order, checksums or input. */
class RoundTripTest {

    /**
     * FILE maps the file; SMALL_WINDOWS maps it 4 KiB + 8 at a time, so records cross windows;
     * FILE_READ reads it through a buffer that knows its size, as Java 21 does.
     */
    enum Source { BUFFER, STREAM, TRICKLE, FILE, SMALL_WINDOWS, FILE_READ }

    @TempDir
    Path dir;

    static Stream<Arguments> variants() {
        List<Arguments> all = new ArrayList<>();
        for (ByteOrder order : List.of(ByteOrder.BIG_ENDIAN, ByteOrder.LITTLE_ENDIAN)) {
            for (boolean checksums : List.of(false, true)) {
                for (Source source : Source.values()) {
                    all.add(Arguments.of(order, checksums, source));
                }
            }
        }
        return all.stream();
    }

    /** Body sizes around every padding case, one that crosses the reader's window and one large one. */
    private static final int[] SIZES = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 15, 16, 17, 4096, 70_000, 300_000, 1 << 20};

    private static byte[] body(int size, int seed) {
        byte[] b = new byte[size];
        new Random(seed).nextBytes(b);
        return b;
    }

    @ParameterizedTest(name = "{0}, checksums {1}, {2}")
    @MethodSource("variants")
    void everyRecordComesBackIntact(ByteOrder order, boolean checksums, Source source) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        WriterOptions options = WriterOptions.defaults().withByteOrder(order).withChecksums(checksums)
                .withProducer("round-trip", "9.9").withProfile("p").withBufferSize(8192);
        try (RecordWriter w = RecordWriter.open(out, options)) {
            w.writeDescription(ByteBuffer.wrap("{}".getBytes()));
            for (int i = 0; i < SIZES.length; i++) {
                w.writeSection("s" + i, i, i + 1, ByteBuffer.wrap(body(SIZES[i], i)));
            }
            w.writeStaticDataEnd();
            for (int i = 0; i < SIZES.length; i++) {
                w.writeRecord(0x4000_0000 | i, ByteBuffer.wrap(body(SIZES[i], 100 + i)));
            }
            w.beginSection("built-in-place", 7, 2).putLong(-1L).putDouble(Math.PI).putUtf8("żółw").end();
            w.writeEnd();
        }
        byte[] bytes = out.toByteArray();
        java.util.Map<Integer, String> types = new java.util.HashMap<>();
        for (int i = 0; i < SIZES.length; i++) {
            types.put(0x4000_0000 | i, "APP" + i);
        }
        try (RecordReader r = open(bytes, source, ReaderOptions.defaults().withApplicationTypes(types))) {
            assertThat(r.header().byteOrder()).isEqualTo(order);
            assertThat(r.header().producer()).isEqualTo("round-trip 9.9");
            assertThat(r.next().type()).isEqualTo(RecordType.DESCRIPTION);
            for (int i = 0; i < SIZES.length; i++) {
                StreamRecord rec = r.next();
                SectionHeader s = rec.sectionHeader();
                assertThat(s.idstr()).isEqualTo("s" + i);
                assertThat(s.instanceId()).isEqualTo(i);
                assertThat(s.version()).isEqualTo(i + 1);
                assertThat(bytes(rec.sectionData())).isEqualTo(body(SIZES[i], i));
                assertThat(s.dataLength()).isEqualTo(SIZES[i]);
                assertThat(rec.dynamic()).isFalse();
            }
            assertThat(r.next().type()).isEqualTo(RecordType.STATIC_DATA_END);
            for (int i = 0; i < SIZES.length; i++) {
                StreamRecord rec = r.next();
                assertThat(rec.typeName()).isEqualTo("APP" + i);
                assertThat(rec.length()).isEqualTo(SIZES[i]);
                if (i % 2 == 0) { // every other record is streamed past without reading its body
                    assertThat(bytes(rec.body())).isEqualTo(body(SIZES[i], 100 + i));
                } else if (i % 4 == 1) { // or looked at in place, without a slice
                    ByteBuffer view = rec.bodyView();
                    assertThat(view.isReadOnly()).isTrue();
                    assertThat(view.order()).isEqualTo(order);
                    assertThat(view.remaining()).isEqualTo(SIZES[i]);
                    assertThat(bytes(view.slice())).isEqualTo(body(SIZES[i], 100 + i));
                }
            }
            ByteBuffer data = r.next().sectionData();
            assertThat(data.getLong()).isEqualTo(-1L);
            assertThat(data.getDouble()).isEqualTo(Math.PI);
            byte[] rest = bytes(data);
            assertThat(new String(rest, java.nio.charset.StandardCharsets.UTF_8)).isEqualTo("żółw");
            assertThat(r.next().type()).isEqualTo(RecordType.END);
            assertThat(r.next()).isNull();
            r.expectEndOfInput();
            assertThat(r.offset()).isEqualTo(bytes.length);
        }
    }

    @Test
    void aRecordLargerThanTheWindowIsStreamedPastWithItsChecksumChecked() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (RecordWriter w = RecordWriter.open(out, WriterOptions.defaults().withChecksums(true))) {
            w.writeStaticDataEnd();
            w.writeRecord(0x4000_0001, ByteBuffer.wrap(body(3_000_000, 5)));
            w.writeEnd();
        }
        byte[] bytes = out.toByteArray();
        bytes[1_000_000] ^= 1;
        List<StreamFormatException> problems = new ArrayList<>();
        ReaderOptions options = ReaderOptions.defaults().withApplicationTypes(java.util.Map.of(0x4000_0001, "BIG"))
                .withProblems(Problems.collect(problems::add));
        try (RecordReader r = RecordReader.open(new ByteArrayInputStream(bytes), options)) {
            while (r.next() != null) {
                // list only: bodies are never loaded
            }
        }
        assertThat(problems).singleElement().satisfies(p -> assertThat(p.problem()).startsWith("checksum mismatch"));
    }

    @ParameterizedTest(name = "buffer {0}, checksums {1}")
    @org.junit.jupiter.params.provider.CsvSource({"4096, false", "4096, true", "8200, true", "65536, false",
        "262144, true"})
    void wholeRecordsAndRecordsBuiltInPlaceGiveTheSameOctets(int bufferSize, boolean checksums) throws IOException {
        WriterOptions options = WriterOptions.defaults().withChecksums(checksums).withCreated(TestStreams.CREATED)
                .withBufferSize(bufferSize);
        ByteArrayOutputStream whole = new ByteArrayOutputStream();
        ByteArrayOutputStream inPlace = new ByteArrayOutputStream();
        try (RecordWriter a = RecordWriter.open(whole, options); RecordWriter b = RecordWriter.open(inPlace, options)) {
            a.writeStaticDataEnd();
            b.writeStaticDataEnd();
            Random sizes = new Random(bufferSize);
            for (int i = 0; i < 300; i++) {
                byte[] body = body(sizes.nextInt(i % 50 == 0 ? 70_000 : 5000), i);
                a.writeRecord(0x4000_0001, ByteBuffer.wrap(body));
                b.begin(0x4000_0001).put(body).end();
            }
            a.writeEnd();
            b.writeEnd();
        }
        assertThat(whole.toByteArray()).isEqualTo(inPlace.toByteArray());
    }

    @Test
    void aBodyOfExactlyTheLimitFitsEvenWhenTheBufferIsFull() throws IOException {
        WriterOptions options = WriterOptions.defaults().withChecksums(true).withBufferSize(4096)
                .withLimits(StreamLimits.DEFAULT.withMaxRecordLength(4088));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (RecordWriter w = RecordWriter.open(out, options)) {
            w.writeStaticDataEnd();
            w.begin(0x4000_0001).put(new byte[4088]).end();
            w.writeEnd();
        }
        try (RecordReader r = RecordReader.open(ByteBuffer.wrap(out.toByteArray()), ReaderOptions.defaults()
                .withApplicationTypes(java.util.Map.of(0x4000_0001, "X")))) {
            r.next();
            assertThat(r.next().length()).isEqualTo(4088);
        }
    }

    @Test
    void readingThroughBodyViewsAllocatesNothingPerRecord(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("many.baton");
        byte[] payload = body(100, 1);
        try (RecordWriter w = RecordWriter.open(file, WriterOptions.defaults())) {
            w.writeStaticDataEnd();
            writeSections(w, payload, 220_000);
            w.writeEnd();
        }
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        try (RecordReader r = RecordReader.open(file, ReaderOptions.defaults())) {
            long sum = 0;
            for (int i = 0; i < 20_000; i++) { // warm up
                ByteBuffer v = r.next().bodyView();
                sum += v.remaining() > 0 ? v.get(v.limit() - 1) : 0;
            }
            long before = threads.getCurrentThreadAllocatedBytes();
            for (StreamRecord rec = r.next(); rec != null; rec = r.next()) {
                ByteBuffer v = rec.bodyView();
                sum += v.remaining() > 0 ? v.get(v.limit() - 1) : 0;
            }
            long allocated = threads.getCurrentThreadAllocatedBytes() - before;
            assertThat(sum).isNotZero();
            assertThat(allocated).as("bytes allocated reading 200000 records through bodyView").isLessThan(200_000);
        }
    }

    /**
     * A writer on a stream puts strings into a heap buffer, one on a channel into a direct one,
     * each by its own path: the octets are the same in both byte orders, and every string reads
     * back as it was. The strings hold a char that is not ASCII first, last and in the middle,
     * and make more octets than the writer's scratch array holds.
     */
    @Test
    void stringsTakeTheSameOctetsInHeapAndDirectBuffers() throws IOException {
        List<String> strings = List.of("", "a", "http://javaone.com/keynote.mpg", "Steve Jobs\uC2A4", "\u00e9t\u00e9",
                "ASCII but for its last char\u0080", "\uD83D\uDE00 a pair", "x".repeat(513), "y".repeat(70_000) + "\u00ff",
                "1234567", "12345678", "123456789", "1234567\u00e9", "12345678\u00e9", "abc\u0141efgh12345678",
                "12345678abcdefg\u7f16", "\u00e9".repeat(300), "z".repeat(20) + "\uC2A4".repeat(200));
        for (java.nio.ByteOrder order : List.of(java.nio.ByteOrder.BIG_ENDIAN, java.nio.ByteOrder.LITTLE_ENDIAN)) {
            byte[] stream = sectionInHeapAndDirectBuffers(order, body -> strings.forEach(body::putUtf8WithLength));
            try (RecordReader r = RecordReader.open(ByteBuffer.wrap(stream), ReaderOptions.defaults())) {
                ByteBuffer body = r.next().sectionData();
                for (String s : strings) {
                    byte[] utf8 = s.getBytes(java.nio.charset.StandardCharsets.UTF_8);
                    assertThat(body.getInt()).as(s).isEqualTo(utf8.length);
                    byte[] got = new byte[utf8.length];
                    body.get(got);
                    assertThat(got).as(s).isEqualTo(utf8);
                }
                assertThat(body.hasRemaining()).isFalse();
            }
        }
    }

    /** A string UTF-8 cannot encode is refused before anything of it is put, into either kind of buffer. */
    @Test
    void anUnpairedSurrogateIsRefusedAndPutsNothing() throws IOException {
        byte[] stream = sectionInHeapAndDirectBuffers(java.nio.ByteOrder.BIG_ENDIAN, body -> {
            body.putUtf8WithLength("before");
            for (String bad : List.of("12345678\uD800", "ab\uDC00cd")) {
                int length = body.length();
                org.assertj.core.api.Assertions.assertThatThrownBy(() -> body.putUtf8WithLength(bad))
                        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("unpaired surrogate");
                assertThat(body.length()).isEqualTo(length);
            }
            body.putUtf8WithLength("after");
        });
        try (RecordReader r = RecordReader.open(ByteBuffer.wrap(stream), ReaderOptions.defaults())) {
            assertThat(r.next().sectionData().remaining()).isEqualTo(4 + 6 + 4 + 5);
        }
    }

    /**
     * A stream of one section whose data {@code put} writes, by a writer on a stream (a heap
     * buffer) and by one on a channel (a direct buffer); asserts both wrote the same octets.
     */
    private static byte[] sectionInHeapAndDirectBuffers(java.nio.ByteOrder order,
            java.util.function.Consumer<BodyWriter> put) throws IOException {
        WriterOptions options = WriterOptions.defaults().withCreated(TestStreams.CREATED).withByteOrder(order);
        ByteArrayOutputStream heap = new ByteArrayOutputStream();
        ByteArrayOutputStream direct = new ByteArrayOutputStream();
        try (RecordWriter a = RecordWriter.open(heap, options);
                RecordWriter b = RecordWriter.open(java.nio.channels.Channels.newChannel(direct), options)) {
            for (RecordWriter w : List.of(a, b)) {
                BodyWriter body = w.beginSection("strings", 0, 1);
                put.accept(body);
                body.end();
                w.writeStaticDataEnd();
                w.writeEnd();
            }
        }
        assertThat(heap.toByteArray()).isEqualTo(direct.toByteArray());
        return heap.toByteArray();
    }

    @Test
    void writePathAllocatesNothingPerRecord() throws IOException {
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        byte[] payload = body(100, 1);
        WritableByteChannel discard = new dev.baton.core.DiscardChannel();
        for (boolean checksums : List.of(false, true)) {
            RecordWriter w = RecordWriter.open(discard, WriterOptions.defaults().withChecksums(checksums));
            w.writeStaticDataEnd();
            writeSections(w, payload, 20_000); // warm up
            long before = threads.getCurrentThreadAllocatedBytes();
            writeSections(w, payload, 200_000);
            long allocated = threads.getCurrentThreadAllocatedBytes() - before;
            w.writeEnd();
            assertThat(allocated).as("bytes allocated for 200000 records, checksums " + checksums)
                    .isLessThan(200_000);
        }
    }

    private static void writeSections(RecordWriter w, byte[] payload, int count) {
        for (int i = 0; i < count; i++) {
            w.beginSection("dev.baton.node", i, 3).putInt(i).putLong(i * 31L).put(payload).putUtf8("value").end();
        }
    }

    private RecordReader open(byte[] bytes, Source source, ReaderOptions options) throws IOException {
        return switch (source) {
            case BUFFER -> RecordReader.open(ByteBuffer.wrap(bytes), options);
            case STREAM -> RecordReader.open(new ByteArrayInputStream(bytes), options);
            case TRICKLE -> RecordReader.open(trickle(bytes), options);
            case FILE -> RecordReader.open(Files.write(dir.resolve("stream.baton"), bytes), options);
            case SMALL_WINDOWS -> RecordReader.open(Files.write(dir.resolve("stream.baton"), bytes), options, 4104);
            case FILE_READ -> RecordReader.open(Files.write(dir.resolve("stream.baton"), bytes), options, 0);
        };
    }

    /** A channel that hands out 1 to 13 octets per read, as a slow socket might. */
    private static ReadableByteChannel trickle(byte[] bytes) {
        return new ReadableByteChannel() {
            private int at;
            private int step;

            @Override
            public int read(ByteBuffer dst) {
                if (at == bytes.length) {
                    return -1;
                }
                int n = Math.min(Math.min(dst.remaining(), 1 + (step++ % 13)), bytes.length - at);
                dst.put(bytes, at, n);
                at += n;
                return n;
            }

            @Override
            public boolean isOpen() {
                return true;
            }

            @Override
            public void close() {
            }
        };
    }

    private static byte[] bytes(ByteBuffer b) {
        byte[] out = new byte[b.remaining()];
        b.duplicate().get(out);
        return out;
    }
}
