package dev.baton.cli.docs;

import dev.baton.cli.docs.ConsoleBlock.Step;
import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * One document's console blocks, run in order in one temporary directory as CONTRIBUTING.md
 * ("The docs test") says: through bash, standard output and error merged, with the build's JDK
 * first on the PATH and the tests' class path as {@code CLASSPATH}; the directory holds links to
 * the checkout's top-level entries, so that {@code bin/baton} and {@code docs/examples/...} mean
 * what they mean in the checkout, the document's files, and a private runtime directory
 * ({@code XDG_RUNTIME_DIR}) that goes away with it.
 */
final class DocumentRun implements AutoCloseable {
    /** A foreground command's bound. The README's demo is the longest, some 25 s on 2 busy cores. */
    static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(300);
    /** How long a background command may take to print its expected lines, and {@code $ wait} to see them exit. */
    static final Duration BACKGROUND_TIMEOUT = Duration.ofSeconds(120);
    private static final Pattern TEMP_FILE = Pattern.compile("/tmp/[\\w.@+-]+");

    private final Path repo;
    private final Path dir;
    private final String jdk;
    /** The document's values the run printed differently: document value to run value. */
    private final Map<String, String> bindings = new LinkedHashMap<>();
    private final List<Background> background = new ArrayList<>();
    /** The background commands in the order they ended, for {@code $ wait -n}. */
    private final LinkedBlockingQueue<Background> ended = new LinkedBlockingQueue<>();
    /** Process ids the commands printed ({@code process 9765}, {@code "pid" : 9765}): detached stores to stop at the end. */
    private final Set<Long> printedPids = new LinkedHashSet<>();
    /** Files in /tmp the commands printed (a live update's log): to delete at the end. */
    private final Set<Path> printedTempFiles = new LinkedHashSet<>();

    /** A command's output as it arrives: its lines so far, and whether it has ended. Guarded by itself. */
    private static final class Output {
        final List<String> lines = new ArrayList<>();
        boolean ended;

        static Output of(Process p) {
            Output out = new Output();
            Thread.ofVirtual().start(() -> out.read(p));
            return out;
        }

        private void read(Process p) {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                for (String l = r.readLine(); l != null; l = r.readLine()) {
                    synchronized (this) {
                        lines.add(l.stripTrailing());
                        notifyAll();
                    }
                }
            } catch (IOException e) {
                // the process was stopped: its output ends here
            } finally {
                synchronized (this) {
                    ended = true;
                    notifyAll();
                }
            }
        }

        /** Waits until the output has ended, at most {@code wait}; a detached child may hold it open. */
        synchronized void awaitEnd(Duration wait) throws InterruptedException {
            long deadline = System.nanoTime() + wait.toNanos();
            for (long left = wait.toNanos(); !ended && left > 0; left = deadline - System.nanoTime()) {
                wait(TimeUnit.NANOSECONDS.toMillis(left) + 1);
            }
        }

