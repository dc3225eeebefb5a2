package dev.baton.core.wire;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.HexFormat;

/**
 * The 16-octet preamble that starts every Baton stream and never changes: the magic, the
 * stream's {@code version} and its {@code compat_version}, the lowest reader version able to
 * read it. Always big-endian, whatever the byte order of the rest of the stream.
 *
 * <pre>
 *   0  u8[8]  magic          89 42 54 4E 0D 0A 1A 0A   ("\x89BTN\r\n\x1a\n")
 *   8  u32    version        format version the stream was written at
 *  12  u32    compat_version lowest reader version able to read it; 1 &lt;= compat_version &lt;= version
 * </pre>
 *
 * The magic follows PNG's: the high bit of the first octet catches 7-bit channels, CR LF catches
 * CRLF-to-LF conversion, the lone LF catches LF-to-CRLF conversion and 0x1A stops a DOS
 * {@code type}.
 *
 * @param version       the stream's format version
 * @param compatVersion the lowest reader version that can read the stream
 */
public record Preamble(int version, int compatVersion) {

    /** Length of the preamble in octets. */
    public static final int LENGTH = 16;

    private static final byte[] MAGIC = {(byte) 0x89, 'B', 'T', 'N', '\r', '\n', 0x1A, '\n'};

    /** The 8 octets of the magic. */
    public static byte[] magic() {
        return MAGIC.clone();
    }

    /** Writes the preamble at the buffer's position, big-endian, leaving its order untouched. */
    void writeTo(ByteBuffer out) {
        out.put(MAGIC);
        int at = out.position();
        ByteOrder order = out.order();
        out.order(ByteOrder.BIG_ENDIAN).putInt(version).putInt(compatVersion).order(order);
        assert out.position() == at + 8;
    }

    /**
     * Reads a preamble from 16 octets at the buffer's absolute index {@code at}.
     *
     * @throws StreamFormatException for a bad magic or an impossible pair of versions
     */
    static Preamble readFrom(ByteBuffer in, int at) throws StreamFormatException {
        for (int i = 0; i < MAGIC.length; i++) {
            if (in.get(at + i) != MAGIC[i]) {
                byte[] seen = new byte[MAGIC.length];
                in.get(at, seen);
                throw StreamFormatException.inHeader("bad magic " + HexFormat.ofDelimiter(" ").formatHex(seen)
                        + ", expected " + HexFormat.ofDelimiter(" ").formatHex(MAGIC) + ": not a Baton stream"
                        + corruptionHint(seen), i);
            }
        }
        int version = in.getInt(at + 8);
        int compat = in.getInt(at + 12);
        if (in.order() == ByteOrder.LITTLE_ENDIAN) {
            version = Integer.reverseBytes(version);
            compat = Integer.reverseBytes(compat);
        }
        if (version < 1) {
            throw StreamFormatException.inHeader("version " + Integer.toUnsignedString(version)
                    + " is not a valid stream version (versions start at 1)", 8);
        }
        if (compat < 1 || Integer.compareUnsigned(compat, version) > 0) {
            throw StreamFormatException.inHeader("compat_version " + Integer.toUnsignedString(compat)
                    + " is not valid for version " + version + " (it must lie in [1, " + version + "])", 12);
        }
        return new Preamble(version, compat);
    }

    /** Names the usual ways a stream gets mangled in transit, when the octets show one. */
    private static String corruptionHint(byte[] seen) {
        if (seen[0] == 'B' && seen[1] == 'T' && seen[2] == 'N') {
            return " (the first octet is missing: was the stream truncated at its start?)";
        }
        if ((seen[0] & 0xFF) == 0x09 && seen[1] == 'B') {
            return " (the high bit of the first octet was cleared: did it pass a 7-bit channel?)";
        }
        if ((seen[0] & 0xFF) == 0x89 && seen[1] == 'B' && seen[2] == 'T' && seen[3] == 'N') {
            return " (the line-ending octets differ: did it pass a text-mode transfer?)";
        }
        return "";
    }
}
