package dev.baton.cli.docs;

import java.util.ArrayList;
import java.util.List;

/**
 * A {@code ```console} block read as the docs test runs it (CONTRIBUTING.md, "The docs test"):
 * {@code $ } starts a command, a line ending in {@code \} continues it, a command ending in
 * {@code &} runs in the background ({@code $ wait} and {@code $ wait -n} wait for such commands), and the
 * lines up to the next command are its expected output.
 */
record ConsoleBlock(Markdown.Fence fence, Mode mode, String skipReason, List<Step> steps) {

    /** How a block's output is compared. */
    enum Mode {
        /** Line by line, with the varying values of {@link Variance}. */
        EXACT,
        /** As EXACT, and every number may differ too ({@code <!-- docs-test: numbers vary -->}). */
        NUMBERS_VARY,
        /** Not run ({@code <!-- docs-test: skip REASON -->}). */
        SKIP
    }

    /**
     * One command: the document line it starts on, its text (continuation lines joined with their
     * newlines, as bash reads them), whether it runs in the background, and its expected output.
     */
    record Step(int line, String command, boolean background, List<Expected> expected) {
        /** {@code $ wait}: wait for the document's background commands and compare what they printed since. */
        boolean isWait() {
            return command.equals("wait");
        }

        /** {@code $ wait -n}: wait for the next of them to end (bash's own) and compare what it printed since. */
        boolean isWaitForNext() {
            return command.equals("wait -n");
        }
    }

    /** An expected line and where the document has it. */
    record Expected(int line, String text) {
        boolean isEllipsis() {
            return text.strip().equals("...");
        }
    }

    static final String SKIP = "skip";
    static final String NUMBERS_VARY = "numbers vary";
    static final String NEEDS = "needs";

    static ConsoleBlock parse(Markdown.Fence fence) {
        Mode mode = Mode.EXACT;
        String reason = "";
        String hint = fence.hint();
        if (hint.equals(NUMBERS_VARY)) {
            mode = Mode.NUMBERS_VARY;
        } else if (hint.startsWith(SKIP + " ") && !hint.substring(SKIP.length()).isBlank()) {
            mode = Mode.SKIP;
            reason = hint.substring(SKIP.length()).strip();
        } else if (hint.startsWith(NEEDS + " ") && !hint.substring(NEEDS.length()).isBlank()) {
            // real peers' tools (xenstore-utils): the block runs where they are installed, as
            // .ci/run installs them, and is skipped, saying which is missing, where they are not
            List<String> missing = java.util.Arrays.stream(hint.substring(NEEDS.length()).strip().split("\\s+"))
                    .filter(tool -> !onPath(tool)).toList();
            if (!missing.isEmpty()) {
                mode = Mode.SKIP;
                reason = "needs " + String.join(", ", missing) + ", not installed here (.ci/run installs it)";
            }
        } else if (!hint.isEmpty()) {
            throw new IllegalStateException(fence.where() + ": unknown docs-test hint '" + hint
                    + "' for a console block: use 'skip REASON', 'numbers vary' or 'needs TOOL...'");
        }
        List<Step> steps = new ArrayList<>();
        List<String> lines = fence.lines();
        for (int i = 0; i < lines.size(); i++) {
            String l = lines.get(i);
            if (!l.startsWith("$ ")) {
                if (steps.isEmpty()) {
                    throw new IllegalStateException(fence.doc() + ":" + fence.lineOf(i)
                            + ": a console block starts with a command ('$ ...'), not with output");
                }
                steps.get(steps.size() - 1).expected().add(new Expected(fence.lineOf(i), l.stripTrailing()));
                continue;
            }
            int start = i;
            StringBuilder command = new StringBuilder(l.substring(2));
            while (command.toString().endsWith("\\") && i + 1 < lines.size()) {
                command.append('\n').append(lines.get(++i));
            }
            String text = command.toString().strip();
            boolean background = text.endsWith(" &");
            if (background) {
                text = text.substring(0, text.length() - 2).strip();
            }
            steps.add(new Step(fence.lineOf(start), text, background, new ArrayList<>()));
        }
        if (steps.isEmpty() && mode != Mode.SKIP) {
            throw new IllegalStateException(fence.where() + ": a console block without a command");
        }
        return new ConsoleBlock(fence, mode, reason, steps.stream()
                .map(s -> new Step(s.line(), s.command(), s.background(), List.copyOf(s.expected()))).toList());
    }

    /** Whether {@code tool} is an executable file in a directory of {@code PATH}. */
    static boolean onPath(String tool) {
        String path = System.getenv().getOrDefault("PATH", "");
        return java.util.Arrays.stream(path.split(java.io.File.pathSeparator)).filter(d -> !d.isEmpty())
                .anyMatch(d -> java.nio.file.Files.isExecutable(java.nio.file.Path.of(d, tool)));
    }

    /** The line of the block's first command (of its fence when it has none). */
    int firstLine() {
        return steps.isEmpty() ? fence.line() : steps.get(0).line();
    }

    /** The block's first command, as a name for it. */
    String firstCommand() {
        return steps.isEmpty() ? "" : steps.get(0).command().lines().findFirst().orElse("");
    }
}
