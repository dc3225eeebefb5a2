package dev.baton.cli;

import dev.baton.core.describe.GenericState;
import dev.baton.core.wire.Printable;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/** How decoded section fields look in text: one line each (in JSON, {@link JsonValues} writes them). */
final class FieldFormat {
    /** Longest octet string shown whole; longer ones are cut with their length. */
    private static final int OCTETS_SHOWN = 32;
    /** Most elements of a list or array shown on a line. */
    private static final int ELEMENTS_SHOWN = 16;

    private FieldFormat() {
    }

    /** A value on one line: numbers, quoted strings, hex octets, [lists] and {nested = states}. */
    static String text(Object v) {
        StringBuilder sb = new StringBuilder();
        text(v, sb);
        return sb.toString();
    }

    private static void text(Object v, StringBuilder sb) {
        switch (v) {
            case null -> sb.append("null");
            case String s -> sb.append('"').append(Printable.of(s).replace("\"", "\\\"")).append('"');
            case byte[] b -> {
                sb.append(HexFormat.ofDelimiter(" ").formatHex(b, 0, Math.min(b.length, OCTETS_SHOWN)));
                if (b.length > OCTETS_SHOWN) {
                    sb.append(" ... (").append(b.length).append(" octets)");
                }
                if (b.length == 0) {
                    sb.append("(no octets)");
                }
            }
            case long[] a -> elements(a.length, i -> sb.append(a[i]), sb);
            case double[] a -> elements(a.length, i -> sb.append(a[i]), sb);
            case List<?> l -> elements(l.size(), i -> text(l.get(i), sb), sb);
            case GenericState g -> {
                sb.append('{');
                String sep = "";
                for (Map.Entry<String, Object> e : g.entrySet()) {
                    sb.append(sep).append(Printable.of(e.getKey())).append(" = ");
                    text(e.getValue(), sb);
                    sep = ", ";
                }
                sb.append('}');
            }
            case Map<?, ?> m -> {
                sb.append('{');
                String sep = "";
                for (Map.Entry<?, ?> e : m.entrySet()) {
                    sb.append(sep);
                    text(e.getKey(), sb);
                    sb.append(": ");
                    text(e.getValue(), sb);
                    sep = ", ";
                }
                sb.append('}');
            }
            default -> sb.append(v);
        }
    }

    private static void elements(int n, java.util.function.IntConsumer each, StringBuilder sb) {
        sb.append('[');
        for (int i = 0; i < Math.min(n, ELEMENTS_SHOWN); i++) {
            if (i > 0) {
                sb.append(", ");
            }
            each.accept(i);
        }
        if (n > ELEMENTS_SHOWN) {
            sb.append(", ... (").append(n).append(" in all)");
        }
        sb.append(']');
    }
}
