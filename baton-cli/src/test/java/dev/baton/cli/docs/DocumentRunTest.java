package dev.baton.cli.docs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
    void aDocumentsFilesAreWrittenForItsCommandsWhichHaveTheTestsClassPath() throws Exception {
        Files.createDirectory(repo.resolve("docs"));
        try (DocumentRun run = new DocumentRun(repo, "X.md")) {
            run.write("src/a/A.java", List.of("// src/a/A.java", "class A { int one; }"));
            assertThat(run.run(steps("$ cat src/a/A.java", "// src/a/A.java", "class A { int one; }").get(0), false))
                    .isNull();
            run.write("src/a/A.java", List.of("class A { int two; }")); // a later release of the file replaces it
            assertThat(run.run(steps("$ cat src/a/A.java", "class A { int two; }").get(0), false)).isNull();
            assertThat(run.run(steps("$ echo \"$CLASSPATH\" | tr : '\\n' | grep -c 'junit-platform-console'", "1")
                    .get(0), false)).isNull();
            assertThatThrownBy(() -> run.write("docs/A.java", List.of("class A {}")))
                    .hasMessage("docs/A.java: docs links to the checkout, which a document's file must not change");
            assertThatThrownBy(() -> run.write("../A.java", List.of("class A {}")))
                    .hasMessage("../A.java: a document's file is a relative path without '.' or '..' parts");
        }
        assertThat(repo.resolve("docs")).isEmptyDirectory();
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
        try (DocumentRun run = new DocumentRun(repo, "X.md")) { // a temporary path named after a port
            // the port comes first, as a store's "listening on" line comes before its control socket's
            List<ConsoleBlock.Step> s = steps("$ printf '%s\\n' 'port 5000' 'control /tmp/x/5000/control-1'",
                    "port 7000", "control /run/user/1000/x/7000/control-2");
            assertThat(run.run(s.get(0), false)).isNull();
            assertThat(run.substitute("stop --control /run/user/1000/x/7000/control-2 --port 7000"))
                    .isEqualTo("stop --control /tmp/x/5000/control-1 --port 5000");
        }
    }

    @Test
    void waitDashNWaitsForTheNextBackgroundCommandToEndAndComparesWhatItPrinted() throws Exception {
        try (DocumentRun run = new DocumentRun(repo, "X.md")) {
            // each background command ends when a line comes through its named pipe: no timing
            List<ConsoleBlock.Step> s = steps(
                    "$ mkfifo one two",
                    "$ (echo serving; read -r x < one; echo stopped) &", "serving",
                    "$ (echo watching; read -r x < two; echo \"event $x\") &", "watching",
                    "$ echo changed > two",
                    "$ wait -n", "event changed",
                    "$ echo stop > one",
                    "$ wait -n", "stopped",
                    "$ wait");
            for (ConsoleBlock.Step step : s) {
                assertThat(run.run(step, false)).as(step.command()).isNull();
            }
            assertThat(run.run(steps("$ wait -n").get(0), false)).isEqualTo("no background command is left to wait for");
        }
    }

    @Test
    void commandsHaveARuntimeDirectoryOfTheirOwnThatGoesWithTheDocument() throws Exception {
        Path runtime;
        try (DocumentRun run = new DocumentRun(repo, "X.md")) {
            ConsoleBlock.Step s = steps("$ touch \"$XDG_RUNTIME_DIR/made\" && stat -c '%a' \"$XDG_RUNTIME_DIR\" && pwd -P",
                    "700", "/tmp/x").get(0);
            assertThat(run.run(s, false)).isNull();
            runtime = Path.of(run.substitute("/tmp/x")).resolve(".runtime");
            assertThat(runtime.resolve("made")).exists();
        }
        assertThat(runtime).doesNotExist();
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
