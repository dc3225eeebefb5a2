package dev.baton.xen.convert;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.WritableByteChannel;

/** A channel that counts what passes through it to another. */
final class CountingChannel implements WritableByteChannel {
    private final WritableByteChannel out;
    long count;

    CountingChannel(WritableByteChannel out) {
        this.out = out;
    }

    @Override
    public int write(ByteBuffer src) throws IOException {
        int n = out.write(src);
        count += n;
        return n;
    }

    void writeFully(ByteBuffer src) throws IOException {
        while (src.hasRemaining()) {
            write(src);
        }
    }

    @Override
    public boolean isOpen() {
        return out.isOpen();
    }

    @Override
    public void close() {
        // the caller owns the channel
    }
}
