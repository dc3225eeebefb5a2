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
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.TestFactory;
import org.opentest4j.AssertionFailedError;

/**
 * Every {@code ```console} block of README.md and docs/*.md, run as CONTRIBUTING.md ("The docs
 * test") says, its output compared with the document's: one dynamic test per block, the blocks of
 * a document in order in one temporary directory. A block marked {@code <!-- docs-test: skip
 * REASON -->} is reported as skipped with its reason. {@code -Dbaton.docs=STORE,README} runs only
 * the documents whose names contain one of those.
 */
class DocsIT {

    /**
     * Blocks that fail today and are being fixed (issue 14), by document and first command: they
     * run, and a failure is reported as skipped; one that passes fails, to be taken off this list.
     */
    static final Map<String, String> KNOWN_FAILING = Map.ofEntries(
            Map.entry("README.md: bin/baton demo", "load-dependent numbers"),
            Map.entry("README.md: bin/baton inspect /tmp/s.baton", "offsets of records 8 and 9"),
            Map.entry("README.md: bin/baton verify /tmp/s.baton", "damaged.baton is not shipped"),
            Map.entry("README.md: bin/baton check kv-1.0.json kv-2.0.json --profile 1.0", "kv-*.json are not shipped"),
            Map.entry("docs/CLI.md: bin/baton verify damaged.baton", "damaged.baton is not shipped"),
            Map.entry("docs/COMPATIBILITY.md: bin/baton schema --classpath app-1.0.jar com.example.AppDescriptions > old.json",
                    "app-1.0.jar does not exist"),
            Map.entry("docs/COMPATIBILITY.md: bin/baton check pc-i440fx-2.12.json.gz pc-q35-7.2.json.gz",
                    "the dumps are not in the directory"),
            Map.entry("docs/COMPATIBILITY.md: python2 vmstate-static-checker.py -s pc-q35-7.2.json -d next-release.json",
                    "an illustration: QEMU's checker"),
            Map.entry("docs/DESCRIPTIONS.md: bin/baton sample /tmp/s.baton && bin/baton inspect /tmp/s.baton",
                    "shows part of the output"),
            Map.entry("docs/MIGRATION.md: JAVA_OPTS=-Dbaton.sample.mib=256 bin/baton migrate receive --listen 7401 \\",
                    "no TLS keys"),
            Map.entry("docs/MIGRATION.md: JAVA_OPTS=-Dbaton.sample.mib=256 bin/baton migrate send --to localhost:7401 \\",
                    "no TLS keys"),
            Map.entry("docs/MIGRATION.md: bin/baton migrate send --to 127.0.0.1:7400", "no target"),
            Map.entry("docs/STORE.md: ./mvnw -o -q package -pl baton-store -am -DskipTests", "runs Maven"),
            Map.entry("docs/STORE.md: bin/baton store live-update --port 44153 --control 32851 --to-release 2.0",
                    "no store"),
            Map.entry("docs/STORE.md: bin/baton store dump --control 37247 --format xenstore store.xs", "no store"),
            Map.entry("docs/STORE.md: bin/baton store load --control 35505 xs-le.bin", "no store"),
            Map.entry("docs/STORE.md: bin/baton store live-update --port 35143 --control 34781 --to-release 1.0 --format xenstore",
                    "no store"),
            Map.entry("docs/XEN.md: bin/baton store dump --control 37247 --format xenstore store.xs", "no store"));

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
        int knownFailing;
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
            String known = KNOWN_FAILING.get(name + ": " + block.firstCommand());
            if (known != null) {
                if (why == null) {
                    throw new AssertionFailedError(block.fence().where() + " passes now: take it off DocsIT.KNOWN_FAILING");
                }
                knownFailing++;
                Assumptions.abort("known failing (" + known + "): " + name + ":" + failedStep.line() + ": "
                        + why.lines().findFirst().orElse(""));
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
            System.out.printf("docs test: %s: %d block(s) ran (%d failed%s), %d skipped%s%n", name, ran, failed,
                    knownFailing == 0 ? "" : ", " + knownFailing + " known failing", skipped.size(),
                    skipped.isEmpty() ? "" : ": " + String.join("; ", skipped));
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
