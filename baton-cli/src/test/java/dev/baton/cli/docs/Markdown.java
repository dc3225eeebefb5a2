package dev.baton.cli.docs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The fenced code blocks of a Markdown document, each with the {@code <!-- docs-test: ... -->}
 * hint on the line before it, if there is one. Only what the docs test needs: fences of three or
 * more backticks, not indented code and not tildes.
 */
final class Markdown {
    private static final Pattern FENCE = Pattern.compile("^ {0,3}(```+)\\s*([^`\\s]*).*$");
    /** A java block's first line that names its file: a comment holding only a relative path to a .java file. */
    private static final Pattern FILE = Pattern.compile("^//\\s*((?:[\\w.-]+/)*[\\w$-]+\\.java)\\s*$");
    private static final Pattern HINT = Pattern.compile("^\\s*<!--\\s*docs-test:\\s*(.*?)\\s*-->\\s*$");

    /**
     * A fenced block: the document's name (relative to the repository), the line of its opening
     * fence (from 1), its language ("" for none), its hint ("" for none), and its lines.
     */
    record Fence(String doc, int line, String language, String hint, List<String> lines) {
        /** The line number in the document of the block's {@code i}-th line. */
        int lineOf(int i) {
            return line + 1 + i;
        }

        /**
         * The file a {@code ```java} block is, when its first line names it
         * ({@code // src/main/java/com/example/Limiter.java}): a path relative to the document's
         * directory. Null for any other block.
         */
        String file() {
            if (!language.equals("java") || lines.isEmpty()) {
                return null;
            }
            Matcher m = FILE.matcher(lines.get(0));
            return m.matches() ? m.group(1) : null;
        }

        String where() {
            return doc + ":" + line;
        }
    }

    private Markdown() {
    }

    /**
     * The documents the docs test reads: README.md, docs/*.md and examples/README.md, in that
     * order (the last shows the examples' jars to {@code baton schema} and {@code baton check}).
     */
    static List<Path> documents(Path repo) {
        List<Path> docs = new ArrayList<>();
        docs.add(repo.resolve("README.md"));
        try (Stream<Path> files = Files.list(repo.resolve("docs"))) {
            files.filter(p -> p.getFileName().toString().endsWith(".md")).sorted().forEach(docs::add);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        docs.add(repo.resolve("examples/README.md"));
        return docs;
    }

    /** Every fenced block of {@code file}; a hint that no fence follows is an error, so typos do not go unseen. */
    static List<Fence> fences(Path repo, Path file) {
        String doc = repo.relativize(file).toString();
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<Fence> fences = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            Matcher hint = HINT.matcher(lines.get(i));
            if (hint.matches() && (i + 1 >= lines.size() || !FENCE.matcher(lines.get(i + 1)).matches())) {
                throw new IllegalStateException(doc + ":" + (i + 1) + ": a docs-test hint must be on the line "
                        + "right before a fenced block");
            }
            Matcher open = FENCE.matcher(lines.get(i));
            if (!open.matches()) {
                continue;
            }
            String ticks = open.group(1);
            int start = i;
            List<String> body = new ArrayList<>();
            for (i++; i < lines.size() && !lines.get(i).strip().equals(ticks); i++) {
                body.add(lines.get(i));
            }
            if (i >= lines.size()) {
                throw new IllegalStateException(doc + ":" + (start + 1) + ": the fenced block is never closed");
            }
            Matcher h = start > 0 ? HINT.matcher(lines.get(start - 1)) : null;
            fences.add(new Fence(doc, start + 1, open.group(2), h != null && h.matches() ? h.group(1) : "",
                    List.copyOf(body)));
        }
        return fences;
    }
}
