package dev.baton.core.wire;

/**
 * The stream grammar (docs/FORMAT.md, section 10) as one transition table: the writer asks it
 * before it writes a record and refuses one out of order, the reader asks it after it reads one
 * and reports one out of order, so the two cannot disagree about what a stream may hold.
 *
 * <p>The state is what the records so far decided: whether a DESCRIPTION, a SECTION,
 * STATIC_DATA_END and END came. A record moves it on whether or not it broke a rule, as a
 * verifying reader reads on past a misplaced record. The table is built once from the rules
 * below, each in one place. The writer and the reader look a record up once ({@link #step}),
 * check what the step breaks, and take it ({@link #take}) once the record is written or read:
 * one array load per record, on the hot path of both.
 *
 * <p>Not thread-safe: one instance per writer or reader.
 */
final class StreamGrammar {
    /** The rules of section 10 a record can break by where it stands, with the words each side says. */
    enum Break {
        /** Rule 2: END is the last record. The reader stops at END; {@code expectEndOfInput()} finds what follows. */
        AFTER_END("the stream has ended: nothing may follow END", "record after END"),
        /** Rule 3: STATIC_DATA_END comes before END. */
        END_BEFORE_STATIC_DATA_END("END before STATIC_DATA_END",
                "END before STATIC_DATA_END: the stream has no static/dynamic boundary"),
        /** Rule 3: STATIC_DATA_END appears once. */
        SECOND_STATIC_DATA_END("STATIC_DATA_END was already written", "second STATIC_DATA_END"),
        /** Rule 4: DESCRIPTION comes before the first SECTION. */
        DESCRIPTION_AFTER_SECTION("DESCRIPTION must come before the first SECTION",
                "DESCRIPTION after the first SECTION: it must precede every section"),
        /** Rule 6: a stream has at most one DESCRIPTION. */
        SECOND_DESCRIPTION("DESCRIPTION was already written", "second DESCRIPTION");

        private static final Break[] ALL = values();

        private final String writing;
        private final String reading;

        Break(String writing, String reading) {
            this.writing = writing;
            this.reading = reading;
        }

        /** What the writer says when asked to write the record. */
        String writing() {
            return writing;
        }

        /** What the reader reports when it reads the record. */
        String reading() {
            return reading;
        }

        int bit() {
            return 1 << ordinal();
        }

        /** The broken rule {@code breaks} names first, in the order above: the one the writer throws for. */
        static Break first(int breaks) {
            return ALL[Integer.numberOfTrailingZeros(breaks)];
        }
    }

    // The state: one bit per record that has come.
    private static final int DESCRIBED = 1;
    private static final int SECTIONED = 2;
    private static final int STATIC_ENDED = 4;
    private static final int ENDED = 8;
    private static final int STATES = 16;
    private static final int STATE_MASK = STATES - 1;
    private static final int STATE_BITS = Integer.bitCount(STATE_MASK);

    // The kinds of record the table tells apart; every other type (application records) is OTHER.
    private static final int OTHER = 0;
    private static final int A_DESCRIPTION = 1;
    private static final int A_SECTION = 2;
    private static final int A_STATIC_DATA_END = 3;
    private static final int AN_END = 4;
    /** Kinds per state in the table: a power of two, so that an index needs no bounds check. */
    private static final int KINDS = 8;
    /** The state bit each kind of record sets. */
    private static final int[] SETS = {0, DESCRIBED, SECTIONED, STATIC_ENDED, ENDED, 0, 0, 0};

    /** Per state and kind of record: the next state, and above it the rules the record breaks. */
    private static final int[] TABLE = new int[STATES * KINDS];

    static {
        for (int state = 0; state < STATES; state++) {
            for (int kind = 0; kind < KINDS; kind++) {
                TABLE[state * KINDS + kind] = next(state, kind) | breaks(state, kind) << STATE_BITS;
            }
        }
    }

    private int state;

    /** The table's entry for a record of {@code type} coming now: the state after it and the rules it breaks. */
    int step(int type) {
        return TABLE[(state * KINDS + kind(type)) & (STATES * KINDS - 1)];
    }

    /** The rules a step breaks, as {@link Break#bit()}s; 0 when the record may come. */
    static int breaks(int step) {
        return step >>> STATE_BITS;
    }

    /** Moves past the record looked up by {@code step}, whether it broke a rule or not. */
    void take(int step) {
        state = step & STATE_MASK;
    }

    /** Whether STATIC_DATA_END has come: the records from now on are dynamic. */
    boolean staticEnded() {
        return (state & STATIC_ENDED) != 0;
    }

    /** Whether END has come. */
    boolean ended() {
        return (state & ENDED) != 0;
    }

    /** Rule 5: whether a record of {@code type} must have an empty body (END and STATIC_DATA_END). */
    static boolean emptyBody(int type) {
        return type == RecordType.END || type == RecordType.STATIC_DATA_END;
    }

    /** Rule 5 in words, for a record of {@code type} that has a body; the reader adds how long it is. */
    static String emptyBodyBroken(int type) {
        return RecordType.name(type) + " must have an empty body";
    }

    private static int kind(int type) {
        return switch (type) {
            case RecordType.DESCRIPTION -> A_DESCRIPTION;
            case RecordType.SECTION -> A_SECTION;
            case RecordType.STATIC_DATA_END -> A_STATIC_DATA_END;
            case RecordType.END -> AN_END;
            default -> OTHER;
        };
    }

    private static int next(int state, int kind) {
        return (state & ENDED) != 0 ? state : state | SETS[kind];
    }

    /** The rules of section 10, each in one place. */
    private static int breaks(int state, int kind) {
        if ((state & ENDED) != 0) {
            return Break.AFTER_END.bit();
        }
        int breaks = 0;
        switch (kind) {
            case A_DESCRIPTION -> {
                if ((state & SECTIONED) != 0) {
                    breaks |= Break.DESCRIPTION_AFTER_SECTION.bit();
                }
                if ((state & DESCRIBED) != 0) {
                    breaks |= Break.SECOND_DESCRIPTION.bit();
                }
            }
            case A_STATIC_DATA_END -> {
                if ((state & STATIC_ENDED) != 0) {
                    breaks |= Break.SECOND_STATIC_DATA_END.bit();
                }
            }
            case AN_END -> {
                if ((state & STATIC_ENDED) == 0) {
                    breaks |= Break.END_BEFORE_STATIC_DATA_END.bit();
                }
            }
            default -> {
            }
        }
        return breaks;
    }
}
