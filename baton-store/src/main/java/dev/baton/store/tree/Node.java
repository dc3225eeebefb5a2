package dev.baton.store.tree;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * One node of the tree: its name (the last path component), value, permissions, generation and
 * children. Values are never changed in place: a write replaces the array, so a reader may keep
 * the one it got.
 *
 * <p>Children live in an open-addressing table keyed by name, with no entry objects: a node with
 * children costs one array of references beside itself, so that a million nodes stay small
 * (docs/STORE.md gives the measured bytes per node). Lookups by a region of a path allocate
 * nothing.
 */
public final class Node {
    static final byte[] EMPTY = new byte[0];

    final String name;
    Node parent;
    byte[] value = EMPTY;
    Perms perms;
    /** The generation as last set; {@link #generation()} raises it to the tree's floor. */
    long generation;
    /**
     * The tree's floor of generations, shared by all its nodes (the reference fits in the
     * padding of a node's 48 octets, so it costs nothing).
     */
    private final NodeTree.Floor floor;
    /** Children by name, linear probing; null while there are none. */
    private Node[] slots;
    private int childCount;

    Node(String name, Node parent, Perms perms, long generation, NodeTree.Floor floor) {
        this.name = name;
        this.parent = parent;
        this.perms = perms;
        this.generation = generation;
        this.floor = floor;
    }

    /** The last path component; empty for the root. */
    public String name() {
        return name;
    }

    /** The value. Do not modify the array. */
    public byte[] value() {
        return value;
    }

    public Perms perms() {
        return perms;
    }

    /** The store generation of the node's last change (its value, perms, or set of children). */
    public long generation() {
        return Math.max(generation, floor.generation);
    }

    public Node parent() {
        return parent;
    }

    public int childCount() {
        return childCount;
    }

    /** The full path, built by walking up to the root. */
    public String path() {
        if (parent == null) {
            return StorePath.ROOT;
        }
        int length = 0;
        for (Node n = this; n.parent != null; n = n.parent) {
            length += n.name.length() + 1;
        }
        char[] out = new char[length];
        int at = length;
        for (Node n = this; n.parent != null; n = n.parent) {
            at -= n.name.length();
            n.name.getChars(0, n.name.length(), out, at);
            out[--at] = '/';
        }
        return new String(out);
    }

    /** The child named by {@code path.substring(from, to)}, or null; allocates nothing. */
    public Node child(String path, int from, int to) {
        Node[] s = slots;
        if (s == null) {
            return null;
        }
        int length = to - from;
        int h = 0;
        for (int i = from; i < to; i++) {
            h = 31 * h + path.charAt(i);
        }
        int mask = s.length - 1;
        for (int i = spread(h) & mask; ; i = (i + 1) & mask) {
            Node n = s[i];
            if (n == null) {
                return null;
            }
            if (n.name.length() == length && n.name.regionMatches(0, path, from, length)) {
                return n;
            }
        }
    }

    /** The child of that name, or null. */
    public Node child(String childName) {
        return child(childName, 0, childName.length());
    }

    /** The children's names, sorted. */
    public List<String> childNames() {
        List<String> names = new ArrayList<>(childCount);
        forEachChild(c -> names.add(c.name));
        names.sort(null);
        return names;
    }

    /** The children, sorted by name. */
    public Node[] sortedChildren() {
        Node[] out = children();
        Arrays.sort(out, (a, b) -> a.name.compareTo(b.name));
        return out;
    }

    /** The children, in no particular order. */
    public Node[] children() {
        Node[] out = new Node[childCount];
        if (slots != null) {
            int k = 0;
            for (Node n : slots) {
                if (n != null) {
                    out[k++] = n;
                }
            }
        }
        return out;
    }

    /** Calls {@code action} for every child, in no particular order. */
    public void forEachChild(java.util.function.Consumer<Node> action) {
        if (slots == null) {
            return;
        }
        for (Node n : slots) {
            if (n != null) {
                action.accept(n);
            }
        }
    }

    void addChild(Node c) {
        if (slots == null) {
            slots = new Node[2];
        } else if ((childCount + 1) * 4 > slots.length * 3) {
            rehash(slots.length * 2);
        }
        insert(slots, c);
        childCount++;
    }

    void removeChild(Node c) {
        Node[] s = slots;
        int mask = s.length - 1;
        int i = spread(c.name.hashCode()) & mask;
        while (s[i] != c) {
            if (s[i] == null) {
                throw new IllegalStateException("no child " + c.name);
            }
            i = (i + 1) & mask;
        }
        s[i] = null;
        childCount--;
        // Backward-shift deletion: move later entries of the run into the hole when their home allows it.
        for (int j = (i + 1) & mask; s[j] != null; j = (j + 1) & mask) {
            int home = spread(s[j].name.hashCode()) & mask;
            if (((j - home) & mask) >= ((j - i) & mask)) {
                s[i] = s[j];
                s[j] = null;
                i = j;
            }
        }
        if (childCount == 0) {
            slots = null;
        } else if (s.length > 8 && childCount * 8 < s.length) {
            rehash(s.length / 2);
        }
    }

    private void rehash(int capacity) {
        Node[] old = slots;
        slots = new Node[capacity];
        for (Node n : old) {
            if (n != null) {
                insert(slots, n);
            }
        }
    }

    private static void insert(Node[] s, Node c) {
        int mask = s.length - 1;
        int i = spread(c.name.hashCode()) & mask;
        while (s[i] != null) {
            i = (i + 1) & mask;
        }
        s[i] = c;
    }

    private static int spread(int h) {
        return h ^ (h >>> 16);
    }

    @Override
    public String toString() {
        return "Node[" + path() + ", " + value.length + " octets, " + perms + ", generation " + generation() + "]";
    }
}
