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
 * @param name       a name in the store's state directory, which the control server confines
 *                   there ({@code RunDirectory.confined}) as it opens it: the xenstore file of
 *                   DUMP_XENSTORE, LOAD_XENSTORE and PAUSE_DUMP_XENSTORE (everything after the
 *                   command, spaces included, trimmed), the new process's migration socket of
 *                   LIVE_UPDATE and REHEARSE (one token); null for the others
 * @param onLimit    LIVE_UPDATE's action when pre-copy does not converge (its optional last
 *                   token, {@code abort}, {@code switchover} or {@code throttle}; switchover when
 *                   absent); null for the others
 * @param handedOver STOP HANDED_OVER: the new process serves already
 */
record ControlRequest(Command command, String name, OnLimit onLimit, boolean handedOver) {

    /** The control commands. */
    enum Command {
        INFO, LIVE_UPDATE, REHEARSE, DUMP_XENSTORE, LOAD_XENSTORE, PAUSE_DUMP_XENSTORE, UNPAUSE, STOP;

        boolean takesName() {
            return this != INFO && this != UNPAUSE && this != STOP;
        }
    }

    /** The answer to every line that is not a control request. */
    static final String USAGE = "ERR EINVAL expected INFO, LIVE_UPDATE SOCKET [abort|switchover|throttle], "
            + "REHEARSE SOCKET, DUMP_XENSTORE NAME, "
            + "LOAD_XENSTORE NAME, PAUSE_DUMP_XENSTORE NAME, UNPAUSE or STOP";

    /**
     * The answer to LIVE_UPDATE or REHEARSE to a host and port: the store would send its whole
     * state to whatever listens there, and a TCP port on this host can be taken by any of its
     * processes; remote live update is not offered (docs/STORE.md, "Live update").
     */
    static final String OVER_TCP = "ERR EINVAL a live update or rehearsal over TCP (HOST PORT) is not offered: "
            + "any process on the host could take the port and the store; name the new process's migration socket "
            + "in the store's state directory";

    /** A line that is not a control request; its message is the answer ({@link #USAGE} or {@link #OVER_TCP}). */
    static final class Malformed extends Exception {
        private static final long serialVersionUID = 1L;

        Malformed() {
            this(USAGE);
        }

        Malformed(String answer) {
            super(answer);
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
            case INFO, UNPAUSE -> new ControlRequest(command, null, null, false);
            case DUMP_XENSTORE, LOAD_XENSTORE, PAUSE_DUMP_XENSTORE -> {
                if (t.length < 2) {
                    throw new Malformed();
                }
                yield new ControlRequest(command, trimmed.substring(t[0].length() + 1).trim(), null, false);
            }
            case STOP -> {
                boolean handedOver = t.length == 2 && t[1].equals("HANDED_OVER");
                if (t.length > 2 || t.length == 2 && !handedOver) {
                    throw new Malformed();
                }
                yield new ControlRequest(command, null, null, handedOver);
            }
            case LIVE_UPDATE -> {
                // HOST PORT [limit]: the TCP form, refused as such, not as a line we cannot read
                if (t.length == 3 && isPort(t[2]) || t.length == 4 && isPort(t[2]) && onLimit(t[3]) != null) {
                    throw new Malformed(OVER_TCP);
                }
                OnLimit onLimit = t.length == 3 ? onLimit(t[2]) : OnLimit.SWITCHOVER;
                if (t.length < 2 || t.length > 3 || !isName(t[1]) || onLimit == null) {
                    throw new Malformed();
                }
                yield new ControlRequest(command, t[1], onLimit, false);
            }
            case REHEARSE -> {
                if (t.length == 3 && isPort(t[2])) {
                    throw new Malformed(OVER_TCP);
                }
                if (t.length != 2 || !isName(t[1])) {
                    throw new Malformed();
                }
                yield new ControlRequest(command, t[1], null, false);
            }
        };
    }

    /** The line that {@link #parse} reads as this request. */
    String line() {
        return switch (command) {
            case INFO, UNPAUSE -> command.name();
            case DUMP_XENSTORE, LOAD_XENSTORE, PAUSE_DUMP_XENSTORE -> command + " " + name;
            case STOP -> handedOver ? "STOP HANDED_OVER" : "STOP";
            case LIVE_UPDATE -> command + " " + name
                    + (onLimit == OnLimit.SWITCHOVER ? "" : " " + onLimit.name().toLowerCase(Locale.ROOT));
            case REHEARSE -> command + " " + name;
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

    /** A migration socket's name: a token with no white space or control character around it. */
    private static boolean isName(String token) {
        return !token.isEmpty() && token.trim().equals(token);
    }

    /** Whether {@code text} reads as a port number (of any size): what follows a host. */
    private static boolean isPort(String text) {
        return !text.isEmpty() && text.length() <= 10 && text.chars().allMatch(c -> c >= '0' && c <= '9');
    }
}
