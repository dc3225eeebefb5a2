package dev.baton.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs the real {@code baton} command, the shaded jar, in a child JVM, as a user would. */
final class Baton {

    /** What a run printed and returned. */
    record Result(int exit, String out, String err) {
        /** Every line of both outputs, for "no stack trace" checks. */
        String all() {
            return out + err;
        }
    }

    private Baton() {
    }

    static Path jar() {
        String jar = System.getProperty("baton.jar");
        if (jar == null || !Files.isRegularFile(Path.of(jar))) {
            throw new IllegalStateException("baton.jar not built: run these tests with ./mvnw verify");
        }
        return Path.of(jar);
    }

    static Result run(String... args) {
        return run(List.of(), null, args);
    }

    /** Runs with extra JVM options and, when {@code stdin} is set, that file as standard input. */
    static Result run(List<String> jvmOptions, Path stdin, String... args) {
        return run(jvmOptions, stdin, null, args);
    }

    /** As above, with standard output going to {@code stdout} (for binary output) when it is set. */
    static Result run(List<String> jvmOptions, Path stdin, Path stdout, String... args) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.add("-jar");
        command.add(jar().toString());
        command.addAll(List.of(args));
        return exec(command, Map.of(), stdin, stdout);
    }

    /**
     * Runs {@code bin/baton}, the script users run, which starts the same jar with its own JVM
     * options; {@code env} is added to its environment.
     */
    static Result script(Map<String, String> env, String... args) {
        String script = System.getProperty("baton.script");
        if (script == null || !Files.isExecutable(Path.of(script))) {
            throw new IllegalStateException("bin/baton not found: run these tests with ./mvnw verify");
        }
        List<String> command = new ArrayList<>(List.of(script));
        command.addAll(List.of(args));
        return exec(command, env, null, null);
    }

    private static Result exec(List<String> command, Map<String, String> env, Path stdin, Path stdout) {
        try {
            Path out = stdout != null ? stdout : Files.createTempFile("baton-out", ".txt");
            Path err = Files.createTempFile("baton-err", ".txt");
            ProcessBuilder pb = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile());
            pb.environment().putAll(env);
            if (stdin != null) {
                pb.redirectInput(stdin.toFile());
            }
            Process p = pb.start();
            if (!p.waitFor(120, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new AssertionError(String.join(" ", command) + " did not finish in 120 s");
            }
            Result r = new Result(p.exitValue(), stdout != null ? "" : Files.readString(out, StandardCharsets.UTF_8),
                    Files.readString(err, StandardCharsets.UTF_8));
            if (stdout == null) {
                Files.delete(out);
            }
            Files.delete(err);
            return r;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
