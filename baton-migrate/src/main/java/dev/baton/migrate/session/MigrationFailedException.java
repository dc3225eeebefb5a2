package dev.baton.migrate.session;

import java.io.IOException;

/**
 * A migration failed before the commit. On the source this means the application resumed with
 * its state intact; on the target, that it discarded what it loaded. The message is one line.
 */
public final class MigrationFailedException extends IOException {
    private static final long serialVersionUID = 1L;

    private final String reason;
    private final boolean refused;

    public MigrationFailedException(String message, String reason, boolean refused, Throwable cause) {
        super(message, cause);
        this.reason = reason;
        this.refused = refused;
    }

    /** Why, without the part that says what was done about it. */
    public String reason() {
        return reason;
    }

    /** Whether the target refused (rather than something failing). */
    public boolean refused() {
        return refused;
    }
}
