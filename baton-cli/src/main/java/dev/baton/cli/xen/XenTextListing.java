package dev.baton.cli.xen;

import dev.baton.core.wire.Plural;
import dev.baton.core.wire.StreamFormatException;
import dev.baton.xen.XenFormat;
import dev.baton.xen.libxc.DomainHeader;
import dev.baton.xen.libxc.ImageHeader;
import dev.baton.xen.libxl.LibxlHeader;
import dev.baton.xen.stream.XenRecord;
import dev.baton.xen.xenstore.XenstoreHeader;
import dev.baton.xen.xenstore.XenstoreRecord;
import dev.baton.xen.xenstore.XenstoreRecordType;
import java.io.PrintStream;

/** The human-readable listing: a line per header, then one line per record. */
final class XenTextListing implements XenListing {
    private final PrintStream out;
    private final PrintStream err;
    private XenSource source;
    private XenFormat format;
    private ImageHeader image;
    private long libxl;
    private long libxc;

    XenTextListing(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    @Override
    public void start(XenSource src, XenFormat f) {
        this.source = src;
        this.format = f;
        out.println("file      " + src.name() + (src.size() >= 0 ? " (" + Plural.count(src.size(), "octet")
                + ")" : ""));
    }

    @Override
    public void xenstoreHeader(XenstoreHeader h) {
        out.println("format    xenstore migration stream, version " + h.version() + ", " + h.orderName());
        out.println();
        out.printf("%8s %7s  %-20s %6s  %s%n", "offset", "record", "type", "len", "detail");
    }

    @Override
    public void xenstoreRecord(long index, long offset, long len, XenstoreRecord r) {
        out.printf("%8d %7d  %-20s %6d  %s%n", offset, index, XenstoreRecordType.name(r.type().code()), len,
                r.summary());
    }

    @Override
    public void libxlHeader(LibxlHeader h) {
        out.println("format    libxl migration stream, version " + h.version() + ", " + h.orderName()
                + (h.legacy() ? ", written by the legacy converter" : ""));
        columns();
    }

    @Override
    public void imageHeader(ImageHeader h) {
        image = h;
    }

    @Override
    public void domainHeader(DomainHeader d) {
        String line = "libxc migration stream, version " + image.version() + ", " + image.orderName() + "; "
                + d.guestName() + ", page_shift " + d.pageShift() + ", from " + d.origin();
        if (format == XenFormat.LIBXC) {
            out.println("format    " + line);
            columns();
        } else {
            out.printf("%8s %5s %7s  %s%n", "", "libxc", "", "headers: " + line);
        }
    }

    private void columns() {
        out.println();
        out.printf("%8s %5s %7s  %-26s %9s  %s%n", "offset", "layer", "record", "type", "length", "detail");
    }

    @Override
    public void record(XenRecord r) {
        if (r.layer().equals("libxl")) {
            libxl++;
        } else {
            libxc++;
        }
        out.printf("%8d %5s %7d  %-26s %9d  %s%n", r.offset(), r.layer(), r.index(), r.name(), r.length(),
                r.detail() + (r.optional() ? (r.detail().isEmpty() ? "" : "; ") + "optional" : ""));
    }

    @Override
    public void summary(long records, long end) {
        out.println();
        if (format == XenFormat.XENSTORE) {
            out.println(Plural.count(records, "record") + "; the stream ends at offset " + end);
        } else if (format == XenFormat.LIBXL) {
            out.println(libxl + " libxl and " + libxc + " libxc records; the stream ends at offset " + end);
        } else {
            out.println(Plural.count(libxc, "record") + "; the stream ends at offset " + end);
        }
    }

    @Override
    public void error(StreamFormatException e) {
        out.flush();
        err.println("baton xen inspect: " + (source == null ? "" : source.name() + ": ") + e.getMessage());
    }

    @Override
    public void close() {
        out.flush();
    }
}
