package dev.baton.store.txn;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The open transactions of a store, by id, in order of start; and the id the next one gets. Ids
 * are u32, never 0, never one still open: they count up from the next id and wrap.
 */
public final class TransactionTable {
    private static final long U32 = 0xFFFF_FFFFL;

    private final Map<Long, Transaction> open = new LinkedHashMap<>();
    private long nextId = 1;

    /** The open transaction of that id, or null. */
    public Transaction get(long id) {
        return open.get(id);
    }

    /** Starts a transaction of {@code connectionId} over the tree at {@code baseGeneration}. */
    public Transaction start(long connectionId, long baseGeneration) {
        long id = nextId;
        while (open.containsKey(id) || id == 0) {
            id = (id + 1) & U32;
        }
        nextId = (id + 1) & U32;
        Transaction t = new Transaction(id, connectionId, baseGeneration);
        open.put(id, t);
        return t;
    }

    /** Forgets a transaction that ended. */
    public void end(Transaction t) {
        open.remove(t.id());
    }

    /** Forgets every transaction of a connection. */
    public void removeAll(long connectionId) {
        open.values().removeIf(t -> t.connectionId() == connectionId);
    }

    /** Adds a transaction as saved (when loading state); false when one of its id is open. */
    public boolean restore(Transaction t) {
        return open.putIfAbsent(t.id(), t) == null;
    }

    /** The open transactions, in order of start. */
    public Collection<Transaction> all() {
        return open.values();
    }

    public boolean isEmpty() {
        return open.isEmpty();
    }

    /** The id the next transaction gets, unless it is open then. */
    public long nextId() {
        return nextId;
    }

    /** Sets the next id (when loading state). */
    public void restoreNextId(long id) {
        nextId = id;
    }
}
