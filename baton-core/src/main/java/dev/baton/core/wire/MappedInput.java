package dev.baton.core.wire;

import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * A {@link WireInput} over a regular file through read-only memory mappings instead of reads:
 * the octets are the page cache's own, so reading a record copies nothing, and a body handed out
 * is a view of the file. A window of up to {@link #WINDOW} octets is mapped at the first unread
 * octet whenever a fill reaches past the current one, so whatever one fill asks for always lies
 * in one window. Mapping a window unmaps the one before ({@link FileWindows}), and so does
 * {@link #close()}: views of it then fail with {@link IllegalStateException}, which is why a
 * window only moves when {@link RecordReader#next()} or a body's first read fills past it.
 *
 * <p>The file must not shrink while it is read: the JVM then raises {@link InternalError} on
 * access to the lost pages, which {@link RecordReader} reports as an {@link IOException}.
 */
final class MappedInput extends WireInput implements AutoCloseable {
    /** Octets mapped at once: few mappings for a long stream, while each stays cheap to set up. */
    static final int WINDOW = 64 << 20;
    private final FileWindows windows;
    private final long size;
    private final int window;
    /** The window before the first fill and after a skip past its end. */
    private final ByteBuffer nothing = ByteBuffer.allocate(0);
    /** File offset of window index 0. */
    private long base;

    /**
     * @param size the file's size when opened: nothing past it is read
     * @param window octets to map at once; more when one fill asks for more
     */
    MappedInput(FileWindows windows, long size, int window) {
        this.buf = nothing;
        this.windows = windows;
        this.size = size;
        this.window = window;
    }

    @Override
    public long offset() {
        return base + buf.position();
    }

    @Override
    public int fill(int n) throws IOException {
        if (buf.remaining() < n && base + buf.limit() < size) {
            long at = offset();
            long length = Math.min(size - at, Math.max(window, n));
            try {
                buf = windows.map(at, length).order(order);
            } catch (IOException e) {
                throw new IOException("cannot map octets " + at + " to " + (at + length) + " of the file (did it "
                        + "shrink while it was read?): " + e.getMessage(), e);
            }
            base = at;
        }
        return Math.min(n, buf.remaining());
    }

    /** Moves past {@code n} octets without touching them: the next fill maps from there. */
    @Override
    public long skip(long n) {
        long skipped = Math.min(n, remaining());
        if (skipped <= buf.remaining()) {
            consume((int) skipped);
        } else {
            base = offset() + skipped;
            buf = nothing;
        }
        return skipped;
    }

    @Override
    public long remaining() {
        return size - offset();
    }

    /** Unmaps the window. */
    @Override
    public void close() {
        buf = nothing;
        windows.close();
    }

    /** Records up to this size are mapped whole; larger ones are checked a piece at a time. */
    @Override
    public int chunkSize() {
        return ChannelInput.DEFAULT_BUFFER;
    }
}
