package dev.baton.xen.xenstore;

import dev.baton.core.wire.Printable;
import java.nio.charset.StandardCharsets;

/** Range checks shared by the record constructors: what a field of the wire can hold. */
final class Fields {
    private Fields() {
    }

    static long u32(String name, long value) {
        if (value < 0 || value > 0xFFFF_FFFFL) {
            throw new IllegalArgumentException(name + " " + value + " does not fit a u32");
        }
        return value;
    }

    static int u16(String name, int value) {
        if (value < 0 || value > 0xFFFF) {
            throw new IllegalArgumentException(name + " " + value + " does not fit a u16");
        }
        return value;
    }

    /**
     * Octets of {@code s} as a NUL-terminated UTF-8 string whose length, NUL included, must fit
     * a u16 length field.
     */
    static byte[] cString(String name, String s) {
        byte[] octets = s.getBytes(StandardCharsets.UTF_8);
        if (s.indexOf('\0') >= 0) {
            throw new IllegalArgumentException(name + " holds a NUL: " + Printable.of(s));
        }
        if (!StandardCharsets.UTF_8.newEncoder().canEncode(s)) {
            throw new IllegalArgumentException(name + " is not encodable as UTF-8");
        }
        u16(name + " length (with its NUL)", octets.length + 1);
        return octets;
    }

    /** Octets shown as text when they are printable ASCII, else as hex; at most {@code max} shown. */
    static String preview(byte[] value, int max) {
        boolean text = true;
        for (byte b : value) {
            if (b < 0x20 || b == 0x7F) {
                text = false;
                break;
            }
        }
        int n = Math.min(value.length, max);
        StringBuilder sb = new StringBuilder();
        if (text) {
            sb.append('"').append(Printable.of(new String(value, 0, n, StandardCharsets.ISO_8859_1))).append('"');
        } else {
            sb.append("0x");
            for (int i = 0; i < n; i++) {
                sb.append(String.format("%02x", value[i]));
            }
        }
        if (n < value.length) {
            sb.append("...");
        }
        return sb.toString();
    }
}
