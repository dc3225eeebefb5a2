package dev.baton.migrate.returnpath;

import dev.baton.core.wire.Plural;
import dev.baton.core.wire.RecordFrame;
import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.ReadableByteChannel;

/**
 * Reads control messages from a channel, one at a time, taking exactly each message's octets:
 * the forward channel carries a START, then a Baton stream, then GO, and the stream's reader must
 * find its first octet where START ends. Blocking reads are bounded by the transport's timeout.
 */
public final class ControlReader {
    private final ReadableByteChannel in;
    private final String direction;
    private final ByteBuffer header = ByteBuffer.allocate(RecordFrame.HEADER).order(ByteOrder.BIG_ENDIAN);
    private long offset;
    private long index;

    /**
     * @param direction named in errors: "return path" or "forward control"
     * @param offset    octets of this direction already read by others (the stream before GO)
     */
    public ControlReader(ReadableByteChannel in, String direction, long offset) {
        this.in = in;
        this.direction = direction;
        this.offset = offset;
    }

    public ControlReader(ReadableByteChannel in, String direction) {
        this(in, direction, 0);
    }

    /** Octets read so far, in this direction. */
    public long offset() {
        return offset;
    }

    /** Moves the offset past octets someone else read from the same channel (the stream). */
    public void skipped(long octets) {
        offset += octets;
    }

    /**
     * The next message.
     *
     * @throws EOFException           when the peer closed the connection cleanly between messages
     * @throws ControlFormatException when the octets are not a valid message (a message cut short
     *                                by the connection closing included)
     */
    public ControlMessage read() throws IOException {
        ControlCodec.Where at = new ControlCodec.Where(direction, offset, index);
        header.clear();
        int got = readFully(header);
        if (got == 0) {
            throw new EOFException("the peer closed the connection (" + direction + ", after "
                    + Plural.count(index, "message") + ")");
        }
        if (got < RecordFrame.HEADER) {
            throw at.error(got, ControlCodec.NO_TYPE, "the connection closed after " + got + " of the 8 octets of"
                    + " a message header");
        }
        int type = header.getInt(0);
        int length = ControlCodec.checkHeader(at, type, header.getInt(4));
        int size = ControlCodec.frameSize(length);
        ByteBuffer frame = ByteBuffer.allocate(size).order(ByteOrder.BIG_ENDIAN);
        frame.put(header.flip());
        int rest = readFully(frame);
        if (rest < size - RecordFrame.HEADER) {
            throw at.error(RecordFrame.HEADER + rest, type, "the connection closed after " + (RecordFrame.HEADER + rest)
                    + " of the " + Plural.count(size, "octet") + " of " + ControlCodec.name(type));
        }
        ControlMessage m = ControlCodec.decodeChecked(at, frame.flip());
        offset += size;
        index++;
        return m;
    }

    /** Reads until the buffer is full or the input ends; returns the octets read. */
    private int readFully(ByteBuffer b) throws IOException {
        int total = 0;
        while (b.hasRemaining()) {
            int n = in.read(b);
            if (n < 0) {
                break;
            }
            total += n;
        }
        return total;
    }
}
