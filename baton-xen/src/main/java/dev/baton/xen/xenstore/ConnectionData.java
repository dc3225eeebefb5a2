package dev.baton.xen.xenstore;

import dev.baton.core.wire.Plural;
import dev.baton.core.wire.RecordFrame;
import java.util.Arrays;
import java.util.Objects;
import java.util.OptionalLong;

/**
 * CONNECTION_DATA: one connection to xenstored, with the data it has in flight.
 *
 * <pre>
 *   0  u32  conn-id        non-zero; watches and transactions refer to it
 *   4  u16  conn-type      0 shared ring, 1 socket
 *   6  u16  fields         bit 0: unique-id present
 *   8  u8[8] conn-spec     see {@link ConnectionSpec}
 *  16  u16  in-data-len    octets read from the connection, not yet processed
 *  18  u16  out-resp-len   octets of a partial response, counted inside out-data-len
 *  20  u32  out-data-len   octets not yet written to the connection
 *  24  data                in-data-len octets read, then out-data-len octets to write
 *      zero padding to 8, then u64 unique-id when fields bit 0 is set
 * </pre>
 *
 * @param connId     the connection's id, non-zero
 * @param spec       what the connection is
 * @param inData     data read and not yet processed
 * @param outData    data not yet written, the partial response included
 * @param outRespLen how many octets of {@code outData} are a partial response
 * @param uniqueId   the domain's unique id, when the stream carries it (live update of rings)
 */
public record ConnectionData(long connId, ConnectionSpec spec, byte[] inData, byte[] outData, int outRespLen,
        OptionalLong uniqueId) implements XenstoreRecord {
    static final int FIXED = 24;
    /** Bit 0 of {@code fields}. */
    public static final int FIELD_UNIQUE_ID = 1;

    public ConnectionData {
        Fields.u32("conn-id", connId);
        if (connId == 0) {
            throw new IllegalArgumentException("conn-id 0 is reserved: a connection's id is non-zero");
        }
        Objects.requireNonNull(spec, "spec");
        Objects.requireNonNull(uniqueId, "uniqueId");
        inData = inData.clone();
        outData = outData.clone();
        Fields.u16("in-data-len", inData.length);
        Fields.u16("out-resp-len", outRespLen);
        if (outRespLen > outData.length) {
            throw new IllegalArgumentException("out-resp-len " + outRespLen + " exceeds out-data-len " + outData.length);
        }
    }

    /** A connection with nothing in flight and no unique id. */
    public static ConnectionData idle(long connId, ConnectionSpec spec) {
        return new ConnectionData(connId, spec, new byte[0], new byte[0], 0, OptionalLong.empty());
    }

    @Override
    public byte[] inData() {
        return inData.clone();
    }

    @Override
    public byte[] outData() {
        return outData.clone();
    }

    /** The {@code fields} flags this record writes. */
    public int fields() {
        return uniqueId.isPresent() ? FIELD_UNIQUE_ID : 0;
    }

    /** Body octets on the wire, padding before the unique id included, trailing padding excluded. */
    int bodyLength() {
        long data = FIXED + (long) inData.length + outData.length;
        return Math.toIntExact(uniqueId.isPresent() ? RecordFrame.pad8(data) + 8 : data);
    }

    @Override
    public XenstoreRecordType type() {
        return XenstoreRecordType.CONNECTION_DATA;
    }

    @Override
    public String summary() {
        StringBuilder sb = new StringBuilder("connection ").append(connId).append(": ").append(spec);
        sb.append(", ").append(Plural.count(inData.length, "octet")).append(" in, ").append(outData.length).append(" out");
        if (outRespLen > 0) {
            sb.append(" (").append(outRespLen).append(" of a partial response)");
        }
        uniqueId.ifPresent(id -> sb.append(String.format(", unique-id 0x%016x", id)));
        return sb.toString();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ConnectionData c && connId == c.connId && spec.equals(c.spec)
                && Arrays.equals(inData, c.inData) && Arrays.equals(outData, c.outData)
                && outRespLen == c.outRespLen && uniqueId.equals(c.uniqueId);
    }

    @Override
    public int hashCode() {
        return Objects.hash(connId, spec, Arrays.hashCode(inData), Arrays.hashCode(outData), outRespLen, uniqueId);
    }

    @Override
    public String toString() {
        return "ConnectionData[" + summary() + "]";
    }
}
