package com.example.ratelimiter.migration;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.opentest4j.AssertionFailedError;

/**
 * A process the test started, whose output (standard output and error, merged) it reads line by
 * line as it comes, and whose standard input it writes. Every wait is bounded: a minute.
 */
final class Child implements AutoCloseable {
    private static final long WAIT_SECONDS = 60;
    private static final String END = "\u0000end";

    private final List<String> command;
    private final Process process;
    private final PrintWriter in;
    private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    private final List<String> seen = new ArrayList<>();

    private Child(List<String> command) throws IOException {
        this.command = command;
        process = new ProcessBuilder(command).redirectErrorStream(true).start();
        in = new PrintWriter(process.getOutputStream(), true, StandardCharsets.UTF_8);
        Thread reader = new Thread(() -> {
            try (BufferedReader out = process.inputReader(StandardCharsets.UTF_8)) {
                out.lines().forEach(lines::add);
            } catch (IOException | UncheckedIOException e) {
                lines.add("(reading the output failed: " + e.getMessage() + ")");
            }
            lines.add(END);
        });
        reader.setDaemon(true);
        reader.start();
    }

    /** Starts {@code java} with these arguments: the JVM that runs the tests. */
    static Child java(String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        command.addAll(List.of(args));
        return new Child(command);
    }

    /** Writes a line to its standard input. */
    void send(String line) {
        in.println(line);
    }

    /** The next line that matches {@code regex} in full, skipping the lines before it. */
    Matcher await(String regex) throws InterruptedException {
        Pattern p = Pattern.compile(regex);
        while (true) {
            String line = lines.poll(WAIT_SECONDS, TimeUnit.SECONDS);
            if (line == null || line.equals(END)) {
                throw new AssertionFailedError((line == null ? "no line in " + WAIT_SECONDS + " s" : "the output ended")
                        + " matching " + regex + "\n" + this);
            }
            seen.add(line);
            Matcher m = p.matcher(line);
            if (m.matches()) {
                return m;
            }
        }
    }

    /** The lines it prints from here to the end of its output (a process that ends of itself). */
    List<String> rest() throws InterruptedException {
        List<String> rest = new ArrayList<>();
        while (true) {
            String line = lines.poll(WAIT_SECONDS, TimeUnit.SECONDS);
            if (line == null) {
                throw new AssertionFailedError("no line in " + WAIT_SECONDS + " s, nor the output's end\n" + this);
            }
            if (line.equals(END)) {
                return rest;
            }
            seen.add(line);
            rest.add(line);
        }
    }

    /** Closes its standard input and waits for it to end; returns its exit code. */
    int exit() throws InterruptedException {
        in.close();
        if (!process.waitFor(WAIT_SECONDS, TimeUnit.SECONDS)) {
            throw new AssertionFailedError("still running after " + WAIT_SECONDS + " s\n" + this);
        }
        return process.exitValue();
    }

    /** The command and the lines it printed that the test has read. */
    @Override
    public String toString() {
        return String.join(" ", command) + "\n  printed: " + String.join("\n  ", seen);
    }

    @Override
    public void close() {
        process.destroyForcibly();
    }
}
