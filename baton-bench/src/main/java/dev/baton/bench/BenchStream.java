package dev.baton.bench;

import dev.baton.core.wire.StreamRecord;
import dev.baton.core.wire.RecordReader;
import dev.baton.core.wire.RecordWriter;
import dev.baton.core.wire.ReaderOptions;
import dev.baton.core.wire.WriterOptions;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.WritableByteChannel;
import java.time.Instant;
import java.util.Map;

/**
 * The stream every wire benchmark moves: {@code records} records of {@link #BODY} octets of an
 * application type, then STATIC_DATA_END and END. Writing and reading it is shared here so the
 * file and in-memory benchmarks time exactly the same Baton calls.
 */
final class BenchStream {
    /** Body size of every record: a 4 KiB page, as in the issue. */
    static final int BODY = 4096;
    /** A mandatory application type; the reader is told about it, so nothing is skipped. */
    static final int BLOB = 0x4000_0001;
    /** Record header, the only framing a 4 KiB body needs (it is already a multiple of 8). */
    private static final int HEADER = 8;
    /** Checksum trailer appended to every record when checksums are on. */
    private static final int TRAILER = 8;

    private BenchStream() {
    }

    /** Records in a stream whose bodies add up to {@code mebibytes} MiB. */
    static int records(int mebibytes) {
        return mebibytes * (1 << 20) / BODY;
    }

    /** Writer options fixed so that the header, and so the stream size, is the same every time. */
    static WriterOptions writerOptions(boolean checksums) {
        return WriterOptions.defaults().withChecksums(checksums).withProducer("baton-bench", "1")
                .withCreated(Instant.EPOCH);
    }

    static ReaderOptions readerOptions() {
        return ReaderOptions.defaults().withApplicationTypes(Map.of(BLOB, "BLOB"));
    }

    /** Exact octets of the stream: version header, the records, STATIC_DATA_END and END. */
    static long octets(int records, boolean checksums) {
        long frame = HEADER + (checksums ? TRAILER : 0);
        return headerOctets(checksums) + records * (frame + BODY) + 2 * frame;
    }

    /** The version header's size, asked of the writer itself rather than restated here. */
    private static long headerOctets(boolean checksums) {
        // The writer frames the header into its buffer when opened; offset() counts it unflushed.
        WritableByteChannel nowhere = new WritableByteChannel() {
            @Override
            public int write(ByteBuffer src) {
                throw new UnsupportedOperationException("the header is measured, never written");
            }

            @Override
            public boolean isOpen() {
                return true;
            }

            @Override
            public void close() {
            }
        };
        return RecordWriter.open(nowhere, writerOptions(checksums)).offset();
    }

    /** A reusable body; {@link #stamp} marks each record so reads touch data that really changed. */
    static ByteBuffer newBody() {
        ByteBuffer body = ByteBuffer.allocate(BODY);
        for (int i = 0; i < BODY; i++) {
            body.put(i, (byte) (i * 31));
        }
        return body;
    }

    static void stamp(ByteBuffer body, long index) {
        body.putLong(0, index);
    }

    /** Writes the whole stream; the caller owns and closes the writer's channel. */
    static void write(RecordWriter writer, ByteBuffer body, int records) throws IOException {
        for (int i = 0; i < records; i++) {
            stamp(body, i);
            writer.writeRecord(BLOB, body);
        }
        writer.writeStaticDataEnd();
        writer.writeEnd();
    }

    /** Reads every record and sums the first long of each body, as the baselines do per 4 KiB. */
    static long read(RecordReader reader) throws IOException {
        long sum = 0;
        for (StreamRecord r = reader.next(); r != null; r = reader.next()) {
            if (r.type() == BLOB) {
                ByteBuffer body = r.bodyView();
                sum += body.getLong(body.position());
            }
        }
        return sum;
    }
}
