package dev.baton.store.wire;

import dev.baton.core.wire.StreamFormatException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;

/**
 * Reads xenstore wire messages one after another from a stream (a client's socket). The length
 * of a payload is checked against {@link XsMessage#PAYLOAD_MAX} before anything is allocated for
 * it; a stream that ends inside a message, or a length above the limit, is a
 * {@link StreamFormatException} naming the offset and the message. xenstored drops a connection
 * that sends either; so does the store.
 */
public final class XsMessageReader {
    private final InputStream in;
    private final byte[] header = new byte[XsMessage.HEADER];
    private long offset;
    private long index;

    public XsMessageReader(InputStream in) {
        this.in = in;
    }

    /** The offset of the next message. */
    public long offset() {
        return offset;
    }

    /**
     * The next message, or null when the stream ends cleanly between messages.
     *
     * @throws StreamFormatException when the stream ends inside a message or a length is above the limit
     * @throws IOException           when the stream fails
     */
    public XsMessage next() throws IOException {
        int got = fill(header, 0);
        if (got == 0) {
            return null;
        }
        long at = offset;
        if (got < XsMessage.HEADER) {
            throw problem("the stream ends " + got + " octets into a message header", at + got, XsMessage.NO_TYPE);
        }
        ByteBuffer h = ByteBuffer.wrap(header).order(XsMessage.ORDER);
        int type = h.getInt();
        int requestId = h.getInt();
        int transactionId = h.getInt();
        int length = h.getInt();
        if (Integer.compareUnsigned(length, XsMessage.PAYLOAD_MAX) > 0) {
            throw problem("payload length " + Integer.toUnsignedString(length) + " is above "
                    + XsMessage.PAYLOAD_MAX, at + 12, type);
        }
        byte[] payload = new byte[length];
        int read = fill(payload, 0);
        if (read < length) {
            throw problem("the stream ends " + read + " octets into a payload of " + length, at + XsMessage.HEADER + read,
                    type);
        }
        offset = at + XsMessage.HEADER + length;
        index++;
        return new XsMessage(type, requestId, transactionId, payload);
    }

    /** Reads until {@code buf} is full or the stream ends; returns the octets read. */
    private int fill(byte[] buf, int from) throws IOException {
        int n = from;
        while (n < buf.length) {
            int r = in.read(buf, n, buf.length - n);
            if (r < 0) {
                break;
            }
            n += r;
        }
        return n;
    }

    private StreamFormatException problem(String what, long at, int type) {
        // the record is the message; its type is xenstore's, not a Baton record type: said in the context
        return new StreamFormatException(what, at, index, StreamFormatException.NO_TYPE,
                type == XsMessage.NO_TYPE ? "xenstore message header" : XsType.name(type));
    }
}
