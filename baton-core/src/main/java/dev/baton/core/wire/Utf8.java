package dev.baton.core.wire;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Strict UTF-8 for the wire: encoding straight into a buffer without allocating (the write path
 * must not allocate per field), and decoding that refuses malformed input instead of replacing it.
 */
public final class Utf8 {

    private Utf8() {
    }

    /**
     * Octets needed to encode {@code s}.
     *
     * @throws IllegalArgumentException if {@code s} holds an unpaired surrogate, which UTF-8 cannot encode
     */
    public static int encodedLength(CharSequence s) {
        int n = s.length();
        int i = 0;
        while (i < n && s.charAt(i) < 0x80) { // the common case: a tight loop over ASCII
            i++;
        }
        return i == n ? n : i + encodedLength(s, i);
    }

    /**
     * Octets needed to encode the chars of {@code s} from index {@code from} on, for a caller that
     * knows the chars before it are ASCII ({@code from} octets).
     *
     * @throws IllegalArgumentException if those chars hold an unpaired surrogate
     */
    static int encodedLength(CharSequence s, int from) {
        int n = s.length();
        int octets = n - from;
        for (int i = from; i < n; i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                continue;
            }
            if (c < 0x800) {
                octets += 1;
            } else if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(s.charAt(i + 1))) {
                octets += 2; // 4 octets for the pair's 2 chars
                i++;
            } else if (Character.isSurrogate(c)) {
                throw new IllegalArgumentException("unpaired surrogate at index " + i + " cannot be encoded as UTF-8");
            } else {
                octets += 2;
            }
        }
        return octets;
    }

    /**
     * Encodes {@code s} into {@code out} from index {@code at}, with plain array stores; the caller
     * has measured it ({@link #encodedLength}, which refuses unpaired surrogates) and made room.
     *
     * @return the index after the last octet
     */
    static int encode(String s, byte[] out, int at) {
        int n = s.length();
        int o = at;
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                out[o++] = (byte) c;
            } else if (c < 0x800) {
                out[o++] = (byte) (0xC0 | (c >> 6));
                out[o++] = (byte) (0x80 | (c & 0x3F));
            } else if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(s.charAt(i + 1))) {
                int cp = Character.toCodePoint(c, s.charAt(++i));
                out[o++] = (byte) (0xF0 | (cp >> 18));
                out[o++] = (byte) (0x80 | ((cp >> 12) & 0x3F));
                out[o++] = (byte) (0x80 | ((cp >> 6) & 0x3F));
                out[o++] = (byte) (0x80 | (cp & 0x3F));
            } else if (Character.isSurrogate(c)) {
                throw new IllegalArgumentException("unpaired surrogate at index " + i + " cannot be encoded as UTF-8");
            } else {
                out[o++] = (byte) (0xE0 | (c >> 12));
                out[o++] = (byte) (0x80 | ((c >> 6) & 0x3F));
                out[o++] = (byte) (0x80 | (c & 0x3F));
            }
        }
        return o;
    }

    /** Encodes {@code s} at the buffer's position; the caller has made room for {@link #encodedLength}. */
    public static void encode(CharSequence s, ByteBuffer out) {
        int n = s.length();
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                out.put((byte) c);
            } else if (c < 0x800) {
                out.put((byte) (0xC0 | (c >> 6))).put((byte) (0x80 | (c & 0x3F)));
            } else if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(s.charAt(i + 1))) {
                int cp = Character.toCodePoint(c, s.charAt(++i));
                out.put((byte) (0xF0 | (cp >> 18))).put((byte) (0x80 | ((cp >> 12) & 0x3F)))
                        .put((byte) (0x80 | ((cp >> 6) & 0x3F))).put((byte) (0x80 | (cp & 0x3F)));
            } else if (Character.isSurrogate(c)) {
                throw new IllegalArgumentException("unpaired surrogate at index " + i + " cannot be encoded as UTF-8");
            } else {
                out.put((byte) (0xE0 | (c >> 12))).put((byte) (0x80 | ((c >> 6) & 0x3F)))
                        .put((byte) (0x80 | (c & 0x3F)));
            }
        }
    }

    /**
     * Encodes {@code s}, whose {@link #encodedLength} is {@code octets}, at the buffer's position;
     * the caller has made room. An ASCII {@link String} (octets equal to chars) is copied in bulk,
     * through {@code scratch} when the buffer has no array; anything else goes char by char.
     */
    @SuppressWarnings("deprecation") // String.getBytes(int, int, byte[], int): the bulk copy of ASCII chars
    static void encode(CharSequence s, int octets, ByteBuffer out, byte[] scratch) {
        if (octets != s.length() || !(s instanceof String str)) {
            encode(s, out);
            return;
        }
        int at = out.position();
        if (out.hasArray()) {
            str.getBytes(0, octets, out.array(), out.arrayOffset() + at);
            out.position(at + octets);
            return;
        }
        for (int from = 0; from < octets; from += scratch.length) {
            int n = Math.min(scratch.length, octets - from);
            str.getBytes(from, from + n, scratch, 0);
            out.put(scratch, 0, n);
        }
    }

    /** True when {@code length} octets at absolute index {@code at} hold a NUL, which no Baton string may. */
    public static boolean containsNul(ByteBuffer in, int at, int length) {
        for (int i = 0; i < length; i++) {
            if (in.get(at + i) == 0) {
                return true;
            }
        }
        return false;
    }

    /** True when {@code s} holds U+0000. */
    public static boolean containsNul(CharSequence s) {
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) == 0) {
                return true;
            }
        }
        return false;
    }

    /**
     * Decodes {@code length} octets at absolute index {@code at} of {@code in}, strictly.
     *
     * @return the string, or {@code null} when the octets are not valid UTF-8
     */
    public static String decode(ByteBuffer in, int at, int length) {
        if (in.hasArray()) {
            return decode(in.array(), in.arrayOffset() + at, length);
        }
        byte[] octets = new byte[length];
        in.get(at, octets);
        return decode(octets, 0, length);
    }

    /**
     * Decodes all of {@code octets}, strictly.
     *
     * @return the string, or {@code null} when the octets are not valid UTF-8
     */
    public static String decode(byte[] octets) {
        return decode(octets, 0, octets.length);
    }

    private static String decode(byte[] octets, int from, int length) {
        // The JDK's decoder is fast (ASCII in bulk) but lenient: it replaces each malformed
        // sequence with U+FFFD. Without a U+FFFD in its result the input was well-formed; with
        // one, the strict decoder decides whether the input held U+FFFD itself or was malformed.
        String s = new String(octets, from, length, StandardCharsets.UTF_8);
        return s.indexOf('\uFFFD') < 0 ? s : strict(octets, from, length);
    }

    private static String strict(byte[] octets, int from, int length) {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        try {
            return decoder.decode(ByteBuffer.wrap(octets, from, length)).toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }
}
