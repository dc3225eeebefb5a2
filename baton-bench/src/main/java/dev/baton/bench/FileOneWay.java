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
        chunk = ByteBuffer.allocateDirect(FileRoundTrip.CHUNK);
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
        write(false);
    }

    @Benchmark
    public void writePlainHeapBodies() throws IOException {
        write(true);
    }

    @Benchmark
    public long readBaton() throws IOException {
        try (RecordReader reader = RecordReader.open(toRead, BenchStream.readerOptions())) {
            return BenchStream.read(reader);
        }
    }

    @Benchmark
    public long readPlain() throws IOException {
        long sum = 0;
        try (FileChannel in = FileChannel.open(toRead, StandardOpenOption.READ)) {
            chunk.clear();
            while (in.read(chunk) >= 0) {
                chunk.flip();
                for (int at = 0; at + Long.BYTES <= chunk.limit(); at += BenchStream.BODY) {
                    sum += chunk.getLong(at);
                }
                chunk.clear();
            }
        }
        return sum;
    }

    /** The same octets as Baton's plain stream, a full buffer at a time (FileRoundTrip's writePlain). */
    private void write(boolean copyBodies) throws IOException {
        byte[] heap = body.array();
        long index = 0;
        try (FileChannel out = create()) {
            for (long left = BenchStream.octets(records, false); left > 0; ) {
                int n = (int) Math.min(FileRoundTrip.CHUNK, left);
                chunk.clear();
                for (int at = 0; at < n; at += BenchStream.BODY) {
                    if (copyBodies) {
                        chunk.put(at, heap, 0, Math.min(BenchStream.BODY, n - at));
                    }
                    if (at + Long.BYTES <= n) {
                        chunk.putLong(at, index++);
                    }
                }
                chunk.limit(n);
                while (chunk.hasRemaining()) {
                    out.write(chunk);
                }
                left -= n;
            }
        }
    }

    private FileChannel create() throws IOException {
        return FileChannel.open(written, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
    }
}
