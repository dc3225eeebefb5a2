package dev.baton.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/** The JSON a command printed, read with Jackson, and its shape as docs/CLI.md gives it. */
final class JsonShape {
    private JsonShape() {
    }

    /** Reads {@code text} as exactly one JSON document. */
    static JsonNode read(String text) throws IOException {
        ObjectMapper mapper = new ObjectMapper();
        var parser = mapper.createParser(text);
        JsonNode doc = mapper.readTree(parser);
        assertThat(parser.nextToken()).as("nothing after the one document in:%n%s", text).isNull();
        return doc;
    }

    /** Asserts that {@code node} is an object with exactly these keys, in this order. */
    static JsonNode keys(JsonNode node, String... keys) {
        assertThat(node.isObject()).as("%s is an object", node).isTrue();
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        assertThat(names).containsExactly(keys);
        return node;
    }
}
