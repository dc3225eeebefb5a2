package dev.baton.xen.xenstore;

import dev.baton.xen.xenstore.ConnectionSpec.SharedRing;
import dev.baton.xen.xenstore.ConnectionSpec.Socket;
import dev.baton.xen.xenstore.Permission.Access;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;

/** The stream the golden vectors hold, built with the model; and raw streams for malformed cases. */
final class XenstoreSamples {
    private XenstoreSamples() {
    }

    static String goldenName(int version, ByteOrder order) {
        return "xenstore-v" + version + (order == ByteOrder.BIG_ENDIAN ? "-be" : "-le") + ".hex";
    }

    /** make_vectors.py's xenstore(order, version), record for record. */
    static XenstoreImage golden(int version, ByteOrder order) {
        List<XenstoreRecord> r = new ArrayList<>();
        r.add(new GlobalData(-1, 7));
        r.add(new GlobalQuotaData(List.of(new Quota("nodes", 1000), new Quota("watches", 128)),
                List.of(new Quota("memory", 0))));
        r.add(new ConnectionData(1, new SharedRing(1, ConnectionSpec.DOMID_INVALID, 15), bytes("abc"), bytes("hello"),
                2, OptionalLong.of(0x0123456789ABCDEFL)));
        r.add(ConnectionData.idle(2, new Socket(9)));
        r.add(new WatchData(1, "/local/domain/1/device", "tok1"));
        if (version >= 2) {
            r.add(new WatchDataExtended(2, "/local", "t2", 2));
        }
        r.add(new TransactionData(1, 7));
        List<Permission> dom0 = List.of(new Permission(Access.NONE, 0));
        List<Permission> dom1 = List.of(new Permission(Access.NONE, 1));
        r.add(NodeData.committed("/", new byte[0], dom0));
        r.add(NodeData.committed("/local", new byte[0], dom0));
        r.add(NodeData.committed("/local/domain", new byte[0], dom0));
        r.add(NodeData.committed("/local/domain/1", new byte[0],
                List.of(new Permission(Access.NONE, 1), new Permission(Access.READ, Permission.STALE, 2))));
        r.add(NodeData.committed("/local/domain/1/name", bytes("guest1"), dom1));
        r.add(NodeData.committed("/local/domain/1/blob", new byte[] {0, 1, 2},
                List.of(new Permission(Access.BOTH, 1), new Permission(Access.WRITE, 3))));
        r.add(new NodeData(1, 7, "/local/domain/1/name", bytes("renamed"), NodeData.READ | NodeData.WRITTEN, dom1));
        r.add(new NodeData(1, 7, "/local/domain/1/gone", new byte[0], 0, List.of()));
        r.add(new DomainData(1, version >= 2 ? 1 : 0, List.of(new Quota("nodes", 500))));
        r.add(new DomainData(2, 0, List.of()));
        return new XenstoreImage(new XenstoreHeader(version, order), r);
    }

    static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /** A stream built octet by octet, for cases the writer refuses to produce. */
    static final class Raw {
        private final ByteBuffer b = ByteBuffer.allocate(1 << 16);
        private final ByteOrder order;

        Raw(int version, ByteOrder order) {
            this.order = order;
            b.order(ByteOrder.BIG_ENDIAN).put(XenstoreSamples.bytes("xenstore")).putInt(version)
                    .putInt(order == ByteOrder.BIG_ENDIAN ? 1 : 0);
            b.order(order);
        }

        /** A record with {@code len} = the body's length, padded to 8. */
        Raw record(int type, byte[] body) {
            return record(type, body.length, body);
        }

        /** A record with any {@code len}; the body is padded to 8 after it. */
        Raw record(int type, int len, byte[] body) {
            b.putInt(type).putInt(len).put(body);
            b.put(new byte[-body.length & 7]);
            return this;
        }

        Raw end() {
            return record(0, new byte[0]);
        }

        Raw octets(byte[] raw) {
            b.put(raw);
            return this;
        }

        byte[] bytes() {
            byte[] out = new byte[b.position()];
            b.get(0, out);
            return out;
        }

        /** A body in this stream's byte order. */
        Body body() {
            return new Body(order);
        }
    }

    /** A record body in the stream's byte order. */
    static final class Body {
        private final ByteBuffer b;

        Body(ByteOrder order) {
            b = ByteBuffer.allocate(1 << 12).order(order);
        }

        Body u8(int v) {
            b.put((byte) v);
            return this;
        }

        Body u16(int v) {
            b.putShort((short) v);
            return this;
        }

        Body u32(long v) {
            b.putInt((int) v);
            return this;
        }

        Body u64(long v) {
            b.putLong(v);
            return this;
        }

        Body text(String s) {
            b.put(XenstoreSamples.bytes(s));
            return this;
        }

        Body cstr(String s) {
            return text(s).u8(0);
        }

        byte[] bytes() {
            byte[] out = new byte[b.position()];
            b.get(0, out);
            return out;
        }
    }
}
