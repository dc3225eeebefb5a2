package dev.baton.core;

import java.nio.ByteBuffer;
import java.nio.channels.WritableByteChannel;

/**
 * A channel that takes every octet and keeps none: a writer on it is measured alone, by tests of
 * what writing allocates and by the benchmarks (baton-bench takes it from baton-core's test-jar),
 * where the writer reuses its own buffer as the output as the other libraries' savers reuse theirs.
 */
public final class DiscardChannel implements WritableByteChannel {
    @Override
    public int write(ByteBuffer src) {
        int n = src.remaining();
        src.position(src.limit());
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
