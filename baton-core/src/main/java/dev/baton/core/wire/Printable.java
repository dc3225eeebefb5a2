package dev.baton.core.wire;

/**
 * Text from the input, made safe to print on one line: newline, carriage return and tab as
 * {@code \n}, {@code \r} and {@code \t}, every other control character (C0, DEL, C1) as
 * {@code \xNN}, a backslash doubled, an unpaired surrogate as {@code \}{@code uXXXX}; a terminal
 * never receives a raw control character of the input through a message or a listing.
 */
public final class Printable {
    private Printable() {
    }

    /** {@code s} with every character a terminal could act on escaped. */
    public static String of(CharSequence s) {
        StringBuilder sb = new StringBuilder(s.length() + 8);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\n') {
                sb.append("\\n");
            } else if (c == '\r') {
                sb.append("\\r");
            } else if (c == '\t') {
                sb.append("\\t");
            } else if (c < 0x20 || (c >= 0x7F && c <= 0x9F)) {
                sb.append(String.format("\\x%02x", (int) c));
            } else if (c == '\\') {
                sb.append("\\\\");
            } else if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                sb.append(c).append(s.charAt(++i));
            } else if (Character.isSurrogate(c)) {
                sb.append(String.format("\\u%04x", (int) c));
            } else {
                sb.append(c);
            }
        }
        return sb.toString();
    }

    /** One character, as {@link #of} shows it. */
    public static String of(char c) {
        return of(String.valueOf(c));
    }
}
