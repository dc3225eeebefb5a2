package dev.baton.xen.xenstore;

import dev.baton.core.wire.ByteCursor;
import dev.baton.core.wire.Plural;

/**
 * One record body in memory, read by offsets from its start through a core {@link ByteCursor}.
 * Every field is first checked against {@code len} ({@link #require}): a field beyond it makes
 * the record {@link Refused}, never an index error.
 */
final class Body {
    private final ByteCursor octets;
    private final int len;
    private final long offset;

    /**
     * @param octets the body, index 0 its first octet, located at the record
     * @param len    the record's {@code len}
     * @param offset absolute stream offset of the body's first octet
     */
    Body(ByteCursor octets, int len, long offset) {
        this.octets = octets;
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
        return octets.u8(at);
    }

    int u16(int at) {
        return octets.u16(at);
    }

    long u32(int at) {
        return octets.u32(at);
    }

    int i32(int at) {
        return octets.s32(at);
    }

    long u64(int at) {
        return octets.s64(at);
    }

    byte[] octets(int at, int n) {
        return octets.bytes(at, n);
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
        int nul = octets.indexOf((byte) 0, at, at + n - 1);
        if (nul >= 0) {
            throw new Refused(what + " has a NUL at octet " + (nul - at) + " of its " + (n - 1), offset + nul);
        }
        if (octets.u8(at + n - 1) != 0) {
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
        int nul = octets.indexOf((byte) 0, at, len);
        if (nul < 0) {
            throw new Refused(what + " has no NUL before the end of the body", offset + at);
        }
        return utf8(at, nul - at, what);
    }

    private String utf8(int at, int n, String what) throws Refused {
        String s = octets.utf8(at, n);
        if (s == null) {
            throw new Refused(what + " is not valid UTF-8", offset + at);
        }
        return s;
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
