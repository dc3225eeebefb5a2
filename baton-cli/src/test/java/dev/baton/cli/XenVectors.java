package dev.baton.cli;

import dev.baton.core.GoldenHex;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** baton-xen's golden vectors (annotated hex, read by core's {@link GoldenHex}), as files for the CLI to read. */
final class XenVectors {
    private static final Path VECTORS = Path.of("..", "baton-xen", "src", "test", "resources", "xen");

    private XenVectors() {
    }

    /** Writes the octets of vector {@code name} to {@code dir/name.bin} and returns that file. */
    static Path asFile(Path dir, String name) throws IOException {
        Path file = dir.resolve(name + ".bin");
        Files.write(file, GoldenHex.file(VECTORS.resolve(name + ".hex")));
        return file;
    }
}
