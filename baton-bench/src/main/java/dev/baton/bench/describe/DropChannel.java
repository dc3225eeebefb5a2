package dev.baton.bench.describe;

import java.nio.ByteBuffer;
import java.nio.channels.WritableByteChannel;

/**
 * A channel that takes everything and keeps nothing: a writer on it reuses its own buffer as the
 * output, as the other libraries' savers reuse theirs.
 */
public final class DropChannel implements WritableByteChannel {
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
