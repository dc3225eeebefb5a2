package dev.baton.xen.xenstore;

import java.nio.ByteOrder;
import java.util.Objects;

/**
 * The 16-octet header of a xenstore migration stream, always big-endian:
 *
 * <pre>
 *   0  u8[8] ident    "xenstore" (no NUL)
 *   8  u32   version  1 or 2
 *  12  u32   flags    bit 0: byte order of everything after the header (0 little, 1 big);
 *                     bits 1-31 reserved, zero
 * </pre>
 *
 * @param version the stream version, {@link #MIN_VERSION} to {@link #MAX_VERSION}
 * @param order   the byte order of every record
 */
public record XenstoreHeader(int version, ByteOrder order) {
    /** "xenstore" in ASCII, as a big-endian u64. */
    public static final long IDENT = 0x78656e73746f7265L;
    public static final int SIZE = 16;
    public static final int MIN_VERSION = 1;
    public static final int MAX_VERSION = 2;
    /** Bit 0 of {@code flags}: set for big-endian records. */
    public static final int FLAG_BIG_ENDIAN = 1;

    public XenstoreHeader {
        Objects.requireNonNull(order, "order");
        if (version < MIN_VERSION || version > MAX_VERSION) {
            throw new IllegalArgumentException("xenstore stream version " + version + " is not in ["
                    + MIN_VERSION + ", " + MAX_VERSION + "]");
        }
    }

    /** The {@code flags} field this header writes. */
    public int flags() {
        return order == ByteOrder.BIG_ENDIAN ? FLAG_BIG_ENDIAN : 0;
    }

    /** "little-endian" or "big-endian". */
    public String orderName() {
        return order == ByteOrder.BIG_ENDIAN ? "big-endian" : "little-endian";
    }
}
