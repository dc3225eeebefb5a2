package dev.baton.store.tree;

/**
 * What a permission entry grants: xenstore's {@code n r w b} letters. The id is the bit set
 * (read 1, write 2) and is stable on the wire.
 */
public enum Access {
    NONE('n', 0), READ('r', 1), WRITE('w', 2), BOTH('b', 3);

    private final char letter;
    private final int id;

    Access(char letter, int id) {
        this.letter = letter;
        this.id = id;
    }

    /** The letter of the protocol and of xenstore's SET_PERMS. */
    public char letter() {
        return letter;
    }

    /** The stable id: bit 0 read, bit 1 write. */
    public int id() {
        return id;
    }

    /** Whether this access includes everything {@code wanted} asks for. */
    public boolean allows(Access wanted) {
        return (id & wanted.id) == wanted.id;
    }

    /** The access of an id, or null. */
    public static Access byId(int id) {
        return id >= 0 && id < 4 ? BY_ID[id] : null;
    }

    /** The access of a letter, or null. */
    public static Access byLetter(char letter) {
        for (Access a : BY_ID) {
            if (a.letter == letter) {
                return a;
            }
        }
        return null;
    }

    private static final Access[] BY_ID = {NONE, READ, WRITE, BOTH};
}
