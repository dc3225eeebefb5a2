package dev.baton.core.document;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.core.json.JsonInputException;
import dev.baton.core.json.JsonParser;
import dev.baton.core.json.JsonWriter;
import dev.baton.core.wire.ReaderOptions;
import dev.baton.core.wire.RecordReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * Streams through their document and back, as the tests of decode and encode take them: to the
 * document's text with core's writer, parsed again, and encoded.
 */
public final class Documents {
    private Documents() {
    }

    /** The document's text of {@code stream}, compact. */
    public static String decode(byte[] stream) {
        StringBuilder text = new StringBuilder();
        try (RecordReader r = RecordReader.open(ByteBuffer.wrap(stream), ReaderOptions.defaults().withShowSkipped(true))) {
            StreamDocument.decode(r, new JsonWriter(text));
            r.expectEndOfInput();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return text.toString();
    }

    /** The stream of a document's text. */
    public static byte[] encode(String document) throws JsonInputException {
        return encode(parse(document));
    }

    /** The stream of a parsed document. */
    public static byte[] encode(Object document) throws JsonInputException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            StreamDocument.encode(document, out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    @SuppressWarnings("unchecked")
    public static Map<String, Object> parse(String document) {
        try {
            return (Map<String, Object>) JsonParser.parse(document);
        } catch (JsonParser.JsonException e) {
            throw new AssertionError(e);
        }
    }

    /**
     * Decodes {@code stream} to its document, encodes the document again, and asserts the octets
     * are the same; returns the document.
     */
    public static Map<String, Object> roundTrip(byte[] stream) {
        String text = decode(stream);
        byte[] again;
        try {
            again = encode(text);
        } catch (JsonInputException e) {
            throw new AssertionError("the document of the stream does not encode: " + e.getMessage() + "\n" + text, e);
        }
        assertThat(HexFormat.of().formatHex(again)).as(text).isEqualTo(HexFormat.of().formatHex(stream));
        return parse(text);
    }

    /** The records of a document. */
    @SuppressWarnings("unchecked")
    public static List<Map<String, Object>> records(Map<String, Object> document) {
        return (List<Map<String, Object>>) document.get("records");
    }

    /** The sections a document keeps as octets, each as "idstr/instance: why". */
    public static List<String> undecoded(Map<String, Object> document) {
        List<String> out = new ArrayList<>();
        for (Map<String, Object> r : records(document)) {
            if (r.containsKey("data")) {
                out.add(r.get("idstr") + "/" + r.get("instance") + ": " + r.get("undecoded"));
            }
        }
        return out;
    }

    /** The object a document holds under {@code key} of {@code object}: a nested description's fields. */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> object(Map<String, Object> object, String key) {
        return (Map<String, Object>) object.get(key);
    }

    /** The fields of the first section named {@code idstr}. */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> fields(Map<String, Object> document, String idstr) {
        return (Map<String, Object>) records(document).stream().filter(r -> idstr.equals(r.get("idstr"))).findFirst()
                .orElseThrow().get("fields");
    }
}
