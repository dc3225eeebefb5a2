package dev.baton.store.tree;

import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.function.BiConsumer;

/**
 * The store's node tree: paths to values and permissions, a store-wide generation counter that
 * every change advances, per-domain counts of owned nodes (for quotas) and, when asked, the set
 * of dirty paths (for iterative pre-copy).
 *
 * <p>Not thread-safe: the store calls it under its lock. Permission checks and quotas are the
 * caller's; the tree only does what it is told, and keeps its counts and generations right.
 *
 * <p>Generations: {@link #nextGeneration} starts a change; every node the change touches takes
 * that generation, and so does the parent of a node created or removed (its set of children
 * changed). A transaction that began at generation G conflicts with a node whose generation is
 * above G.
 */
public final class NodeTree {
    /**
     * The generation no node of the tree reads below ({@link #raiseGenerations}): one value its
     * nodes share, so that raising it raises them all at once, without a walk.
     */
    static final class Floor {
        long generation;
    }

    private final Floor floor = new Floor();
    private final Node root = new Node("", null, Perms.PRIVATE, 0, floor);
    private long generation;
    private long nodeCount = 1;
    /**
     * Nodes owned, by domid; grown to the highest owner seen, so that a new tree costs a few
     * octets, not 256 KiB for every possible domid (fuzz targets make one per run).
     */
    private int[] owned = new int[1];
    private DirtyPaths.Tracker dirty;
    /**
     * The parent of the last node {@link #put}, and its path ("" for the root): forgotten when a
     * node is removed, which might be this one or above it.
     */
    private Node lastPutParent;
    private String lastPutParentPath;

    public NodeTree() {
        owned[0] = 1;
    }

    public Node root() {
        return root;
    }

    /** The generation of the last change. */
    public long generation() {
        return generation;
    }

    /** Starts a change: advances the generation and returns it. */
    public long nextGeneration() {
        return ++generation;
    }

    /** Sets the generation counter (when loading state). */
    public void setGeneration(long g) {
        generation = g;
    }

    /** Nodes in the tree, the root included. */
    public long nodeCount() {
        return nodeCount;
    }

    /** Nodes {@code domid} owns. */
    public int owned(int domid) {
        return domid < owned.length ? owned[domid] : 0;
    }

    /** Adds {@code delta} to the nodes {@code domid} owns. */
    private void own(int domid, int delta) {
        if (domid >= owned.length) {
            owned = java.util.Arrays.copyOf(owned, Math.min(Perm.MAX_DOMID + 1, Math.max(domid + 1, owned.length * 2)));
        }
        owned[domid] += delta;
    }

    /** The node at a valid path, or null. Allocates nothing. */
    public Node find(String path) {
        return find(path, path.length());
    }

    /** The node at {@code path.substring(0, length)}, a valid path (or "" for the root), or null. */
    private Node find(String path, int length) {
        Node n = root;
        int from = 1;
        while (from < length && n != null) {
            int to = path.indexOf('/', from);
            if (to < 0 || to > length) {
                to = length;
            }
            n = n.child(path, from, to);
            from = to + 1;
        }
        return n;
    }

    /** The deepest node on the way to {@code path}: the node itself when it exists. */
    public Node nearestExisting(String path) {
        Node n = root;
        int from = 1;
        int length = path.length();
        while (from < length) {
            int to = path.indexOf('/', from);
            if (to < 0) {
                to = length;
            }
            Node c = n.child(path, from, to);
            if (c == null) {
                return n;
            }
            n = c;
            from = to + 1;
        }
        return n;
    }

    /** How many nodes {@link #ensure} would create for {@code path}. */
    public int missing(String path) {
        Node n = nearestExisting(path);
        int have = n == root ? 0 : StorePath.depth(n.path());
        return StorePath.depth(path) - have;
    }

    /**
     * The node at {@code path}, created with any missing parents. A created node gets its
     * parent's permissions, owned by {@code creator} unless it is privileged, and generation
     * {@code gen}, as does the parent it was added to.
     */
    public Node ensure(String path, int creator, long gen) {
        Node n = root;
        int from = 1;
        int length = path.length();
        while (from < length) {
            int to = path.indexOf('/', from);
            if (to < 0) {
                to = length;
            }
            Node c = n.child(path, from, to);
            if (c == null) {
                c = new Node(path.substring(from, to), n, n.perms.inheritedBy(creator), gen, floor);
                n.addChild(c);
                n.generation = gen;
                nodeCount++;
                own(c.perms.owner(), 1);
                if (dirty != null) {
                    dirty.changed.add(n.path());
                    dirty.changed.add(path.substring(0, to));
                }
            }
            n = c;
            from = to + 1;
        }
        return n;
    }

