package dev.baton.cli.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The JSON that {@code --json} prints for the store commands and the demo (shapes in
 * docs/CLI.md): one document, indented as the other commands' JSON, on standard output; or, for
 * a stream of events ({@code store watch}), one compact object a line.
 */
public final class Json {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private Json() {
    }

    /** A new empty object. */
    public static ObjectNode object() {
        return MAPPER.createObjectNode();
    }

    /** Prints {@code document} on standard output, indented, and a new line. */
    public static void print(JsonNode document) {
        System.out.println(write(document, true));
        System.out.flush();
    }

    /** Prints {@code value} on one line of standard output (JSON Lines). */
    public static void printLine(JsonNode value) {
        System.out.println(write(value, false));
        System.out.flush();
    }

    private static String write(JsonNode node, boolean indent) {
        try {
            return indent ? MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(node)
                    : MAPPER.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a tree of JSON nodes always serializes", e);
        }
    }
}
