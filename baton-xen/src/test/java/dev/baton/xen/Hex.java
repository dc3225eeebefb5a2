package dev.baton.xen;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

/** The golden vectors: annotated hex resources under /xen, '#' starting a comment. */
public final class Hex {
    private Hex() {
    }

    /** Octets of {@code /xen/NAME}. */
    public static byte[] golden(String name) {
        try (InputStream in = Hex.class.getResourceAsStream("/xen/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no resource /xen/" + name);
            }
            StringBuilder hex = new StringBuilder();
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                int hash = line.indexOf('#');
                hex.append((hash < 0 ? line : line.substring(0, hash)).replaceAll("\\s+", ""));
            }
            return HexFormat.of().parseHex(hex);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
