package dev.baton.cli;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.baton.core.wire.RecordType;
import dev.baton.core.wire.StreamFormatException;
import java.io.IOException;

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
        g.writeStringField("message", p.getMessage());
        g.writeStringField("problem", p.problem());
        g.writeNumberField("offset", p.offset());
        if (p.recordIndex() >= 0) {
            g.writeNumberField("record", p.recordIndex());
        }
        if (p.recordType() != StreamFormatException.NO_TYPE) {
            g.writeStringField("type", RecordType.name(p.recordType()));
        }
        if (p.context() != null) {
            g.writeStringField("context", p.context());
        }
        g.writeEndObject();
    }
}
