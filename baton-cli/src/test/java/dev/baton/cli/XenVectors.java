package dev.baton.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;

/** baton-xen's golden vectors (annotated hex: {@code #} starts a comment), as files for the CLI to read. */
final class XenVectors {
    private static final Path VECTORS = Path.of("..", "baton-xen", "src", "test", "resources", "xen");

    private XenVectors() {
    }

    /** Writes the octets of vector {@code name} to {@code dir/name.bin} and returns that file. */
    static Path asFile(Path dir, String name) throws IOException {
        StringBuilder hex = new StringBuilder();
        for (String line : Files.readAllLines(VECTORS.resolve(name + ".hex"), StandardCharsets.UTF_8)) {
            int hash = line.indexOf('#');
            hex.append((hash < 0 ? line : line.substring(0, hash)).replaceAll("\\s+", ""));
        }
        Path file = dir.resolve(name + ".bin");
        Files.write(file, HexFormat.of().parseHex(hex));
        return file;
    }
}
