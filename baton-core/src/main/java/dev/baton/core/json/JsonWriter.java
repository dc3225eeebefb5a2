package dev.baton.core.json;

/**
 * A small streaming JSON writer into a {@link StringBuilder}, for the documents Baton produces
 * itself (descriptions, a stream as a document). baton-core has no run-time dependency, so it
 * cannot use Jackson; this writes compact, valid JSON and nothing more.
 *
 * <p>{@link #value(Object)} writes a whole value built of Java objects, the <em>JSON values</em>
 * that core hands to tools: a {@code Map} with string keys (an object, in its order), a
 * {@code List}, a {@code String}, a {@code Boolean}, {@code null}, a whole number ({@code Long},
 * {@code Integer}, {@code BigInteger}), a finite {@code Float} or {@code Double}, and octets
 * ({@code byte[]} or the remaining octets of a {@code ByteBuffer}) as a string of lowercase hex.
 */
public final class JsonWriter {
    private final StringBuilder out;
    /** Whether the current container already holds an element (so the next needs a comma). */
    private final java.util.BitSet filled = new java.util.BitSet();
    private int depth;
    private boolean afterName;

    public JsonWriter(StringBuilder out) {
        this.out = out;
    }

    public JsonWriter beginObject() {
        element();
        out.append('{');
        filled.clear(++depth);
        return this;
    }

    public JsonWriter endObject() {
        depth--;
        out.append('}');
        return this;
    }

    public JsonWriter beginArray() {
        element();
        out.append('[');
        filled.clear(++depth);
        return this;
    }

    public JsonWriter endArray() {
        depth--;
        out.append(']');
        return this;
    }

    public JsonWriter name(String name) {
        element();
        string(name);
        out.append(':');
        afterName = true;
        return this;
    }

    public JsonWriter value(String s) {
        element();
        if (s == null) {
            out.append("null");
        } else {
            string(s);
        }
        return this;
    }

    public JsonWriter value(long v) {
        element();
        out.append(v);
        return this;
    }

    public JsonWriter value(boolean v) {
        element();
        out.append(v);
        return this;
    }

    /**
     * A finite number with a fraction, as Java's shortest text for it ({@code 0.25}, {@code 1.0E-9}):
     * it reads back as the same double.
     *
     * @throws IllegalArgumentException for NaN and the infinities, which JSON cannot hold
     */
    public JsonWriter value(double v) {
        if (!Double.isFinite(v)) {
            throw new IllegalArgumentException("JSON has no number " + v);
        }
        element();
        out.append(v);
        return this;
    }

    /**
     * A whole JSON value of Java objects (see the class comment).
     *
     * @throws IllegalArgumentException for an object of another type, or a non-finite number
     */
    public JsonWriter value(Object v) {
        switch (v) {
            case null -> value((String) null);
            case String s -> value(s);
            case Boolean b -> value(b.booleanValue());
            case Long l -> value(l.longValue());
            case Integer i -> value(i.longValue());
            case java.math.BigInteger b -> {
                element();
                out.append(b);
            }
            case Float f -> {
                if (!Float.isFinite(f)) {
                    throw new IllegalArgumentException("JSON has no number " + f);
                }
                element();
                out.append(f.floatValue()); // the float's own shortest text: 0.1, not 0.10000000149011612
            }
            case Double d -> value(d.doubleValue());
            case byte[] b -> value(java.util.HexFormat.of().formatHex(b));
            case java.nio.ByteBuffer b -> {
                byte[] octets = new byte[b.remaining()];
                b.duplicate().get(octets);
                value(java.util.HexFormat.of().formatHex(octets));
            }
            case java.util.Map<?, ?> m -> {
                beginObject();
                for (java.util.Map.Entry<?, ?> e : m.entrySet()) {
                    if (!(e.getKey() instanceof String key)) {
                        throw new IllegalArgumentException("a JSON object's keys are strings, not " + e.getKey());
                    }
                    name(key).value(e.getValue());
                }
                endObject();
            }
            case java.util.List<?> l -> {
                beginArray();
                for (Object e : l) {
                    value(e);
                }
                endArray();
            }
            default -> throw new IllegalArgumentException("no JSON value of type " + v.getClass().getName());
        }
        return this;
    }

    public JsonWriter field(String name, String v) {
        return name(name).value(v);
    }

    public JsonWriter field(String name, long v) {
        return name(name).value(v);
    }

    public JsonWriter field(String name, boolean v) {
        return name(name).value(v);
    }

    private void element() {
        if (afterName) {
            afterName = false;
            return;
        }
        if (depth > 0) {
            if (filled.get(depth)) {
                out.append(',');
            }
            filled.set(depth);
        }
    }

    private void string(String s) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }
}
