package dev.baton.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A {@code baton store serve} process that a CLI test started (the real jar in a child JVM): its
 * ports and what it printed until it served; then what it says when it ends.
 */
final class ServedStore implements AutoCloseable {
    final Process process;
    final int port;
    /** Its control socket. */
    final String control;
    /** What it printed on standard output until it served. */
    final List<String> lines;
    /** With {@code --json}: the document it printed once serving; otherwise null. */
    final JsonNode json;
    private final BufferedReader out;
    private final Path err;

    private ServedStore(Process process, int port, String control, List<String> lines, JsonNode json, BufferedReader out,
            Path err) {
        this.process = process;
        this.port = port;
        this.control = control;
        this.lines = lines;
        this.json = json;
        this.out = out;
        this.err = err;
    }

    /** Starts {@code baton store serve ARGS} and waits until it serves (with {@code --json} among ARGS too). */
    static ServedStore start(String... args) throws IOException {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", Baton.jar().toString(), "store", "serve"));
        cmd.addAll(List.of(args));
        return launch(cmd, args);
    }

    /**
     * Starts the store process's own main class ({@code StoreMain ARGS}, in the jar) and waits until it
     * serves: for the options {@code baton store serve} always gives (a store without {@code --reuse-port}).
     */
    static ServedStore startMain(String... args) throws IOException {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", Baton.jar().toString(), "dev.baton.store.process.StoreMain"));
        cmd.addAll(List.of(args));
        return launch(cmd, args);
    }

    private static ServedStore launch(List<String> cmd, String... args) throws IOException {
        Path err = Files.createTempFile("baton-serve-err", ".txt");
        Process p = new ProcessBuilder(cmd).redirectError(err.toFile()).start();
        BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        boolean json = List.of(args).contains("--json");
        List<String> lines = new ArrayList<>();
        int port = -1;
        while (true) {
            String l = out.readLine();
            if (l == null) {
                p.destroyForcibly();
                throw new AssertionError("store serve ended before it served: " + lines + " " + Files.readString(err));
            }
            lines.add(l);
            if (json && l.equals("}")) {
                JsonNode doc = new ObjectMapper().readTree(String.join("\n", lines));
                return new ServedStore(p, doc.get("port").asInt(), doc.get("control").asText(), lines, doc, out, err);
            }
            if (l.startsWith("listening on ")) {
                port = Integer.parseInt(l.replaceAll(".*:(\\d+) .*", "$1"));
            } else if (l.startsWith("control on ")) {
                return new ServedStore(p, port, dev.baton.store.live.StoreControl.pathOf(l.substring("control on ".length()))
                        .toString(), lines, null, out, err);
            }
        }
    }

    long pid() {
        return process.pid();
    }

    /** Waits for the process to end (a live update or a stop ends it); returns its exit code. */
    int awaitExit() throws InterruptedException {
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("store serve %d ends", pid()).isTrue();
        return process.exitValue();
    }

    /** What it printed on standard output after it served, once it has ended. */
    String laterOutput() throws IOException, InterruptedException {
        awaitExit();
        StringBuilder b = new StringBuilder();
        for (String l = out.readLine(); l != null; l = out.readLine()) {
            b.append(l).append('\n');
        }
        return b.toString();
    }

    /** What it printed on standard error, once it has ended. */
    String errors() throws IOException, InterruptedException {
        awaitExit();
        return Files.readString(err, StandardCharsets.UTF_8);
    }

    @Override
    public void close() throws IOException {
        process.destroyForcibly();
        Files.deleteIfExists(err);
    }
}
