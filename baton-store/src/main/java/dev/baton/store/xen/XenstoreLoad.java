package dev.baton.store.xen;

import dev.baton.store.quota.Quota;
import dev.baton.store.quota.Quotas;
import dev.baton.store.server.Store;
import dev.baton.store.tree.Access;
import dev.baton.store.tree.NodeTree;
import dev.baton.store.tree.Perm;
import dev.baton.store.tree.Perms;
import dev.baton.store.tree.StorePath;
import dev.baton.xen.xenstore.ConnectionData;
import dev.baton.xen.xenstore.DomainData;
import dev.baton.xen.xenstore.GlobalData;
import dev.baton.xen.xenstore.GlobalQuotaData;
import dev.baton.xen.xenstore.NodeData;
import dev.baton.xen.xenstore.Permission;
import dev.baton.xen.xenstore.TransactionData;
import dev.baton.xen.xenstore.WatchData;
import dev.baton.xen.xenstore.WatchDataExtended;
import dev.baton.xen.xenstore.XenstoreImage;
import dev.baton.xen.xenstore.XenstoreRecord;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Seeds a store with no nodes but the root from a xenstore image: its committed nodes with their
 * values and permissions, and the quotas of GLOBAL_QUOTA_DATA and DOMAIN_DATA the store knows by
 * name ({@code nodes}, {@code value-size}, {@code permissions}, {@code watches},
 * {@code transactions}, {@code output}).
 *
 * <p>All or nothing: the image is checked whole before the store changes. Refused, with
 * {@link XenstoreConversionException} naming the node: a path the store does not allow; a
 * committed node without permissions or whose parent has not come earlier; a value or a
 * permission list beyond the store's quota for the node's owner (owners other than domain 0;
 * the image's own quotas count). Stale permission entries are dropped (xenstored ignores them).
 *
 * <p>Skipped and reported: connections, watches, transactions and the nodes of pending
 * transactions (they belong to xenstored's clients, which the store does not have), GLOBAL_DATA,
 * quotas the store does not know, domain features. Loading fires no watches.
 */
public final class XenstoreLoad {
    private XenstoreLoad() {
    }

    /**
     * What a load did.
     *
     * @param nodes   committed nodes loaded, the root included when the image has it
     * @param quotas  quota values set
     * @param skipped what was not loaded, one line each, in words
     */
    public record Result(long nodes, int quotas, List<String> skipped) {
    }

    /** Reads {@code file} strictly and loads it. */
    public static Result load(Store store, Path file) throws IOException {
        return load(store, XenstoreImage.read(file));
    }

    /** Loads an image into a store whose tree holds the root alone; under the store's lock. */
    public static Result load(Store store, XenstoreImage image) {
        return store.locked(() -> apply(store, image));
    }

    private static Result apply(Store store, XenstoreImage image) {
        NodeTree tree = store.tree();
        if (tree.nodeCount() != 1) {
            throw new XenstoreConversionException("the store has " + tree.nodeCount()
                    + " nodes: a xenstore dump seeds a store that has the root alone");
        }
        Map<String, Integer> skipped = new LinkedHashMap<>();
        // quotas first: the image's own count when checking its nodes
        Quotas quotas = new Quotas();
        copy(store.quotas(), quotas);
        int quotaValues = 0;
        for (XenstoreRecord r : image.records()) {
            if (r instanceof GlobalQuotaData g) {
                for (dev.baton.xen.xenstore.Quota q : concat(g.domainQuotas(), g.globalQuotas())) {
                    Quota mine = XenstoreQuotas.of(q.name());
                    if (mine == null) {
                        skipped.merge("quota " + q.name() + " (the store has none of that name)", 1, Integer::sum);
                    } else {
                        quotas.setGlobal(mine, q.value());
                        quotaValues++;
                    }
                }
            } else if (r instanceof DomainData d) {
                for (dev.baton.xen.xenstore.Quota q : d.quotas()) {
                    Quota mine = XenstoreQuotas.of(q.name());
                    if (mine == null) {
                        skipped.merge("quota " + q.name() + " (the store has none of that name)", 1, Integer::sum);
                    } else {
                        quotas.setForDomain(mine, d.domid(), q.value());
                        quotaValues++;
                    }
                }
                if (d.features() != 0) {
                    skipped.merge("domain features", 1, Integer::sum);
                }
            }
        }
        List<NodeData> nodes = new ArrayList<>();
        List<Perms> perms = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        seen.add(StorePath.ROOT);
        boolean rootSeen = false;
        for (XenstoreRecord r : image.records()) {
            switch (r) {
                case NodeData n when n.isCommitted() -> {
                    String path = n.path();
                    String problem = StorePath.problem(path);
                    if (problem != null) {
                        throw new XenstoreConversionException("node " + path + ": " + problem);
                    }
                    if (path.equals(StorePath.ROOT) ? rootSeen : !seen.add(path)) {
                        throw new XenstoreConversionException("node " + path + " appears twice");
                    }
                    if (path.equals(StorePath.ROOT)) {
                        rootSeen = true;
                    } else if (!seen.contains(StorePath.parent(path))) {
                        throw new XenstoreConversionException("node " + path + ": its parent "
                                + StorePath.parent(path) + " has not come earlier");
                    }
                    Perms p = perms(n);
                    int owner = p.owner();
                    int length = n.value().length;
                    if (!quotas.allows(Quota.VALUE_SIZE, owner, length)) {
                        throw new XenstoreConversionException("node " + path + " has a value of " + length
                                + " octets, over the store's value-size quota " + quotas.limit(Quota.VALUE_SIZE, owner)
                                + " for its owner, domain " + owner);
                    }
                    if (!quotas.allows(Quota.PERMS, owner, p.size())) {
                        throw new XenstoreConversionException("node " + path + " has " + p.size()
                                + " permissions, over the store's permissions quota "
                                + quotas.limit(Quota.PERMS, owner) + " for its owner, domain " + owner);
                    }
                    nodes.add(n);
                    perms.add(p);
                }
                case NodeData n -> skipped.merge("node of a pending transaction", 1, Integer::sum);
                case ConnectionData c -> skipped.merge("connection", 1, Integer::sum);
                case WatchData w -> skipped.merge("watch", 1, Integer::sum);
                case WatchDataExtended w -> skipped.merge("watch", 1, Integer::sum);
                case TransactionData t -> skipped.merge("transaction", 1, Integer::sum);
                case GlobalData g -> skipped.merge("GLOBAL_DATA (xenstored's file descriptors)", 1, Integer::sum);
                default -> {
                    // quotas: done above
                }
            }
        }
        int stale = 0;
        for (NodeData n : nodes) {
            for (int i = 1; i < n.permissions().size(); i++) {
                stale += n.permissions().get(i).stale() ? 1 : 0;
            }
        }
        if (stale > 0) {
            skipped.put("stale permission entry", stale);
        }
        // checked: now change the store
        copy(quotas, store.quotas());
        long gen = tree.nextGeneration();
        for (int i = 0; i < nodes.size(); i++) {
            NodeData n = nodes.get(i);
            if (tree.load(n.path(), n.value(), perms.get(i), gen) == null) {
                throw new IllegalStateException("node " + n.path() + " could not be loaded"); // checked above
            }
        }
        List<String> words = new ArrayList<>();
        skipped.forEach((what, count) -> words.add(count + " " + what + (count == 1 ? "" : " records")));
        return new Result(nodes.size(), quotaValues, words);
    }

    /** The store's permissions of a node: its entries, stale ones after the owner's dropped. */
    static Perms perms(NodeData n) {
        List<Permission> ps = n.permissions();
        if (ps.isEmpty()) {
            throw new XenstoreConversionException("committed node " + n.path()
                    + " has no permissions (the first names its owner)");
        }
        List<Perm> out = new ArrayList<>(ps.size());
        for (int i = 0; i < ps.size(); i++) {
            Permission p = ps.get(i);
            if (i > 0 && p.stale()) {
                continue;
            }
            out.add(new Perm(p.domid(), Access.byLetter((char) p.access().letter())));
        }
        return Perms.of(out);
    }

    private static void copy(Quotas from, Quotas to) {
        to.reset();
        for (Quota q : Quota.values()) {
            to.setGlobal(q, from.global(q));
        }
        from.overrides().forEach((domid, m) -> m.forEach((q, v) -> to.setForDomain(q, domid, v)));
    }

    private static <T> List<T> concat(List<T> a, List<T> b) {
        List<T> out = new ArrayList<>(a);
        out.addAll(b);
        return out;
    }
}
