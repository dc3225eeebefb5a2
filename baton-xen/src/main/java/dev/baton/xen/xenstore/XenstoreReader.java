package dev.baton.xen.xenstore;

import dev.baton.core.wire.ByteCursor;
import dev.baton.core.wire.FatalFormatException;
import dev.baton.core.wire.InputFiles;
import dev.baton.core.wire.Plural;
import dev.baton.core.wire.RecordFrame;
import dev.baton.core.wire.StreamFormatException;
import dev.baton.core.wire.WireInput;
import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;

/**
 * Reads a xenstore migration stream (xen docs/designs/xenstore-migration.md): the header when
 * opened, then one record per {@link #next()}, {@link End} last.
 *
 * <p>What it accepts and checks:
 * <ul>
 * <li>{@code len} with or without the padding counted: the body is read from {@code len} octets
 *     and the reader then skips to the next 8-octet boundary. The spec's {@code len} excludes the
 *     padding; the C xenstored writes it rounded up to 8. A {@code len} beyond the body plus 7
 *     octets of padding is a problem.</li>
 * <li>Padding and reserved fields are ignored, as the spec says; so is DOMAIN_DATA's
 *     {@code features} in a version 1 stream (read as 0).</li>
 * <li>Records not valid in the stream's version and reserved record types are refused.</li>
 * <li>Strings end in their NUL, hold no other, and are UTF-8; lengths stay inside the body.</li>
 * <li>Order: a connection before its watches and transactions, a transaction before its nodes,
 *     a committed node's parent earlier (or in {@link XenstoreReadOptions#knownNodes()}); no
 *     connection, transaction, committed node or domain twice; nothing after END.</li>
 * </ul>
 *
 * <p>Every length is checked against {@link XenstoreReadOptions#maxRecordLength()} and, when the
 * input's size is known, against what remains, before anything is read. Bad input throws
 * {@link StreamFormatException} with the offset, the record index and "xenstore TYPE" as context;
 * when {@link XenstoreReadOptions#problems()} collects, problems that leave the framing intact go
 * there instead, and what is still thrown is a {@link FatalFormatException}. Not thread-safe.
 */
public final class XenstoreReader implements Closeable {
    private final WireInput in;
    private final Closeable owned;
    private final XenstoreReadOptions options;
    private final XenstoreHeader header;
    private final XenstoreOrder order;
    /** Problems of the record being decoded that still leave it represented. */
    private final List<StreamFormatException> pending = new ArrayList<>();

    private long nextIndex;
    private long recordOffset = -1;
    private long recordLength = -1;
    private boolean ended;

    private XenstoreReader(WireInput in, Closeable owned, XenstoreReadOptions options) throws IOException {
        this.in = in;
        this.owned = owned;
        this.options = options;
        this.order = new XenstoreOrder(options.knownNodes(), pending);
        this.header = readHeader();
        in.order(header.order());
    }

    /** Reads from {@code in}, which the caller owns. */
    public static XenstoreReader open(WireInput in, XenstoreReadOptions options) throws IOException {
        return new XenstoreReader(in, null, options);
    }

