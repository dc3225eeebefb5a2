package dev.baton.cli.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How the docs test runs a document's commands: in order, in one directory, background ones alongside. */
class DocumentRunTest {
    @TempDir
    Path repo;

    private static List<ConsoleBlock.Step> steps(String... lines) {
        return ConsoleBlock.parse(new Markdown.Fence("X.md", 1, "console", "", List.of(lines))).steps();
    }

    @Test
    void commandsRunInOneDirectoryThatLinksTheCheckout() throws Exception {
        Files.writeString(repo.resolve("shipped.txt"), "from the checkout\n");
        try (DocumentRun run = new DocumentRun(repo, "X.md")) {
            List<ConsoleBlock.Step> s = steps("$ echo made > made.txt && cat shipped.txt", "from the checkout",
                    "$ cat made.txt; echo oops >&2", "made", "oops", "$ java -version 2>&1 | grep -c version", "1");
            for (ConsoleBlock.Step step : s) {
                assertThat(run.run(step, false)).isNull();
            }
            assertThat(run.run(steps("$ echo other", "made").get(0), false))
                    .startsWith("line 3 of the document does not match:\n  expected: made\n  actual:   other");
        }
        assertThat(repo.resolve("shipped.txt")).exists(); // closing deletes the links, not what they point to
    }

    @Test
    void aBackgroundCommandIsWaitedForUntilItsLinesAppearAndItsValuesAreUsedLater() throws Exception {
        try (DocumentRun run = new DocumentRun(repo, "X.md")) {
            List<ConsoleBlock.Step> s = steps(
                    "$ (sleep 0.2; echo 'listening on 127.0.0.1:44153'; sleep 0.2; echo 'control on port 32851'; "
                            + "sleep 30; echo late) &",
                    "listening on 127.0.0.1:44153",
                    "control on port 32851",
                    "$ echo \"asked for port 44153 and 32851\"",
                    "asked for port 44153 and 32851");
            assertThat(run.run(s.get(0), false)).isNull(); // returns once both lines are there, long before "late"
            assertThat(run.run(s.get(1), false)).isNull();
        }
        try (DocumentRun run = new DocumentRun(repo, "X.md")) {
            List<ConsoleBlock.Step> s = steps("$ (echo 'serving port 5000'; sleep 0.3; echo done) &", "serving port 7000",
                    "$ echo port 7000", "port 7000", "$ wait", "done");
            assertThat(run.run(s.get(0), false)).isNull();
            assertThat(run.substitute("--port 7000")).isEqualTo("--port 5000");
            assertThat(run.run(s.get(1), false)).isNull(); // "echo port 5000" printed what the document shows as 7000
            assertThat(run.run(s.get(2), false)).isNull(); // wait: what the background command printed since
        }
    }

    @Test
    void theFilesInTmpThatCommandsPrintAreDeletedAtTheEnd() throws Exception {
        Path log = Files.createTempFile(Path.of("/tmp"), "baton-docs-test-", ".log");
        try (DocumentRun run = new DocumentRun(repo, "X.md")) {
            assertThat(run.run(steps("$ echo its output: " + log, "its output: /tmp/baton-store-1.log").get(0), false))
                    .isNull();
            assertThat(log).exists();
        }
        assertThat(log).doesNotExist();
    }

    @Test
    void aBackgroundCommandThatEndsWithoutItsLinesFails() throws Exception {
        try (DocumentRun run = new DocumentRun(repo, "X.md")) {
            String why = run.run(steps("$ echo nope &", "ready").get(0), false);
            assertThat(why).startsWith("its output ended:\nline 3 of the document does not match:");
        }
    }
}
