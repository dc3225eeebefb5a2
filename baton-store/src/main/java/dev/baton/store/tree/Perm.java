package dev.baton.store.tree;

/**
 * One permission entry: a domain and what it may do. Written {@code r5}, {@code b0}: the letter,
 * then the domid.
 *
 * @param domid  the domain, 0 to 65535
 * @param access what it may do
 */
public record Perm(int domid, Access access) {
    /** Largest domid. */
    public static final int MAX_DOMID = 0xFFFF;

    public Perm {
        if (domid < 0 || domid > MAX_DOMID) {
            throw new IllegalArgumentException("domid " + domid + " is not in [0, " + MAX_DOMID + "]");
        }
        if (access == null) {
            throw new IllegalArgumentException("a permission needs an access");
        }
    }

    /** Parses {@code r5}; null when the text is not a permission. */
    public static Perm parse(String text) {
        if (text.length() < 2 || text.length() > 6) {
            return null;
        }
        Access a = Access.byLetter(text.charAt(0));
        if (a == null) {
            return null;
        }
        int domid = 0;
        for (int i = 1; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return null;
            }
            domid = domid * 10 + (c - '0');
        }
        return domid <= MAX_DOMID ? new Perm(domid, a) : null;
    }

    @Override
    public String toString() {
        return access.letter() + Integer.toString(domid);
    }
}
