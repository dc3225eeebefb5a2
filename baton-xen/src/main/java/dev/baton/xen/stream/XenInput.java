package dev.baton.xen.stream;

import dev.baton.core.wire.Plural;
import dev.baton.core.wire.Problems;
import dev.baton.core.wire.RecordFrame;
import dev.baton.core.wire.StreamFormatException;
import dev.baton.core.wire.WireInput;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.WritableByteChannel;

/**
 * The input of a libxc or libxl stream: a {@link WireInput} whose consumed octets can also be
 * copied to an output (a tee), so that a converter reads, checks and copies in one pass without
 * holding more than a chunk. Records are framed as core frames them ({@link RecordFrame}).
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

    /** The input under the tee, for reads that {@link #consume} through this one. */
    WireInput wire() {
        return in;
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

    /** Reads past up to {@code n} octets, copying them to the tee when one is set; returns how many there were. */
    public long skip(long n) throws IOException {
        return tee == null ? in.skip(n) : in.copyTo(n, tee);
    }

    /** Copies every octet consumed from now on to {@code out}; {@code null} stops copying. */
    public void tee(WritableByteChannel out) {
        this.tee = out;
    }

    /** The tee, or null. */
    public WritableByteChannel tee() {
        return tee;
    }

    /**
     * The header of record {@code index} of a {@code layer} ("libxc", "libxl") stream, not
     * consumed; the input ending first is fatal ({@link RecordFrame#requireHeader}).
     */
    public RecordFrame peekFrame(long index, String layer) throws IOException {
        return RecordFrame.peek(in, index, layer, layer);
    }

    /**
     * Reports octets after a stream's END (not fatal: the stream itself is whole).
     *
     * @param nextIndex the index a record after END would have
     * @param layer     "libxc" or "libxl", for messages
     */
    public void checkNothingAfterEnd(long nextIndex, Problems problems, String layer) throws IOException {
        long at = in.offset();
        int have = in.fill(RecordFrame.HEADER);
        if (have > 0) {
            problems.report(new StreamFormatException("octets after END: " + (have == RecordFrame.HEADER
                    ? "at least 8 octets follow" : Plural.count(have, "octet") + (have == 1 ? " follows" : " follow"))
                    + " the stream's last record", at, nextIndex, StreamFormatException.NO_TYPE, layer));
        }
    }
}
