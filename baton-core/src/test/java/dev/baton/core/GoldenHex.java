package dev.baton.core;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;

/**
 * Golden byte vectors kept as annotated hex: '#' starts a comment, white space is ignored. The
 * one reader of them, for core's vectors and, through baton-core's test-jar, Xen's and the
 * store's.
 */
public final class GoldenHex {
    private GoldenHex() {
    }

    /** The octets of core's resource {@code /golden/NAME}. */
    public static byte[] load(String name) {
        return resource("/golden/" + name);
    }

    /** The octets of the annotated-hex resource at {@code path} on the class path ({@code /xen/NAME}). */
    public static byte[] resource(String path) {
        try (InputStream in = GoldenHex.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalArgumentException("no resource " + path);
            }
            return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The octets of an annotated-hex file. */
    public static byte[] file(Path file) {
        try {
            return parse(Files.readString(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The octets of annotated-hex text. */
    public static byte[] parse(String text) {
        StringBuilder hex = new StringBuilder();
        for (String line : text.split("\n")) {
            int hash = line.indexOf('#');
            hex.append((hash < 0 ? line : line.substring(0, hash)).replaceAll("\\s+", ""));
        }
        return HexFormat.of().parseHex(hex);
    }
}
