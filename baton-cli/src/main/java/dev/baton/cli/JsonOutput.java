package dev.baton.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintStream;

/**
 * The {@code --json} output of a command that builds its answer before printing it (sample,
 * xen convert, migrate): one pretty-printed document on standard output, ended by a newline, as
 * the commands that stream their JSON (inspect, verify) print theirs. Public for the subcommand
 * packages.
 */
public final class JsonOutput {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private JsonOutput() {
    }

    /** A new, empty JSON object. */
    public static ObjectNode object() {
        return MAPPER.createObjectNode();
    }

    /** Prints {@code document} on {@code out}, and nothing else. */
    public static void print(JsonNode document, PrintStream out) throws IOException {
        out.println(MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(document));
        out.flush();
    }
}
