package dev.baton.bench;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;

/**
 * The baselines of the file benchmarks ({@link FileRoundTrip}, {@link FileOneWay}): the octets of
 * Baton's plain stream written and read through one direct buffer, with no framing.
 */
final class PlainCopy {
    private PlainCopy() {
    }

    /**
     * Writes the plain stream's octets of {@code records} records a full buffer at a time, stamping
     * one long per 4 KiB as Baton's writer stamps each body, so reads see changing data. With a
     * {@code heapBody}, each 4 KiB is first copied from it into the buffer, the copy a writer of
     * heap data makes.
     */
    static void write(FileChannel out, ByteBuffer chunk, byte[] heapBody, int records) throws IOException {
        long index = 0;
        for (long left = BenchStream.octets(records, false); left > 0; ) {
            int n = (int) Math.min(chunk.capacity(), left);
            chunk.clear();
            for (int at = 0; at < n; at += BenchStream.BODY) {
                if (heapBody != null) {
                    chunk.put(at, heapBody, 0, Math.min(BenchStream.BODY, n - at));
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

    /** Reads the whole channel through the buffer, summing one long per 4 KiB. */
    static long read(FileChannel in, ByteBuffer chunk) throws IOException {
        long sum = 0;
        chunk.clear();
        while (in.read(chunk) >= 0) {
            chunk.flip();
            for (int at = 0; at + Long.BYTES <= chunk.limit(); at += BenchStream.BODY) {
                sum += chunk.getLong(at);
            }
            chunk.clear();
        }
        return sum;
    }
}
