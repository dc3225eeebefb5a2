package dev.baton.xen;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/** libxc and libxl streams built octet by octet, for the cases no writer would produce. */
public final class StreamBuilder {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private ByteOrder order = ByteOrder.LITTLE_ENDIAN;

    public static StreamBuilder libxc(int version, int domainType) {
        return new StreamBuilder().imageHeader(version, 0, 0).domainHeader(domainType, 12, 0);
    }

    public StreamBuilder order(ByteOrder o) {
        order = o;
        return this;
    }

    /** The 24-octet image header; bit 0 of options sets the order of what follows. */
    public StreamBuilder imageHeader(int version, int options, long reserved) {
        order = (options & 1) != 0 ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN;
        return raw(ByteBuffer.allocate(24).putLong(-1L).putInt(0x58454E46).putInt(version).putShort((short) options)
                .putShort((short) (reserved >>> 32)).putInt((int) reserved).array());
    }

    public StreamBuilder domainHeader(int type, int pageShift, int reserved) {
        return raw(buf(16).putInt(type).putShort((short) pageShift).putShort((short) reserved).putInt(4).putInt(19)
                .array());
    }

    public StreamBuilder libxlHeader(int version, int options) {
        order = (options & 1) != 0 ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN;
        return raw(ByteBuffer.allocate(16).putLong(0x4c6962786c466d74L).putInt(version).putInt(options).array());
    }

    /** A record: type, length, body, zero padding. */
    public StreamBuilder record(int type, byte[] body) {
        return record(type, body.length, body, new byte[-body.length & 7]);
    }

    /** A record with any length field and padding. */
    public StreamBuilder record(int type, long length, byte[] body, byte[] padding) {
        raw(buf(8).putInt(type).putInt((int) length).array());
        return raw(body).raw(padding);
    }

    public StreamBuilder end() {
        return record(0, new byte[0]);
    }

    public StreamBuilder raw(byte[] octets) {
        out.writeBytes(octets);
        return this;
    }

    /** A body in the stream's order. */
    public ByteBuffer buf(int size) {
        return ByteBuffer.allocate(size).order(order);
    }

    /** u32 fields, in the stream's order. */
    public byte[] u32s(long... values) {
        ByteBuffer b = buf(4 * values.length);
        for (long v : values) {
            b.putInt((int) v);
        }
        return b.array();
    }

    /** u64 fields, in the stream's order. */
    public byte[] u64s(long... values) {
        ByteBuffer b = buf(8 * values.length);
        for (long v : values) {
            b.putLong(v);
        }
        return b.array();
    }

    public static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            b.writeBytes(p);
        }
        return b.toByteArray();
    }

    public byte[] bytes() {
        return out.toByteArray();
    }
}
