package dev.baton.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The {@code --json} output of a command that builds its answer before printing it (sample,
 * xen convert, migrate, the store commands, the demo): one pretty-printed document on standard
 * output, ended by a newline, as the commands that stream their JSON (inspect, verify) print
 * theirs; or, for a stream of events ({@code store watch}), one compact object a line. Public for
 * the subcommand packages.
 */
public final class JsonOutput {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private JsonOutput() {
    }

    /** A new, empty JSON object. */
    public static ObjectNode object() {
        return MAPPER.createObjectNode();
    }

    /** Prints {@code document} on standard output, indented, and nothing else. */
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
