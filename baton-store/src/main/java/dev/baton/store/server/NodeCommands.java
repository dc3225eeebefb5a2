package dev.baton.store.server;

import dev.baton.store.protocol.ErrorCode;
import dev.baton.store.protocol.StoreException;
import dev.baton.store.protocol.Tokens;
import dev.baton.store.quota.Quota;
import dev.baton.store.tree.Access;
import dev.baton.store.tree.Node;
import dev.baton.store.tree.NodeTree;
import dev.baton.store.tree.Perm;
import dev.baton.store.tree.Perms;
import dev.baton.store.tree.StorePath;
import dev.baton.store.txn.Transaction;
import dev.baton.store.watch.WatchTable;
import java.util.ArrayList;
import java.util.List;

/**
 * The handlers of the commands on nodes: READ, WRITE, MKDIR, RM, DIRECTORY, GET_PERMS, SET_PERMS.
 * In a transaction they work on its view and fire nothing (its commit does); on the committed tree
 * they change it at a new generation and fire the watches of what changed.
 */
final class NodeCommands {
    private NodeCommands() {
    }

    /** {@code READ <path>}: the value. */
    static Reply read(Request r) {
        String path = r.path(0);
        Transaction.View v = read(r, path);
        r.require(v.perms(), Access.READ, path);
        return Reply.ok(Tokens.quote(v.value()));
    }

    /** {@code WRITE <path> <value>}. */
    static Reply write(Request r) {
        return write(r, r.path(0), r.octets(1));
    }

    /** {@code MKDIR <path>}: an existing node is left alone. */
    static Reply mkdir(Request r) {
        return write(r, r.path(0), null);
    }

    /** {@code RM <path>}: fine when absent, if the parent exists. */
    static Reply rm(Request r) {
        String path = r.path(0);
        if (path.length() == 1) {
            throw new StoreException(ErrorCode.EINVAL, "the root cannot be removed");
        }
        NodeTree tree = r.store().tree();
        Transaction t = r.transaction();
        Perms perms;
        if (t != null) {
            Transaction.View v = t.view(tree, path);
            if (v == null) {
                if (t.view(tree, StorePath.parent(path)) == null) {
                    throw Request.noNode(StorePath.parent(path));
                }
                t.readSet().add(path);
                return Reply.OK;
            }
            perms = v.perms();
        } else {
            Node n = tree.find(path);
            if (n == null) {
                if (tree.find(StorePath.parent(path)) == null) {
                    throw Request.noNode(StorePath.parent(path));
                }
                return Reply.OK;
            }
            perms = n.perms();
        }
        r.require(perms, Access.WRITE, path);
        if (t != null) {
            t.remove(tree, path);
            return Reply.OK;
        }
        List<WatchTable.Match> matches = r.store().watches().matchingRemoval(path);
        tree.remove(tree.find(path), tree.nextGeneration());
        for (WatchTable.Match m : matches) {
            r.fire(m.watch(), m.eventPath(), perms);
        }
        return Reply.OK;
    }

    /** {@code DIRECTORY <path>}: the children's names, sorted. */
    static Reply directory(Request r) {
        String path = r.path(0);
        NodeTree tree = r.store().tree();
        Transaction t = r.transaction();
        List<String> names;
        if (t != null) {
            Transaction.View v = t.view(tree, path);
            if (v == null) {
                t.readSet().add(path);
                throw Request.noNode(path);
            }
            r.require(v.perms(), Access.READ, path);
            names = t.children(tree, path);
        } else {
            Node n = tree.find(path);
            if (n == null) {
                throw Request.noNode(path);
            }
            r.require(n.perms(), Access.READ, path);
            names = n.childNames();
        }
        StringBuilder sb = new StringBuilder("OK");
        for (String name : names) {
            sb.append(' ').append(name);
        }
        return Reply.line(sb.toString());
    }

