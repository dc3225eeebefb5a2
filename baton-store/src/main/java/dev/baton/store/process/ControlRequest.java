package dev.baton.store.process;

import dev.baton.migrate.precopy.OnLimit;
import java.util.Locale;
import java.util.Objects;

/**
 * One request of a store process's control channel, parsed from its line (docs/STORE.md, "The
 * control channel"), apart from the socket that carried it, so that it can be tested and fuzzed on
 * its own. {@link #parse} takes the line as the channel reads it; {@link #line} writes a request
 * back as the line that parses to it.
 *
 * @param command    what is asked
 * @param name       the xenstore file of DUMP_XENSTORE, LOAD_XENSTORE and PAUSE_DUMP_XENSTORE
 *                   (everything after the command, spaces included, trimmed): a name in the
 *                   store's state directory, which the control server confines there
 *                   ({@code RunDirectory.confined}) as it opens it; null for the others
 * @param host       LIVE_UPDATE's and REHEARSE's host; null for the others
 * @param port       LIVE_UPDATE's and REHEARSE's port, 1 to 65535; 0 for the others
 * @param onLimit    LIVE_UPDATE's action when pre-copy does not converge (its optional last
 *                   token, {@code abort}, {@code switchover} or {@code throttle}; switchover when
 *                   absent); null for the others
 * @param handedOver STOP HANDED_OVER: the new process serves already
 */
record ControlRequest(Command command, String name, String host, int port, OnLimit onLimit, boolean handedOver) {

    /** The control commands. */
    enum Command {
        INFO, LIVE_UPDATE, REHEARSE, DUMP_XENSTORE, LOAD_XENSTORE, PAUSE_DUMP_XENSTORE, UNPAUSE, STOP;

        boolean takesName() {
            return this == DUMP_XENSTORE || this == LOAD_XENSTORE || this == PAUSE_DUMP_XENSTORE;
        }
    }

    /** The answer to every line that is not a control request. */
    static final String USAGE = "ERR EINVAL expected INFO, LIVE_UPDATE HOST PORT [abort|switchover|throttle], "
            + "REHEARSE HOST PORT, DUMP_XENSTORE NAME, "
            + "LOAD_XENSTORE NAME, PAUSE_DUMP_XENSTORE NAME, UNPAUSE or STOP";

    /** A line that is not a control request; its message is the {@link #USAGE} answer. */
    static final class Malformed extends Exception {
        private static final long serialVersionUID = 1L;

        Malformed() {
            super(USAGE);
        }
    }

    ControlRequest {
        Objects.requireNonNull(command, "command");
    }

    /**
     * Parses a request line (without its line terminator). Surrounding white space is ignored;
     * tokens are separated by single spaces; INFO and UNPAUSE ignore what follows them.
     *
     * @throws Malformed when the line is not one of the requests
     */
    static ControlRequest parse(String line) throws Malformed {
        String trimmed = line.trim();
        String[] t = trimmed.split(" ");
        Command command = commandNamed(t[0]);
        if (command == null) {
            throw new Malformed();
        }
        return switch (command) {
            case INFO, UNPAUSE -> new ControlRequest(command, null, null, 0, null, false);
            case DUMP_XENSTORE, LOAD_XENSTORE, PAUSE_DUMP_XENSTORE -> {
                if (t.length < 2) {
                    throw new Malformed();
                }
                yield new ControlRequest(command, trimmed.substring(t[0].length() + 1).trim(), null, 0, null, false);
            }
            case STOP -> {
                boolean handedOver = t.length == 2 && t[1].equals("HANDED_OVER");
                if (t.length > 2 || t.length == 2 && !handedOver) {
                    throw new Malformed();
                }
                yield new ControlRequest(command, null, null, 0, null, handedOver);
            }
            case LIVE_UPDATE -> {
                int port = t.length == 3 || t.length == 4 ? migrationPort(t[2]) : -1;
                OnLimit onLimit = t.length == 4 ? onLimit(t[3]) : OnLimit.SWITCHOVER;
                if (port < 0 || onLimit == null) {
                    throw new Malformed();
                }
                yield new ControlRequest(command, null, t[1], port, onLimit, false);
            }
            case REHEARSE -> {
                int port = t.length == 3 ? migrationPort(t[2]) : -1;
                if (port < 0) {
                    throw new Malformed();
                }
                yield new ControlRequest(command, null, t[1], port, null, false);
            }
        };
    }

    /** The line that {@link #parse} reads as this request. */
    String line() {
        return switch (command) {
            case INFO, UNPAUSE -> command.name();
            case DUMP_XENSTORE, LOAD_XENSTORE, PAUSE_DUMP_XENSTORE -> command + " " + name;
            case STOP -> handedOver ? "STOP HANDED_OVER" : "STOP";
            case LIVE_UPDATE -> command + " " + host + " " + port
                    + (onLimit == OnLimit.SWITCHOVER ? "" : " " + onLimit.name().toLowerCase(Locale.ROOT));
            case REHEARSE -> command + " " + host + " " + port;
        };
    }

    private static Command commandNamed(String name) {
        for (Command c : Command.values()) {
            if (c.name().equals(name)) {
                return c;
            }
        }
        return null;
    }

    /** {@code abort}, {@code switchover} or {@code throttle}; null for anything else. */
    private static OnLimit onLimit(String text) {
        for (OnLimit o : OnLimit.values()) {
            if (o.name().toLowerCase(Locale.ROOT).equals(text)) {
                return o;
            }
        }
        return null;
    }

    private static int migrationPort(String text) {
        try {
            int p = Integer.parseInt(text);
            return p >= 1 && p <= 65535 ? p : -1;
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
