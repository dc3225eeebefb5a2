package dev.baton.xen.xenstore;

import java.util.Objects;

/**
 * A node permission specifier, 4 octets: {@code u8 perm ('w' 'r' 'b' 'n'), u8 flags, u16 domid}.
 * The first permission of a node names its owner.
 *
 * @param access what {@code domid} may do
 * @param flags  {@link #STALE}, or other bits kept as read
 * @param domid  the domain the permission is for
 */
public record Permission(Access access, int flags, int domid) {
    static final int SIZE = 4;
    /** Flag 0x01: a stale permission, ignored when checking access. */
    public static final int STALE = 0x01;

    public Permission {
        Objects.requireNonNull(access, "access");
        if (flags < 0 || flags > 0xFF) {
            throw new IllegalArgumentException("permission flags " + flags + " do not fit a u8");
        }
        Fields.u16("domid", domid);
    }

    public Permission(Access access, int domid) {
        this(access, 0, domid);
    }

    /** Whether the stale flag is set. */
    public boolean stale() {
        return (flags & STALE) != 0;
    }

    /** The SET_PERMS notation: the letter then the domid, {@code "b0"}, with {@code "!"} when stale. */
    @Override
    public String toString() {
        return (char) access.letter() + Integer.toString(domid) + (stale() ? "!" : "")
                + ((flags & ~STALE) != 0 ? String.format("(flags 0x%02x)", flags) : "");
    }

    /** The {@code perm} letters of the SET_PERMS operation. */
    public enum Access {
        WRITE('w'), READ('r'), BOTH('b'), NONE('n');

        private final int letter;

        Access(int letter) {
            this.letter = letter;
        }

        /** The ASCII letter on the wire. */
        public int letter() {
            return letter;
        }

        /** The access of a letter, or {@code null} for any other octet. */
        public static Access of(int letter) {
            for (Access a : values()) {
                if (a.letter == letter) {
                    return a;
                }
            }
            return null;
        }
    }
}
