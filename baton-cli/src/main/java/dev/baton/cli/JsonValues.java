package dev.baton.cli;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import dev.baton.core.json.JsonPath;
import dev.baton.core.wire.StreamLimits;
import java.io.IOException;
import java.io.Reader;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Core's JSON values (the Java objects of {@link dev.baton.core.json.JsonWriter#value(Object)})
 * through Jackson: written to a generator, octets streamed as hex so that a record of any size
 * costs no copy of itself, and read from a parser one value at a time, so that a document of any
 * size is read a record at a time.
 */
final class JsonValues {
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private JsonValues() {
    }

    /**
     * A factory whose parsers take the strings a document holds: a record body of the largest
     * size a stream allows, as hex, is twice as many characters as octets; and whose parsers
     * refuse a member named twice, which would otherwise silently win.
     */
    static JsonFactory factory() {
        return JsonFactory.builder().streamReadConstraints(StreamReadConstraints.builder()
                .maxStringLength(2 * StreamLimits.DEFAULT.maxRecordLength() + 64).build())
                .enable(com.fasterxml.jackson.core.StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();
    }

    /** Writes {@code v}: objects, arrays, strings, numbers, booleans, null, and octets (and scalar arrays) as core holds them. */
    static void write(JsonGenerator g, Object v) throws IOException {
        switch (v) {
            case null -> g.writeNull();
            case String s -> g.writeString(s);
            case Long l -> g.writeNumber(l);
            case Integer i -> g.writeNumber(i);
            case BigInteger b -> g.writeNumber(b);
            case Float f -> g.writeNumber(f);
            case Double d -> g.writeNumber(d);
            case Boolean b -> g.writeBoolean(b);
            case byte[] b -> hex(g, ByteBuffer.wrap(b));
            case ByteBuffer b -> hex(g, b);
            case long[] a -> g.writeArray(a, 0, a.length);
            case double[] a -> g.writeArray(a, 0, a.length);
            case List<?> l -> {
                g.writeStartArray();
                for (Object e : l) {
                    write(g, e);
                }
                g.writeEndArray();
            }
            case Map<?, ?> m -> {
                g.writeStartObject();
                for (Map.Entry<?, ?> e : m.entrySet()) {
                    g.writeFieldName(String.valueOf(e.getKey()));
                    write(g, e.getValue());
                }
                g.writeEndObject();
            }
            default -> g.writeString(String.valueOf(v));
        }
    }

    /** The octets as one string of lowercase hex, streamed: never the whole string in memory. */
    private static void hex(JsonGenerator g, ByteBuffer octets) throws IOException {
        ByteBuffer b = octets.duplicate();
        g.writeString(new Reader() {
            @Override
            public int read(char[] to, int off, int len) {
                if (!b.hasRemaining()) {
                    return -1;
                }
                int n = Math.min(len / 2, b.remaining());
                for (int i = 0; i < n; i++) {
                    int o = b.get() & 0xFF;
                    to[off + 2 * i] = HEX[o >>> 4];
                    to[off + 2 * i + 1] = HEX[o & 0xF];
                }
                return 2 * n;
            }

            @Override
            public void close() {
            }
        }, 2 * b.remaining());
    }

    /**
     * The value the parser is on (its current token starts it), read whole: an object a
     * {@code LinkedHashMap}, an array a {@code List}, a whole number a {@code Long} or
     * {@code BigInteger}, a number with a fraction a {@code Double}.
     */
    static Object read(JsonParser p) throws IOException {
        JsonToken t = p.currentToken();
        return switch (t) {
            case START_OBJECT -> {
                Map<String, Object> m = new LinkedHashMap<>();
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String name = p.currentName();
                    p.nextToken();
                    m.put(name, read(p));
                }
                yield m;
            }
            case START_ARRAY -> {
                List<Object> l = new ArrayList<>();
                while (p.nextToken() != JsonToken.END_ARRAY) {
                    l.add(read(p));
                }
                yield l;
            }
            case VALUE_STRING -> p.getText();
            case VALUE_NUMBER_INT -> p.getNumberType() == JsonParser.NumberType.BIG_INTEGER ? p.getBigIntegerValue()
                    : (Object) p.getLongValue();
            case VALUE_NUMBER_FLOAT -> p.getDoubleValue();
            case VALUE_TRUE -> Boolean.TRUE;
            case VALUE_FALSE -> Boolean.FALSE;
            case VALUE_NULL -> null;
            default -> throw new IllegalStateException("no JSON value starts with " + t);
        };
    }

    /** Where the parser is, as a {@link JsonPath}: {@code $.records[3].fields}. */
    static String path(JsonStreamContext context) {
        if (context == null || context.inRoot()) {
            return JsonPath.ROOT;
        }
        String parent = path(context.getParent());
        if (context.inArray()) {
            return JsonPath.element(parent, Math.max(0, context.getCurrentIndex()));
        }
        return context.getCurrentName() == null ? parent : JsonPath.member(parent, context.getCurrentName());
    }
}