    /** Replaces a node's value; keep {@code value} unchanged afterwards. */
    public void setValue(Node n, byte[] value, long gen) {
        n.value = value.length == 0 ? Node.EMPTY : value;
        touch(n, gen);
    }

    /** Replaces a node's permissions. */
    public void setPerms(Node n, Perms perms, long gen) {
        own(n.perms.owner(), -1);
        own(perms.owner(), 1);
        n.perms = perms;
        touch(n, gen);
    }

    /** Marks a node changed at {@code gen} without changing it otherwise. */
    public void touch(Node n, long gen) {
        n.generation = gen;
        if (dirty != null) {
            dirty.changed.add(n.path());
        }
    }

    /**
     * Removes a node and its subtree; returns how many nodes went.
     *
     * @throws IllegalArgumentException for the root
     */
    public long remove(Node n, long gen) {
        if (n == root) {
            throw new IllegalArgumentException("the root cannot be removed");
        }
        if (dirty != null) {
            String path = n.path();
            dirty.removed.add(path);
            dirty.changed.add(n.parent.path());
        }
        n.parent.removeChild(n);
        lastPutParent = null;
        n.parent.generation = gen;
        long removed = 0;
        ArrayDeque<Node> todo = new ArrayDeque<>();
        todo.push(n);
        while (!todo.isEmpty()) {
            Node x = todo.pop();
            own(x.perms.owner(), -1);
            removed++;
            x.forEachChild(todo::push);
        }
        n.parent = null;
        nodeCount -= removed;
        return removed;
    }

    /**
     * Adds a node as it was saved: its parent must exist and it must not. Counts, but does not
     * mark dirty or advance the generation (loading is not a change).
     *
     * @return the node, or null when the parent is missing or the node exists (the root aside,
     *         which is updated in place)
     */
    public Node load(String path, byte[] value, Perms perms, long gen) {
        Node n;
        if (path.length() == 1) {
            n = root;
            own(root.perms.owner(), -1);
        } else {
            Node parent = find(StorePath.parent(path));
            if (parent == null) {
                return null;
            }
            String name = StorePath.leaf(path);
            if (parent.child(name) != null) {
                return null;
            }
            n = new Node(name, parent, perms, gen, floor);
            parent.addChild(n);
            nodeCount++;
        }
        n.value = value.length == 0 ? Node.EMPTY : value;
        n.perms = perms;
        n.generation = gen;
        own(perms.owner(), 1);
        return n;
    }

    /**
     * Replicates a node as a sender has it (a pre-copy round): updates it in place, or adds it
     * under its parent, which must exist. Like {@link #load}, it neither advances the generation
     * nor marks anything dirty.
     *
     * @return false when the parent is missing
     */
    public boolean put(String path, byte[] value, Perms perms, long gen) {
        int slash = path.lastIndexOf('/');
        Node parent = path.length() == 1 ? null : putParent(path, slash);
        if (parent == null && path.length() > 1) {
            return false;
        }
        Node n = parent == null ? root : parent.child(path, slash + 1, path.length());
        if (n == null) {
            n = new Node(path.substring(slash + 1), parent, perms, gen, floor);
            parent.addChild(n);
            nodeCount++;
            own(perms.owner(), 1);
            n.value = value.length == 0 ? Node.EMPTY : value;
            return true;
        }
        own(n.perms.owner(), -1);
        own(perms.owner(), 1);
        n.value = value.length == 0 ? Node.EMPTY : value;
        n.perms = perms;
        n.generation = gen;
        return true;
    }

    /**
     * The parent of the node {@link #put} is given, {@code path.substring(0, slash)}, or null. A
     * pre-copy sends a directory's children one after another, after the directory: the parent of
     * the last put is most often this one's, found by comparing the path's prefix with it rather
     * than by a walk from the root (with its hash of every component on the way).
     */
    private Node putParent(String path, int slash) {
        if (lastPutParent != null && lastPutParentPath.length() == slash && path.startsWith(lastPutParentPath)) {
            return lastPutParent;
        }
        Node parent = find(path, slash);
        if (parent != null) {
            lastPutParent = parent;
            lastPutParentPath = path.substring(0, slash);
        }
        return parent;
    }

