package dev.baton.xen;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.baton.core.wire.StreamFormatException;
import dev.baton.xen.libxc.DomainHeader;
import dev.baton.xen.libxc.ImageHeader;
import dev.baton.xen.libxl.LibxlHeader;
import dev.baton.xen.stream.XenRecord;
import dev.baton.xen.xenstore.ConnectionData;
import dev.baton.xen.xenstore.ConnectionSpec;
import dev.baton.xen.xenstore.DomainData;
import dev.baton.xen.xenstore.End;
import dev.baton.xen.xenstore.GlobalData;
import dev.baton.xen.xenstore.GlobalQuotaData;
import dev.baton.xen.xenstore.NodeData;
import dev.baton.xen.xenstore.Permission;
import dev.baton.xen.xenstore.Quota;
import dev.baton.xen.xenstore.TransactionData;
import dev.baton.xen.xenstore.WatchData;
import dev.baton.xen.xenstore.WatchDataExtended;
import dev.baton.xen.xenstore.XenstoreHeader;
import dev.baton.xen.xenstore.XenstoreRecord;
import java.io.IOException;
import java.io.OutputStream;
import java.util.HexFormat;
import java.util.List;

/**
 * The JSON listing of a Xen stream, streamed as it is read so that memory stays constant:
 * {@code {"file", "size", "format", "header", "records": [...], "libxc" (libxl streams), "summary"
 * | "error"}}, pretty-printed. docs/XEN.md gives the keys. What {@code baton xen inspect --json}
 * prints.
 */
public final class XenJsonListing implements XenListing {
    private final JsonGenerator json;
    private XenFormat format;
    private ImageHeader image;
    private DomainHeader domain;

