package dev.baton.store.wire;

import dev.baton.store.protocol.Tokens;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * One message of xenstore's wire protocol: the 16-octet header {@code struct xsd_sockmsg} (u32
 * type, u32 request id, u32 transaction id, u32 length) in the host's byte order, then
 * {@code length} octets of payload, at most {@link #PAYLOAD_MAX}. The u32 fields are kept as
 * their 32 bits in an {@code int}.
 *
 * @param type          the message type ({@link XsType#number()}), as it came
 * @param requestId     chosen by the client, echoed by the reply; 0 in a watch event
 * @param transactionId the transaction the request runs in, 0 for none
 * @param payload       the payload, NUL-terminated arguments for most types
 */
public record XsMessage(int type, int requestId, int transactionId, byte[] payload) {
    /** Octets of a header. */
    public static final int HEADER = 16;
    /** Most octets of payload ({@code XENSTORE_PAYLOAD_MAX}). */
    public static final int PAYLOAD_MAX = 4096;
    /** The byte order of headers: the host's, as xenstored and libxenstore on one machine use. */
    public static final ByteOrder ORDER = ByteOrder.nativeOrder();
    /** No type known yet (a header cut short). */
    static final int NO_TYPE = -1;

    public XsMessage {
        if (payload.length > PAYLOAD_MAX) {
            throw new IllegalArgumentException("payload of " + payload.length + " octets, above " + PAYLOAD_MAX);
        }
    }

    /** A message of that type whose payload is {@code args}, each followed by a NUL. */
    public static XsMessage of(XsType type, int requestId, int transactionId, String... args) {
        return new XsMessage(type.number(), requestId, transactionId, terminated(args));
    }

    /** The strings, each followed by a NUL, as octets (strings are ASCII or UTF-8). */
    public static byte[] terminated(String... args) {
        List<byte[]> parts = new ArrayList<>(args.length);
        for (String a : args) {
            parts.add(a.getBytes(StandardCharsets.UTF_8));
        }
        return terminated(parts);
    }

    /** The octet strings, each followed by a NUL. */
    public static byte[] terminated(List<byte[]> args) {
        int n = 0;
        for (byte[] a : args) {
            n += a.length + 1;
        }
        byte[] out = new byte[n];
        int at = 0;
        for (byte[] a : args) {
            System.arraycopy(a, 0, out, at, a.length);
            at += a.length + 1;
        }
        return out;
    }

    /** The type, or null when the protocol has no type of that number. */
    public XsType knownType() {
        return XsType.of(type);
    }

    /** The header and the payload, as they go on the wire. */
    public byte[] encode() {
        ByteBuffer b = ByteBuffer.allocate(HEADER + payload.length).order(ORDER);
        b.putInt(type).putInt(requestId).putInt(transactionId).putInt(payload.length).put(payload);
        return b.array();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof XsMessage m && m.type == type && m.requestId == requestId
                && m.transactionId == transactionId && Arrays.equals(m.payload, payload);
    }

    @Override
    public int hashCode() {
        return ((type * 31 + requestId) * 31 + transactionId) * 31 + Arrays.hashCode(payload);
    }

    @Override
    public String toString() {
        return XsType.name(type) + " req " + Integer.toUnsignedString(requestId) + " tx "
                + Integer.toUnsignedString(transactionId) + " " + Tokens.quote(payload);
    }
}
