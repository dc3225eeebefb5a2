package dev.baton.cli;

import dev.baton.core.engine.SelfDescription;
import dev.baton.core.wire.Plural;
import dev.baton.core.wire.Printable;
import dev.baton.core.wire.StreamRecord;
import dev.baton.core.wire.SectionHeader;
import dev.baton.core.wire.StreamFormatException;
import dev.baton.core.wire.StreamHeader;
import java.io.PrintStream;
import java.time.Instant;

/** The human-readable listing: a header block, then one line per record. */
final class TextListing implements Listing {
    private static final String FIELD_INDENT = " ".repeat(22);
    /** Where a record line's detail begins, and a long one goes on. */
    private static final int DETAIL = 52;

    private final PrintStream out;
    private final PrintStream err;
    /** The stream's name in the error line. */
    private final String file;

    TextListing(PrintStream out, PrintStream err, String file) {
        this.out = out;
        this.err = err;
        this.file = file;
    }

    @Override
    public void header(StreamInput input, long size, StreamHeader h) {
        out.println("file      " + input.name() + (size >= 0 ? " (" + Plural.count(size, "octet") + ")" : ""));
        Lines.println(out, "format    version " + h.preamble().version() + " (readable from version "
                + h.preamble().compatVersion() + "), read at " + h.readVersion() + "; " + Listing.order(h)
                + "; checksums " + (h.checksums() ? "on" : "off") + "; header " + Plural.count(h.length(), "octet"),
                10);
        out.println("producer  " + (h.producer().isEmpty() ? "(none)" : Printable.of(h.producer())));
        out.println("profile   " + (h.profile().isEmpty() ? "(none)" : Printable.of(h.profile())));
        out.println("created   " + (h.created().equals(Instant.EPOCH) ? "(unknown)" : h.created()));
        out.println();
        out.printf("%10s %7s  %-20s %9s  %s%n", "offset", "record", "type", "length", "detail");
    }

    @Override
    public void record(StreamRecord r, SectionHeader s, SelfDescription.Decoded decoded) {
        Lines.println(out, String.format("%10d %7d  %-20s %9d  %s", r.offset(), r.index(), r.typeName(), r.length(),
                Listing.detail(r, s)), DETAIL);
        if (decoded != null) {
            for (var field : decoded.state().entrySet()) {
                Lines.println(out, FIELD_INDENT + Printable.of(field.getKey()) + " = "
                        + FieldFormat.text(field.getValue()), FIELD_INDENT.length() + 4);
            }
            if (!decoded.complete()) {
                note("not decoded further: " + decoded.stoppedAt());
            }
        }
    }

    @Override
    public void note(String remark) {
        Lines.println(out, FIELD_INDENT + "(" + remark + ")", FIELD_INDENT.length() + 1);
    }

    @Override
    public void summary(long records, int staticSections, int dynamicSections, long end) {
        out.println();
        out.println(Plural.count(records, "record") + ": " + staticSections + " static and "
                + Plural.count(dynamicSections, "dynamic section") + "; the stream ends at offset " + end);
    }

    @Override
    public void error(StreamFormatException e) {
        out.flush();
        err.println(ErrorHandler.inFile("baton inspect", file, e));
    }

    @Override
    public void failed(Throwable e) {
        out.flush(); // the records listed, then the error handler's line
    }

    @Override
    public void close() {
        out.flush();
    }
}
