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
 * read Baton's, QEMU's and Xen's verdicts alike; and the one writer of a document's {@code "error"},
 * the problem that stopped a command: the same object, for every command that has {@code --json}
 * (docs/CLI.md, "What every command does alike").
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

    /** Writes {@code "error": problem}, into a document written as a stream. */
    public static void writeError(JsonGenerator g, StreamFormatException p) throws IOException {
        g.writeFieldName("error");
        writeObject(g, p);
    }

    /**
     * Ends what a document written as a stream had begun (its open arrays and objects, down to
     * the document's own object), then writes {@code "error"} into it: the problem of a stream
     * that is bad, or for any other failure ({@code OutOfMemoryError}, an I/O error) {@code
     * {"message", "problem"}} in the words of {@link ErrorHandler#describe}; the caller ends the
     * document. So a document that parses and has no error is a whole one (docs/CLI.md). A
     * failure in the middle of a value cannot be ended so: the generator refuses (an exception),
     * and the document, its generator made not to close what is open
     * ({@link #streamedDocument}), does not parse.
     */
    public static void endWithError(JsonGenerator g, Throwable failure) throws IOException {
        while (g.getOutputContext().getParent() != null && !g.getOutputContext().getParent().inRoot()) {
            if (g.getOutputContext().inArray()) {
                g.writeEndArray();
            } else {
                g.writeEndObject();
            }
        }
        if (failure instanceof StreamFormatException p) {
            writeError(g, p);
        } else {
            String message = ErrorHandler.describe(failure);
            g.writeObjectFieldStart("error");
            g.writeStringField("message", message);
            g.writeStringField("problem", message);
            g.writeEndObject();
        }
    }

    /**
     * {@code g} set up for a document written as a stream: left open on a failure rather than
     * closed as if whole (Jackson closes what is open by default), so that a document cut short
     * without {@link #endWithError} does not parse.
     */
    public static JsonGenerator streamedDocument(JsonGenerator g) {
        return g.disable(JsonGenerator.Feature.AUTO_CLOSE_JSON_CONTENT);
    }

    /** Puts {@code "error": problem} into a document built as a tree. */
    public static void putError(ObjectNode document, StreamFormatException p) {
        put(document.putObject("error"), p);
    }

    /**
     * Puts {@code "error": {"message", "problem"}} into a document built as a tree, for a failure
     * that is no place in a stream (a release that cannot hold a value, a migration that failed):
     * both are {@code message}, the words the line on standard error gives after the command and
     * the file.
     */
    public static void putError(ObjectNode document, String message) {
        putError(document, message, message);
    }

    /**
     * Puts {@code "error": {"message", "problem"}} for a failure that is a place in a document
     * that is no stream (a JSON path in what {@code encode} reads): {@code problem} is {@code
     * message} without its place.
     */
    public static void putError(ObjectNode document, String message, String problem) {
        ObjectNode error = document.putObject("error");
        error.put("message", message);
        error.put("problem", problem);
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
