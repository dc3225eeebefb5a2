package dev.baton.core.wire;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Where a reader's octets come from: a window of unread octets over a channel or a buffer.
 *
 * <p>Unread octets start at {@code buffer().position()}. {@link #fill} makes more of them
 * available without ever allocating more than what has really arrived (so a hostile length
 * costs nothing until the octets exist), and {@link #consume} marks them read.
 */
abstract sealed class WireInput permits BufferInput, ChannelInput {

    /** Absolute stream offset of the first unread octet. */
    abstract long offset();

    /**
     * Makes up to {@code n} unread octets available in {@link #buffer()}.
     *
     * @return how many are available, {@code n} unless the input ended first
     */
    abstract int fill(int n) throws IOException;

    /** The window; unread octets start at its position. Valid until the next {@link #fill}. */
    abstract ByteBuffer buffer();

    /** Marks {@code n} available octets as read. */
    abstract void consume(int n);

    /** Octets known to remain unread, or {@code -1} when the input cannot tell. */
    abstract long remaining() throws IOException;

    /** Byte order used for multi-octet reads from now on. */
    abstract void order(ByteOrder order);

    /** Largest useful chunk for streaming through long records. */
    abstract int chunkSize();
}
