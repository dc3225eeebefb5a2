package dev.baton.migrate.returnpath;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.WritableByteChannel;

/** Writes control messages to a channel, each whole, at once. Thread-safe: one message at a time. */
public final class ControlWriter {
    private final WritableByteChannel out;

    public ControlWriter(WritableByteChannel out) {
        this.out = out;
    }

    public synchronized void write(ControlMessage m) throws IOException {
        ByteBuffer frame = ControlCodec.encode(m);
        while (frame.hasRemaining()) {
            out.write(frame);
        }
    }
}
