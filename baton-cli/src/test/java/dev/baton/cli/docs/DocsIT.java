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
 * test per block, the blocks of a document in order in one temporary directory. A block marked {@code <!-- docs-test: skip
 * REASON -->} is reported as skipped with its reason. {@code -Dbaton.docs=STORE,README} runs only
 * the documents whose names contain one of those.
 */
class DocsIT {

    static Path repo() {
        try {
            return Path.of(System.getProperty("baton.repo", "..")).toRealPath();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @TestFactory
    Stream<DynamicNode> everyConsoleBlockRunsAsTheDocumentShows() {
        Path repo = repo();
        List<String> only = List.of(System.getProperty("baton.docs", "").split(","));
        return Markdown.documents(repo).stream()
                .filter(doc -> only.stream().anyMatch(o -> repo.relativize(doc).toString().contains(o.strip())))
                .map(doc -> document(repo, doc));
    }

    private static DynamicContainer document(Path repo, Path file) {
        List<ConsoleBlock> blocks = Markdown.fences(repo, file).stream()
                .filter(f -> f.language().equals("console")).map(ConsoleBlock::parse).toList();
        Document d = new Document(repo, repo.relativize(file).toString());
        Stream<DynamicNode> tests = blocks.stream().map(b -> dynamicTest(d.name + ":" + b.firstLine() + " $ "
                + b.firstCommand(), URI.create(file.toUri() + "?line=" + b.firstLine()), () -> d.run(b)));
        return dynamicContainer(d.name, file.toUri(), tests.onClose(d::close));
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

        void run(ConsoleBlock block) throws Exception {
            if (block.mode() == Mode.SKIP) {
                skipped.add("line " + block.fence().line() + ": " + block.skipReason());
                Assumptions.abort("not run: " + block.skipReason());
            }
            if (run == null) {
                run = new DocumentRun(repo, name);
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
