package dev.baton.store.client;

import dev.baton.store.tree.Perm;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * An open transaction of a {@link StoreClient}: reads and writes here see the transaction's own
 * changes, and nobody else sees them until {@link #commit}. A commit that conflicts with a change
 * made since the transaction began fails with {@code EAGAIN}: start a new transaction and redo
 * the work ({@link StoreClient#inTransaction} does that).
 */
public final class StoreTransaction {
    private final StoreClient client;
    private final long id;
    private boolean ended;

    StoreTransaction(StoreClient client, long id) {
        this.client = client;
        this.id = id;
    }

    /** The transaction's id on the server. */
    public long id() {
        return id;
    }

    public byte[] read(String path) {
        return client.readIn(prefix(), path);
    }

    public String readString(String path) {
        return new String(read(path), StandardCharsets.UTF_8);
    }

    public void write(String path, byte[] value) {
        client.writeIn(prefix(), path, value);
    }

    public void write(String path, String value) {
        write(path, value.getBytes(StandardCharsets.UTF_8));
    }

    public void mkdir(String path) {
        client.simple(prefix() + "MKDIR " + path);
    }

    public void rm(String path) {
        client.simple(prefix() + "RM " + path);
    }

    public List<String> directory(String path) {
        return client.directoryIn(prefix(), path);
    }

    public List<Perm> getPerms(String path) {
        return client.getPermsIn(prefix(), path);
    }

    public void setPerms(String path, List<Perm> perms) {
        client.setPermsIn(prefix(), path, perms);
    }

    /**
     * Commits: applies every change at once.
     *
     * @throws dev.baton.store.protocol.StoreException with {@code EAGAIN} on a conflict
     */
    public void commit() {
        end("COMMIT");
    }

    /** Discards the transaction's changes. */
    public void abort() {
        end("ABORT");
    }

    private void end(String how) {
        String prefix = prefix();
        ended = true;
        client.simple(prefix + "TRANSACTION_END " + how);
    }

    private String prefix() {
        if (ended) {
            throw new IllegalStateException("transaction " + id + " has ended");
        }
        return "T" + id + " ";
    }
}
