package dev.baton.migrate.precopy;

import java.io.IOException;

/**
 * Pre-copy reached its iteration limit without converging and its {@link OnLimit} says not to
 * switch over: the source session fails before pausing the application, which keeps running with
 * its state intact. The message is one line that says why, in numbers.
 */
public final class NotConvergedException extends IOException {
    private static final long serialVersionUID = 1L;

    public NotConvergedException(String message) {
        super(message);
    }
}
