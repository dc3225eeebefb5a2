package dev.baton.core.wire;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ReadableByteChannel;

/**
 * A {@link WireInput} over a channel, through one buffer that holds at most the record being
 * read. The buffer grows only while it is full of unread octets, doubling each time, so its size
 * follows the data that really arrived and never a length claimed by the stream.
 */
final class ChannelInput extends WireInput {
    static final int DEFAULT_BUFFER = 256 * 1024;
    /**
     * Reads end on multiples of this many octets of the input when they can, so that after the
     * first read every read starts aligned too: the page cache serves aligned reads of large
     * pieces measurably faster than odd-sized ones at odd offsets (docs/PERFORMANCE.md).
     */
    private static final int ALIGN = 64 * 1024;
    /** Octets after which an input of unknown size counts as long and earns a direct buffer. */
    private static final long LONG_INPUT = 1 << 20;

    private final ReadableByteChannel channel;
    private final long knownSize;
    /** Absolute offset of buffer index 0. */
    private long base;
    private boolean eof;

    /**
     * @param knownSize total size of the input when known (a regular file), else {@code -1}
     */
    ChannelInput(ReadableByteChannel channel, long knownSize, int bufferSize) {
        this.channel = channel;
        this.knownSize = knownSize;
        // A direct buffer saves a copy per read but is dear to allocate and slow to free: only a
        // long input earns one. A short or unknown one starts small on the heap (see makeRoom).
        this.buf = knownSize >= bufferSize ? ByteBuffer.allocateDirect(bufferSize + ALIGN).limit(0)
                : ByteBuffer.allocate((int) Math.max(4096, Math.min(bufferSize, knownSize > 0 ? knownSize : 16384)))
                        .limit(0);
    }

    @Override
    public long offset() {
        return base + buf.position();
    }

    @Override
    public int fill(int n) throws IOException {
        while (buf.remaining() < n && !eof) {
            int end = readEnd(n);
            int pos = buf.position();
            int limitBefore = buf.limit();
            buf.limit(end).position(limitBefore);
            int read = channel.read(buf);
            buf.limit(buf.position()).position(pos);
            if (read < 0) {
                eof = true;
            }
        }
        return Math.min(n, buf.remaining());
    }

    /**
     * Where the next read ends: at the last multiple of {@link #ALIGN} of the input that fits in
     * the buffer, so that reads are large and aligned, as long as that still brings {@code n}
     * octets; else at the buffer's end. When no aligned end fits after the octets already read,
     * the unread ones first move to the front (a direct buffer has {@link #ALIGN} octets to spare
     * for them, so the read after that is a whole {@link #DEFAULT_BUFFER}).
     */
    private int readEnd(int n) {
        boolean full = buf.limit() == buf.capacity();
        if (full || (alignedEnd() <= buf.limit() && buf.position() > 0 && buf.capacity() > ALIGN)) {
            makeRoom(n);
        }
        int aligned = alignedEnd();
        return aligned > buf.limit() && aligned - buf.position() >= n ? aligned : buf.capacity();
    }

    /** The buffer index of the last multiple of {@link #ALIGN} of the input within the buffer. */
    private int alignedEnd() {
        int capacity = buf.capacity();
        return capacity - (int) ((base + capacity) % ALIGN);
    }

    /** Compacts when octets were consumed, otherwise doubles the buffer toward {@code n}. */
    private void makeRoom(int n) {
        if (!buf.isDirect() && base + buf.position() >= LONG_INPUT && n <= DEFAULT_BUFFER) {
            // The input has proved long: move to a direct buffer for the rest of it.
            ByteBuffer direct = ByteBuffer.allocateDirect(DEFAULT_BUFFER + ALIGN).order(order);
            base += buf.position();
            direct.put(buf).flip();
            buf = direct;
            return;
        }
        if (buf.position() > 0) {
            base += buf.position();
            buf.compact().flip();
            return;
        }
        int grown = (int) Math.min(Math.max(2L * buf.capacity(), 1), Math.max(n, buf.capacity() + 1L));
        ByteBuffer bigger = ByteBuffer.allocate(grown).order(order);
        bigger.put(buf).flip();
        buf = bigger;
    }

    @Override
    public long remaining() {
        return knownSize < 0 ? -1 : Math.max(0, knownSize - offset());
    }

    @Override
    public int chunkSize() {
        return DEFAULT_BUFFER;
    }
}
