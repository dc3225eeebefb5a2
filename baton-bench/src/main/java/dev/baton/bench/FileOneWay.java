package dev.baton.bench;

import dev.baton.core.wire.RecordReader;
import dev.baton.core.wire.RecordWriter;
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

/**
 * {@link FileRoundTrip} split in its two halves, to see which one Baton's time goes to: writing
 * the 1 GiB stream (Baton's writer against the plain copy from a direct buffer and from heap
 * bodies), and reading back one written before the run (Baton's reader, through
 * {@code StreamRecord.bodyView}, against a plain read into a 256 KiB direct buffer).
 */
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 5)
@Measurement(iterations = 15)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@State(Scope.Benchmark)
public class FileOneWay {
    @Param("1024")
    public int mebibytes;

    private int records;
    private Path dir;
    private Path written;
    private Path toRead;
    private ByteBuffer body;
    private ByteBuffer chunk;

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        records = BenchStream.records(mebibytes);
        dir = Files.createTempDirectory("baton-bench");
        written = dir.resolve("written.baton");
        toRead = dir.resolve("read.baton");
        body = BenchStream.newBody();
        chunk = PlainCopy.newChunk();
        try (FileChannel out = FileChannel.open(toRead, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
                RecordWriter writer = RecordWriter.open(out, BenchStream.writerOptions(false))) {
            BenchStream.write(writer, body, records);
        }
    }

    /** As in {@link FileRoundTrip}: every shot writes a new file, the last one unlinked outside the timing. */
    @Setup(Level.Iteration)
    public void removeLastFile() throws IOException {
        Files.deleteIfExists(written);
    }

    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
        Files.deleteIfExists(written);
        Files.deleteIfExists(toRead);
        Files.deleteIfExists(dir);
    }

    @Benchmark
    public void writeBaton() throws IOException {
        try (FileChannel out = create(); RecordWriter writer = RecordWriter.open(out, BenchStream.writerOptions(false))) {
            BenchStream.write(writer, body, records);
        }
    }

    @Benchmark
    public void writePlain() throws IOException {
        try (FileChannel out = create()) {
            PlainCopy.write(out, chunk, null, records);
        }
    }

    @Benchmark
    public void writePlainHeapBodies() throws IOException {
        try (FileChannel out = create()) {
            PlainCopy.write(out, chunk, body.array(), records);
        }
    }

    @Benchmark
    public long readBaton() throws IOException {
        try (RecordReader reader = RecordReader.open(toRead, BenchStream.readerOptions())) {
            return BenchStream.read(reader);
        }
    }

    @Benchmark
    public long readPlain() throws IOException {
        try (FileChannel in = FileChannel.open(toRead, StandardOpenOption.READ)) {
            return PlainCopy.read(in, chunk);
        }
    }

    private FileChannel create() throws IOException {
        return FileChannel.open(written, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
    }
}
