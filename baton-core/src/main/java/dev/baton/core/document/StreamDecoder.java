package dev.baton.core.document;

import dev.baton.core.engine.SelfDescription;
import dev.baton.core.json.JsonParser;
import dev.baton.core.json.JsonWriter;
import dev.baton.core.wire.RecordReader;
import dev.baton.core.wire.RecordType;
import dev.baton.core.wire.SectionHeader;
import dev.baton.core.wire.StreamHeader;
import dev.baton.core.wire.StreamRecord;
import dev.baton.core.wire.Utf8;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reads a stream as the document {@link StreamDocument} defines, one record at a time, so that a
 * stream of any size is decoded in the memory of its largest decoded section: the header's JSON
 * object, then each record's. Octets (a section's data, a record's body) are handed over as
 * {@link ByteBuffer}s, written as hex, valid until the next call of {@link #next()}.
 *
 * <p>A section's fields are decoded through the stream's DESCRIPTION when they encode back to
 * the very octets of the section: otherwise its data is kept as octets, with the reason. So
 * {@link StreamEncoder} rebuilds every stream from its document octet for octet.
 */
public final class StreamDecoder {
    private final RecordReader reader;
    private final SectionOctets check;
    /** The sections' descriptions, once a DESCRIPTION that is a description document was read. */
    private DescribedSections described;
    /** Why sections are not decoded, when the stream's DESCRIPTION does not describe any. */
    private String undescribed = "the stream has no DESCRIPTION";

    /**
     * A decoder of the records {@code reader} reads (its header already read). The reader must
     * show the optional records it does not know ({@link dev.baton.core.wire.ReaderOptions#withShowSkipped}):
     * a document holds every record. It should be strict (the default): a damaged record is an
     * error, not a record whose octets the document would rebuild otherwise.
     *
     * @throws IllegalArgumentException when the reader skips records it does not know
     */
    public StreamDecoder(RecordReader reader) {
        if (!reader.options().showSkipped()) {
            throw new IllegalArgumentException("a document holds every record: open the reader with "
                    + "withShowSkipped(true)");
        }
        this.reader = reader;
        this.check = new SectionOctets(reader.header().byteOrder());
    }

    /** The header's object: {@code version}, {@code compatVersion}, {@code byteOrder}, {@code checksums}, ... */
    public Map<String, Object> header() {
        StreamHeader h = reader.header();
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("version", (long) h.preamble().version());
        o.put("compatVersion", (long) h.preamble().compatVersion());
        o.put("byteOrder", h.byteOrder() == ByteOrder.BIG_ENDIAN ? "big-endian" : "little-endian");
        o.put("checksums", h.checksums());
        o.put("created", h.created().toString());
        o.put("producerName", h.producerName());
        o.put("producerVersion", h.producerVersion());
        o.put("profile", h.profile());
        return o;
    }

    /**
     * The next record's object, or null after END.
     *
     * @throws dev.baton.core.wire.StreamFormatException where the stream is not valid
     */
    public Map<String, Object> next() throws IOException {
        StreamRecord r = reader.next();
        if (r == null) {
            return null;
        }
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("type", RecordType.name(r.type()));
        switch (r.type()) {
            case RecordType.END, RecordType.STATIC_DATA_END -> {
                // no body: the grammar allows none
            }
            case RecordType.DESCRIPTION -> description(r.body(), o);
            case RecordType.SECTION -> section(r, o);
            default -> o.put("body", r.body());
        }
        return o;
    }

    /**
     * A DESCRIPTION: its JSON as a value when writing that value gives its very text back (a
     * description Baton wrote does), else its text, else (not UTF-8) its octets.
     */
    private void description(ByteBuffer body, Map<String, Object> o) {
        String text = Utf8.decode(body, body.position(), body.remaining());
        if (text == null) {
            o.put("body", body);
            undescribed = "the DESCRIPTION is not UTF-8";
            return;
        }
        Object json;
        try {
            json = JsonParser.parse(text);
        } catch (JsonParser.JsonException e) {
            o.put("text", text);
            undescribed = "the DESCRIPTION is not JSON";
            return;
        }
        StringBuilder again = new StringBuilder(text.length());
        new JsonWriter(again).value(json);
        if (text.contentEquals(again)) {
            o.put("description", json);
        } else {
            o.put("text", text);
        }
        try {
            described = new DescribedSections(json);
        } catch (IllegalArgumentException e) {
            undescribed = "the DESCRIPTION is not a description document: " + e.getMessage();
        }
    }

    private void section(StreamRecord r, Map<String, Object> o) throws IOException {
        SectionHeader h = r.sectionHeader();
        o.put("idstr", h.idstr());
        o.put("instance", Integer.toUnsignedLong(h.instanceId()));
        o.put("version", Integer.toUnsignedLong(h.version()));
        String why;
        if (described == null) {
            why = undescribed;
        } else if (h.dataLength() > SelfDescription.LARGEST_DECODED) {
            why = "the section is larger than " + (SelfDescription.LARGEST_DECODED >> 20) + " MiB";
        } else {
            DescribedSections.Decoded d = described.decode(r, check);
            if (d.fields() != null) {
                o.put("fields", d.fields());
                return;
            }
            why = d.undecoded();
        }
        o.put("data", r.sectionData());
        o.put("undecoded", why);
    }
}
