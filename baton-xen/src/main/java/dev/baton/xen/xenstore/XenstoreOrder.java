package dev.baton.xen.xenstore;

import dev.baton.core.wire.Plural;
import dev.baton.core.wire.Printable;
import dev.baton.core.wire.StreamFormatException;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The stream's order rules: records that others depend on come first (a connection before its
 * watches and transactions, a transaction before its nodes, a committed node's parent before the
 * node), and what identifies a thing appears once (a connection, a transaction, a committed node,
 * a domain).
 */
final class XenstoreOrder {
    private final Set<String> knownNodes;
    private final List<StreamFormatException> problems;
    private final Set<Long> connections = new HashSet<>();
    private final Set<Long> transactions = new HashSet<>();
    private final Set<String> nodes = new HashSet<>();
    private final Set<Integer> domains = new HashSet<>();

    XenstoreOrder(Set<String> knownNodes, List<StreamFormatException> problems) {
        this.knownNodes = knownNodes;
        this.problems = problems;
    }

    void connection(ConnectionData c, Body body) {
        if (!connections.add(c.connId())) {
            problem("connection " + c.connId() + " appears twice", body, 0);
        }
    }

    void watch(long connId, Body body) {
        requireConnection(connId, "watch", body);
    }

    void transaction(TransactionData t, Body body) {
        requireConnection(t.connId(), "transaction", body);
        if (t.txId() == 0) {
            problem("tx-id 0 is not a transaction (0 means none in the xenstore protocol)", body, 4);
        } else if (!transactions.add(key(t.connId(), t.txId()))) {
            problem("transaction " + t.txId() + " of connection " + t.connId() + " appears twice", body, 4);
        }
    }

    void node(NodeData n, Body body) {
        String path = n.path();
        String syntax = pathProblem(path);
        if (syntax != null) {
            problem("path " + Printable.of(path) + " " + syntax, body, 16 + 4 * n.permissions().size());
        }
        if (n.isCommitted()) {
            if (n.permissions().isEmpty()) {
                problem("committed node " + path + " has no permissions (the first names its owner)", body, 14);
            }
            String parent = syntax == null ? parent(path) : null;
            if (parent != null && !nodes.contains(parent) && !knownNodes.contains(parent)) {
                problem("parent " + parent + " of committed node " + path + " has not appeared earlier in the stream",
                        body, 0);
            }
            if (!nodes.add(path)) {
                problem("committed node " + path + " appears twice", body, 0);
            }
            return;
        }
        if (!connections.contains(n.connId())) {
            problem("node " + path + " belongs to connection " + n.connId()
                    + ", which has no earlier CONNECTION_DATA", body, 0);
        } else if (!transactions.contains(key(n.connId(), n.txId()))) {
            problem("node " + path + " belongs to transaction " + n.txId() + " of connection " + n.connId()
                    + ", which has no earlier TRANSACTION_DATA", body, 4);
        }
        if ((n.access() & ~(NodeData.READ | NodeData.WRITTEN)) != 0) {
            problem(String.format("access 0x%04x has bits other than read (0x1) and written (0x2)", n.access()), body, 12);
        }
        boolean deleted = n.access() == 0;
        if (deleted != n.permissions().isEmpty()) {
            problem(deleted ? "node " + path + " is deleted in its transaction (access 0) but has "
                    + Plural.count(n.permissions().size(), "permission")
                    : "node " + path + " has no permissions but its access is not 0 (deleted)", body, 12);
        }
        if (deleted && n.value().length > 0) {
            problem("node " + path + " is deleted in its transaction but has a value of "
                    + Plural.count(n.value().length, "octet"), body, 10);
        }
    }

    void domain(DomainData d, Body body) {
        if (!domains.add(d.domid())) {
            problem("domain " + d.domid() + " has a second DOMAIN_DATA (at most one per domain)", body, 0);
        }
    }

    /** Why {@code path} is not an absolute node path, or null when it is one. */
    static String pathProblem(String path) {
        if (!path.startsWith("/")) {
            return "is not absolute (a node path starts with /)";
        }
        if (path.length() > 1 && path.endsWith("/")) {
            return "ends with /";
        }
        if (path.contains("//")) {
            return "has an empty element (//)";
        }
        return null;
    }

    /** The parent of an absolute path, or null for the root. */
    static String parent(String path) {
        int slash = path.lastIndexOf('/');
        return path.equals("/") ? null : slash == 0 ? "/" : path.substring(0, slash);
    }

    private void requireConnection(long connId, String what, Body body) {
        if (!connections.contains(connId)) {
            problem(what + " of connection " + connId + ", which has no earlier CONNECTION_DATA", body, 0);
        }
    }

    private void problem(String text, Body body, int at) {
        problems.add(body.errorAt(body.offset(at), text));
    }

    private static long key(long connId, long txId) {
        return connId << 32 | txId;
    }
}
