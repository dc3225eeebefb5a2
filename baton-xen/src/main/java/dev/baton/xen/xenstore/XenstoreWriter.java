package dev.baton.xen.xenstore;

import dev.baton.core.wire.RecordFrame;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.Channels;
import java.nio.channels.WritableByteChannel;
import java.util.List;

/**
 * Writes a xenstore migration stream: the header when opened, then one record per
 * {@link #write}, then END on {@link #end()}.
 *
 * <p>Byte-exact and spec-first: {@code len} is the length of the body without its padding
 * (the C xenstored counts the padding; {@link XenstoreReader} reads both), padding and reserved
 * fields are zero, and fields not valid in the stream's version (DOMAIN_DATA's features in
 * version 1) are written as zero. A record not valid in the stream's version
 * (WATCH_DATA_EXTENDED in version 1) is refused with {@link IllegalArgumentException}.
 */
public final class XenstoreWriter implements Closeable {
    private final WritableByteChannel out;
    private final XenstoreHeader header;
    private boolean ended;

    private XenstoreWriter(WritableByteChannel out, XenstoreHeader header) throws IOException {
        this.out = out;
        this.header = header;
        ByteBuffer h = ByteBuffer.allocate(XenstoreHeader.SIZE).order(ByteOrder.BIG_ENDIAN);
        h.putLong(XenstoreHeader.IDENT).putInt(header.version()).putInt(header.flags()).flip();
        writeFully(h);
    }

    /** Starts a stream on a channel; closing the writer does not close the channel. */
    public static XenstoreWriter open(WritableByteChannel out, XenstoreHeader header) throws IOException {
        return new XenstoreWriter(out, header);
    }

    /** Starts a stream on an output stream; closing the writer does not close it. */
    public static XenstoreWriter open(OutputStream out, XenstoreHeader header) throws IOException {
        return new XenstoreWriter(Channels.newChannel(out), header);
    }

    /** Writes a whole stream: header, the records, END. An {@link End} among the records is refused. */
    public static void write(OutputStream out, XenstoreHeader header, List<? extends XenstoreRecord> records)
            throws IOException {
        XenstoreWriter w = open(out, header);
        for (XenstoreRecord r : records) {
            w.write(r);
        }
        w.end();
    }

    public XenstoreHeader header() {
        return header;
    }

    /** Writes one record. Use {@link #end()} for END. */
    public void write(XenstoreRecord record) throws IOException {
        if (ended) {
            throw new IllegalStateException("END has been written");
        }
        if (record instanceof End) {
            throw new IllegalArgumentException("END is written by end()");
        }
        if (!record.type().validIn(header.version())) {
            throw new IllegalArgumentException(record.type() + " is not valid in a version " + header.version()
                    + " stream (it needs version " + record.type().since() + ")");
        }
        int length = bodyLength(record);
        ByteBuffer b = ByteBuffer.allocate((int) RecordFrame.size(length, false)).order(header.order());
        RecordFrame.putHeader(b, record.type().code(), length);
        switch (record) {
            case GlobalData g -> b.putInt(g.rwSocketFd()).putInt(g.evtchnFd());
            case ConnectionData c -> putConnection(b, c);
            case WatchData w -> putWatch(b, w.connId(), w.path(), w.token(), -1);
            case WatchDataExtended w -> putWatch(b, w.connId(), w.path(), w.token(), w.depth());
            case TransactionData t -> b.putInt((int) t.connId()).putInt((int) t.txId());
            case NodeData n -> putNode(b, n);
            case GlobalQuotaData q -> {
                b.putShort((short) q.domainQuotas().size()).putShort((short) q.globalQuotas().size());
                putQuotas(b, q.domainQuotas(), q.globalQuotas());
            }
            case DomainData d -> {
                b.putShort((short) d.domid()).putShort((short) d.quotas().size());
                b.putInt(header.version() >= 2 ? (int) d.features() : 0);
                putQuotas(b, d.quotas(), List.of());
            }
            case End e -> throw new AssertionError(e);
        }
        RecordFrame.end(b, 0, length, null);
        writeFully(b.flip());
    }

