package dev.baton.core.json;

/**
 * A small streaming JSON writer into a {@link StringBuilder}, for the documents Baton produces
 * itself (descriptions). baton-core has no run-time dependency, so it cannot use Jackson; this
 * writes compact, valid JSON and nothing more.
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
