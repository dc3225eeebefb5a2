package dev.baton.xen.stream;

import dev.baton.core.wire.WireInput;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.WritableByteChannel;

/**
 * The input of a libxc or libxl stream: a {@link WireInput} whose consumed octets can also be
 * copied to an output (a tee), so that a converter reads, checks and copies in one pass without
 * holding more than a chunk.
 */
public final class XenInput {
    private final WireInput in;
    private WritableByteChannel tee;

    public XenInput(WireInput in) {
        this.in = in;
    }

    /** Absolute offset of the next unread octet. */
    public long offset() {
        return in.offset();
    }

    /** Octets known to remain, or -1 when the input cannot tell. */
    public long remaining() throws IOException {
        return in.remaining();
    }

    public void order(ByteOrder order) {
        in.order(order);
    }

    /** Makes up to {@code n} octets available; see {@link WireInput#fill}. */
    public int fill(int n) throws IOException {
        return in.fill(n);
    }

    /** The window; unread octets start at its position. */
    public ByteBuffer buffer() {
        return in.buffer();
    }

    /** Marks {@code n} available octets read, copying them to the tee when one is set. */
    public void consume(int n) throws IOException {
        if (tee != null && n > 0) {
            ByteBuffer b = in.buffer();
            ByteBuffer slice = b.slice(b.position(), n);
            while (slice.hasRemaining()) {
                tee.write(slice);
            }
        }
        in.consume(n);
    }

    /** Reads past up to {@code n} octets a chunk at a time; returns how many there were. */
    public long skip(long n) throws IOException {
        long done = 0;
        while (done < n) {
            int want = (int) Math.min(in.chunkSize(), n - done);
            int have = in.fill(want);
            consume(have);
            done += have;
            if (have < want) {
                break;
            }
        }
        return done;
    }

    /** Copies every octet consumed from now on to {@code out}; {@code null} stops copying. */
    public void tee(WritableByteChannel out) {
        this.tee = out;
    }

    /** The tee, or null. */
    public WritableByteChannel tee() {
        return tee;
    }
}
