package dev.baton.core.wire;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/** A {@link WireInput} over octets already in memory: nothing is copied. */
final class BufferInput extends WireInput {
    private final ByteBuffer buf;
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
    public ByteBuffer buffer() {
        return buf;
    }

    @Override
    public void consume(int n) {
        buf.position(buf.position() + n);
    }

    @Override
    public long remaining() {
        return buf.remaining();
    }

    @Override
    public void order(ByteOrder order) {
        buf.order(order);
    }

    @Override
    public int chunkSize() {
        return Integer.MAX_VALUE;
    }
}
