package dev.baton.cli.store;

import dev.baton.store.live.StoreProcess;
import java.io.IOException;
import java.time.Duration;

/** One request to a running store's control port, as the {@code store} commands make it. */
final class ControlRequest {
    private static final Duration TIMEOUT = Duration.ofSeconds(120);

    private ControlRequest() {
    }

    /**
     * Sends {@code line} and returns what follows {@code OK } in the answer, or prints the refusal
     * on standard error as {@code command}'s one-line error and returns {@code null}.
     */
    static String send(String command, int control, String line) throws IOException {
        String reply = StoreProcess.control(control, line, TIMEOUT);
        if (reply.startsWith("OK ")) {
            return reply.substring(3);
        }
        System.err.println(command + ": " + (reply.startsWith("ERR ") ? reply.substring(4) : reply));
        return null;
    }
}