    /**
     * Drops the subtree at {@code path}, if there is one, as a sender reported it removed (a
     * pre-copy round); the parent's generation is left for the sender's record of it to set.
     *
     * @return the nodes dropped
     */
    public long drop(String path) {
        Node n = find(path);
        if (n == null || n == root) {
            return 0;
        }
        long g = n.parent.generation;
        Node parent = n.parent;
        long removed = remove(n, g);
        parent.generation = g;
        return removed;
    }

    /**
     * Raises every node's generation to at least {@code gen}, at once and without walking the
     * tree: from now on a node reads {@code gen} until a change gives it a later one (a tree
     * pre-copied from a stream without node generations, release 1.0's: as if loaded at the
     * store's generation, which is at least every node's, so each reads exactly {@code gen}).
     * The switchover of a live update does this, so its work must not grow with the tree.
     */
    public void raiseGenerations(long gen) {
        floor.generation = Math.max(floor.generation, gen);
    }

    // ---- dirty tracking ------------------------------------------------------------------------

    /** Starts recording dirty paths (clearing any recorded), or stops when {@code on} is false. */
    public void trackDirty(boolean on) {
        dirty = on ? new DirtyPaths.Tracker() : null;
    }

    /** Whether dirty paths are being recorded. */
    public boolean tracksDirty() {
        return dirty != null;
    }

    /** How many paths are dirty now (changed plus removed roots): what the next drain would give; 0 when not tracking. */
    public int dirtyCount() {
        return dirty == null ? 0 : dirty.changed.size() + dirty.removed.size();
    }

    /** The dirty paths recorded since the last call (or since tracking began), and clears them. */
    public DirtyPaths drainDirty() {
        if (dirty == null) {
            throw new IllegalStateException("dirty tracking is off: call trackDirty(true) first");
        }
        return dirty.drain();
    }

    // ---- walks ---------------------------------------------------------------------------------

    /** Every node in pre-order (a parent before its children), children sorted by name. */
    public void forEach(BiConsumer<String, Node> visitor) {
        new Walk(true).step(Long.MAX_VALUE, visitor);
    }

    /**
     * A walk of the tree in pre-order, made in steps: between steps the tree may change (a
     * pre-copy takes a step under the store's lock, then sends it without). A step resumes where
     * the last ended without finding its place again: each directory's children are listed once,
     * when the walk enters it, so a pass over the whole tree costs one listing of each directory,
     * not one per step (finding the place again from a path, as the first pre-copy did, sorted
     * each directory on the way again for every step). Nodes created in a directory
     * the walk has entered are not visited, and nodes removed since are skipped with their
     * subtrees: track dirty paths to catch both.
     */
    public final class Walk {
        private final ArrayDeque<Frame> stack = new ArrayDeque<>();
        private final boolean sorted;
        private boolean started;

        private Walk(boolean sorted) {
            this.sorted = sorted;
        }

        private Node[] children(Node n) {
            return sorted ? n.sortedChildren() : n.children();
        }

        /**
         * Visits at most {@code max} more nodes; returns false once the walk is complete (then it
         * visits nothing more).
         */
        public boolean step(long max, BiConsumer<String, Node> visitor) {
            long visited = 0;
            if (!started) {
                started = true;
                visitor.accept(StorePath.ROOT, root);
                visited++;
                stack.push(new Frame(StorePath.ROOT, children(root), 0));
            }
            while (visited < max && !stack.isEmpty()) {
                Frame f = stack.peek();
                if (f.next == f.kids.length) {
                    stack.pop();
                    continue;
                }
                Node n = f.kids[f.next++];
                if (n.parent == null) {
                    continue; // removed since its directory was entered
                }
                String path = StorePath.join(f.path, n.name);
                visitor.accept(path, n);
                visited++;
                if (n.childCount() > 0) {
                    stack.push(new Frame(path, children(n), 0));
                }
            }
            while (!stack.isEmpty() && stack.peek().next == stack.peek().kids.length) {
                stack.pop();
            }
            return !stack.isEmpty();
        }
    }

    /**
     * A walk of the whole tree, made in steps ({@link Walk#step}), parents before their children
     * but siblings in no particular order: it sorts no directory (a pre-copy needs parents first,
     * not an order; {@link #forEach} is the sorted walk).
     */
    public Walk walk() {
        return new Walk(false);
    }

    private static final class Frame {
        final String path;
        final Node[] kids;
        int next;

        Frame(String path, Node[] kids, int next) {
            this.path = path;
            this.kids = kids;
            this.next = next;
        }
    }
}
