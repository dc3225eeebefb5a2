package dev.baton.core.wire;

import java.nio.ByteBuffer;

/** A {@link WireInput} over octets already in memory: nothing is copied. */
final class BufferInput extends WireInput {
    private final int start;

    BufferInput(ByteBuffer source) {
        this.buf = source.duplicate();
        this.start = buf.position();
    }

    @Override
    public long offset() {
        return buf.position() - start;
    }

    @Override
    public int fill(int n) {
        return Math.min(n, buf.remaining());
    }

    @Override
    public long remaining() {
        return buf.remaining();
    }

    @Override
    public int chunkSize() {
        return Integer.MAX_VALUE;
    }
}
