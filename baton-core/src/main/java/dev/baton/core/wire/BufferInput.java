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
    long offset() {
        return buf.position() - start;
    }

    @Override
    int fill(int n) {
        return Math.min(n, buf.remaining());
    }

    @Override
    ByteBuffer buffer() {
        return buf;
    }

    @Override
    void consume(int n) {
        buf.position(buf.position() + n);
    }

    @Override
    long remaining() {
        return buf.remaining();
    }

    @Override
    void order(ByteOrder order) {
        buf.order(order);
    }

    @Override
    int chunkSize() {
        return Integer.MAX_VALUE;
    }
}
