package dev.baton.cli.docs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.baton.cli.Lines;
import dev.baton.cli.docs.ConsoleBlock.Expected;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The docs test's comparison and parsing rules (CONTRIBUTING.md, "The docs test"), on small cases. */
class OutputMatchTest {

    private static List<Expected> expected(String... lines) {
        List<Expected> e = new ArrayList<>();
        for (int i = 0; i < lines.length; i++) {
            e.add(new Expected(10 + i, lines[i]));
        }
        return e;
    }

    private static OutputMatch.Result match(List<Expected> e, String... actual) {
        return OutputMatch.match(e, List.of(actual), false, Map.of());
    }

    @Test
    void linesMatchExactlyButForTrailingSpaces() {
        assertThat(match(expected("a  b", "c"), "a  b   ", "c").matched()).isTrue();
        assertThat(match(expected("a  b", "c"), "a b", "c").matched()).isFalse();
        assertThat(match(expected("a"), "a", "b").matched()).isFalse();
        assertThat(match(expected("a", "b"), "a").matched()).isFalse();
        assertThat(match(expected(), "a").matched()).isFalse();
    }

    @Test
    void anEllipsisMatchesAnyNumberOfLines() {
        List<Expected> e = expected("first", "   ...", "last");
        assertThat(match(e, "first", "last").matched()).isTrue();
        assertThat(match(e, "first", "x", "y", "last").matched()).isTrue();
        assertThat(match(e, "first", "x", "y").matched()).isFalse();
        assertThat(match(expected("..."), "anything", "at all").matched()).isTrue();
        assertThat(match(expected("..."), new String[0]).matched()).isTrue();
        assertThat(match(expected("a", "...", "b", "...", "b"), "a", "b", "x", "b").matched()).isTrue();
    }

    @Test
    void whatVariesMayDiffer() {
        assertThat(match(expected("created   2026-11-22T00:22:19.708Z"), "created   2027-01-02T03:04:05.6Z").matched()).isTrue();
        assertThat(match(expected("Dec 06, 2026 7:32:12 PM dev.baton.core.engine.StateLoader loadSection"),
                "Jan 17, 2027 11:02:59 AM dev.baton.core.engine.StateLoader loadSection").matched()).isTrue();
        assertThat(match(expected("763 ms total (1.8 MB/s), 1.05 s (269.2 MiB/s)"),
                "1200 ms total (0.9 MB/s), 12 s (1024 MiB/s)").matched()).isTrue();
        assertThat(match(expected("its output: /tmp/baton-store-1.log"), "its output: /tmp/baton-store-22.log").matched()).isTrue();
        assertThat(match(expected("serving 127.0.0.1:38363 (process 9765)"), "serving 127.0.0.1:4 (process 11)").matched()).isTrue();
        assertThat(match(expected("run directory /run/user/1000/baton-store/38287"),
                "run directory /tmp/baton-docs-X-1/.runtime/baton-store/41002").matched()).isTrue();
        assertThat(match(expected("  \"oldPid\" : 28564,", "  \"totalMillis\" : 481.4,", "  \"control\" : 41413,"),
                "  \"oldPid\" : 7,", "  \"totalMillis\" : 1200,", "  \"control\" : 40001,").matched()).isTrue();
        // the rest does not
        assertThat(match(expected("  \"nodes\" : 7,"), "  \"nodes\" : 8,").matched()).isFalse();
        assertThat(match(expected("20632 nodes, 763 ms"), "20633 nodes, 763 ms").matched()).isFalse();
        assertThat(match(expected("process 9765 ->"), "process 9765 =>").matched()).isFalse();
        assertThat(match(expected("Dec 06, 2026 7:32:12 PM a.B load"), "Dec 06, 2026 7:32:12 PM a.B save").matched())
                .isFalse();
    }

    /** Report lines are wrapped to 100 columns: a value of another width moves the break, and that is no difference. */
    @Test
    void aWrappedLineMatchesWhereverAValueOfAnotherWidthBreaksIt() {
        String doc = "pass 0: 4.2 MB in 31 ms (135.4 MB/s); dirty after it 3.9 MB, dirty rate 125.8 MB/s, rest estimated"
                + " at 29 ms";
        String run = "pass 0: 4.2 MB in 40 ms (104.0 MB/s); dirty after it 3.9 MB, dirty rate 47.6 MB/s, rest estimated at"
                + " 18 ms";
        List<Expected> e = expected(Lines.wrap(doc, 4).split("\n"));
        assertThat(e).hasSize(2);
        String[] actual = Lines.wrap(run, 4).split("\n");
        assertThat(actual[0]).endsWith("estimated at");
        assertThat(match(e, actual).matched()).isTrue();
        assertThat(match(e, run).matched()).isTrue();
        // the words must still be the same
        assertThat(match(e, Lines.wrap(run.replace("dirty rate", "dirty  rate"), 4).split("\n"))
                .matched()).isFalse();
        // a line that is not a continuation stays a line of its own
        assertThat(match(expected("short line", "    indented"), "short line indented").matched()).isFalse();
        // and one that looks like a continuation (a listing's next line after a long one) matches as itself
        String full = "        1648       2  STATIC_DATA_END              0  ---- static data ends; dynamic data follows ----";
        String next = "        1656       3  SECTION                    118  sample.node/0 v1, 97 octets of data";
        assertThat(Lines.continues(full, next)).isTrue();
        assertThat(match(expected("...", next), full, next).matched()).isTrue();
        assertThat(match(expected(full, next), full, next).matched()).isTrue();
    }

