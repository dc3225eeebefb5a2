package dev.baton.xen.libxc;

import java.nio.ByteOrder;

/**
 * The 24-octet libxc image header, always big-endian:
 *
 * <pre>
 *   0  u64  marker    0xFFFFFFFFFFFFFFFF (a legacy image has a zero bit here)
 *   8  u32  id        0x58454E46, "XENF"
 *  12  u32  version   2 or 3
 *  16  u16  options   bit 0: byte order of the rest (0 little, 1 big); bits 1-15 reserved
 *  18  u16  reserved
 *  20  u32  reserved
 * </pre>
 *
 * @param version the stream version
 * @param order   the byte order of the domain header and the records
 */
public record ImageHeader(int version, ByteOrder order) {
    public static final int SIZE = 24;
    public static final long MARKER = 0xFFFF_FFFF_FFFF_FFFFL;
    public static final int ID = 0x58454E46;
    public static final int MIN_VERSION = 2;
    public static final int MAX_VERSION = 3;
    public static final int OPTION_BIG_ENDIAN = 1;

    /** The 24 octets of this header. */
    public byte[] toBytes() {
        return java.nio.ByteBuffer.allocate(SIZE).putLong(MARKER).putInt(ID).putInt(version)
                .putShort((short) (order == ByteOrder.BIG_ENDIAN ? OPTION_BIG_ENDIAN : 0)).putShort((short) 0)
                .putInt(0).array();
    }

    public String orderName() {
        return order == ByteOrder.BIG_ENDIAN ? "big-endian" : "little-endian";
    }
}
