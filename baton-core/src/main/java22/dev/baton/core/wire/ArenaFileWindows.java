package dev.baton.core.wire;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.ref.Cleaner;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;

/**
 * {@link FileWindows} through {@code java.lang.foreign}: each window lives in its own shared
 * arena, closed when the next window is mapped or the windows are closed, or else, for a reader
 * its user never closed, once neither the window nor any view of it is reachable. Compiled for
 * Java 22 and loaded by {@link FileWindows#open} only on Java 22 or newer.
 */
final class ArenaFileWindows implements FileWindows {
    private static final Cleaner UNMAPPER = Cleaner.create();

    private final FileChannel channel;
    /** Unmaps the current window: explicitly, or by the cleaner when the window is unreachable. */
    private Cleaner.Cleanable unmap;

    ArenaFileWindows(FileChannel channel) {
        this.channel = channel;
    }

    @Override
    public ByteBuffer map(long at, long length) throws IOException {
        close();
        // Shared, not confined: a body handed out may be read on another thread while it is valid.
        Arena arena = Arena.ofShared();
        ByteBuffer window;
        try {
            window = channel.map(FileChannel.MapMode.READ_ONLY, at, length, arena).asByteBuffer();
        } catch (IOException | RuntimeException e) {
            arena.close();
            throw e;
        }
        // Views of the window (slices, read-only copies) keep it reachable, so the cleaner cannot
        // unmap what a caller still reads. The action holds the arena, never the window.
        unmap = UNMAPPER.register(window, arena::close);
        return window;
    }

    @Override
    public void close() {
        if (unmap != null) {
            unmap.clean();
            unmap = null;
        }
    }
}
