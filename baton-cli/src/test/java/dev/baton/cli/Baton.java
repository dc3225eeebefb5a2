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
import java.util.regex.Pattern;

/** Runs the real {@code baton} command, the shaded jar, in a child JVM, as a user would. */
final class Baton {

    /**
     * What a run printed and returned. The report lines are as the command meant them: what it
     * wrapped to fit the terminal ({@link Lines}) is joined again (each run checks the widths).
     */
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
            Result shown = new Result(p.exitValue(), stdout != null ? "" : Files.readString(out, StandardCharsets.UTF_8),
                    Files.readString(err, StandardCharsets.UTF_8));
            if (stdout == null) {
                Files.delete(out);
            }
            int jar = command.indexOf("-jar");
            assertReportLinesFit(command.subList(jar < 0 ? 1 : jar + 2, command.size()), shown);
            Result r = new Result(shown.exit(), unwrap(shown.out()), unwrap(shown.err()));
            Files.delete(err);
            return r;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /**
     * {@code text} with every report line that {@link Lines} wrapped joined again
     * ({@link Lines#continues}), so that tests read the lines a command meant. JSON is left as it
     * is.
     */
    static String unwrap(String text) {
        String start = text.stripLeading();
        if (start.startsWith("{") || start.startsWith("[")) {
            return text;
        }
        StringBuilder joined = new StringBuilder();
        String before = null; // the line before, as shown
        for (String line : text.split("\n", -1)) {
            if (before != null && Lines.continues(before, line)) {
                joined.append(' ').append(line.stripLeading());
            } else {
                joined.append(before == null ? "" : "\n").append(line);
            }
            before = line;
        }
        return joined.toString();
    }

    /** Directories in a path as the tests give it: a user names files in the directory they are in. */
    private static final Pattern DIRECTORIES = Pattern.compile("(?<![\\w.])\\.{0,2}/(?:[^\\s/:'\"()]+/)*(?=[^\\s/])");

    /**
     * Every report line of every run fits {@link Lines#WIDTH} columns, file names counted as a
     * user in their directory types them. JSON documents are no report; one-line errors on
     * standard error ({@code baton ...: ...}) stay one line whatever their length; {@code store}
     * and {@code demo} are another part's.
     */
    private static void assertReportLinesFit(List<String> args, Result r) {
        String first = args.isEmpty() ? "" : args.get(0);
        if (first.equals("store") || first.equals("demo")) {
            return;
        }
        List<String> wide = new ArrayList<>();
        String out = r.out().stripLeading();
        for (String text : out.startsWith("{") || out.startsWith("[") ? List.of(r.err()) : List.of(r.out(), r.err())) {
            for (String line : text.split("[\r\n]+")) {
                String typed = DIRECTORIES.matcher(line).replaceAll("");
                if (typed.length() > Lines.WIDTH && !(text == r.err() && line.startsWith("baton"))) {
                    wide.add(typed.length() + ": " + typed);
                }
            }
        }
        if (!wide.isEmpty()) {
            throw new AssertionError("baton " + String.join(" ", args) + " printed lines wider than " + Lines.WIDTH
                    + " columns:\n" + String.join("\n", wide));
        }
    }
}