    @Test
    void withNumbersVaryEveryNumberMayDiffer() {
        List<Expected> e = expected("release 1.0 -> 2.0: 20632 nodes, 1.4 MB, process 9765 -> 9904");
        List<String> run = List.of("release 1.0 -> 2.0: 20411 nodes, 1.3 MB, process 358 -> 574");
        assertThat(OutputMatch.match(e, run, true, Map.of()).matched()).isTrue();
        assertThat(OutputMatch.match(e, run, false, Map.of()).matched()).isFalse();
        assertThat(OutputMatch.match(e, List.of("release 1.0 -> 2.0: 20411 nodes, 1.3 GB, process 358 -> 574"), true,
                Map.of()).matched()).isFalse();
    }

    @Test
    void theRunsValuesStandForTheDocumentsAndMustDoSoEverywhere() {
        OutputMatch.Result r = match(expected("listening on 127.0.0.1:44153 (release 1.0)", "control on port 32851"),
                "listening on 127.0.0.1:40001 (release 1.0)", "control on port 40002");
        assertThat(r.matched()).isTrue();
        assertThat(r.bindings()).containsExactly(Map.entry("44153", "40001"), Map.entry("32851", "40002"));

        List<Expected> later = expected("process 27291 serves port 44153, control port 35791");
        assertThat(OutputMatch.match(later, List.of("process 5 serves port 40001, control port 40003"), false,
                r.bindings()).bindings()).containsEntry("35791", "40003").containsEntry("27291", "5");
        OutputMatch.Result wrong = OutputMatch.match(later, List.of("process 5 serves port 40009, control port 40003"),
                false, r.bindings());
        assertThat(wrong.matched()).isFalse();
        assertThat(wrong.why()).contains("line 10 shows 44153 again, which stood for 40001 in the run, but the run printed 40009");

        OutputMatch.Result json = OutputMatch.match(expected("  \"pid\" : 28686,", "  \"port\" : 44153,",
                "  \"control\" : 41413,"), List.of("  \"pid\" : 9,", "  \"port\" : 40001,", "  \"control\" : 40004,"),
                false, r.bindings());
        assertThat(json.matched()).isTrue();
        assertThat(json.bindings()).containsExactly(Map.entry("28686", "9"), Map.entry("44153", "40001"),
                Map.entry("41413", "40004"));

        OutputMatch.Result digests = match(expected("sha256 " + "d4".repeat(32), "sha256 " + "d4".repeat(32)),
                "sha256 " + "a1".repeat(32), "sha256 " + "b2".repeat(32));
        assertThat(digests.matched()).isFalse();
    }

    @Test
    void aMismatchSaysWhichLineOfTheDocumentAndShowsBoth() {
        String why = match(expected("a", "...", "b", "c"), "a", "x", "b", "d").why();
        assertThat(why).startsWith("line 13 of the document does not match:\n  expected: c\n  actual:   d\n")
                .contains("--- expected (the document)\n  a\n  ...\n  b\n  c\n", "--- actual (the run)\n  a\n  x\n  b\n  d\n");
        assertThat(match(expected("a"), "a", "extra").why()).startsWith(
                "the run printed more lines than the document shows, from:\n  actual:   extra\n");
    }

    private static Markdown.Fence fence(String hint, String... lines) {
        return new Markdown.Fence("X.md", 5, "console", hint, List.of(lines));
    }

    @Test
    void aConsoleBlockIsCommandsWithTheirOutput() {
        ConsoleBlock b = ConsoleBlock.parse(fence("", "$ bin/baton serve \\", "    --port 1 &", "listening", "$ ls",
                "a", "b", "$ wait"));
        assertThat(b.mode()).isEqualTo(ConsoleBlock.Mode.EXACT);
        assertThat(b.steps()).hasSize(3);
        assertThat(b.steps().get(0).command()).isEqualTo("bin/baton serve \\\n    --port 1");
        assertThat(b.steps().get(0).background()).isTrue();
        assertThat(b.steps().get(0).expected()).containsExactly(new Expected(8, "listening"));
        assertThat(b.steps().get(1).line()).isEqualTo(9);
        assertThat(b.steps().get(1).expected()).extracting(Expected::text).containsExactly("a", "b");
        assertThat(b.steps().get(2).isWait()).isTrue();

        assertThat(ConsoleBlock.parse(fence("numbers vary", "$ x")).mode()).isEqualTo(ConsoleBlock.Mode.NUMBERS_VARY);
        ConsoleBlock skipped = ConsoleBlock.parse(fence("skip needs python2", "$ python2 x"));
        assertThat(skipped.mode()).isEqualTo(ConsoleBlock.Mode.SKIP);
        assertThat(skipped.skipReason()).isEqualTo("needs python2");
        assertThatThrownBy(() -> ConsoleBlock.parse(fence("skip", "$ x"))).hasMessageContaining("unknown docs-test hint 'skip'");
        // a block that needs a tool runs where it is installed and is skipped, naming it, where it is not
        assertThat(ConsoleBlock.parse(fence("needs bash", "$ bash -c true")).mode()).isEqualTo(ConsoleBlock.Mode.EXACT);
        ConsoleBlock without = ConsoleBlock.parse(fence("needs bash no-such-tool-here", "$ no-such-tool-here"));
        assertThat(without.mode()).isEqualTo(ConsoleBlock.Mode.SKIP);
        assertThat(without.skipReason()).isEqualTo("needs no-such-tool-here, not installed here (.ci/run installs it)");
        assertThatThrownBy(() -> ConsoleBlock.parse(fence("needs", "$ x"))).hasMessageContaining("unknown docs-test hint 'needs'");
        assertThatThrownBy(() -> ConsoleBlock.parse(fence("", "output", "$ x")))
                .hasMessage("X.md:6: a console block starts with a command ('$ ...'), not with output");
    }
}
