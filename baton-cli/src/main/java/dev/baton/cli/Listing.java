package dev.baton.cli;

import dev.baton.core.engine.SelfDescription;
import dev.baton.core.wire.Plural;
import dev.baton.core.wire.Printable;
import dev.baton.core.wire.StreamRecord;
import dev.baton.core.wire.RecordType;
import dev.baton.core.wire.SectionHeader;
import dev.baton.core.wire.StreamFormatException;
import dev.baton.core.wire.StreamHeader;
import java.io.IOException;

/** Where {@code baton inspect} puts what it reads: text for people, JSON for programs. */
interface Listing extends AutoCloseable {

    void header(StreamInput input, long size, StreamHeader header) throws IOException;

    /**
     * A record; {@code section} is set for SECTION records, and {@code decoded} when the stream's
     * DESCRIPTION describes the section and fields were asked for.
     */
    void record(StreamRecord record, SectionHeader section, SelfDescription.Decoded decoded) throws IOException;

    /** A remark about the record just listed (why its fields are not shown, say). */
    void note(String remark) throws IOException;

    /** The stream ended well: {@code records} read, {@code end} the offset after END. */
    void summary(long records, int staticSections, int dynamicSections, long end) throws IOException;

    /** The stream is bad at this point; nothing follows. */
    void error(StreamFormatException e) throws IOException;

    /**
     * Something else stopped the listing (a heap too small, an I/O error), whose line the
     * command's error handler prints; nothing follows.
     */
    void failed(Throwable e) throws IOException;

    @Override
    void close() throws IOException;

    /** "big-endian" or "little-endian". */
    static String order(StreamHeader h) {
        return h.byteOrder().toString().toLowerCase().replace('_', '-');
    }

    /** The words that say what kind of record this is, beyond its type name. */
    static String detail(StreamRecord r, SectionHeader s) {
        if (s != null) {
            return Printable.of(s.name()) + " v" + Integer.toUnsignedString(s.version()) + ", "
                    + Plural.count(s.dataLength(), "octet") + " of data";
        }
        if (!r.known()) {
            return "unknown record (" + RecordType.kind(r.type()) + "): readers skip it";
        }
        return switch (r.typeName()) {
            case "DESCRIPTION" -> "JSON self-description of the sections";
            case "STATIC_DATA_END" -> "---- static data ends; dynamic data follows ----";
            default -> "";
        };
    }
}
