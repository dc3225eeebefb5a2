package dev.baton.core.wire;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;

/**
 * {@link FileWindows} through {@code java.lang.foreign}: each window lives in its own shared
 * arena, closed when the next window is mapped or the windows are closed. Compiled for Java 22
 * and loaded by {@link FileWindows#open} only on Java 22 or newer.
 */
final class ArenaFileWindows implements FileWindows {
    private final FileChannel channel;
    private Arena arena;

    ArenaFileWindows(FileChannel channel) {
        this.channel = channel;
    }

    @Override
    public ByteBuffer map(long at, long length) throws IOException {
        close();
        // Shared, not confined: a body handed out may be read on another thread while it is valid.
        Arena next = Arena.ofShared();
        try {
            ByteBuffer window = channel.map(FileChannel.MapMode.READ_ONLY, at, length, next).asByteBuffer();
            arena = next;
            return window;
        } catch (IOException | RuntimeException e) {
            next.close();
            throw e;
        }
    }

    @Override
    public void close() {
        if (arena != null) {
            arena.close();
            arena = null;
        }
    }
}
