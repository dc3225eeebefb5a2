package dev.baton.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Xen streams docs/examples ships for the documents' commands are baton-xen's golden vectors, octet for octet. */
class DocsExamplesTest {
    private static final Path XEN = Path.of("..", "docs", "examples", "xen");

    @TempDir
    Path dir;

    @Test
    void theShippedXenStreamsAreTheGoldenVectors() throws IOException {
        List<Path> shipped;
        try (Stream<Path> files = Files.list(XEN)) {
            shipped = files.filter(f -> f.toString().endsWith(".bin")).sorted().toList();
        }
        assertThat(shipped).isNotEmpty();
        for (Path f : shipped) {
            String vector = f.getFileName().toString().replaceFirst("\\.bin$", "");
            assertThat(f).as(vector).hasSameBinaryContentAs(XenVectors.asFile(dir, vector));
        }
    }
}
