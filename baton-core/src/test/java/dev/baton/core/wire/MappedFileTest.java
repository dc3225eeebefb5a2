package dev.baton.core.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Files are read through memory mappings: windows, skips, and a file that shrinks under the reader. */
class MappedFileTest {
    private static final int BLOB = 0x4000_0001;
    private static final ReaderOptions OPTIONS = ReaderOptions.defaults().withApplicationTypes(Map.of(BLOB, "BLOB"));

    @TempDir
    Path dir;

    /** Windows are unmapped on demand through java.lang.foreign: on Java 21 files are read instead. */
    @BeforeEach
    void mappingNeedsJava22() {
        assumeTrue(Runtime.version().feature() >= 22, "files are mapped on Java 22 or newer only; this is Java "
                + Runtime.version().feature() + ", which reads them through a buffer (RoundTripTest covers that)");
    }

    @Test
    void aRegularFileIsMappedOnThisJava() throws IOException {
        Path file = stream(3, 16);
        try (FileChannel channel = FileChannel.open(file); FileWindows windows = FileWindows.open(channel)) {
            assertThat(windows).isNotNull();
        }
        try (RecordReader r = RecordReader.open(file, OPTIONS)) {
            assertThat(r.next().bodyView().isDirect()).isTrue();
        }
    }

    @Test
    void noWindowStaysMappedAfterCloseOrAFailedOpen() throws IOException {
        assumeTrue(Files.isReadable(Path.of("/proc/self/maps")), "needs Linux's /proc/self/maps to see mappings");
        Path file = stream(3, 16);
        try (RecordReader r = RecordReader.open(file, OPTIONS)) {
            r.next().bodyView();
            assertThat(mapped(file)).isTrue();
        }
        assertThat(mapped(file)).isFalse();
        Path garbage = Files.write(dir.resolve("garbage"), new byte[100]);
        assertThatThrownBy(() -> RecordReader.open(garbage, OPTIONS)).isInstanceOf(StreamFormatException.class)
                .hasMessageContaining("magic");
        assertThat(mapped(garbage)).isFalse();
    }

    @Test
    void aReaderNeverClosedIsUnmappedOnceNothingRefersToIt() throws Exception {
        assumeTrue(Files.isReadable(Path.of("/proc/self/maps")), "needs Linux's /proc/self/maps to see mappings");
        Path file = stream(3, 16);
        readOneRecordAndForgetTheReader(file);
        // the cleaner unmaps once a collection found the reader unreachable: wait for that, with a bound
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(30);
        while (mapped(file) && System.nanoTime() - deadline < 0) {
            System.gc();
            Thread.sleep(10);
        }
        assertThat(mapped(file)).isFalse();
    }

    private void readOneRecordAndForgetTheReader(Path file) throws IOException {
        RecordReader r = RecordReader.open(file, OPTIONS); // never closed, on purpose
        ByteBuffer body = r.next().bodyView();
        assertThat(body.get(body.position())).isZero();
        assertThat(mapped(file)).isTrue();
    }

    /** Reads every record's body. */
    private static void readToTheEnd(RecordReader r) throws IOException {
        for (StreamRecord rec = r.next(); rec != null; rec = r.next()) {
            rec.bodyView();
        }
    }

    /** Whether this process maps {@code file}: a shared arena left open would keep it mapped for good. */
    private static boolean mapped(Path file) throws IOException {
        String path = file.toRealPath().toString();
        return Files.readAllLines(Path.of("/proc/self/maps")).stream().anyMatch(line -> line.endsWith(path));
    }

