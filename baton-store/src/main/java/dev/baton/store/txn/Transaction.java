package dev.baton.store.txn;

import dev.baton.store.tree.Node;
import dev.baton.store.tree.NodeTree;
import dev.baton.store.tree.Perms;
import dev.baton.store.tree.StorePath;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * An open transaction: what it read, wrote and deleted, over the committed tree as it was at
 * generation {@link #baseGeneration}.
 *
 * <p>Reads see the transaction's own writes and deletions first, then the committed tree. At
 * commit, every path the transaction read, wrote or deleted is checked: if the node there (or,
 * when there is none, its deepest existing ancestor, whose set of children changed when it went)
 * changed after the base generation, the transaction conflicts and the commit fails with
 * EAGAIN. Conflicts may be spurious (a sibling created under a directory the transaction looked
 * into); they are never missed.
 */
public final class Transaction {
    private final long id;
    private final long connectionId;
    private final long baseGeneration;
    private final Set<String> read = new LinkedHashSet<>();
    private final Map<String, Written> written = new LinkedHashMap<>();
    private final Set<String> deleted = new LinkedHashSet<>();

    /**
     * A node as the transaction wrote it.
     *
     * @param value the value
     * @param perms its permissions
     * @param fires whether committing it fires watches: true for nodes written, made or given
     *              permissions by a request, false for parents created on the way
     */
    public record Written(byte[] value, Perms perms, boolean fires) {
    }

    /** A node as the transaction sees it. */
    public record View(byte[] value, Perms perms) {
    }

    public Transaction(long id, long connectionId, long baseGeneration) {
        this.id = id;
        this.connectionId = connectionId;
        this.baseGeneration = baseGeneration;
    }

    public long id() {
        return id;
    }

    public long connectionId() {
        return connectionId;
    }

    /** The store generation when the transaction began. */
    public long baseGeneration() {
        return baseGeneration;
    }

    /** Paths read, in order of first read. */
    public Set<String> readSet() {
        return read;
    }

    /** Paths written, in order of first write, with what was written. */
    public Map<String, Written> writtenSet() {
        return written;
    }

    /** Roots of subtrees deleted, in order. */
    public Set<String> deletedSet() {
        return deleted;
    }

    // ---- the transaction's view ------------------------------------------------------------------

    /** The node at {@code path} as the transaction sees it, or null; records nothing. */
    public View view(NodeTree tree, String path) {
        Written w = written.get(path);
        if (w != null) {
            return new View(w.value, w.perms);
        }
        if (coveredByDeletion(path)) {
            return null;
        }
        Node n = tree.find(path);
        return n == null ? null : new View(n.value(), n.perms());
    }

    /** As {@link #view}, recording the path as read. */
    public View read(NodeTree tree, String path) {
        read.add(path);
        return view(tree, path);
    }

    /** The names of the children of {@code path} in the transaction's view, sorted; records the read. */
    public List<String> children(NodeTree tree, String path) {
        read.add(path);
        TreeSet<String> names = new TreeSet<>();
        Node n = coveredByDeletion(path) ? null : tree.find(path);
        if (n != null) {
            for (String c : n.childNames()) {
                String cp = StorePath.join(path, c);
                if (written.containsKey(cp) || !coveredByDeletion(cp)) {
                    names.add(c);
                }
            }
        }
        for (String p : written.keySet()) {
            if (p.length() > 1 && path.equals(StorePath.parent(p))) {
                names.add(StorePath.leaf(p));
            }
        }
        return new ArrayList<>(names);
    }

    /** How many nodes writing {@code path} would create in the transaction's view. */
    public int missing(NodeTree tree, String path) {
        int n = 0;
        for (String p = path; p != null && view(tree, p) == null; p = StorePath.parent(p)) {
            n++;
        }
        return n;
    }

    /**
     * Writes {@code path} in the transaction, creating missing parents as the committed tree
     * would (permissions inherited, owned by {@code creator} unless privileged).
     *
     * @param value the new value, or null to leave an existing node's value (MKDIR)
     * @return whether a node was created or changed (MKDIR of an existing node changes nothing)
     */
    public boolean write(NodeTree tree, String path, byte[] value, int creator) {
        View v = view(tree, path);
        if (v != null && value == null) {
            return false;
        }
        if (v == null) {
            String parent = StorePath.parent(path);
            if (view(tree, parent) == null) {
                write(tree, parent, null, creator);
                written.put(parent, new Written(written.get(parent).value, written.get(parent).perms, false));
            }
            View p = view(tree, parent);
            written.put(path, new Written(value == null ? new byte[0] : value, p.perms.inheritedBy(creator), true));
        } else {
            written.put(path, new Written(value, v.perms, true));
        }
        return true;
    }

    /** Replaces the permissions of an existing node (in the view). */
    public void setPerms(NodeTree tree, String path, Perms perms) {
        View v = view(tree, path);
        written.put(path, new Written(v.value, perms, true));
    }

    /**
     * Deletes the subtree at an existing {@code path} (in the view). A node the transaction
     * itself created is simply forgotten (its path stays read, so a concurrent creation there
     * still conflicts).
     */
    public void remove(NodeTree tree, String path) {
        boolean committed = !coveredByDeletion(path) && tree.find(path) != null;
        written.keySet().removeIf(p -> StorePath.isChildOf(p, path));
        if (committed) {
            deleted.add(path);
        } else {
            read.add(path);
        }
    }

    private boolean coveredByDeletion(String path) {
        if (deleted.isEmpty()) {
            return false;
        }
        for (String p = path; p != null; p = StorePath.parent(p)) {
            if (deleted.contains(p)) {
                return true;
            }
        }
        return false;
    }

    // ---- commit ------------------------------------------------------------------------------------

    /** Whether a change committed since the base generation touched what the transaction used. */
    public boolean conflicts(NodeTree tree) {
        for (String p : read) {
            if (changedSince(tree, p)) {
                return true;
            }
        }
        for (String p : written.keySet()) {
            if (changedSince(tree, p)) {
                return true;
            }
        }
        for (String p : deleted) {
            if (changedSince(tree, p)) {
                return true;
            }
        }
        return false;
    }

    private boolean changedSince(NodeTree tree, String path) {
        return tree.nearestExisting(path).generation() > baseGeneration;
    }

    /** How many nodes committing would add to the tree (for the nodes quota). */
    public int nodesToCreate(NodeTree tree) {
        int n = 0;
        for (String p : written.keySet()) {
            if (coveredByDeletion(p) || tree.find(p) == null) {
                n++;
            }
        }
        return n;
    }

    /** A change a commit made, for watches: a removed subtree's root, or a written path. */
    public record Change(String path, boolean removal) {
    }

    /**
     * Applies the transaction to the tree at generation {@code gen}: deletions first, then
     * writes. Check {@link #conflicts} first.
     *
     * @return the changes that fire watches, in order
     */
    public List<Change> apply(NodeTree tree, int creator, long gen) {
        List<Change> changes = new ArrayList<>();
        for (String p : deleted) {
            Node n = tree.find(p);
            if (n != null) {
                tree.remove(n, gen);
            }
            changes.add(new Change(p, true));
        }
        for (Map.Entry<String, Written> e : written.entrySet()) {
            Written w = e.getValue();
            Node n = tree.ensure(e.getKey(), creator, gen);
            tree.setValue(n, w.value, gen);
            if (!n.perms().equals(w.perms)) {
                tree.setPerms(n, w.perms, gen);
            }
            if (w.fires) {
                changes.add(new Change(e.getKey(), false));
            }
        }
        return changes;
    }

    // ---- loading -----------------------------------------------------------------------------------

    /** Restores a read path (when loading state). */
    public void restoreRead(String path) {
        read.add(path);
    }

    /** Restores a written node (when loading state). */
    public void restoreWritten(String path, Written w) {
        written.put(path, w);
    }

    /** Restores a deleted root (when loading state). */
    public void restoreDeleted(String path) {
        deleted.add(path);
    }
}