    /** Starts the document on {@code out}, which {@link #close()} leaves open. */
    public XenJsonListing(OutputStream out) throws IOException {
        this.json = new JsonFactory().createGenerator(out, JsonEncoding.UTF8)
                .disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET).useDefaultPrettyPrinter();
        json.writeStartObject();
    }

    @Override
    public void start(String name, long size, XenFormat format) throws IOException {
        json.writeStringField("file", name);
        if (size >= 0) {
            json.writeNumberField("size", size);
        }
        json.writeStringField("format", format.id());
        this.format = format;
    }

    @Override
    public void xenstoreHeader(XenstoreHeader h) throws IOException {
        json.writeObjectFieldStart("header");
        json.writeNumberField("version", h.version());
        json.writeStringField("byteOrder", h.orderName());
        json.writeEndObject();
        json.writeArrayFieldStart("records");
    }

    @Override
    public void xenstoreRecord(long index, long offset, long len, XenstoreRecord r) throws IOException {
        json.writeStartObject();
        json.writeNumberField("index", index);
        json.writeNumberField("offset", offset);
        json.writeStringField("type", r.type().name());
        json.writeNumberField("typeCode", r.type().code());
        json.writeNumberField("len", len);
        switch (r) {
            case End e -> {
            }
            case GlobalData g -> {
                json.writeNumberField("rwSocketFd", g.rwSocketFd());
                json.writeNumberField("evtchnFd", g.evtchnFd());
            }
            case ConnectionData c -> {
                json.writeNumberField("connId", c.connId());
                switch (c.spec()) {
                    case ConnectionSpec.SharedRing ring -> {
                        json.writeStringField("connType", "shared ring");
                        json.writeNumberField("domid", ring.domid());
                        json.writeNumberField("tdomid", ring.targetDomid());
                        json.writeNumberField("evtchn", ring.evtchn());
                    }
                    case ConnectionSpec.Socket socket -> {
                        json.writeStringField("connType", "socket");
                        json.writeNumberField("socketFd", socket.fd());
                    }
                }
                json.writeStringField("inData", HexFormat.of().formatHex(c.inData()));
                json.writeStringField("outData", HexFormat.of().formatHex(c.outData()));
                json.writeNumberField("outRespLen", c.outRespLen());
                if (c.uniqueId().isPresent()) {
                    json.writeStringField("uniqueId", String.format("0x%016x", c.uniqueId().getAsLong()));
                }
            }
            case WatchData w -> watch(w.connId(), w.path(), w.token());
            case WatchDataExtended w -> {
                watch(w.connId(), w.path(), w.token());
                json.writeNumberField("depth", w.depth());
            }
            case TransactionData t -> {
                json.writeNumberField("connId", t.connId());
                json.writeNumberField("txId", t.txId());
            }
            case NodeData n -> node(n);
            case GlobalQuotaData q -> {
                quotas("domainQuotas", q.domainQuotas());
                quotas("globalQuotas", q.globalQuotas());
            }
            case DomainData d -> {
                json.writeNumberField("domid", d.domid());
                json.writeNumberField("features", d.features());
                quotas("quotas", d.quotas());
            }
        }
        json.writeStringField("summary", r.summary());
        json.writeEndObject();
    }

    private void watch(long connId, String path, String token) throws IOException {
        json.writeNumberField("connId", connId);
        json.writeStringField("path", path);
        json.writeStringField("token", token);
    }

    private void node(NodeData n) throws IOException {
        json.writeStringField("path", n.path());
        json.writeBooleanField("committed", n.isCommitted());
        if (!n.isCommitted()) {
            json.writeNumberField("connId", n.connId());
            json.writeNumberField("txId", n.txId());
            json.writeNumberField("access", n.access());
        }
        json.writeStringField("value", HexFormat.of().formatHex(n.value()));
        json.writeArrayFieldStart("permissions");
        for (Permission p : n.permissions()) {
            json.writeStartObject();
            json.writeStringField("perm", String.valueOf((char) p.access().letter()));
            json.writeNumberField("domid", p.domid());
            json.writeBooleanField("stale", p.stale());
            json.writeNumberField("flags", p.flags());
            json.writeEndObject();
        }
        json.writeEndArray();
    }

    private void quotas(String field, List<Quota> quotas) throws IOException {
        json.writeObjectFieldStart(field);
        for (Quota q : quotas) {
            json.writeNumberField(q.name(), q.value());
        }
        json.writeEndObject();
    }

    @Override
    public void libxlHeader(LibxlHeader h) throws IOException {
        json.writeObjectFieldStart("header");
        json.writeNumberField("version", h.version());
        json.writeStringField("byteOrder", h.orderName());
        json.writeBooleanField("legacy", h.legacy());
        json.writeEndObject();
        json.writeArrayFieldStart("records");
    }

    @Override
    public void imageHeader(ImageHeader h) {
        image = h;
    }

    @Override
    public void domainHeader(DomainHeader d) throws IOException {
        domain = d;
        if (format == XenFormat.LIBXC) { // a libxc stream alone: its headers are the listing's header
            libxcHeaders("header");
            json.writeArrayFieldStart("records");
        }
    }

    private void libxcHeaders(String field) throws IOException {
        json.writeObjectFieldStart(field);
        json.writeNumberField("version", image.version());
        json.writeStringField("byteOrder", image.orderName());
        json.writeStringField("guest", domain.guestName());
        json.writeNumberField("pageShift", domain.pageShift());
        json.writeNumberField("xenMajor", domain.xenMajor());
        json.writeNumberField("xenMinor", domain.xenMinor());
        json.writeEndObject();
    }

    @Override
    public void record(XenRecord r) throws IOException {
        json.writeStartObject();
        json.writeNumberField("index", r.index());
        json.writeNumberField("offset", r.offset());
        json.writeStringField("layer", r.layer());
        json.writeStringField("type", r.name());
        json.writeStringField("typeCode", String.format("0x%08x", r.type()));
        json.writeNumberField("length", r.length());
        json.writeBooleanField("optional", r.optional());
        json.writeStringField("detail", r.detail());
        json.writeEndObject();
    }

    /** Ends the records array; a libxl stream's libxc headers follow it. */
    private void endRecords() throws IOException {
        if (json.getOutputContext().inArray()) {
            json.writeEndArray();
        }
        if (format == XenFormat.LIBXL && domain != null) {
            libxcHeaders("libxc");
        }
    }

    @Override
    public void summary(long records, long end) throws IOException {
        endRecords();
        json.writeObjectFieldStart("summary");
        json.writeNumberField("records", records);
        json.writeNumberField("end", end);
        json.writeEndObject();
    }

    @Override
    public void error(StreamFormatException e) throws IOException {
        endRecords();
        json.writeObjectFieldStart("error");
        json.writeStringField("message", e.getMessage());
        json.writeStringField("problem", e.problem());
        json.writeNumberField("offset", e.offset());
        if (e.recordIndex() >= 0) {
            json.writeNumberField("record", e.recordIndex());
        }
        if (e.context() != null) {
            json.writeStringField("context", e.context());
        }
        json.writeEndObject();
    }

    @Override
    public void close() throws IOException {
        json.writeEndObject();
        json.writeRaw('\n');
        json.close();
    }
}
