package dev.baton.cli.xen;

import dev.baton.cli.Lines;
import dev.baton.core.wire.Plural;
import dev.baton.core.wire.StreamFormatException;
import dev.baton.xen.XenFormat;
import dev.baton.xen.XenListing;
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
    private XenFormat format;
    private ImageHeader image;
    private long libxl;
    private long libxc;

    XenTextListing(PrintStream out) {
        this.out = out;
    }

    @Override
    public void start(String name, long size, XenFormat f) {
        this.format = f;
        out.println("file      " + name + (size >= 0 ? " (" + Plural.count(size, "octet") + ")" : ""));
    }

    @Override
    public void xenstoreHeader(XenstoreHeader h) {
        out.println("format    xenstore migration stream, version " + h.version() + ", " + h.orderName());
        out.println();
        out.printf("%8s %7s  %-20s %6s  %s%n", "offset", "record", "type", "len", "detail");
    }

    @Override
    public void xenstoreRecord(long index, long offset, long len, XenstoreRecord r) {
        // a long detail goes on under itself, the line's last column
        Lines.println(out, String.format("%8d %7d  %-20s %6d  %s", offset, index,
                XenstoreRecordType.name(r.type().code()), len, r.summary()), 47);
    }

    @Override
    public void libxlHeader(LibxlHeader h) {
        Lines.println(out, "format    libxl migration stream, version " + h.version() + ", " + h.orderName()
                + (h.legacy() ? ", written by the legacy converter" : ""), 10);
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
            Lines.println(out, "format    " + line, 10);
            columns();
        } else {
            Lines.println(out, String.format("%8s %5s %7s  %s", "", "libxc", "", "headers: " + line), 25);
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
        Lines.println(out, String.format("%8d %5s %7d  %-26s %9d  %s", r.offset(), r.layer(), r.index(), r.name(),
                r.length(), r.detail() + (r.optional() ? (r.detail().isEmpty() ? "" : "; ") + "optional" : "")), 62);
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
        out.flush(); // what was listed comes before the error the command prints
    }

    @Override
    public void close() {
        out.flush();
    }
}