    /** Reads a file, which closing the reader closes; its size bounds every length. */
    public static XenstoreReader open(Path file, XenstoreReadOptions options) throws IOException {
        FileChannel channel = InputFiles.open(file);
        try {
            long size = Files.isRegularFile(file) ? channel.size() : -1;
            return new XenstoreReader(WireInput.of(channel, size), channel, options);
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    public XenstoreHeader header() {
        return header;
    }

    /** Absolute offset of the next unread octet. */
    public long offset() {
        return in.offset();
    }

    /** Records read so far, END and refused ones included. */
    public long records() {
        return nextIndex;
    }

    /** Index of the record {@link #next()} returned last. */
    public long recordIndex() {
        return nextIndex - 1;
    }

    /** Offset of the record header of the record {@link #next()} returned last. */
    public long recordOffset() {
        return recordOffset;
    }

    /** The {@code len} field of the record {@link #next()} returned last. */
    public long recordLength() {
        return recordLength;
    }

    /** Whether END has been read. */
    public boolean ended() {
        return ended;
    }

    /**
     * The next record, {@link End} last, then {@code null}. With a problem sink, a record that
     * cannot be represented is reported and skipped.
     */
    public XenstoreRecord next() throws IOException {
        while (!ended) {
            RecordFrame frame = RecordFrame.peek(in, nextIndex, null, null);
            long at = frame.offset();
            long index = frame.index();
            int code = frame.type();
            long len = frame.length();
            String context = "xenstore " + XenstoreRecordType.name(code);
            checkLength(len, at, index, context);
            int body = (int) len;
            int framed = RecordFrame.HEADER + body;
            if (in.fill(framed) < framed) {
                throw fatal("truncated record body: the stream ends before the " + Plural.count(len, "octet")
                        + " of len", in.offset() + in.fill(framed), index, context);
            }
            nextIndex++;
            recordOffset = at;
            recordLength = len;
            XenstoreRecord record = null;
            pending.clear();
            try {
                ByteBuffer b = in.buffer();
                ByteCursor octets = ByteCursor.of(b.slice(b.position() + RecordFrame.HEADER, body).order(b.order()),
                        frame.bodyOffset(), index, StreamFormatException.NO_TYPE, context);
                record = decode(code, new Body(octets, body, frame.bodyOffset()), at);
            } catch (StreamFormatException refused) { // the record cannot be represented: skipped
                options.problems().report(refused);
            }
            for (StreamFormatException p : pending) {
                options.problems().report(p);
            }
            in.consume(framed);
            int padding = frame.padding();
            if (in.fill(padding) < padding) {
                throw fatal("truncated padding after the record body", in.offset(), index, context);
            }
            in.consume(padding);
            if (code == XenstoreRecordType.END.code()) {
                ended = true;
                return new End();
            }
            if (record != null) {
                return record;
            }
        }
        return null;
    }

    /** Reads every record up to END: the stream as a model. */
    public List<XenstoreRecord> readAll() throws IOException {
        List<XenstoreRecord> records = new ArrayList<>();
        for (XenstoreRecord r = next(); r != null; r = next()) {
            if (!(r instanceof End)) {
                records.add(r);
            }
        }
        return records;
    }

    /** After END: checks that nothing follows it, for inputs that end with the stream (files). */
    public void expectEndOfInput() throws IOException {
        if (!ended) {
            throw new IllegalStateException("END has not been read");
        }
        long at = in.offset();
        int have = in.fill(RecordFrame.HEADER);
        if (have > 0) {
            String what = have == RecordFrame.HEADER ? "a record header (type " + XenstoreRecordType.name(in.buffer().getInt(
                    in.buffer().position())) + ") follows END"
                    : Plural.count(have, "octet") + (have == 1 ? " follows" : " follow") + " END";
            throw fatal("octets after END: " + what, at, nextIndex, null);
        }
    }

    @Override
    public void close() throws IOException {
        if (owned != null) {
            owned.close();
        }
    }

    // ---- header and framing --------------------------------------------------------------------

    private XenstoreHeader readHeader() throws IOException {
        int have = in.fill(XenstoreHeader.SIZE);
        ByteBuffer b = in.buffer();
        int p = b.position();
        if (have < 8 || b.order(ByteOrder.BIG_ENDIAN).getLong(p) != XenstoreHeader.IDENT) {
            byte[] first = new byte[Math.min(have, 8)];
            b.get(p, first);
            throw StreamFormatException.inHeader("not a xenstore stream: ident " + hex(first)
                    + " is not \"xenstore\"", 0);
        }
        if (have < XenstoreHeader.SIZE) {
            throw StreamFormatException.inHeader("truncated header: the stream ends after " + have + " of "
                    + XenstoreHeader.SIZE + " octets", have);
        }
        long version = b.getInt(p + 8) & 0xFFFF_FFFFL;
        int flags = b.getInt(p + 12);
        if (version < XenstoreHeader.MIN_VERSION || version > XenstoreHeader.MAX_VERSION) {
            throw StreamFormatException.inHeader("unsupported xenstore stream version " + version + " (this reader "
                    + "reads versions " + XenstoreHeader.MIN_VERSION + " to " + XenstoreHeader.MAX_VERSION + ")", 8);
        }
        if ((flags & ~XenstoreHeader.FLAG_BIG_ENDIAN) != 0) {
            options.problems().report(new StreamFormatException(String.format(
                    "reserved flags bits set: 0x%08x (bits 1-31 must be zero)", flags & ~XenstoreHeader.FLAG_BIG_ENDIAN),
                    12, StreamFormatException.IN_HEADER, StreamFormatException.NO_TYPE, null));
        }
        in.consume(XenstoreHeader.SIZE);
        ByteOrder order = (flags & XenstoreHeader.FLAG_BIG_ENDIAN) != 0 ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN;
        return new XenstoreHeader((int) version, order);
    }

    private void checkLength(long len, long at, long index, String context) throws IOException {
        if (len > options.maxRecordLength()) {
            throw fatal("len " + len + " exceeds the limit of " + options.maxRecordLength() + " octets", at + 4,
                    index, context);
        }
        long remaining = in.remaining();
        if (remaining >= 0 && RecordFrame.HEADER + len > remaining) {
            long follow = remaining - RecordFrame.HEADER;
            throw fatal("len " + len + " runs past the end of the input: " + Plural.count(follow, "octet")
                    + (follow == 1 ? " follows" : " follow") + " the record header", at + 4, index, context);
        }
    }

    // ---- records -------------------------------------------------------------------------------

    private XenstoreRecord decode(int code, Body body, long at) throws StreamFormatException {
        XenstoreRecordType type = XenstoreRecordType.of(code);
        if (type == null) {
            throw body.errorAt(at, String.format("reserved record type 0x%08x (types 0 to 8 are defined)", code));
        }
        if (!type.validIn(header.version())) {
            throw body.errorAt(at, type + " is not valid in a version " + header.version() + " stream (it needs version "
                    + type.since() + ")");
        }
        int end;
        XenstoreRecord record;
        switch (type) {
            case END -> {
                end = 0;
                record = new End();
            }
            case GLOBAL_DATA -> {
                body.require(0, GlobalData.SIZE, "GLOBAL_DATA's two fds");
                record = new GlobalData(body.i32(0), body.i32(4));
                end = GlobalData.SIZE;
            }
            case CONNECTION_DATA -> {
                ConnectionData c = connection(body);
                record = c;
                end = c.bodyLength();
                order.connection(c, body);
            }
            case WATCH_DATA -> {
                body.require(0, WatchData.FIXED, "the watch's fixed fields");
                int pl = body.u16(4);
                int tl = body.u16(6);
                WatchData w = new WatchData(body.u32(0), body.cString(8, pl, "wpath"), body.cString(8 + pl, tl, "token"));
                record = w;
                end = WatchData.FIXED + pl + tl;
                order.watch(w.connId(), body);
            }
            case WATCH_DATA_EXTENDED -> {
                body.require(0, WatchDataExtended.FIXED, "the watch's fixed fields");
                int pl = body.u16(4);
                int tl = body.u16(6);
                WatchDataExtended w = new WatchDataExtended(body.u32(0), body.cString(12, pl, "wpath"),
                        body.cString(12 + pl, tl, "token"), body.u16(8));
                record = w;
                end = WatchDataExtended.FIXED + pl + tl;
                order.watch(w.connId(), body);
            }
            case TRANSACTION_DATA -> {
                body.require(0, TransactionData.SIZE, "conn-id and tx-id");
                TransactionData t = new TransactionData(body.u32(0), body.u32(4));
                record = t;
                end = TransactionData.SIZE;
                order.transaction(t, body);
            }
            case NODE_DATA -> {
                NodeData n = node(body);
                record = n;
                end = n.bodyLength();
                order.node(n, body);
            }
            case GLOBAL_QUOTA_DATA -> {
                body.require(0, GlobalQuotaData.FIXED, "n-dom-quota and n-glob-quota");
                int nd = body.u16(0);
                int ng = body.u16(2);
                int[] cursor = {GlobalQuotaData.FIXED};
                List<Quota> all = quotas(body, nd + ng, cursor);
                record = new GlobalQuotaData(all.subList(0, nd), all.subList(nd, nd + ng));
                end = cursor[0];
            }
            case DOMAIN_DATA -> {
                body.require(0, DomainData.FIXED, "domain-id, n-quota and features");
                int[] cursor = {DomainData.FIXED};
                // features is not a field of version 1: written as zero there, ignored on read
                long features = header.version() >= 2 ? body.u32(4) : 0;
                DomainData d = new DomainData(body.u16(0), features, quotas(body, body.u16(2), cursor));
                record = d;
                end = cursor[0];
                order.domain(d, body);
            }
            default -> throw new AssertionError(type);
        }
        if (body.length() > RecordFrame.pad8(end)) {
            pending.add(body.errorAt(body.offset(-4), "len " + body.length() + " is more than the body's "
                    + Plural.count(end, "octet") + " and their padding"));
        }
        return record;
    }

    private ConnectionData connection(Body body) throws StreamFormatException {
        body.require(0, ConnectionData.FIXED, "the connection's fixed fields");
        long connId = body.u32(0);
        int connType = body.u16(4);
        int fields = body.u16(6);
        if (connId == 0) {
            throw body.errorAt(body.offset(0), "conn-id is 0: a connection's id is non-zero");
        }
        ConnectionSpec spec = switch (connType) {
            case ConnectionSpec.TYPE_SHARED_RING -> new ConnectionSpec.SharedRing(body.u16(8), body.u16(10), body.u32(12));
            case ConnectionSpec.TYPE_SOCKET -> new ConnectionSpec.Socket(body.i32(8));
            default -> throw body.errorAt(body.offset(4), "conn-type " + connType
                    + " is reserved (0 shared ring, 1 socket)");
        };
        if ((fields & ~ConnectionData.FIELD_UNIQUE_ID) != 0) {
            throw body.errorAt(body.offset(6), String.format(
                    "unknown fields bits 0x%04x: the fields they announce cannot be found",
                    fields & ~ConnectionData.FIELD_UNIQUE_ID));
        }
        int inLen = body.u16(16);
        int respLen = body.u16(18);
        long outLen = body.u32(20);
        if (respLen > outLen) {
            throw body.errorAt(body.offset(18), "out-resp-len " + respLen + " exceeds out-data-len " + outLen
                    + " (the partial response is part of the pending output)");
        }
        long dataEnd = ConnectionData.FIXED + inLen + outLen;
        body.require(ConnectionData.FIXED, inLen + outLen, "in-data-len + out-data-len octets of data");
        OptionalLong uniqueId = OptionalLong.empty();
        if ((fields & ConnectionData.FIELD_UNIQUE_ID) != 0) {
            long at = RecordFrame.pad8(dataEnd);
            body.require(at, 8, "unique-id");
            uniqueId = OptionalLong.of(body.u64((int) at));
        }
        return new ConnectionData(connId, spec, body.octets(ConnectionData.FIXED, inLen),
                body.octets(ConnectionData.FIXED + inLen, (int) outLen), respLen, uniqueId);
    }

    private NodeData node(Body body) throws StreamFormatException {
        body.require(0, NodeData.FIXED, "the node's fixed fields");
        int pathLen = body.u16(8);
        int valueLen = body.u16(10);
        int permCount = body.u16(14);
        body.require(NodeData.FIXED, (long) permCount * Permission.SIZE, permCount + " permissions");
        List<Permission> perms = new ArrayList<>(permCount);
        for (int i = 0; i < permCount; i++) {
            int at = NodeData.FIXED + i * Permission.SIZE;
            int letter = body.u8(at);
            Permission.Access access = Permission.Access.of(letter);
            if (access == null) {
                throw body.errorAt(body.offset(at), String.format(
                        "permission %d has perm 0x%02x, not 'w', 'r', 'b' or 'n'", i, letter));
            }
            perms.add(new Permission(access, body.u8(at + 1), body.u16(at + 2)));
        }
        int pathAt = NodeData.FIXED + permCount * Permission.SIZE;
        String path = body.cString(pathAt, pathLen, "path");
        body.require(pathAt + pathLen, valueLen, "value-len octets of value");
        return new NodeData(body.u32(0), body.u32(4), path, body.octets(pathAt + pathLen, valueLen), body.u16(12), perms);
    }

    /** {@code n} u32 values at {@code cursor[0]}, then their {@code n} names; leaves the cursor after the last NUL. */
    private static List<Quota> quotas(Body body, int n, int[] cursor) throws StreamFormatException {
        int valuesAt = cursor[0];
        body.require(valuesAt, 4L * n, n + " quota values");
        int at = valuesAt + 4 * n;
        List<Quota> quotas = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            String name = body.cStringToNul(at, "quota name " + i);
            if (name.isEmpty()) {
                throw body.errorAt(body.offset(at), "quota name " + i + " is empty");
            }
            quotas.add(new Quota(name, body.u32(valuesAt + 4 * i)));
            at += Fields.cString("quota name", name).length + 1;
        }
        cursor[0] = at;
        return quotas;
    }

    // ---- problems ------------------------------------------------------------------------------

    /** A problem after which the records can no longer be found. */
    private static FatalFormatException fatal(String problem, long offset, long index, String context) {
        return new FatalFormatException(problem, offset, index, StreamFormatException.NO_TYPE, context);
    }

    private static String hex(byte[] b) {
        StringBuilder sb = new StringBuilder();
        for (byte x : b) {
            sb.append(sb.isEmpty() ? "" : " ").append(String.format("%02x", x));
        }
        return sb.isEmpty() ? "(none: the input is empty)" : sb.toString();
    }
}
