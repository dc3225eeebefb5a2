package dev.baton.core.wire;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.Channels;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.WritableByteChannel;

/**
 * Where a decoder's octets come from: a window of unread octets over a channel or a buffer,
 * shared by every decoder in Baton (its own stream, Xen's and QEMU's) so that bounds checks and
 * buffer growth live in one place.
 *
 * <p>Unread octets start at {@code buffer().position()}. {@link #fill} makes more of them
 * available without ever allocating more than what has really arrived (so a hostile length
 * costs nothing until the octets exist), and {@link #consume} marks them read. Reads through
 * {@link #buffer()} use absolute indexes from its position and the order set by {@link #order}.
 */
public abstract sealed class WireInput permits BufferInput, ChannelInput, MappedInput {
    /** The window over the input: unread octets from its position to its limit. */
    ByteBuffer buf;
    /** The order of {@link #buf}, kept for the buffers an input makes later. */
    ByteOrder order = ByteOrder.BIG_ENDIAN;

    /** A window over octets in memory, from the buffer's position to its limit; nothing is copied. */
    public static WireInput of(ByteBuffer octets) {
        return new BufferInput(octets);
    }

    /** A window over a channel whose total size is unknown (a pipe, a socket). */
    public static WireInput of(ReadableByteChannel channel) {
        return new ChannelInput(channel, -1, ChannelInput.DEFAULT_BUFFER);
    }

    /**
     * A window over a channel of known total size (a regular file read from its start), so that
     * lengths can be checked against what remains before anything is read.
     */
    public static WireInput of(ReadableByteChannel channel, long size) {
        return new ChannelInput(channel, size, ChannelInput.DEFAULT_BUFFER);
    }

    /** A window over a stream whose total size is unknown. */
    public static WireInput of(InputStream stream) {
        return of(Channels.newChannel(stream));
    }

    /** Absolute offset of the first unread octet. */
    public abstract long offset();

    /**
     * Makes up to {@code n} unread octets available in {@link #buffer()}.
     *
     * @return how many are available: {@code n} unless the input ended first
     */
    public abstract int fill(int n) throws IOException;

    /** The window; unread octets start at its position. Valid until the next {@link #fill}. */
    public final ByteBuffer buffer() {
        return buf;
    }

    /** Marks {@code n} available octets as read. */
    public final void consume(int n) {
        buf.position(buf.position() + n);
    }

    /** Octets known to remain unread, or {@code -1} when the input cannot tell. */
    public abstract long remaining() throws IOException;

    /** Byte order used for multi-octet reads from now on. */
    public final void order(ByteOrder order) {
        this.order = order;
        buf.order(order);
    }

    /** Largest chunk worth filling at once when streaming through long data. */
    public abstract int chunkSize();

    /**
     * Reads and discards up to {@code n} octets, a chunk at a time.
     *
     * @return octets skipped: {@code n} unless the input ended first
     */
    public long skip(long n) throws IOException {
        return pass(n, null);
    }

    /**
     * Reads up to {@code n} octets a chunk at a time and writes each to {@code out} before it is
     * consumed: a copy that never holds more than a chunk.
     *
     * @return octets copied: {@code n} unless the input ended first
     */
    public final long copyTo(long n, WritableByteChannel out) throws IOException {
        return pass(n, out);
    }

    private long pass(long n, WritableByteChannel out) throws IOException {
        long done = 0;
        while (done < n) {
            int want = (int) Math.min(chunkSize(), n - done);
            int have = fill(want);
            if (out != null) {
                ByteBuffer chunk = buf.slice(buf.position(), have);
                while (chunk.hasRemaining()) {
                    out.write(chunk);
                }
            }
            consume(have);
            done += have;
            if (have < want) {
                break;
            }
        }
        return done;
    }

    /** True when no octet remains: the input has ended. */
    public boolean atEnd() throws IOException {
        return fill(1) == 0;
    }
}
