package dev.baton.xen.xenstore;

import dev.baton.core.wire.ByteCursor;
import dev.baton.core.wire.Plural;
import dev.baton.core.wire.StreamFormatException;

/**
 * One record body in memory, read by offsets from its start through a core {@link ByteCursor}.
 * Every field is first checked against {@code len} ({@link #require}): a field beyond it refuses
 * the record with a {@link StreamFormatException} located at the record, never an index error.
 * A refused record is a recoverable problem: the reader reports it and skips the record.
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

    /** A problem of this record at absolute stream offset {@code at}, with the record's index and context. */
    StreamFormatException errorAt(long at, String problem) {
        return octets.errorAt(at, problem);
    }

    /** Checks that {@code n} octets at {@code at} lie inside the body. */
    void require(long at, long n, String what) throws StreamFormatException {
        if (at + n > len) {
            throw refused("the body of " + Plural.count(len, "octet") + " is too short for " + what + " ("
                    + Plural.count(n, "octet") + " at "
                    + at + ")", Math.min(at, len));
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
    String cString(int at, int n, String what) throws StreamFormatException {
        if (n == 0) {
            throw refused(what + " length is 0, but it counts the string's NUL", at);
        }
        require(at, n, what);
        int nul = octets.indexOf((byte) 0, at, at + n - 1);
        if (nul >= 0) {
            throw refused(what + " has a NUL at octet " + (nul - at) + " of its " + (n - 1), nul);
        }
        if (octets.u8(at + n - 1) != 0) {
            throw refused(what + " does not end in a NUL (its length counts the NUL)", at + n - 1);
        }
        return utf8(at, n - 1, what);
    }

    /**
     * The NUL-terminated string that starts at {@code at}, wherever its NUL is.
     *
     * @return the string; its octets plus the NUL end at {@code at + encoded length + 1}
     */
    String cStringToNul(int at, String what) throws StreamFormatException {
        int nul = octets.indexOf((byte) 0, at, len);
        if (nul < 0) {
            throw refused(what + " has no NUL before the end of the body", at);
        }
        return utf8(at, nul - at, what);
    }

    private String utf8(int at, int n, String what) throws StreamFormatException {
        String s = octets.utf8(at, n);
        if (s == null) {
            throw refused(what + " is not valid UTF-8", at);
        }
        return s;
    }

    /** The problem that refuses this record, found at body octet {@code at}. */
    private StreamFormatException refused(String problem, long at) {
        return errorAt(offset + at, problem);
    }
}
