package dev.baton.store.wire;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Xen's real clients, run against a store's Unix socket through {@code XENSTORED_PATH}: Debian's
 * {@code xenstore-utils} commands and {@code python3-pyxs} scripts (Debian's
 * {@code /usr/bin/python3}). Tests that need them are skipped, saying why, where they are not
 * installed ({@code .ci/run} installs them).
 */
final class XenstoreTools {
    static final Path PYTHON = Path.of("/usr/bin/python3");

    private XenstoreTools() {
    }

    /** What a command did. */
    record Run(int exit, String out, String err) {
    }

    /** Skips the test unless {@code xenstore-read} and the other commands are installed. */
    static void assumeXenstoreUtils() {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/xenstore-read")),
                "xenstore-utils is not installed (apt-get install xenstore-utils; .ci/run installs it)");
    }

    /** Skips the test unless Debian's python3 imports pyxs. */
    static void assumePyxs() {
        boolean ok = false;
        if (Files.isExecutable(PYTHON)) {
            try {
                ok = new ProcessBuilder(PYTHON.toString(), "-c", "import pyxs").redirectErrorStream(true).start()
                        .waitFor() == 0;
            } catch (IOException | InterruptedException e) {
                ok = false;
            }
        }
        assumeTrue(ok, "python3-pyxs is not installed for /usr/bin/python3 (apt-get install python3-pyxs; .ci/run "
                + "installs it)");
    }

    /** Starts {@code command} with {@code XENSTORED_PATH} naming {@code socket}. */
    static Process start(Path socket, List<String> command) throws IOException {
        ProcessBuilder pb = new ProcessBuilder(command);
        pb.environment().put("XENSTORED_PATH", socket.toString());
        return pb.start();
    }

    /** Runs {@code command} to its end (at most 60 s) and returns its exit code and output. */
    static Run run(Path socket, String... command) throws IOException, InterruptedException {
        Process p = start(socket, List.of(command));
        p.getOutputStream().close();
        InputStream outStream = p.getInputStream();
        InputStream errStream = p.getErrorStream();
        List<byte[]> err = new ArrayList<>(1);
        Thread t = Thread.ofVirtual().start(() -> {
            try {
                err.add(errStream.readAllBytes());
            } catch (IOException e) {
                err.add(new byte[0]);
            }
        });
        String out = new String(outStream.readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError(String.join(" ", command) + " did not end within 60 s");
        }
        t.join();
        return new Run(p.exitValue(), out, new String(err.get(0), StandardCharsets.UTF_8));
    }

    /** A test resource of this package (a pyxs script) as a file {@code python3} can run. */
    static Path script(Path dir, String name) throws IOException {
        Path p = dir.resolve(name);
        try (InputStream in = XenstoreTools.class.getResourceAsStream(name)) {
            Files.copy(in, p);
        }
        return p;
    }
}
