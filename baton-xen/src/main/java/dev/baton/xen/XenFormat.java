package dev.baton.xen;

import dev.baton.core.wire.StreamFormatException;
import dev.baton.core.wire.WireInput;
import java.io.IOException;
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

    /**
     * The format asked for, or the one the first octets of {@code in} show (nothing is consumed).
     *
     * @param asked the format the caller was told, or null to tell it from the octets
     * @throws StreamFormatException when none is asked for and the octets are none of them (fatal)
     */
    public static XenFormat of(WireInput in, XenFormat asked) throws IOException {
        if (asked != null) {
            return asked;
        }
        int have = in.fill(8);
        XenFormat seen = detect(in.buffer());
        if (seen == null) {
            StringBuilder hex = new StringBuilder();
            for (int i = 0; i < have; i++) {
                hex.append(i == 0 ? "" : " ").append(String.format("%02x", in.buffer().get(in.buffer().position() + i)));
            }
            throw StreamFormatException.inHeader("not a xenstore, libxc or libxl stream: it starts with "
                    + (have == 0 ? "nothing (empty input)" : hex) + " (say which with --format)", 0);
        }
        return seen;
    }

    /** The lower-case name used on the command line. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }
}
