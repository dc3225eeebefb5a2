package dev.baton.store.server;

import dev.baton.store.protocol.ErrorCode;
import dev.baton.store.protocol.StoreException;
import dev.baton.store.quota.Quota;
import dev.baton.store.tree.Node;
import dev.baton.store.tree.NodeTree;
import dev.baton.store.txn.Transaction;
import dev.baton.store.watch.WatchTable;
import java.util.List;

/** The handlers of TRANSACTION_START and TRANSACTION_END: a connection's open transactions. */
final class TransactionCommands {
    private TransactionCommands() {
    }

    /** {@code TRANSACTION_START}: the new transaction's id. */
    static Reply start(Request r) {
        Connection c = r.connection();
        Store store = r.store();
        if (!store.quotas().allows(Quota.TRANSACTIONS, c.domid(), c.transactions + 1L)) {
            throw new StoreException(ErrorCode.EQUOTA, "more than " + store.quotas().limit(Quota.TRANSACTIONS, c.domid())
                    + " open transactions");
        }
        Transaction t = store.transactionTable().start(c.id(), store.tree().generation());
        c.transactions++;
        return Reply.ok(Long.toString(t.id()));
    }

    /**
     * {@code T<id> TRANSACTION_END COMMIT|ABORT}: the transaction ends whatever the outcome; a
     * commit that conflicts is EAGAIN, one that would exceed the nodes quota EQUOTA.
     */
    static Reply end(Request r) {
        String how = r.ascii(0);
        boolean commit = "COMMIT".equals(how);
        if (!commit && !"ABORT".equals(how)) {
            throw r.wrongArguments();
        }
        Transaction t = r.transaction();
        Connection c = r.connection();
        Store store = r.store();
        store.transactionTable().end(t);
        c.transactions--;
        if (!commit) {
            return Reply.OK;
        }
        NodeTree tree = store.tree();
        if (t.conflicts(tree)) {
            throw new StoreException(ErrorCode.EAGAIN, "transaction " + t.id()
                    + " conflicts with a change committed since it began: start it again");
        }
        int created = t.nodesToCreate(tree);
        if (created > 0) {
            r.requireNodes(created);
        }
        if (t.deletedSet().isEmpty() && t.writtenSet().isEmpty()) {
            return Reply.OK;
        }
        // Watches of removals are matched, and their permissions taken, before anything goes.
        WatchTable watches = store.watches();
        for (String p : t.deletedSet()) {
            Node n = tree.find(p);
            if (n != null) {
                for (WatchTable.Match m : watches.matchingRemoval(p)) {
                    r.fire(m.watch(), m.eventPath(), n.perms());
                }
            }
        }
        List<Transaction.Change> changes = t.apply(tree, c.domid(), tree.nextGeneration());
        for (Transaction.Change ch : changes) {
            if (!ch.removal()) {
                r.fire(ch.path(), tree.find(ch.path()).perms());
            }
        }
        return Reply.OK;
    }
}
