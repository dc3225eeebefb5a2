package dev.baton.xen.libxl;

import java.nio.ByteOrder;

/**
 * The 16-octet libxl stream header, always big-endian:
 *
 * <pre>
 *   0  u64  ident    "LibxlFmt"
 *   8  u32  version  2
 *  12  u32  options  bit 0: byte order (0 little, 1 big); bit 1: written by the legacy converter;
 *                    bits 2-31 reserved
 * </pre>
 */
public record LibxlHeader(int version, ByteOrder order, boolean legacy) {
    public static final int SIZE = 16;
    /** "LibxlFmt" in ASCII. */
    public static final long IDENT = 0x4c6962786c466d74L;
    public static final int VERSION = 2;
    public static final int OPTION_BIG_ENDIAN = 1;
    public static final int OPTION_LEGACY = 2;

    public String orderName() {
        return order == ByteOrder.BIG_ENDIAN ? "big-endian" : "little-endian";
    }
}
