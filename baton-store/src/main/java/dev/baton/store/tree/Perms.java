package dev.baton.store.tree;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A node's permissions, as xenstore has them: the first entry names the <b>owner</b>, who may
 * do everything, and its access is the <b>default</b> for domains the other entries do not name.
 * Domain 0 is privileged and may do everything everywhere.
 *
 * <p>Immutable. Most nodes share a handful of permission sets, so {@link #of} interns them (up to
 * {@value #INTERN_LIMIT} distinct sets; beyond that, sets are simply not shared).
 */
public final class Perms {
    static final int INTERN_LIMIT = 4096;
    private static final ConcurrentHashMap<Perms, Perms> INTERNED = new ConcurrentHashMap<>();

    /** Owned by domain 0, no access for others: the root's permissions. */
    public static final Perms PRIVATE = of(List.of(new Perm(0, Access.NONE)));

    /** domid << 2 | access id, the owner first. */
    private final int[] entries;
    private final int hash;

    private Perms(int[] entries) {
        this.entries = entries;
        this.hash = Arrays.hashCode(entries);
    }

    /** The permission set of these entries, the owner first; at least one entry. */
    public static Perms of(List<Perm> perms) {
        if (perms.isEmpty()) {
            throw new IllegalArgumentException("permissions need at least the owner's entry");
        }
        int[] e = new int[perms.size()];
        for (int i = 0; i < e.length; i++) {
            Perm p = perms.get(i);
            e[i] = p.domid() << 2 | p.access().id();
        }
        return intern(new Perms(e));
    }

    /** Parses {@code b0 r5 n3}: entries separated by spaces, the owner first; null when malformed. */
    public static Perms parse(String text) {
        List<Perm> list = new ArrayList<>();
        for (String s : text.trim().split(" +")) {
            Perm p = Perm.parse(s);
            if (p == null) {
                return null;
            }
            list.add(p);
        }
        return of(list);
    }

    private static Perms intern(Perms p) {
        Perms known = INTERNED.get(p);
        if (known != null) {
            return known;
        }
        if (INTERNED.size() >= INTERN_LIMIT) {
            return p;
        }
        known = INTERNED.putIfAbsent(p, p);
        return known == null ? p : known;
    }

    /** The owner's domid. */
    public int owner() {
        return entries[0] >>> 2;
    }

    /** Number of entries, the owner's included. */
    public int size() {
        return entries.length;
    }

    /** The entry at {@code i}; 0 is the owner's. */
    public Perm get(int i) {
        return new Perm(entries[i] >>> 2, Access.byId(entries[i] & 3));
    }

    /** The entries, the owner first. */
    public List<Perm> entries() {
        List<Perm> list = new ArrayList<>(entries.length);
        for (int i = 0; i < entries.length; i++) {
            list.add(get(i));
        }
        return list;
    }

    /**
     * What {@code domid} may do: everything when privileged (0) or the owner; else the access of
     * the first entry after the owner's that names it; else the owner entry's access (the default).
     */
    public Access accessFor(int domid) {
        if (domid == 0 || domid == owner()) {
            return Access.BOTH;
        }
        for (int i = 1; i < entries.length; i++) {
            if (entries[i] >>> 2 == domid) {
                return Access.byId(entries[i] & 3);
            }
        }
        return Access.byId(entries[0] & 3);
    }

    /** Whether {@code domid} may do what {@code wanted} asks. */
    public boolean allows(int domid, Access wanted) {
        return accessFor(domid).allows(wanted);
    }

    /**
     * The permissions a node created by {@code creator} under a node with these permissions gets:
     * the same, owned by the creator unless the creator is privileged (as xenstored does).
     */
    public Perms inheritedBy(int creator) {
        if (creator == 0 || creator == owner()) {
            return this;
        }
        int[] e = entries.clone();
        e[0] = creator << 2 | (e[0] & 3);
        return intern(new Perms(e));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Perms p && hash == p.hash && Arrays.equals(entries, p.entries);
    }

    @Override
    public int hashCode() {
        return hash;
    }

    /** {@code b0 r5}: the protocol's notation. */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < entries.length; i++) {
            if (i > 0) {
                sb.append(' ');
            }
            sb.append(Access.byId(entries[i] & 3).letter()).append(entries[i] >>> 2);
        }
        return sb.toString();
    }
}
