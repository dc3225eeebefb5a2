package dev.baton.bench;

import dev.baton.core.wire.ReaderOptions;
import dev.baton.core.wire.RecordReader;
import dev.baton.core.wire.RecordWriter;
import dev.baton.core.wire.WriterOptions;
import java.io.IOException;
import java.nio.ByteBuffer;
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
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * The same stream as {@link FileRoundTrip}, written into and read back from memory (issue 2):
 * the writer drains into a preallocated heap buffer and the reader reads that buffer in place.
 * The baseline copies the same octets into the same buffer in 256 KiB chunks and reads them
 * back, so the ratio shows what Baton's framing and its own buffer cost when there is no kernel
 * to hide them.
 */
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
// Same counts as FileRoundTrip: shots are short, and both report in one table.
@Warmup(iterations = 5)
@Measurement(iterations = 15)
// The sink holds the whole stream (1 GiB and a little at the default size) on the heap.
@Fork(value = 1, jvmArgsAppend = {"-Xms3g", "-Xmx3g"})
@State(Scope.Benchmark)
public class MemoryRoundTrip {
    /** MiB of record bodies per round trip; the reported figure is at 1024 (1 GiB). */
    @Param("1024")
    public int mebibytes;

    private int records;
    private BufferChannel sink;
    private ByteBuffer chunk;
    private ByteBuffer body;
    private WriterOptions plain;
    private WriterOptions checked;
    private ReaderOptions reading;

    @Setup(Level.Trial)
    public void setUp() {
        records = BenchStream.records(mebibytes);
        // Sized for the larger, checksummed stream. Allocation zeroes it, so no benchmark pays its page faults.
        ByteBuffer target = ByteBuffer.allocate(Math.toIntExact(BenchStream.octets(records, true)));
        sink = new BufferChannel(target);
        chunk = PlainCopy.newChunk();
        body = BenchStream.newBody();
        plain = BenchStream.writerOptions(false);
        checked = BenchStream.writerOptions(true);
        reading = BenchStream.readerOptions();
    }

    /** The floor: the stream's octets copied in and read back with no framing. */
    @Benchmark
    public void baseline(Blackhole bh) {
        sink.reset();
        long index = 0;
        for (long left = BenchStream.octets(records, false); left > 0; ) {
            int n = (int) Math.min(PlainCopy.CHUNK, left);
            chunk.clear();
            for (int at = 0; at + Long.BYTES <= n; at += BenchStream.BODY) {
                chunk.putLong(at, index++);
            }
            sink.write(chunk.limit(n));
            left -= n;
        }
        ByteBuffer written = sink.written();
        long sum = 0;
        for (int at = 0; at + Long.BYTES <= written.limit(); at += BenchStream.BODY) {
            sum += written.getLong(at);
        }
        bh.consume(sum);
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
        sink.reset();
        try (RecordWriter writer = RecordWriter.open(sink, options)) {
            BenchStream.write(writer, body, records);
        }
        try (RecordReader reader = RecordReader.open(sink.written(), reading)) {
            bh.consume(BenchStream.read(reader));
        }
    }
}
