package dev.baton.store.xen;

import dev.baton.store.quota.Quota;
import dev.baton.store.quota.Quotas;
import dev.baton.store.server.Connection;
import dev.baton.store.server.Store;
import dev.baton.store.tree.Perm;
import dev.baton.store.tree.Perms;
import dev.baton.store.watch.Watch;
import dev.baton.xen.xenstore.ConnectionData;
import dev.baton.xen.xenstore.ConnectionSpec;
import dev.baton.xen.xenstore.DomainData;
import dev.baton.xen.xenstore.GlobalQuotaData;
import dev.baton.xen.xenstore.NodeData;
import dev.baton.xen.xenstore.Permission;
import dev.baton.xen.xenstore.WatchData;
import dev.baton.xen.xenstore.WatchDataExtended;
import dev.baton.xen.xenstore.XenstoreHeader;
import dev.baton.xen.xenstore.XenstoreImage;
import dev.baton.xen.xenstore.XenstoreRecord;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteOrder;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A store's state as a xenstore migration stream (version 2), so that xenstore tools can read it.
 * The image holds, in this order:
 *
 * <ol>
 *   <li>GLOBAL_QUOTA_DATA: the store-wide value of each of the store's six quotas, all as
 *       per-domain quotas, named {@code nodes}, {@code value-size}, {@code permissions},
 *       {@code watches}, {@code transactions}, {@code output} (0: unlimited);</li>
 *   <li>CONNECTION_DATA for every connection that holds a watch: domain 0's as a socket
 *       ({@code fd -1}: the store's connections are TCP clients, not xenstored's sockets), any
 *       other domain's as a shared ring with that domid, no target ({@code tdomid} 0x7ff4) and
 *       event channel 0; never any pending input or output (the store's queued lines are its own
 *       protocol's, not xenstore's);</li>
 *   <li>the watches, in registration order: WATCH_DATA when unlimited, WATCH_DATA_EXTENDED with
 *       its depth otherwise;</li>
 *   <li>NODE_DATA for every committed node, the root first and every parent before its children
 *       (children by name), connection 0, the permissions as they are (the owner first; the
 *       store's {@code n r w b} letters are xenstore's, no flags);</li>
 *   <li>DOMAIN_DATA for every domain with quota overrides, features 0.</li>
 * </ol>
 *
 * <p>Not written: open transactions and what they changed (a dump is of committed state), the
 * id counters, RESUME keys and generations. No GLOBAL_DATA (it names xenstored's file descriptors).
 * A value longer than 65535 octets does not fit xenstore's {@code value-len}: the dump is refused
 * with {@link XenstoreConversionException} naming the node.
 */
public final class XenstoreDump {
    /** The longest value xenstore's format holds. */
    public static final int MAX_VALUE = 0xFFFF;

    private XenstoreDump() {
    }

    /** The store's state as a version 2 little-endian image, taken under the store's lock. */
    public static XenstoreImage image(Store store) {
        return image(store, ByteOrder.LITTLE_ENDIAN);
    }

    /** The store's state as a version 2 image of that byte order, taken under the store's lock. */
    public static XenstoreImage image(Store store, ByteOrder order) {
        List<XenstoreRecord> records = store.locked(() -> records(store));
        return new XenstoreImage(new XenstoreHeader(2, order), records);
    }

    /**
     * Writes the image to {@code file} (through a temporary file beside it, then renamed); returns
     * it. Errors name {@code file}, never the temporary file.
     */
    public static XenstoreImage write(Store store, Path file) throws IOException {
        XenstoreImage image = image(store);
        Path dir = file.toAbsolutePath().getParent();
        Path tmp = null;
        try {
            tmp = Files.createTempFile(dir, ".xenstore-", ".tmp");
            try (OutputStream out = Files.newOutputStream(tmp)) {
                image.write(out);
            }
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
        } catch (NoSuchFileException e) {
            throw new NoSuchFileException(file.toString(), null, "no such directory " + dir);
        } catch (AccessDeniedException e) {
            throw new AccessDeniedException(file.toString(), null, "permission denied");
        } catch (FileSystemException e) {
            throw new FileSystemException(file.toString(), null, e.getReason());
        } finally {
            if (tmp != null) {
                Files.deleteIfExists(tmp);
            }
        }
        return image;
    }

    private static List<XenstoreRecord> records(Store store) {
        List<XenstoreRecord> out = new ArrayList<>();
        Quotas quotas = store.quotas();
        List<dev.baton.xen.xenstore.Quota> global = new ArrayList<>();
        for (Quota q : Quota.values()) {
            global.add(new dev.baton.xen.xenstore.Quota(XenstoreQuotas.name(q), quotas.global(q)));
        }
        out.add(new GlobalQuotaData(global, List.of()));

        List<Watch> watches = store.watches().all();
        java.util.Set<Long> written = new java.util.HashSet<>();
        for (Connection c : store.connections()) {
            if (store.watches().count(c.id()) == 0) {
                continue;
            }
            ConnectionSpec spec = c.domid() == 0 ? new ConnectionSpec.Socket(-1)
                    : new ConnectionSpec.SharedRing(c.domid(), ConnectionSpec.DOMID_INVALID, 0);
            out.add(ConnectionData.idle(c.id(), spec));
            written.add(c.id());
        }
        for (Watch w : watches) {
            if (!written.contains(w.connectionId())) {
                continue;
            }
            out.add(w.limited() ? new WatchDataExtended(w.connectionId(), w.path(), w.token(), w.depth())
                    : new WatchData(w.connectionId(), w.path(), w.token()));
        }

        store.tree().forEach((path, node) -> {
            byte[] value = node.value();
            if (value.length > MAX_VALUE) {
                throw new XenstoreConversionException("node " + path + " has a value of " + value.length
                        + " octets: xenstore's format holds at most " + MAX_VALUE);
            }
            out.add(NodeData.committed(path, value, permissions(node.perms())));
        });

        for (Map.Entry<Integer, Map<Quota, Long>> e : quotas.overrides().entrySet()) {
            List<dev.baton.xen.xenstore.Quota> own = new ArrayList<>();
            for (Quota q : Quota.values()) {
                Long v = e.getValue().get(q);
                if (v != null) {
                    own.add(new dev.baton.xen.xenstore.Quota(XenstoreQuotas.name(q), v));
                }
            }
            out.add(new DomainData(e.getKey(), 0, own));
        }
        return out;
    }

    /** The store's permissions as xenstore's: same entries, same order, the owner first. */
    static List<Permission> permissions(Perms perms) {
        List<Permission> out = new ArrayList<>(perms.size());
        for (Perm p : perms.entries()) {
            out.add(new Permission(Permission.Access.of(p.access().letter()), p.domid()));
        }
        return out;
    }
}
