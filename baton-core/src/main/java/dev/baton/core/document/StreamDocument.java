package dev.baton.core.document;

import dev.baton.core.json.JsonInputException;
import dev.baton.core.json.JsonPath;
import dev.baton.core.json.JsonWriter;
import dev.baton.core.wire.RecordReader;
import java.io.IOException;
import java.io.OutputStream;
import java.util.List;
import java.util.Map;

/**
 * A Baton stream as a JSON document of its data, from which the stream is rebuilt octet for
 * octet: {@code baton decode} writes it, {@code baton encode} reads it (docs/CLI.md gives its
 * shape). It holds the header, then every record in order with what it carries: a SECTION's
 * idstr, instance, version and its fields (decoded through the stream's DESCRIPTION) or its data
 * as hex; a DESCRIPTION as the JSON it is; any other record's body as hex. Padding and checksums
 * are not in it: a writer computes them.
 *
 * <pre>{@code
 * {"format": "baton-stream-json/1",
 *  "header": {"version": 1, "compatVersion": 1, "byteOrder": "big-endian", "checksums": false,
 *             "created": "2026-01-02T03:04:05.678Z", "producerName": "baton", "producerVersion": "",
 *             "profile": ""},
 *  "records": [{"type": "DESCRIPTION", "description": {...}},
 *              {"type": "SECTION", "idstr": "cpu", "instance": 0, "version": 1, "fields": {"pc": 4096}},
 *              {"type": "STATIC_DATA_END"}, {"type": "0xc0000001", "body": "6869"}, {"type": "END"}]}
 * }</pre>
 *
 * {@link StreamDecoder} and {@link StreamEncoder} do the work a record at a time, for streams of
 * any size; the methods here do it for a whole document in memory.
 */
public final class StreamDocument {
    /** The {@code "format"} of the document, which encoding checks. */
    public static final String FORMAT = "baton-stream-json/1";

    private StreamDocument() {
    }

    /**
     * Writes the document of the stream {@code reader} reads, to its END, compact, into
     * {@code json}. The caller checks what follows END ({@link RecordReader#expectEndOfInput()}).
     *
     * @throws dev.baton.core.wire.StreamFormatException where the stream is not valid
     */
    public static void decode(RecordReader reader, JsonWriter json) throws IOException {
        StreamDecoder decoder = new StreamDecoder(reader);
        json.beginObject().field("format", FORMAT).name("header").value(decoder.header());
        json.name("records").beginArray();
        for (Map<String, Object> r = decoder.next(); r != null; r = decoder.next()) {
            json.value(r);
        }
        json.endArray().endObject();
    }

    /**
     * Writes the stream of {@code document}, a whole document as
     * {@link dev.baton.core.json.JsonParser} parses it, to {@code out}.
     *
     * @throws JsonInputException naming the place in the document that is not what belongs there
     */
    public static void encode(Object document, OutputStream out) throws JsonInputException, IOException {
        if (!(document instanceof Map<?, ?> members)) {
            throw JsonInputException.expected(JsonPath.ROOT, "a document, an object with \"format\", \"header\" "
                    + "and \"records\"", document);
        }
        try (StreamEncoder encoder = new StreamEncoder(out)) {
            for (Map.Entry<?, ?> m : members.entrySet()) {
                member(encoder, (String) m.getKey(), m.getValue());
            }
            encoder.finish(JsonPath.ROOT);
        }
    }

    /** One member of the document, as a reader of it meets them in order. */
    private static void member(StreamEncoder encoder, String name, Object value)
            throws JsonInputException, IOException {
        String path = JsonPath.member(JsonPath.ROOT, name);
        switch (name) {
            case "format" -> encoder.format(value, path);
            case "header" -> encoder.header(value, path);
            case "records" -> {
                if (!(value instanceof List<?> records)) {
                    throw JsonInputException.expected(path, "an array of records", value);
                }
                for (int i = 0; i < records.size(); i++) {
                    encoder.record(records.get(i), JsonPath.element(path, i));
                }
            }
            default -> throw unexpected(path);
        }
    }

    /** A member that a document does not have, at {@code path}. */
    public static JsonInputException unexpected(String path) {
        return new JsonInputException(path, "unexpected member: a document has \"format\", \"header\" and "
                + "\"records\"");
    }
}