    /** {@code GET_PERMS <path>}: the owner's entry first. */
    static Reply getPerms(Request r) {
        String path = r.path(0);
        Perms perms = read(r, path).perms();
        r.require(perms, Access.READ, path);
        return Reply.ok(perms.toString());
    }

    /** {@code SET_PERMS <path> <perm>...}: the owner or domain 0; only domain 0 changes the owner. */
    static Reply setPerms(Request r) {
        String path = r.path(0);
        Connection c = r.connection();
        List<Perm> list = new ArrayList<>();
        for (int i = 1; i < r.argumentCount(); i++) {
            String s = r.ascii(i);
            Perm p = s == null ? null : Perm.parse(s);
            if (p == null) {
                throw new StoreException(ErrorCode.EINVAL, "a permission is a letter of n r w b and a domid, e.g. r5");
            }
            list.add(p);
        }
        if (!r.store().quotas().allows(Quota.PERMS, c.domid(), list.size())) {
            throw new StoreException(ErrorCode.EQUOTA, list.size() + " permission entries exceed the perms quota "
                    + r.store().quotas().limit(Quota.PERMS, c.domid()));
        }
        Perms perms = Perms.of(list);
        Perms old = read(r, path).perms();
        if (!c.privileged() && c.domid() != old.owner()) {
            throw new StoreException(ErrorCode.EACCES, "only the owner (domain " + old.owner()
                    + ") or a privileged domain may set the permissions of " + path);
        }
        if (!c.privileged() && perms.owner() != old.owner()) {
            throw new StoreException(ErrorCode.EPERM, "an unprivileged domain may not change the owner of " + path);
        }
        NodeTree tree = r.store().tree();
        if (r.transaction() != null) {
            r.transaction().setPerms(tree, path, perms);
            return Reply.OK;
        }
        tree.setPerms(tree.find(path), perms, tree.nextGeneration());
        r.fire(path, perms);
        return Reply.OK;
    }

    /** WRITE (value non-null) and MKDIR (value null). */
    private static Reply write(Request r, String path, byte[] value) {
        Connection c = r.connection();
        if (value != null && !r.store().quotas().allows(Quota.VALUE_SIZE, c.domid(), value.length)) {
            throw new StoreException(ErrorCode.EQUOTA, "value of " + value.length
                    + " octets exceeds the value-size quota " + r.store().quotas().limit(Quota.VALUE_SIZE, c.domid()));
        }
        NodeTree tree = r.store().tree();
        Transaction t = r.transaction();
        Perms at;
        int missing;
        if (t != null) {
            Transaction.View v = t.view(tree, path);
            missing = v == null ? t.missing(tree, path) : 0;
            String p = path;
            while (v == null) {
                p = StorePath.parent(p);
                v = t.view(tree, p);
            }
            at = v.perms();
        } else {
            at = tree.nearestExisting(path).perms();
            missing = tree.missing(path);
        }
        r.require(at, Access.WRITE, missing == 0 ? path : StorePath.parent(path));
        if (value == null && missing == 0) {
            return Reply.OK;
        }
        if (missing > 0) {
            r.requireNodes(missing);
        }
        if (t != null) {
            t.write(tree, path, value, c.domid());
            return Reply.OK;
        }
        long gen = tree.nextGeneration();
        Node n = tree.ensure(path, c.domid(), gen);
        if (value != null) {
            tree.setValue(n, value, gen);
        }
        r.fire(path, n.perms());
        return Reply.OK;
    }

    /** The node at {@code path} as the request sees it (recorded as read in a transaction); ENOENT when none. */
    private static Transaction.View read(Request r, String path) {
        NodeTree tree = r.store().tree();
        if (r.transaction() != null) {
            Transaction.View v = r.transaction().read(tree, path);
            if (v == null) {
                throw Request.noNode(path);
            }
            return v;
        }
        Node n = tree.find(path);
        if (n == null) {
            throw Request.noNode(path);
        }
        return new Transaction.View(n.value(), n.perms());
    }
}
