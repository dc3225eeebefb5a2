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
            new Command("READ", "<path>", OPTIONAL, NodeCommands::read),
            new Command("WRITE", "<path> <value>", OPTIONAL, NodeCommands::write),
            new Command("MKDIR", "<path>", OPTIONAL, NodeCommands::mkdir),
            new Command("RM", "<path>", OPTIONAL, NodeCommands::rm),
            new Command("DIRECTORY", "<path>", OPTIONAL, NodeCommands::directory),
            new Command("GET_PERMS", "<path>", OPTIONAL, NodeCommands::getPerms),
            new Command("SET_PERMS", "<path> <perm>...", OPTIONAL, NodeCommands::setPerms),
            new Command("WATCH", "<path> <token> [<depth>]", IGNORED, WatchCommands::watch, Release::watchDepth),
            new Command("UNWATCH", "<path> <token>", IGNORED, WatchCommands::unwatch),
            new Command("TRANSACTION_START", "", REFUSED, TransactionCommands::start),
            new Command("TRANSACTION_END", "COMMIT|ABORT", REQUIRED, TransactionCommands::end),
            new Command("GET_QUOTA", "<name> [<domid>]", IGNORED, QuotaCommands::get),
            new Command("SET_QUOTA", "<name> <value> [<domid>]", IGNORED, QuotaCommands::set),
            new Command("ACK", "<lines-read>", IGNORED, ConnectionCommands::ack),
            new Command("BYE", "", IGNORED, ConnectionCommands::bye));

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
