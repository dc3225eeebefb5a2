package dev.baton.core.document;

import dev.baton.core.describe.GenericDescriptions;
import dev.baton.core.describe.GenericState;
import java.util.BitSet;

/**
 * Decides the {@code when} fields of a section that a tool decodes without the producer's code,
 * by trying: each field is first taken as on the wire, and when the section then fails to decode
 * to its last octet, the last field so taken is taken as absent instead, and so on, depth first,
 * for at most {@link #MOST_ATTEMPTS} attempts. The octets decide, not a guess about the
 * producer's predicate: what decodes the whole section, and encodes back to the same octets, is kept.
 */
final class WhenGuesses implements GenericDescriptions.Presence {
    /** Attempts per section; a section with more {@code when} fields than this decides is kept as octets. */
    static final int MOST_ATTEMPTS = 64;

    /** The decisions of the attempt, in the order the fields were asked about: set is present. */
    private final BitSet present = new BitSet();
    /** How many decisions the attempts so far made. */
    private int made;
    /** How many the current attempt asked for. */
    private int asked;
    private int attempts;

    /** Starts the first attempt at a new section. */
    void reset() {
        present.clear();
        made = 0;
        asked = 0;
        attempts = 1;
    }

    @Override
    public boolean present(GenericState state, String field, String label) {
        if (asked == made) {
            present.set(made++);
        }
        return present.get(asked++);
    }

    /**
     * After a failed attempt: moves to the next choice, the last field taken as present now
     * taken as absent, and the fields after it to be asked anew.
     *
     * @return false when there is none left, or the attempts are spent
     */
    boolean next() {
        made = asked;
        int last = made == 0 ? -1 : present.previousSetBit(made - 1);
        if (last < 0 || attempts >= MOST_ATTEMPTS) {
            return false;
        }
        present.clear(last);
        made = last + 1;
        asked = 0;
        attempts++;
        return true;
    }

    /** Whether the attempt asked about any field. */
    boolean asked() {
        return asked > 0;
    }
}
