package dev.baton.qemu.vmdesc;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A small JSON tree, read with Jackson's streaming parser: the vmdesc needs no data binding, and
 * leaving Jackson's databind out saves a command-line run hundreds of classes to load.
 *
 * <p>Objects keep their keys in order; a repeated key replaces the earlier value in its place,
 * as Python's {@code json.loads} with an {@code OrderedDict} does.
 */
public sealed interface Json {

    record JObject(Map<String, Json> members) implements Json {
        public Json get(String key) {
            return members.get(key);
        }
    }

    record JArray(List<Json> items) implements Json {
    }

    record JString(String value) implements Json {
    }

    /**
     * @param text     the number as Python prints it back: an integer's canonical decimal form,
     *                 else the JSON text (see {@code PythonJsonWriter} for floats)
     * @param integral whether it is an integer
     * @param value    its value as a double (for floats)
     */
    record JNumber(String text, boolean integral, double value) implements Json {
        /** The integer value, or null when not an integer that fits a long. */
        public Long longValue() {
            if (!integral) {
                return null;
            }
            try {
                return Long.parseLong(text);
            } catch (NumberFormatException e) {
                return null;
            }
        }
    }

    record JBool(boolean value) implements Json {
    }

    record JNull() implements Json {
    }

    /** Deepest nesting accepted. */
    int MAX_DEPTH = 512;

    /**
     * Parses exactly one JSON value filling {@code length} octets from {@code offset}.
     *
     * @throws com.fasterxml.jackson.core.JsonProcessingException when they are not that
     */
    static Json parse(byte[] octets, int offset, int length) throws IOException {
        try (JsonParser p = Parsers.FACTORY.createParser(octets, offset, length)) {
            JsonToken t = p.nextToken();
            if (t == null) {
                throw new com.fasterxml.jackson.core.JsonParseException(p, "no JSON value");
            }
            Json v = Parsers.value(p, t);
            if (p.nextToken() != null) {
                throw new com.fasterxml.jackson.core.JsonParseException(p, "more than one JSON value");
            }
            return v;
        }
    }

    /** The parsing, kept out of the interface's public face. */
    final class Parsers {
        static final JsonFactory FACTORY = JsonFactory.builder()
                .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS) // Python's json reads NaN; so do we
                .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(MAX_DEPTH)
                        .maxStringLength(1 << 20).build())
                .build();

        private Parsers() {
        }

        static Json value(JsonParser p, JsonToken t) throws IOException {
            return switch (t) {
                case START_OBJECT -> {
                    Map<String, Json> m = new LinkedHashMap<>();
                    for (JsonToken k = p.nextToken(); k != JsonToken.END_OBJECT; k = p.nextToken()) {
                        String name = p.currentName();
                        m.put(name, value(p, p.nextToken()));
                    }
                    yield new JObject(Collections.unmodifiableMap(m));
                }
                case START_ARRAY -> {
                    List<Json> items = new ArrayList<>();
                    for (JsonToken e = p.nextToken(); e != JsonToken.END_ARRAY; e = p.nextToken()) {
                        items.add(value(p, e));
                    }
                    yield new JArray(Collections.unmodifiableList(items));
                }
                case VALUE_STRING -> new JString(p.getText());
                // Python prints an integer back in canonical decimal. One that fits a long
                // (every vmdesc number) is printed from it; only larger ones go through
                // BigInteger, whose first use initializes BigDecimal: tens of milliseconds of a
                // short run in the interpreter (docs/PERFORMANCE.md, QEMU streams).
                case VALUE_NUMBER_INT -> new JNumber(p.getNumberType() == JsonParser.NumberType.BIG_INTEGER
                        ? p.getBigIntegerValue().toString() : Long.toString(p.getLongValue()), true,
                        p.getDoubleValue());
                case VALUE_NUMBER_FLOAT -> new JNumber(p.getText(), false, p.getDoubleValue());
                case VALUE_TRUE -> new JBool(true);
                case VALUE_FALSE -> new JBool(false);
                case VALUE_NULL -> new JNull();
                default -> throw new com.fasterxml.jackson.core.JsonParseException(p, "unexpected " + t);
            };
        }
    }
}
