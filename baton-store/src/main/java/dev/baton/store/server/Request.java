package dev.baton.store.server;

import dev.baton.core.wire.Utf8;
import dev.baton.store.protocol.ErrorCode;
import dev.baton.store.protocol.StoreException;
import dev.baton.store.protocol.Tokens;
import dev.baton.store.quota.Quota;
import dev.baton.store.tree.Access;
import dev.baton.store.tree.Perms;
import dev.baton.store.tree.StorePath;
import dev.baton.store.txn.Transaction;
import dev.baton.store.watch.Watch;
import dev.baton.store.watch.WatchTable;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * One request as a command's handler sees it, and the watch events it fires, which the store
 * queues after the reply. The argument readers refuse with {@code ERR EINVAL} naming what is wrong.
 *
 * @param store       the store, locked
 * @param connection  the connection that sent it
 * @param transaction the transaction of its {@code T<txid>} prefix, or null
 * @param command     its row of the command table
 * @param args        its arguments' octets
 * @param fired       where the events it fires go, in order
 */
record Request(Store store, Connection connection, Transaction transaction, Command command, List<byte[]> args,
        List<Request.Fired> fired) {
    /** What the store's quota names are, for the error that names none of them. */
    private static final String QUOTA_NAMES = Stream.of(Quota.values()).map(Quota::key)
            .collect(Collectors.joining(", "));

    /** A watch event to queue once the reply is queued; null perms: whoever watches gets it. */
    record Fired(Watch watch, String path, Perms perms) {
    }

    int argumentCount() {
        return args.size();
    }

    /** The refusal of a request whose arguments do not fit the command: its usage line. */
    StoreException wrongArguments() {
        return new StoreException(ErrorCode.EINVAL, command.usage(store.release()));
    }

    // ---- arguments -----------------------------------------------------------------------------

    /** The octets of argument {@code i}. */
    byte[] octets(int i) {
        return args.get(i);
    }

    /** Argument {@code i} as ASCII, or null when it is not. */
    String ascii(int i) {
        return Tokens.ascii(args.get(i));
    }

    /** Argument {@code i} as a valid path. */
    String path(int i) {
        String path = ascii(i);
        String problem = path == null ? "path is not ASCII" : StorePath.problem(path);
        if (problem != null) {
            throw new StoreException(ErrorCode.EINVAL, problem);
        }
        return path;
    }

    /** Argument {@code i} as a path to watch: a valid path or a special watch path ({@code @introduceDomain}, ...). */
    String watchPath(int i) {
        String path = ascii(i);
        String problem = path == null ? "path is not ASCII" : StorePath.watchProblem(path);
        if (problem != null) {
            throw new StoreException(ErrorCode.EINVAL, problem);
        }
        return path;
    }

    /** Argument {@code i} as UTF-8 text. */
    String text(int i, String what) {
        String s = Utf8.decode(args.get(i));
        if (s == null) {
            throw new StoreException(ErrorCode.EINVAL, what + " is not UTF-8");
        }
        return s;
    }

    /** Argument {@code i} as a decimal number of at most {@code max}. */
    long number(int i, long max, String what) {
        return number(args.get(i), max, what, 0);
    }

    /** Argument {@code i} as a quota's name. */
    Quota quota(int i) {
        String name = ascii(i);
        Quota q = name == null ? null : Quota.byKey(name);
        if (q == null) {
            throw new StoreException(ErrorCode.EINVAL, "unknown quota; the quotas are " + QUOTA_NAMES);
        }
        return q;
    }

    /** A decimal number, after {@code skip} leading characters, at most {@code max}. */
    static long number(byte[] token, long max, String what, int skip) {
        if (token.length <= skip || token.length - skip > 18) {
            throw new StoreException(ErrorCode.EINVAL, what + " is not a decimal number");
        }
        long v = 0;
        for (int i = skip; i < token.length; i++) {
            int d = token[i] - '0';
            if (d < 0 || d > 9) {
                throw new StoreException(ErrorCode.EINVAL, what + " is not a decimal number");
            }
            v = v * 10 + d;
        }
        if (v < 0 || v > max) {
            throw new StoreException(ErrorCode.EINVAL, what + " " + v + " is above " + max);
        }
        return v;
    }

    // ---- checks and events ---------------------------------------------------------------------

    /** Refuses unless the connection's domain may {@code wanted} a node of {@code perms} at {@code path}. */
    void require(Perms perms, Access wanted, String path) {
        if (!perms.allows(connection.domid(), wanted)) {
            throw new StoreException(ErrorCode.EACCES, "domain " + connection.domid() + " may not "
                    + (wanted == Access.READ ? "read " : "write ") + path);
        }
    }

    /** Refuses unless the connection's domain may own {@code more} nodes more (the nodes quota). */
    void requireNodes(long more) {
        int domid = connection.domid();
        if (!store.quotas().allows(Quota.NODES, domid, store.tree().owned(domid) + more)) {
            throw new StoreException(ErrorCode.EQUOTA, "domain " + domid + " would own more than "
                    + store.quotas().limit(Quota.NODES, domid) + " nodes");
        }
    }

    /** A change of {@code path}, whose node has {@code perms}, fires the watches on it and above. */
    void fire(String path, Perms perms) {
        for (WatchTable.Match m : store.watches().matching(path)) {
            fired.add(new Fired(m.watch(), m.eventPath(), perms));
        }
    }

    /** One event for one watch. */
    void fire(Watch watch, String path, Perms perms) {
        fired.add(new Fired(watch, path, perms));
    }

    static StoreException noNode(String path) {
        return new StoreException(ErrorCode.ENOENT, "no node " + path);
    }
}
