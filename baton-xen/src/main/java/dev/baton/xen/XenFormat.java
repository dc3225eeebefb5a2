package dev.baton.xen;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Locale;

/** The Xen stream formats Baton reads, told apart by their first 8 octets. */
public enum XenFormat {
    /** xenstore migration stream: "xenstore". */
    XENSTORE,
    /** libxc migration stream v2/v3: 8 octets of 0xFF. */
    LIBXC,
    /** libxl migration stream: "LibxlFmt". */
    LIBXL;

    /** The format whose first 8 octets these are, or null when none's. */
    public static XenFormat detect(ByteBuffer first8) {
        if (first8.remaining() < 8) {
            return null;
        }
        long v = first8.duplicate().order(ByteOrder.BIG_ENDIAN).getLong(first8.position());
        if (v == 0x78656e73746f7265L) {
            return XENSTORE;
        }
        if (v == 0xFFFF_FFFF_FFFF_FFFFL) {
            return LIBXC;
        }
        if (v == 0x4c6962786c466d74L) {
            return LIBXL;
        }
        return null;
    }

    /** The lower-case name used on the command line. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }
}