    /** Writes END; nothing may follow. */
    public void end() throws IOException {
        if (ended) {
            throw new IllegalStateException("END has been written");
        }
        ByteBuffer b = ByteBuffer.allocate(RecordFrame.HEADER).order(header.order());
        writeFully(RecordFrame.putHeader(b, XenstoreRecordType.END.code(), 0).flip());
        ended = true;
    }

    /** Whether END has been written. */
    public boolean ended() {
        return ended;
    }

    @Override
    public void close() {
        // The channel belongs to the caller; nothing of ours to release.
    }

    /** Length of the record's body on the wire, padding excluded: the {@code len} written. */
    static int bodyLength(XenstoreRecord record) {
        return switch (record) {
            case End e -> 0;
            case GlobalData g -> GlobalData.SIZE;
            case ConnectionData c -> c.bodyLength();
            case WatchData w -> WatchData.FIXED + cLength(w.path()) + cLength(w.token());
            case WatchDataExtended w -> WatchDataExtended.FIXED + cLength(w.path()) + cLength(w.token());
            case TransactionData t -> TransactionData.SIZE;
            case NodeData n -> n.bodyLength();
            case GlobalQuotaData q -> GlobalQuotaData.FIXED + quotaLength(q.domainQuotas()) + quotaLength(q.globalQuotas());
            case DomainData d -> DomainData.FIXED + quotaLength(d.quotas());
        };
    }

    private static int cLength(String s) {
        return Fields.cString("string", s).length + 1;
    }

    private static int quotaLength(List<Quota> quotas) {
        int n = 0;
        for (Quota q : quotas) {
            n += 4 + cLength(q.name());
        }
        return n;
    }

    private static void putConnection(ByteBuffer b, ConnectionData c) {
        b.putInt((int) c.connId()).putShort((short) c.spec().connType()).putShort((short) c.fields());
        switch (c.spec()) {
            case ConnectionSpec.SharedRing r -> b.putShort((short) r.domid()).putShort((short) r.targetDomid())
                    .putInt((int) r.evtchn());
            case ConnectionSpec.Socket s -> b.putInt(s.fd()).putInt(0);
        }
        byte[] in = c.inData();
        byte[] out = c.outData();
        b.putShort((short) in.length).putShort((short) c.outRespLen()).putInt(out.length);
        b.put(in).put(out);
        if (c.uniqueId().isPresent()) {
            b.position(RecordFrame.pad8(b.position()));
            b.putLong(c.uniqueId().getAsLong());
        }
    }

    /** WATCH_DATA when {@code depth} is negative, else WATCH_DATA_EXTENDED. */
    private static void putWatch(ByteBuffer b, long connId, String path, String token, int depth) {
        byte[] p = Fields.cString("wpath", path);
        byte[] t = Fields.cString("token", token);
        b.putInt((int) connId).putShort((short) (p.length + 1)).putShort((short) (t.length + 1));
        if (depth >= 0) {
            b.putShort((short) depth).putShort((short) 0);
        }
        b.put(p).put((byte) 0).put(t).put((byte) 0);
    }

    private static void putNode(ByteBuffer b, NodeData n) {
        byte[] path = Fields.cString("path", n.path());
        byte[] value = n.value();
        b.putInt((int) n.connId()).putInt((int) n.txId());
        b.putShort((short) (path.length + 1)).putShort((short) value.length);
        b.putShort((short) n.access()).putShort((short) n.permissions().size());
        for (Permission p : n.permissions()) {
            b.put((byte) p.access().letter()).put((byte) p.flags()).putShort((short) p.domid());
        }
        b.put(path).put((byte) 0).put(value);
    }

    private static void putQuotas(ByteBuffer b, List<Quota> first, List<Quota> second) {
        for (Quota q : first) {
            b.putInt((int) q.value());
        }
        for (Quota q : second) {
            b.putInt((int) q.value());
        }
        for (Quota q : first) {
            b.put(Fields.cString("quota name", q.name())).put((byte) 0);
        }
        for (Quota q : second) {
            b.put(Fields.cString("quota name", q.name())).put((byte) 0);
        }
    }

    private void writeFully(ByteBuffer b) throws IOException {
        while (b.hasRemaining()) {
            out.write(b);
        }
    }
}
