package dev.baton.xen.xenstore;

import dev.baton.core.wire.Plural;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * One record body in memory, read by offsets from its start. Every read is checked against
 * {@code len}: a field beyond it makes the record {@link Refused}, never an index error.
 */
final class Body {
    private final ByteBuffer buf;
    private final int start;
    private final int len;
    private final long offset;

    /**
     * @param buf    the input's window; the body starts at {@code start}
     * @param len    the record's {@code len}
     * @param offset absolute stream offset of the body's first octet
     */
    Body(ByteBuffer buf, int start, int len, long offset) {
        this.buf = buf;
        this.start = start;
        this.len = len;
        this.offset = offset;
    }

    int length() {
        return len;
    }

    /** Absolute stream offset of body octet {@code at}. */
    long offset(int at) {
        return offset + at;
    }

    /** Checks that {@code n} octets at {@code at} lie inside the body. */
    void require(long at, long n, String what) throws Refused {
        if (at + n > len) {
            throw new Refused("the body of " + Plural.count(len, "octet") + " is too short for " + what + " ("
                    + Plural.count(n, "octet") + " at "
                    + at + ")", offset + Math.min(at, len));
        }
    }

    int u8(int at) {
        return buf.get(start + at) & 0xFF;
    }

    int u16(int at) {
        return buf.getShort(start + at) & 0xFFFF;
    }

    long u32(int at) {
        return buf.getInt(start + at) & 0xFFFF_FFFFL;
    }

    int i32(int at) {
        return buf.getInt(start + at);
    }

    long u64(int at) {
        return buf.getLong(start + at);
    }

    byte[] octets(int at, int n) {
        byte[] b = new byte[n];
        buf.get(start + at, b);
        return b;
    }

    /**
     * A NUL-terminated string of {@code n} octets at {@code at}, the NUL counted: it must end in
     * its NUL, hold no other, and be UTF-8.
     */
    String cString(int at, int n, String what) throws Refused {
        if (n == 0) {
            throw new Refused(what + " length is 0, but it counts the string's NUL", offset + at);
        }
        require(at, n, what);
        for (int i = 0; i < n - 1; i++) {
            if (buf.get(start + at + i) == 0) {
                throw new Refused(what + " has a NUL at octet " + i + " of its " + (n - 1), offset + at + i);
            }
        }
        if (buf.get(start + at + n - 1) != 0) {
            throw new Refused(what + " does not end in a NUL (its length counts the NUL)", offset + at + n - 1);
        }
        return utf8(at, n - 1, what);
    }

    /**
     * The NUL-terminated string that starts at {@code at}, wherever its NUL is.
     *
     * @return the string; its octets plus the NUL end at {@code at + encoded length + 1}
     */
    String cStringToNul(int at, String what) throws Refused {
        for (int i = at; i < len; i++) {
            if (buf.get(start + i) == 0) {
                return utf8(at, i - at, what);
            }
        }
        throw new Refused(what + " has no NUL before the end of the body", offset + at);
    }

    private String utf8(int at, int n, String what) throws Refused {
        try {
            ByteBuffer slice = buf.slice(start + at, n);
            CharBuffer chars = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(slice);
            return chars.toString();
        } catch (CharacterCodingException e) {
            throw new Refused(what + " is not valid UTF-8", offset + at);
        }
    }

    /** A record the reader cannot represent: reported, then skipped. */
    static final class Refused extends Exception {
        private static final long serialVersionUID = 1L;
        final long offset;

        Refused(String problem, long offset) {
            super(problem, null, false, false);
            this.offset = offset;
        }
    }
}
