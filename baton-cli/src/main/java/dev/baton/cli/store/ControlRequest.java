package dev.baton.cli.store;

import dev.baton.cli.ErrorHandler;
import dev.baton.store.live.StoreControl;
import java.io.IOException;
import java.time.Duration;
import picocli.CommandLine.Model.CommandSpec;

/** One request to a running store's control port, as the {@code store} commands make it. */
final class ControlRequest {
    /** How long the store may take to answer (a dump of a big store takes a while). */
    static final Duration TIMEOUT = Duration.ofSeconds(120);

    private ControlRequest() {
    }

    /**
     * Sends {@code line} to the control port {@code control} and returns the answer; a port that
     * cannot be reached is answered as an I/O failure ({@code EIO}).
     */
    static StoreControl.Reply send(int control, String line) {
        try {
            return StoreControl.at(control).request(line, TIMEOUT);
        } catch (IOException e) {
            return new StoreControl.Reply(false, "EIO", e.getMessage());
        }
    }

    /**
     * Prints a refusal as {@code spec}'s one-line error; returns the exit code: 2 when a file or
     * the store could not be reached, 1 when the store refused.
     */
    static int refused(CommandSpec spec, StoreControl.Reply r) {
        return CommandError.print(spec, r.text(), r.io() ? ErrorHandler.USAGE_OR_IO : ErrorHandler.BAD_INPUT);
    }
}
