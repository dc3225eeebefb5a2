package dev.baton.qemu.analyze;

import dev.baton.qemu.vmdesc.Json;
import java.io.IOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.util.Map;

/**
 * Writes JSON octet for octet as Python's {@code json.dumps(obj, indent=4, separators=(',', ': '))}
 * does (what analyze-migration.py prints): four spaces per level, one item per line, {@code {}} and
 * {@code []} for empty containers, every non-ASCII or control character as a lowercase
 * {@code \}{@code uXXXX} escape, floats as Python's {@code repr}.
 */
public final class PythonJsonWriter {
    private static final String HEX = "0123456789abcdef";

    private final Writer out;
    /** Per open container: 0 empty object, 1 object with items, 2 empty array, 3 array with items. */
    private final byte[] stack = new byte[1024];
    private int depth;
    private boolean afterKey;

    public PythonJsonWriter(Writer out) {
        this.out = out;
    }

    public PythonJsonWriter beginObject() throws IOException {
        open('{', (byte) 0);
        return this;
    }

    public PythonJsonWriter endObject() throws IOException {
        close('}');
        return this;
    }

    public PythonJsonWriter beginArray() throws IOException {
        open('[', (byte) 2);
        return this;
    }

    public PythonJsonWriter endArray() throws IOException {
        close(']');
        return this;
    }

    public PythonJsonWriter key(String name) throws IOException {
        item();
        string(name);
        out.write(": ");
        afterKey = true;
        return this;
    }

    public PythonJsonWriter value(String text) throws IOException {
        valuePrefix();
        string(text);
        return this;
    }

    public PythonJsonWriter value(boolean b) throws IOException {
        valuePrefix();
        out.write(b ? "true" : "false");
        return this;
    }

    /** A number or literal written as given. */
    public PythonJsonWriter raw(String literal) throws IOException {
        valuePrefix();
        out.write(literal);
        return this;
    }

    /**
     * Starts a string value whose characters the caller then writes to the {@code Writer} returned,
     * unescaped (long hex runs, which need no escaping), and ends with {@link #endString}.
     */
    public Writer beginString() throws IOException {
        valuePrefix();
        out.write('"');
        return out;
    }

    public void endString() throws IOException {
        out.write('"');
    }

    /**
     * Writes a parsed JSON tree (the vmdesc) as Python would re-encode it after {@code json.loads}.
     * An instanceof chain rather than a pattern switch, for the reason {@code StateJson.value} gives.
     */
    public PythonJsonWriter tree(Json node) throws IOException {
        if (node instanceof Json.JObject o) {
            beginObject();
            for (Map.Entry<String, Json> e : o.members().entrySet()) {
                key(e.getKey());
                tree(e.getValue());
            }
            endObject();
        } else if (node instanceof Json.JString t) {
            value(t.value());
        } else if (node instanceof Json.JNumber n) {
            raw(n.integral() ? n.text() : pythonFloat(n.value()));
        } else if (node instanceof Json.JArray a) {
            beginArray();
            for (Json n : a.items()) {
                tree(n);
            }
            endArray();
        } else if (node instanceof Json.JBool b) {
            value(b.value());
        } else if (node instanceof Json.JNull) {
            raw("null");
        } else {
            throw new IllegalArgumentException("no JSON for " + node.getClass().getSimpleName());
        }
        return this;
    }

    public void flush() throws IOException {
        out.flush();
    }

    private void open(char c, byte kind) throws IOException {
        valuePrefix();
        if (depth == stack.length) {
            throw new IOException("JSON nested deeper than " + stack.length);
        }
        stack[depth++] = kind;
        out.write(c);
    }

    private void close(char c) throws IOException {
        boolean hadItems = (stack[--depth] & 1) != 0;
        if (hadItems) {
            newline();
        }
        out.write(c);
    }

    private void valuePrefix() throws IOException {
        if (afterKey) {
            afterKey = false;
        } else if (depth > 0) {
            item();
        }
    }

    /** Separates an item from the one before it and puts it on its own line. */
    private void item() throws IOException {
        byte top = stack[depth - 1];
        if ((top & 1) != 0) {
            out.write(',');
        }
        stack[depth - 1] = (byte) (top | 1);
        newline();
    }

    private void newline() throws IOException {
        out.write('\n');
        for (int i = 0; i < depth; i++) {
            out.write("    ");
        }
    }

    private void string(String s) throws IOException {
        out.write('"');
        int start = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c >= ' ' && c <= '~' && c != '"' && c != '\\') {
                continue;
            }
            out.write(s, start, i - start);
            start = i + 1;
            switch (c) {
                case '"' -> out.write("\\\"");
                case '\\' -> out.write("\\\\");
                case '\n' -> out.write("\\n");
                case '\r' -> out.write("\\r");
                case '\t' -> out.write("\\t");
                case '\b' -> out.write("\\b");
                case '\f' -> out.write("\\f");
                default -> {
                    out.write("\\u");
                    out.write(HEX.charAt(c >> 12 & 15));
                    out.write(HEX.charAt(c >> 8 & 15));
                    out.write(HEX.charAt(c >> 4 & 15));
                    out.write(HEX.charAt(c & 15));
                }
            }
        }
        out.write(s, start, s.length() - start);
        out.write('"');
    }

    /** Python's {@code repr(float)}: shortest round-trip digits, exponent form below 1e-4 and from 1e16. */
    static String pythonFloat(double d) {
        if (Double.isNaN(d)) {
            return "NaN";
        }
        if (Double.isInfinite(d)) {
            return d > 0 ? "Infinity" : "-Infinity";
        }
        if (d == 0) {
            return 1 / d < 0 ? "-0.0" : "0.0";
        }
        BigDecimal v = new BigDecimal(Double.toString(Math.abs(d))).stripTrailingZeros();
        String digits = v.unscaledValue().toString();
        int exp = digits.length() - 1 - v.scale(); // scientific exponent
        StringBuilder sb = new StringBuilder(d < 0 ? "-" : "");
        if (exp < -4 || exp >= 16) {
            sb.append(digits.charAt(0));
            if (digits.length() > 1) {
                sb.append('.').append(digits, 1, digits.length());
            }
            sb.append('e').append(exp < 0 ? '-' : '+');
            int a = Math.abs(exp);
            if (a < 10) {
                sb.append('0');
            }
            sb.append(a);
        } else if (exp < 0) {
            sb.append("0.").append("0".repeat(-exp - 1)).append(digits);
        } else if (digits.length() <= exp + 1) {
            sb.append(digits).append("0".repeat(exp + 1 - digits.length())).append(".0");
        } else {
            sb.append(digits, 0, exp + 1).append('.').append(digits, exp + 1, digits.length());
        }
        return sb.toString();
    }
}
