package dev.baton.xen.xenstore;

import dev.baton.core.wire.WireInput;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * A whole xenstore migration stream as a model: its header and its records in stream order, END
 * left implicit. This is what a store dumps its state into and seeds itself from.
 *
 * @param header  version and byte order
 * @param records every record but END, in the order they are written
 */
public record XenstoreImage(XenstoreHeader header, List<XenstoreRecord> records) {

    public XenstoreImage {
        Objects.requireNonNull(header, "header");
        records = List.copyOf(records);
        for (XenstoreRecord r : records) {
            if (r instanceof End) {
                throw new IllegalArgumentException("END is implicit: it is not one of the records");
            }
        }
    }

    /** Reads a whole stream, strictly, and checks that nothing follows END. */
    public static XenstoreImage read(Path file) throws IOException {
        try (XenstoreReader r = XenstoreReader.open(file, XenstoreReadOptions.defaults())) {
            return readAll(r);
        }
    }

    /** Reads a whole stream from octets in memory, strictly, and checks that nothing follows END. */
    public static XenstoreImage read(byte[] octets) throws IOException {
        try (XenstoreReader r = XenstoreReader.open(WireInput.of(ByteBuffer.wrap(octets)),
                XenstoreReadOptions.defaults())) {
            return readAll(r);
        }
    }

    private static XenstoreImage readAll(XenstoreReader r) throws IOException {
        List<XenstoreRecord> records = r.readAll();
        r.expectEndOfInput();
        return new XenstoreImage(r.header(), records);
    }

    /** Writes the stream: header, records, END. */
    public void write(OutputStream out) throws IOException {
        XenstoreWriter.write(out, header, records);
    }

    /** The stream's octets. */
    public byte[] toBytes() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        write(out);
        return out.toByteArray();
    }

    /** The records of one kind, in stream order. */
    public <T extends XenstoreRecord> List<T> all(Class<T> kind) {
        return records.stream().filter(kind::isInstance).map(kind::cast).toList();
    }

    /** The committed nodes, parents before children. */
    public List<NodeData> committedNodes() {
        return all(NodeData.class).stream().filter(NodeData::isCommitted).toList();
    }
}
