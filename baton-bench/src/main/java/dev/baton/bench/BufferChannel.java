package dev.baton.bench;

import java.nio.ByteBuffer;
import java.nio.channels.WritableByteChannel;

/**
 * A channel that appends into one preallocated buffer: the in-memory sink of the benchmarks.
 * Unlike a ByteArrayOutputStream it never grows or reallocates, so a timed write costs the
 * copies the writer makes and nothing else.
 */
final class BufferChannel implements WritableByteChannel {
    private final ByteBuffer target;

    BufferChannel(ByteBuffer target) {
        this.target = target;
    }

    /** Empties the sink for the next round trip. */
    void reset() {
        target.clear();
    }

    /** What was written, from its first octet, for a reader. */
    ByteBuffer written() {
        return target.duplicate().flip();
    }

    @Override
    public int write(ByteBuffer src) {
        int n = src.remaining();
        target.put(src);
        return n;
    }

    @Override
    public boolean isOpen() {
        return true;
    }

    @Override
    public void close() {
    }
}
