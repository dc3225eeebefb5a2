package dev.baton.xen.xenstore;

import dev.baton.core.wire.Printable;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * NODE_DATA: a committed node ({@code connId} 0) or a node as a pending transaction sees it.
 *
 * <pre>
 *   0  u32  conn-id      0 for a committed node
 *   4  u32  tx-id        the pending transaction; ignored when conn-id is 0
 *   8  u16  path-len     with the NUL
 *  10  u16  value-len
 *  12  u16  access       pending nodes: 0x1 read, 0x2 written, 0 deleted; ignored when committed
 *  14  u16  perm-count   N; 0 only for a node deleted in a transaction
 *  16  N permissions of 4 octets, the first the owner
 *      path, NUL, value (which may hold NULs)
 * </pre>
 *
 * @param connId      0, or the connection of the pending transaction
 * @param txId        the pending transaction, 0 for a committed node
 * @param path        the node's absolute path
 * @param value       the node's value
 * @param access      {@link #READ} | {@link #WRITTEN} for a pending node, 0 for deleted or committed
 * @param permissions the owner first; empty only for a node deleted in a transaction
 */
public record NodeData(long connId, long txId, String path, byte[] value, int access, List<Permission> permissions)
        implements XenstoreRecord {
    static final int FIXED = 16;
    /** {@code access} bit: the transaction read the node. */
    public static final int READ = 0x1;
    /** {@code access} bit: the transaction wrote the node. */
    public static final int WRITTEN = 0x2;

    public NodeData {
        Fields.u32("conn-id", connId);
        Fields.u32("tx-id", txId);
        Fields.cString("path", Objects.requireNonNull(path, "path"));
        value = value.clone();
        Fields.u16("value-len", value.length);
        Fields.u16("access", access);
        permissions = List.copyOf(permissions);
        Fields.u16("perm-count", permissions.size());
    }

    /** A committed node. */
    public static NodeData committed(String path, byte[] value, List<Permission> permissions) {
        return new NodeData(0, 0, path, value, 0, permissions);
    }

    @Override
    public byte[] value() {
        return value.clone();
    }

    /** Whether the node is committed, visible to all, rather than part of a pending transaction. */
    public boolean isCommitted() {
        return connId == 0;
    }

    /** The owner's domid: the first permission's. */
    public int owner() {
        return permissions.isEmpty() ? -1 : permissions.get(0).domid();
    }

    int bodyLength() {
        return FIXED + permissions.size() * Permission.SIZE + Fields.cString("path", path).length + 1 + value.length;
    }

    @Override
    public XenstoreRecordType type() {
        return XenstoreRecordType.NODE_DATA;
    }

    @Override
    public String summary() {
        StringBuilder sb = new StringBuilder(Printable.of(path)).append(" = ").append(Fields.preview(value, 48));
        sb.append(permissions.isEmpty() ? ", no perms" : ", perms ").append(permissions.stream()
                .map(Permission::toString).collect(Collectors.joining(" ")));
        if (!isCommitted()) {
            sb.append(", transaction ").append(txId).append(" of connection ").append(connId).append(": ")
                    .append(access == 0 ? "deleted" : ((access & READ) != 0 ? "read" : "")
                            + ((access & (READ | WRITTEN)) == (READ | WRITTEN) ? "+" : "")
                            + ((access & WRITTEN) != 0 ? "written" : ""));
        }
        return sb.toString();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof NodeData n && connId == n.connId && txId == n.txId && path.equals(n.path)
                && Arrays.equals(value, n.value) && access == n.access && permissions.equals(n.permissions);
    }

    @Override
    public int hashCode() {
        return Objects.hash(connId, txId, path, Arrays.hashCode(value), access, permissions);
    }

    @Override
    public String toString() {
        return "NodeData[" + summary() + "]";
    }
}