        synchronized List<String> snapshot() {
            return List.copyOf(lines);
        }
    }

    /**
     * A command running in the background, how many of its lines a block has compared, and whether
     * a {@code $ wait} or {@code $ wait -n} has seen it end.
     */
    private static final class Background {
        final Step step;
        final Process process;
        final Output output;
        int compared;
        boolean waited;

        Background(Step step, Process process) {
            this.step = step;
            this.process = process;
            this.output = Output.of(process);
        }

        /** Once it has ended: what it printed since it was last compared. */
        List<String> rest() throws InterruptedException {
            waited = true;
            output.awaitEnd(Duration.ofSeconds(5));
            List<String> lines = output.snapshot();
            List<String> rest = lines.subList(compared, lines.size());
            compared = lines.size();
            return rest;
        }
    }

    DocumentRun(Path repo, String doc) throws IOException {
        this.repo = repo;
        this.dir = Files.createTempDirectory("baton-docs-" + doc.replaceAll("\\W", "-") + "-");
        this.jdk = System.getProperty("java.home");
        try (Stream<Path> entries = Files.list(repo)) {
            for (Path e : entries.filter(p -> !p.getFileName().toString().startsWith(".")).toList()) {
                Files.createSymbolicLink(dir.resolve(e.getFileName()), e);
            }
        }
        Files.createDirectory(runtimeDir(),
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
    }

    /**
     * Writes a document's file (a java block that names its path) into the directory, as a reader
     * saves it, replacing an earlier one of that path. The path is relative and stays in the
     * directory's own folders: never through its links to the checkout.
     */
    void write(String path, List<String> lines) throws IOException {
        Path relative = Path.of(path);
        if (relative.isAbsolute() || !relative.normalize().equals(relative) || relative.startsWith("..")) {
            throw new IOException(path + ": a document's file is a relative path without '.' or '..' parts");
        }
        Path target = dir;
        for (Path part : relative) {
            target = target.resolve(part);
            if (Files.isSymbolicLink(target)) {
                throw new IOException(path + ": " + dir.relativize(target) + " links to the checkout, which a "
                        + "document's file must not change");
            }
        }
        Files.createDirectories(target.getParent());
        Files.write(target, lines, StandardCharsets.UTF_8);
    }

    /**
     * The commands' {@code XDG_RUNTIME_DIR}, as a login session has one: what they keep there (a
     * live update's run directory) goes with the document's directory, not into /tmp or the
     * runtime directory of whoever runs the build.
     */
    private Path runtimeDir() {
        return dir.resolve(".runtime");
    }

    /** Runs a step and returns {@code null} when its output matches, or why it does not. */
    String run(Step step, boolean numbersVary) throws IOException, InterruptedException {
        String command = substitute(step.command());
        if (step.isWait()) {
            return waitForBackground(step, numbersVary);
        }
        if (step.isWaitForNext()) {
            return waitForNextBackground(step, numbersVary);
        }
        if (step.background()) {
            return startBackground(step, command, numbersVary);
        }
        Process p = start(command);
        Output out = Output.of(p);
        if (!p.waitFor(COMMAND_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
            stop(p);
            out.awaitEnd(Duration.ofSeconds(5));
            return "did not finish within " + COMMAND_TIMEOUT.toSeconds() + " s; its output so far:\n"
                    + String.join("\n", out.snapshot());
        }
        out.awaitEnd(Duration.ofSeconds(5));
        return compare(step, out.snapshot(), numbersVary);
    }

    private String compare(Step step, List<String> actual, boolean numbersVary) {
        actual.forEach(this::noteWhatToCleanUp);
        OutputMatch.Result r = OutputMatch.match(step.expected(), actual, numbersVary, bindings);
        if (!r.matched()) {
            return r.why();
        }
        bindings.putAll(r.bindings());
        return null;
    }

    private String startBackground(Step step, String command, boolean numbersVary) throws InterruptedException {
        Background b = new Background(step, start(command));
        background.add(b);
        b.process.onExit().thenRun(() -> ended.add(b));
        Output out = b.output;
        long deadline = System.nanoTime() + BACKGROUND_TIMEOUT.toNanos();
        synchronized (out) {
            while (true) {
                // the shortest beginning of its output that the expected lines match
                for (int k = 0; k <= out.lines.size(); k++) {
                    List<String> first = List.copyOf(out.lines.subList(0, k));
                    OutputMatch.Result r = OutputMatch.match(step.expected(), first, numbersVary, bindings);
                    if (r.matched()) {
                        first.forEach(this::noteWhatToCleanUp);
                        bindings.putAll(r.bindings());
                        b.compared = k;
                        return null;
                    }
                }
                long left = deadline - System.nanoTime();
                if (left <= 0 || out.ended) {
                    String why = OutputMatch.match(step.expected(), List.copyOf(out.lines), numbersVary, bindings).why();
                    return (out.ended ? "its output ended" : "it did not print them within "
                            + BACKGROUND_TIMEOUT.toSeconds() + " s") + ":\n" + why;
                }
                out.wait(TimeUnit.NANOSECONDS.toMillis(left) + 1);
            }
        }
    }

    private String waitForBackground(Step step, boolean numbersVary) throws InterruptedException {
        long deadline = System.nanoTime() + BACKGROUND_TIMEOUT.toNanos();
        List<String> rest = new ArrayList<>();
        for (Background b : background) {
            if (!b.process.waitFor(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) {
                return "the background command of line " + b.step.line() + " did not end within "
                        + BACKGROUND_TIMEOUT.toSeconds() + " s";
            }
            rest.addAll(b.rest());
        }
        return compare(step, rest, numbersVary);
    }

    /**
     * {@code $ wait -n}: waits for the next background command not waited for yet to end (the
     * first to have ended, when some have), and compares what it printed since its block.
     */
    private String waitForNextBackground(Step step, boolean numbersVary) throws InterruptedException {
        List<Background> left = background.stream().filter(b -> !b.waited).toList();
        if (left.isEmpty()) {
            return "no background command is left to wait for";
        }
        long deadline = System.nanoTime() + BACKGROUND_TIMEOUT.toNanos();
        while (true) {
            Background b = ended.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
            if (b == null) {
                return "none of the background commands of lines "
                        + left.stream().map(r -> Integer.toString(r.step.line())).toList() + " ended within "
                        + BACKGROUND_TIMEOUT.toSeconds() + " s";
            }
            if (!b.waited) {
                return compare(step, b.rest(), numbersVary);
            }
        }
    }

    private Process start(String command) {
        ProcessBuilder pb = new ProcessBuilder("bash", "-c", command).directory(dir.toFile())
                .redirectErrorStream(true).redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        Map<String, String> env = pb.environment();
        env.put("PATH", Path.of(jdk, "bin") + File.pathSeparator + env.getOrDefault("PATH", "/usr/bin:/bin"));
        env.put("JAVA_HOME", jdk);
        env.put("XDG_RUNTIME_DIR", runtimeDir().toString());
        // what a reader's build resolves, for javac and java (docs/GETTING-STARTED.md)
        env.put("CLASSPATH", DocsIT.classpath());
        // what would add lines of its own to a command's output, or change what it does
        for (String noise : List.of("JAVA_OPTS", "JAVA_TOOL_OPTIONS", "_JAVA_OPTIONS", "JDK_JAVA_OPTIONS", "BATON_DEBUG")) {
            env.remove(noise);
        }
        try {
            return pb.start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The command with the run's values in place of the document's (ports, process ids, temporary paths). */
    String substitute(String command) {
        String c = command;
        // the longest first: a temporary path may hold a port (a store's state directory is named
        // after its port), and replacing the port in it first would leave the path unmatched
        List<Map.Entry<String, String>> longestFirst = new ArrayList<>(bindings.entrySet());
        longestFirst.sort(Comparator.comparingInt((Map.Entry<String, String> e) -> e.getKey().length()).reversed());
        for (Map.Entry<String, String> b : longestFirst) {
            if (!b.getKey().equals(b.getValue())) {
                c = c.replaceAll("(?<![\\w.])" + Pattern.quote(b.getKey()) + "(?![\\w])",
                        Matcher.quoteReplacement(b.getValue()));
            }
        }
        return c;
    }

    private void noteWhatToCleanUp(String line) {
        for (Variance.Value v : Variance.normalise(line, false).values()) {
            if (v.rule().name().equals(Variance.PID)) {
                printedPids.add(Long.parseLong(v.text()));
            }
        }
        Matcher t = TEMP_FILE.matcher(line);
        while (t.find()) {
            printedTempFiles.add(Path.of(t.group()));
        }
    }

    /**
     * Stops the background commands with everything they started, and the processes the commands
     * printed as {@code process N} (or {@code "pid" : N}) that still run the build's jar (a live
     * update's new store, detached from the command that started it), then deletes the files in
     * /tmp that the commands printed (its log) and the directory.
     */
    @Override
    public void close() throws IOException {
        for (Background b : background) {
            stop(b.process);
        }
        String jar = repo.resolve("baton-cli/target/baton.jar").toString();
        for (long pid : printedPids) {
            ProcessHandle.of(pid).filter(h -> h.info().commandLine().orElse("").contains(jar)).ifPresent(DocumentRun::stop);
        }
        for (Path f : printedTempFiles) {
            if (Files.isRegularFile(f, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                Files.deleteIfExists(f);
            }
        }
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path f : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(f);
            }
        }
    }

    private static void stop(Process p) {
        stop(p.toHandle());
    }

    private static void stop(ProcessHandle h) {
        List<ProcessHandle> all = new ArrayList<>(h.descendants().toList());
        all.add(h);
        all.forEach(ProcessHandle::destroy);
        for (ProcessHandle x : all) {
            try {
                x.onExit().get(10, TimeUnit.SECONDS);
            } catch (Exception e) {
                x.destroyForcibly();
            }
        }
    }
}
