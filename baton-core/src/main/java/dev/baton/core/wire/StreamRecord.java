package dev.baton.core.wire;

import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * The record a {@link RecordReader} is positioned on. One instance per reader, updated by every
 * {@link RecordReader#next()}: read what you need before moving on.
 *
 * <p>The body is read lazily: a caller that only lists records never holds a body in memory, and
 * the reader streams past it (still checking padding and checksum).
 */
public final class StreamRecord {
    private final RecordReader reader;
    private long index;
    private long offset;
    private int type;
    private int length;
    private boolean known;
    private boolean dynamic;
    private SectionHeader section;

    StreamRecord(RecordReader reader) {
        this.reader = reader;
    }

    void set(long index, long offset, int type, int length, boolean known, boolean dynamic) {
        this.index = index;
        this.offset = offset;
        this.type = type;
        this.length = length;
        this.known = known;
        this.dynamic = dynamic;
        this.section = null;
    }

    /** Position of the record in the stream, 0 for the first record after the header. */
    public long index() {
        return index;
    }

    /** Absolute offset of the record's header. */
    public long offset() {
        return offset;
    }

    public int type() {
        return type;
    }

    /** The type's name: {@link RecordType#name}, or the application's name for it. */
    public String typeName() {
        return reader.typeName(type);
    }

    /** Body length in octets, padding and trailer excluded. */
    public int length() {
        return length;
    }

    /** Whether this reader knows the type; false only for optional records shown by request. */
    public boolean known() {
        return known;
    }

    /** Whether the record comes after STATIC_DATA_END. */
    public boolean dynamic() {
        return dynamic;
    }

    /**
     * The body, in the stream's byte order, positioned at 0; padding and checksum have been checked.
     * Valid until the next call of {@link RecordReader#next()}. From a reader over a regular file it
     * is a view of the file's mapping: copy what must outlive the file being shrunk by someone else.
     */
    public ByteBuffer body() throws IOException {
        return reader.body();
    }

    /**
     * The body without a new buffer object: the reader's own buffer (read-only, in the stream's
     * byte order) with its position at the body's first octet and its limit after the last, so
     * absolute indexes are {@code position()} plus the index within the body. For loops over many
     * records that only look at their bodies: {@link #body()} makes a slice per call, this makes
     * none. Valid, like the body, until the next call of {@link RecordReader#next()}.
     */
    public ByteBuffer bodyView() throws IOException {
        return reader.bodyView();
    }

    /**
     * The header of a SECTION record: idstr, instance, version. Reads only the first octets of the
     * body, so listing a stream of huge sections costs no memory.
     */
    public SectionHeader sectionHeader() throws IOException {
        if (type != RecordType.SECTION) {
            throw new IllegalStateException("record #" + index + " is " + typeName() + ", not SECTION");
        }
        if (section == null) {
            section = SectionHeader.parse(this, reader.limits(), reader::peek);
        }
        return section;
    }

    /** The data of a SECTION record, after its header, in the stream's byte order; reads the whole body. */
    public ByteBuffer sectionData() throws IOException {
        SectionHeader h = sectionHeader();
        ByteBuffer b = body();
        return b.slice(h.dataOffset(), h.dataLength()).order(b.order());
    }

    /** A format error located at {@code bodyOffset} octets into this record's body. */
    public StreamFormatException error(String problem, long bodyOffset) {
        return new StreamFormatException(problem, offset + RecordFrame.HEADER + bodyOffset, index, type, null);
    }

    @Override
    public String toString() {
        return "#" + index + " " + typeName() + " at " + offset + ", " + Plural.count(length, "octet");
    }
}
