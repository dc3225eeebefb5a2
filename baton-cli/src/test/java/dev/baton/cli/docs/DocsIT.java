package dev.baton.cli.docs;

import static org.junit.jupiter.api.DynamicContainer.dynamicContainer;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import dev.baton.cli.docs.ConsoleBlock.Mode;
import dev.baton.cli.docs.ConsoleBlock.Step;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.TestFactory;
import org.opentest4j.AssertionFailedError;

/**
 * Every {@code ```console} block of README.md, docs/*.md and examples/README.md, run as
 * CONTRIBUTING.md ("The docs test") says, its output compared with the document's: one dynamic
 * test per block, the blocks of a document in order in one temporary directory, where the java
 * blocks that name their file ({@code // src/main/java/...}) are written as they come, for the
 * commands to compile and run. A block marked {@code <!-- docs-test: skip REASON -->} is reported
 * as skipped with its reason. {@code -Dbaton.docs=STORE,README} runs only the documents whose
 * names contain one of those.
 */
class DocsIT {

    static Path repo() {
        try {
            return Path.of(System.getProperty("baton.repo", "..")).toRealPath();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The class path of the tests: every module, the golden-stream kit, JUnit (with its console
     * launcher) and AssertJ. The document's commands have it as {@code CLASSPATH}, and the java
     * blocks compile against it (DocsJavaTest).
     */
    static String classpath() {
        return System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    }

    @TestFactory
    Stream<DynamicNode> everyConsoleBlockRunsAsTheDocumentShows() {
        Path repo = repo();
        List<String> only = List.of(System.getProperty("baton.docs", "").split(","));
        return Markdown.documents(repo).stream()
                .filter(doc -> only.stream().anyMatch(o -> repo.relativize(doc).toString().contains(o.strip())))
                .map(doc -> document(repo, doc));
    }

    /**
     * A document's console blocks as tests, in order; the java blocks that name their file are
     * written into the document's directory before the console block that follows them runs.
     */
    private static DynamicContainer document(Path repo, Path file) {
        Document d = new Document(repo, repo.relativize(file).toString());
        List<DynamicNode> tests = new ArrayList<>();
        List<Markdown.Fence> files = new ArrayList<>();
        for (Markdown.Fence f : Markdown.fences(repo, file)) {
            if (f.file() != null) {
                files.add(f);
            } else if (f.language().equals("console")) {
                ConsoleBlock b = ConsoleBlock.parse(f);
                List<Markdown.Fence> before = List.copyOf(files);
                files.clear();
                tests.add(dynamicTest(d.name + ":" + b.firstLine() + " $ " + b.firstCommand(),
                        URI.create(file.toUri() + "?line=" + b.firstLine()), () -> d.run(before, b)));
            }
        }
        if (!files.isEmpty()) {
            Markdown.Fence first = files.get(0);
            tests.add(dynamicTest(first.where() + " " + first.file(), URI.create(file.toUri() + "?line=" + first.line()),
                    () -> {
                        throw new AssertionFailedError(first.where() + ": no console block follows the file "
                                + first.file() + ", so no command of the document compiles or runs it");
                    }));
        }
        return dynamicContainer(d.name, file.toUri(), tests.stream().onClose(d::close));
    }

    /** A document's run: its directory and processes, made at its first block, and what its blocks did. */
    private static final class Document {
        final Path repo;
        final String name;
        DocumentRun run;
        int ran;
        int failed;
        final List<String> skipped = new ArrayList<>();

        Document(Path repo, String name) {
            this.repo = repo;
            this.name = name;
        }

        /** Writes the files, then runs the block's commands. */
        void run(List<Markdown.Fence> files, ConsoleBlock block) throws Exception {
            if (run == null && (!files.isEmpty() || block.mode() != Mode.SKIP)) {
                run = new DocumentRun(repo, name);
            }
            for (Markdown.Fence f : files) {
                run.write(f.file(), f.lines());
            }
            if (block.mode() == Mode.SKIP) {
                skipped.add("line " + block.fence().line() + ": " + block.skipReason());
                Assumptions.abort("not run: " + block.skipReason());
            }
            ran++;
            Step failedStep = null;
            String why = null;
            for (Step step : block.steps()) {
                why = run.run(step, block.mode() == Mode.NUMBERS_VARY);
                if (why != null) {
                    failedStep = step;
                    break;
                }
            }
            if (why != null) {
                failed++;
                throw new AssertionFailedError(describe(failedStep, why));
            }
        }

        private String describe(Step step, String why) {
            String command = step.command();
            String ran = run.substitute(command);
            return name + ":" + step.line() + ": the output of\n  $ " + command + (step.background() ? " &" : "") + "\n"
                    + (ran.equals(command) ? "" : "(run as: " + ran + ")\n")
                    + "differs from the document: " + why;
        }

        void close() {
            System.out.printf("docs test: %s: %d block(s) ran (%d failed), %d skipped%s%n", name, ran, failed,
                    skipped.size(), skipped.isEmpty() ? "" : ": " + String.join("; ", skipped));
            if (run != null) {
                try {
                    run.close();
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        }
    }
}