    @Test
    void aBodyIsNoLongerReadableOnceTheReaderIsClosed() throws IOException {
        ByteBuffer body;
        try (RecordReader r = RecordReader.open(stream(3, 16), OPTIONS)) {
            body = r.next().body();
            assertThat(body.get(0)).isZero();
        }
        assertThatThrownBy(() -> body.get(0)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void aWindowThatCannotBeMappedAnyMoreNamesWhere() throws IOException {
        Path file = stream(64, 4096);
        try (RecordReader r = RecordReader.open(file, OPTIONS, 4104)) {
            r.next();
            try (FileChannel other = FileChannel.open(file, StandardOpenOption.WRITE)) {
                other.truncate(4096);
            }
            assertThatThrownBy(() -> readToTheEnd(r)).isInstanceOf(IOException.class).hasMessageContaining("did it shrink while it was read?");
        }
    }

    /** Records of 4 KiB, each body filled with its index. */
    private Path stream(int records, int bodySize) throws IOException {
        Path file = dir.resolve("stream.baton");
        try (RecordWriter w = RecordWriter.open(file, WriterOptions.defaults().withByteOrder(ByteOrder.LITTLE_ENDIAN))) {
            ByteBuffer body = ByteBuffer.allocate(bodySize);
            for (int i = 0; i < records; i++) {
                for (int k = 0; k < bodySize; k++) {
                    body.put(k, (byte) i);
                }
                w.writeRecord(BLOB, body);
            }
            w.writeStaticDataEnd();
            w.writeEnd();
        }
        return file;
    }

    @Test
    void aFileThatShrinksWhileReadIsAnIoErrorNotACrash() throws IOException {
        Path file = stream(64, 4096);
        try (RecordReader r = RecordReader.open(file, OPTIONS)) {
            ByteBuffer first = r.next().bodyView();
            assertThat(first.get(first.position())).isZero();
            try (FileChannel other = FileChannel.open(file, StandardOpenOption.WRITE)) {
                other.truncate(4096);
            }
            assertThatThrownBy(() -> readToTheEnd(r)).isInstanceOf(IOException.class).hasMessageStartingWith("the file shrank while it was read, near offset ");
        }
    }

    @Test
    void recordsLargerThanTheWindowAreSkippedOrReadWhole() throws IOException {
        Path file = stream(6, 300_000);
        try (RecordReader r = RecordReader.open(file, OPTIONS, 4104)) {
            for (int i = 0; i < 5; i++) {
                assertThat(r.next().type()).isEqualTo(BLOB); // never loaded: checked past a piece at a time
            }
            ByteBuffer last = r.next().body();
            assertThat(last.remaining()).isEqualTo(300_000);
            assertThat(last.get(0)).isEqualTo((byte) 5);
            assertThat(last.get(299_999)).isEqualTo((byte) 5);
            assertThat(r.next().type()).isEqualTo(RecordType.STATIC_DATA_END);
            assertThat(r.next().type()).isEqualTo(RecordType.END);
            assertThat(r.next()).isNull();
            r.expectEndOfInput();
        }
    }

    @Test
    void skippingPastTheWindowMapsFromWhereItLands() throws IOException {
        byte[] octets = new byte[50_000];
        for (int i = 0; i < octets.length; i++) {
            octets[i] = (byte) (i * 7);
        }
        Path file = Files.write(dir.resolve("octets"), octets);
        try (FileChannel channel = FileChannel.open(file);
                MappedInput in = new MappedInput(FileWindows.open(channel), octets.length, 4096)) {
            assertThat(in.fill(4)).isEqualTo(4);
            assertThat(in.skip(10_000)).isEqualTo(10_000);
            assertThat(in.offset()).isEqualTo(10_000);
            assertThat(in.fill(5000)).isEqualTo(5000);
            assertThat(in.buffer().get(in.buffer().position() + 4999)).isEqualTo(octets[14_999]);
            assertThat(in.skip(100)).isEqualTo(100);
            assertThat(in.buffer().get(in.buffer().position())).isEqualTo(octets[10_100]);
            assertThat(in.skip(100_000)).isEqualTo(39_900);
            assertThat(in.atEnd()).isTrue();
        }
    }

    @Test
    void anEmptyFileIsStillAnEmptyStream() throws IOException {
        Path file = Files.write(dir.resolve("empty"), new byte[0]);
        assertThatThrownBy(() -> RecordReader.open(file, OPTIONS)).isInstanceOf(StreamFormatException.class)
                .hasMessageContaining("empty stream");
    }
}
