package dev.baton.cli;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.baton.core.wire.RecordType;
import dev.baton.core.wire.StreamFormatException;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How every {@code --json} output of the tools writes a problem: {@code {"message", "problem",
 * "offset", "record", "type", "context"}}, the last three when known. One writer, so that scripts
 * read Baton's, QEMU's and Xen's verdicts alike.
 */
public final class ProblemJson {
    private ProblemJson() {
    }

    /** Writes {@code "name": [problem, ...]}. */
    public static void writeArray(JsonGenerator g, String name, Iterable<StreamFormatException> problems)
            throws IOException {
        g.writeArrayFieldStart(name);
        for (StreamFormatException p : problems) {
            writeObject(g, p);
        }
        g.writeEndArray();
    }

    /** Writes one problem as a JSON object. */
    public static void writeObject(JsonGenerator g, StreamFormatException p) throws IOException {
        g.writeStartObject();
        for (Map.Entry<String, Object> f : fields(p).entrySet()) {
            if (f.getValue() instanceof Long n) {
                g.writeNumberField(f.getKey(), n);
            } else {
                g.writeStringField(f.getKey(), (String) f.getValue());
            }
        }
        g.writeEndObject();
    }

    /** Puts one problem's fields into {@code o}, for output built as a tree. */
    public static void put(ObjectNode o, StreamFormatException p) {
        for (Map.Entry<String, Object> f : fields(p).entrySet()) {
            if (f.getValue() instanceof Long n) {
                o.put(f.getKey(), n);
            } else {
                o.put(f.getKey(), (String) f.getValue());
            }
        }
    }

    /** The fields, in order: strings and longs. */
    private static Map<String, Object> fields(StreamFormatException p) {
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("message", p.getMessage());
        f.put("problem", p.problem());
        f.put("offset", p.offset());
        if (p.recordIndex() >= 0) {
            f.put("record", p.recordIndex());
        }
        if (p.recordType() != StreamFormatException.NO_TYPE) {
            f.put("type", RecordType.name(p.recordType()));
        }
        if (p.context() != null) {
            f.put("context", p.context());
        }
        return f;
    }
}
