package dev.baton.store.tree;

import java.util.LinkedHashSet;
import java.util.Set;

/**
 * The paths the tree changed since tracking began or since the last {@link NodeTree#drainDirty}:
 * what an iterative pre-copy must send again.
 *
 * <ul>
 * <li>{@link #changed}: nodes whose value, permissions or generation changed, or which were created;
 *     send each one that still exists (its own record, not its subtree);</li>
 * <li>{@link #removed}: roots of removed subtrees; the receiver drops its whole subtree at such a
 *     path, and the sender then sends whatever exists there now (a subtree removed and written
 *     again in the same round is replaced, never merged).</li>
 * </ul>
 * A changed path that no longer exists always lies under a removed root.
 *
 * @param changed paths of changed or created nodes, in the order of first change
 * @param removed roots of removed subtrees, in the order of removal
 */
public record DirtyPaths(Set<String> changed, Set<String> removed) {

    public DirtyPaths {
        changed = Set.copyOf(changed);
        removed = Set.copyOf(removed);
    }

    /** Nothing changed. */
    public boolean isEmpty() {
        return changed.isEmpty() && removed.isEmpty();
    }

    /** Number of paths in both sets. */
    public int size() {
        return changed.size() + removed.size();
    }

    /** Mutable accumulator the tree marks while tracking is on. */
    static final class Tracker {
        final Set<String> changed = new LinkedHashSet<>();
        final Set<String> removed = new LinkedHashSet<>();

        DirtyPaths drain() {
            DirtyPaths d = new DirtyPaths(changed, removed);
            changed.clear();
            removed.clear();
            return d;
        }
    }
}
