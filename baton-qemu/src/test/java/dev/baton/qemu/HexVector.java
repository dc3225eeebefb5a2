package dev.baton.qemu;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A hand-written stream from {@code src/test/resources/qemu/vectors}: octets written as text, with
 * comments, so that a malformed stream reads like the spec it breaks.
 *
 * <pre>
 *   # a comment, to the end of the line
 *   #! expect: words the error must contain     (header directives: #! key: value)
 *   5145564d           hex octets
 *   "pc"               ASCII octets
 *   u8:5 be16:11 be32:3 be64:0x2004   big-endian numbers, decimal or 0x hex
 *   str:"ram"          a QEMU counted string: u8 length, then the octets
 *   fill:4096:ab       4096 octets 0xab
 *   vmdesc:            0x06, be32 length, then the JSON on the following lines up to "end"
 * </pre>
 */
public record HexVector(String name, byte[] octets, Map<String, String> directives) {

    private static final Pattern TOKEN = Pattern.compile(
            "\"((?:[^\"\\\\]|\\\\.)*)\"|str:\"((?:[^\"\\\\]|\\\\.)*)\"|(u8|be16|be32|be64):(0x[0-9a-fA-F]+|\\d+)"
                    + "|fill:(\\d+):([0-9a-fA-F]{2})|([0-9a-fA-F]+)|(\\S+)");

    /** Loads {@code qemu/vectors/NAME.hex}. */
    public static HexVector load(String name) {
        String resource = "/qemu/vectors/" + name + ".hex";
        try (InputStream in = HexVector.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing test vector " + resource);
            }
            return parse(name, new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every vector's name, from the directory listing file {@code vectors/INDEX}. */
    public static List<String> all() {
        try (InputStream in = HexVector.class.getResourceAsStream("/qemu/vectors/INDEX")) {
            List<String> names = new ArrayList<>();
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                String n = line.strip();
                if (!n.isEmpty() && !n.startsWith("#")) {
                    names.add(n);
                }
            }
            return names;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static HexVector parse(String name, String text) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Map<String, String> directives = new LinkedHashMap<>();
        String[] lines = text.split("\n");
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            if (line.startsWith("#!")) {
                int colon = line.indexOf(':');
                directives.put(line.substring(2, colon).strip(), line.substring(colon + 1).strip());
                continue;
            }
            String code = stripComment(line).strip();
            if (code.equals("vmdesc:")) {
                StringBuilder json = new StringBuilder();
                for (i++; !lines[i].strip().equals("end"); i++) {
                    json.append(lines[i].strip());
                }
                byte[] j = json.toString().getBytes(StandardCharsets.UTF_8);
                out.write(0x06);
                number(out, 4, j.length);
                out.writeBytes(j);
                continue;
            }
            Matcher m = TOKEN.matcher(code);
            while (m.find()) {
                if (m.group(1) != null) {
                    out.writeBytes(unescape(m.group(1)));
                } else if (m.group(2) != null) {
                    byte[] s = unescape(m.group(2));
                    out.write(s.length);
                    out.writeBytes(s);
                } else if (m.group(3) != null) {
                    int width = switch (m.group(3)) {
                        case "u8" -> 1;
                        case "be16" -> 2;
                        case "be32" -> 4;
                        default -> 8;
                    };
                    String v = m.group(4);
                    number(out, width, v.startsWith("0x") ? Long.parseUnsignedLong(v.substring(2), 16) : Long.parseLong(v));
                } else if (m.group(5) != null) {
                    int n = Integer.parseInt(m.group(5));
                    int b = Integer.parseInt(m.group(6), 16);
                    for (int k = 0; k < n; k++) {
                        out.write(b);
                    }
                } else if (m.group(7) != null) {
                    String hex = m.group(7);
                    if (hex.length() % 2 != 0) {
                        throw new IllegalArgumentException(name + ":" + (i + 1) + ": odd hex '" + hex + "'");
                    }
                    for (int k = 0; k < hex.length(); k += 2) {
                        out.write(Integer.parseInt(hex.substring(k, k + 2), 16));
                    }
                } else {
                    throw new IllegalArgumentException(name + ":" + (i + 1) + ": cannot read '" + m.group(8) + "'");
                }
            }
        }
        return new HexVector(name, out.toByteArray(), directives);
    }

    /** Removes a {@code #} comment, leaving {@code #} inside quotes alone. */
    private static String stripComment(String line) {
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '"' && (i == 0 || line.charAt(i - 1) != '\\')) {
                quoted = !quoted;
            } else if (c == '#' && !quoted) {
                return line.substring(0, i);
            }
        }
        return line;
    }

    private static byte[] unescape(String s) {
        return s.replace("\\\"", "\"").replace("\\\\", "\\").getBytes(StandardCharsets.UTF_8);
    }

    private static void number(ByteArrayOutputStream out, int width, long v) {
        for (int i = width - 1; i >= 0; i--) {
            out.write((int) (v >>> (8 * i)));
        }
    }

    public String directive(String key) {
        return directives.get(key);
    }
}
