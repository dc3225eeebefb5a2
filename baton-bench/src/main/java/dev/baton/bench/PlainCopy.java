package dev.baton.bench;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;

/**
 * The baselines of the file benchmarks ({@link FileRoundTrip}, {@link FileOneWay}): the octets of
 * Baton's plain stream written and read through one direct buffer, with no framing.
 */
final class PlainCopy {
    /** The baselines' buffer, the size of Baton's own writer and reader buffers. */
    static final int CHUNK = 256 * 1024;
    /** A cache line. */
    private static final int LINE = 64;

    private PlainCopy() {
    }

    /**
     * The baselines' direct buffer of {@link #CHUNK} octets, filled with a pattern. It starts on a
     * cache line: {@code allocateDirect} returns addresses 0 to 48 octets past one, and Linux copies
     * from the page cache into some of those offsets measurably slower (docs/PERFORMANCE.md), which
     * would make the floor depend on where the allocation landed.
     */
    static ByteBuffer newChunk() {
        ByteBuffer chunk = ByteBuffer.allocateDirect(CHUNK + LINE).alignedSlice(LINE).limit(CHUNK).slice();
        for (int i = 0; i < CHUNK; i++) {
            chunk.put(i, (byte) (i * 31));
        }
        return chunk;
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
