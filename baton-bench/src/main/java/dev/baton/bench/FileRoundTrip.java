package dev.baton.bench;

import dev.baton.core.wire.ReaderOptions;
import dev.baton.core.wire.RecordReader;
import dev.baton.core.wire.RecordWriter;
import dev.baton.core.wire.WriterOptions;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Writes a stream of 4 KiB records to a file and reads it back (issue 2): Baton's writer and
 * reader against a plain FileChannel moving the same number of octets through a 256 KiB direct
 * buffer. One operation is the whole round trip, a single shot of a tenth of a second or more at
 * 1 GiB, so timer overhead is nothing. The page cache holds the file: this measures the copies,
 * the framing and how the writes lay the file out in the cache, not the disk.
 */
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
// A shot is short (about 0.1 s at 1 GiB), so many of them cost little and tame the noise of a shared machine.
@Warmup(iterations = 5)
@Measurement(iterations = 15)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@State(Scope.Benchmark)
public class FileRoundTrip {
    /** MiB of record bodies per round trip; the reported figure is at 1024 (1 GiB). */
    @Param("1024")
    public int mebibytes;

    private int records;
    private Path dir;
    private Path file;
    private ByteBuffer chunk;
    private ByteBuffer body;
    private WriterOptions plain;
    private WriterOptions checked;
    private ReaderOptions reading;

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        records = BenchStream.records(mebibytes);
        dir = Files.createTempDirectory("baton-bench");
        file = dir.resolve("stream.baton");
        chunk = PlainCopy.newChunk();
        body = BenchStream.newBody();
        plain = BenchStream.writerOptions(false);
        checked = BenchStream.writerOptions(true);
        reading = BenchStream.readerOptions();
    }

    /**
     * Each round trip writes a new file. Truncating the last one instead would be timed with a
     * stall: ext4 (auto_da_alloc) starts writeback when a file truncated to zero is closed, and the
     * next truncate waits for that I/O, so the disk would leak into a page-cache measurement.
     * Unlinking here, outside the timed shot, drops the old pages without writing them.
     */
    @Setup(Level.Iteration)
    public void removeLastFile() throws IOException {
        Files.deleteIfExists(file);
    }

    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
        Files.deleteIfExists(file);
        Files.deleteIfExists(dir);
    }

    /** The floor: the stream's octets written and read back with no framing and no extra copy. */
    @Benchmark
    public void baseline(Blackhole bh) throws IOException {
        writePlain(false);
        bh.consume(readPlain());
    }

    /**
     * The floor for data that starts on the heap, as Baton's bodies do: each 4 KiB body is first
     * copied into the direct buffer (FileChannel would otherwise make the same copy into a
     * temporary direct buffer of its own). Baton's writer makes this copy too, so this row
     * separates the cost of the copy from the cost of the framing.
     */
    @Benchmark
    public void baselineHeapBodies(Blackhole bh) throws IOException {
        writePlain(true);
        bh.consume(readPlain());
    }

    @Benchmark
    public void baton(Blackhole bh) throws IOException {
        roundTrip(plain, bh);
    }

    /** The same with a CRC32C trailer on every record, computed on write and checked on read. */
    @Benchmark
    public void batonChecksums(Blackhole bh) throws IOException {
        roundTrip(checked, bh);
    }

    private void roundTrip(WriterOptions options, Blackhole bh) throws IOException {
        try (FileChannel out = openForWriting(); RecordWriter writer = RecordWriter.open(out, options)) {
            BenchStream.write(writer, body, records);
        }
        try (RecordReader reader = RecordReader.open(file, reading)) {
            bh.consume(BenchStream.read(reader));
        }
    }

    /** The plain stream's octets, through {@link #chunk}; see {@link PlainCopy#write}. */
    private void writePlain(boolean copyBodies) throws IOException {
        try (FileChannel out = openForWriting()) {
            PlainCopy.write(out, chunk, copyBodies ? body.array() : null, records);
        }
    }

    /** Reads the file back through the same buffer, summing one long per 4 KiB. */
    private long readPlain() throws IOException {
        try (FileChannel in = FileChannel.open(file, StandardOpenOption.READ)) {
            return PlainCopy.read(in, chunk);
        }
    }

    /** Both sides create the file the same way, so both pay the same file-system bookkeeping. */
    private FileChannel openForWriting() throws IOException {
        return FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
    }
}
