package dev.baton.store.server;

/**
 * What a command answers: a line to queue ({@code OK ...}), no line at all ({@code ACK}), or
 * {@code OK} after which the store forgets the connection and closes its socket ({@code BYE}).
 * Refusals are not replies: a handler throws {@code StoreException}, which the store turns into
 * {@code ERR <code> <message>}.
 *
 * @param line   the line to queue, or null for none
 * @param closes whether the connection ends once the line is queued
 */
record Reply(String line, boolean closes) {
    /** {@code OK}. */
    static final Reply OK = new Reply("OK", false);
    /** No reply line. */
    static final Reply NONE = new Reply(null, false);
    /** {@code OK}, then the connection ends. */
    static final Reply OK_THEN_CLOSE = new Reply("OK", true);

    /** {@code OK <rest>}. */
    static Reply ok(String rest) {
        return new Reply("OK " + rest, false);
    }

    /** That line. */
    static Reply line(String line) {
        return new Reply(line, false);
    }
}
