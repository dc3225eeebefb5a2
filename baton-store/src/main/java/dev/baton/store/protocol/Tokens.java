package dev.baton.store.protocol;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The tokens of a protocol line (docs/STORE.md, "Lines and tokens"). Tokens are separated by
 * spaces. A <b>bare</b> token is one or more octets other than space, control characters
 * (0x00-0x1f, 0x7f), {@code "} and {@code \}. A <b>quoted</b> token is {@code "..."} holding any
 * octets, where {@code \\ \" \n \r \t \0} and {@code \xHH} are escapes; a raw {@code "} or
 * {@code \}, or a control character, must be escaped. Quoting carries any value, binary and
 * newlines included, and the empty value ({@code ""}).
 *
 * <p>Servers write only ASCII: they quote every value and escape octets outside 0x20-0x7e.
 */
public final class Tokens {
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private Tokens() {
    }

    /** A malformed line, with what is wrong. */
    public static final class MalformedLineException extends Exception {
        private static final long serialVersionUID = 1L;

        public MalformedLineException(String message) {
            super(message);
        }
    }

    /** Splits a line (without its newline) into the octets of each token. */
    public static List<byte[]> split(byte[] line, int length) throws MalformedLineException {
        List<byte[]> out = new ArrayList<>();
        int i = 0;
        while (i < length) {
            byte b = line[i];
            if (b == ' ') {
                i++;
                continue;
            }
            if (b == '"') {
                ByteArrayOutputStream t = new ByteArrayOutputStream();
                i++;
                while (true) {
                    if (i >= length) {
                        throw new MalformedLineException("unterminated quoted string");
                    }
                    int c = line[i] & 0xFF;
                    if (c == '"') {
                        i++;
                        break;
                    }
                    if (c < 0x20 || c == 0x7F) {
                        throw new MalformedLineException("control character 0x" + hex(c) + " inside a quoted string: escape it");
                    }
                    if (c == '\\') {
                        if (i + 1 >= length) {
                            throw new MalformedLineException("quoted string ends in the middle of an escape");
                        }
                        int e = line[i + 1];
                        switch (e) {
                            case '\\' -> t.write('\\');
                            case '"' -> t.write('"');
                            case 'n' -> t.write('\n');
                            case 'r' -> t.write('\r');
                            case 't' -> t.write('\t');
                            case '0' -> t.write(0);
                            case 'x' -> {
                                int h1 = i + 2 < length ? Character.digit(line[i + 2], 16) : -1;
                                int h2 = i + 3 < length ? Character.digit(line[i + 3], 16) : -1;
                                if (h1 < 0 || h2 < 0) {
                                    throw new MalformedLineException("\\x needs two hexadecimal digits");
                                }
                                t.write(h1 << 4 | h2);
                                i += 2;
                            }
                            default -> throw new MalformedLineException("unknown escape \\" + printable(e));
                        }
                        i += 2;
                        continue;
                    }
                    t.write(c);
                    i++;
                }
                if (i < length && line[i] != ' ') {
                    throw new MalformedLineException("a quoted string must be followed by a space or the end of the line");
                }
                out.add(t.toByteArray());
                continue;
            }
            int start = i;
            while (i < length && line[i] != ' ') {
                int c = line[i] & 0xFF;
                if (c < 0x20 || c == 0x7F) {
                    throw new MalformedLineException("control character 0x" + hex(c) + " in the line: quote and escape it");
                }
                if (c == '"' || c == '\\') {
                    throw new MalformedLineException("'" + (char) c + "' inside a bare token: quote the token");
                }
                i++;
            }
            byte[] t = new byte[i - start];
            System.arraycopy(line, start, t, 0, t.length);
            out.add(t);
        }
        return out;
    }

    /** Splits a line of text (as the client reads the server's ASCII lines). */
    public static List<byte[]> split(String line) throws MalformedLineException {
        byte[] b = line.getBytes(StandardCharsets.ISO_8859_1);
        return split(b, b.length);
    }

    /** Any octets as a quoted token. */
    public static String quote(byte[] value) {
        StringBuilder sb = new StringBuilder(value.length + 2).append('"');
        for (byte x : value) {
            int c = x & 0xFF;
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                default -> {
                    if (c < 0x20 || c >= 0x7F) {
                        sb.append("\\x").append(HEX[c >> 4]).append(HEX[c & 15]);
                    } else {
                        sb.append((char) c);
                    }
                }
            }
        }
        return sb.append('"').toString();
    }

    /** Text (UTF-8) as a token: bare when it may be, else quoted. */
    public static String token(String text) {
        if (!text.isEmpty()) {
            boolean bare = true;
            for (int i = 0; i < text.length() && bare; i++) {
                char c = text.charAt(i);
                bare = c > 0x20 && c < 0x7F && c != '"' && c != '\\';
            }
            if (bare) {
                return text;
            }
        }
        return quote(text.getBytes(StandardCharsets.UTF_8));
    }

    /** The octets of a token as ASCII text (paths, commands, numbers), or null when not ASCII. */
    public static String ascii(byte[] token) {
        for (byte b : token) {
            if (b < 0) {
                return null;
            }
        }
        return new String(token, StandardCharsets.US_ASCII);
    }

    private static String hex(int c) {
        return "" + HEX[(c >> 4) & 15] + HEX[c & 15];
    }

    private static String printable(int c) {
        return c > 0x20 && c < 0x7F ? String.valueOf((char) c) : "0x" + hex(c & 0xFF);
    }
}
