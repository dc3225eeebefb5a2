package dev.baton.store.server;

import static dev.baton.store.server.Command.InTransaction.IGNORED;
import static dev.baton.store.server.Command.InTransaction.OPTIONAL;
import static dev.baton.store.server.Command.InTransaction.REFUSED;
import static dev.baton.store.server.Command.InTransaction.REQUIRED;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The commands of the protocol after the handshake (docs/STORE.md, "Requests"), one row each:
 * name, arguments, what a {@code T<txid>} prefix means to it, handler. As xenstored's
 * {@code wire_funcs[]}: the store looks a request up here and nowhere else, and the usage line
 * a wrong request gets comes from its row.
 */
final class Commands {
    /** Every command, in the order docs/STORE.md lists them. */
    static final List<Command> ALL = List.of(
            Command.of("READ", "<path>", OPTIONAL, NodeCommands::read),
            Command.of("WRITE", "<path> <value>", OPTIONAL, NodeCommands::write),
            Command.of("MKDIR", "<path>", OPTIONAL, NodeCommands::mkdir),
            Command.of("RM", "<path>", OPTIONAL, NodeCommands::rm),
            Command.of("DIRECTORY", "<path>", OPTIONAL, NodeCommands::directory),
            Command.of("GET_PERMS", "<path>", OPTIONAL, NodeCommands::getPerms),
            Command.of("SET_PERMS", "<path> <perm>...", OPTIONAL, NodeCommands::setPerms),
            Command.of("WATCH", "<path> <token> [<depth>]", IGNORED, WatchCommands::watch, Release::watchDepth),
            Command.of("UNWATCH", "<path> <token>", IGNORED, WatchCommands::unwatch),
            Command.of("TRANSACTION_START", "", REFUSED, TransactionCommands::start),
            Command.of("TRANSACTION_END", "COMMIT|ABORT", REQUIRED, TransactionCommands::end),
            Command.of("GET_QUOTA", "<name> [<domid>]", IGNORED, QuotaCommands::get),
            Command.of("SET_QUOTA", "<name> <value> [<domid>]", IGNORED, QuotaCommands::set),
            Command.of("ACK", "<lines-read>", IGNORED, ConnectionCommands::ack),
            Command.of("BYE", "", IGNORED, ConnectionCommands::bye));

    private static final Map<String, Command> BY_NAME = byName();

    private Commands() {
    }

    /** The command of that name, or null. */
    static Command named(String name) {
        return BY_NAME.get(name);
    }

    private static Map<String, Command> byName() {
        Map<String, Command> m = new LinkedHashMap<>();
        for (Command c : ALL) {
            if (m.put(c.name(), c) != null) {
                throw new IllegalStateException("command " + c.name() + " twice in the table");
            }
        }
        return m;
    }
}
