package dev.baton.cli.docs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.ToolProvider;

/**
 * A document's {@code ```java} blocks made into Java sources and compiled, as CONTRIBUTING.md
 * ("Java in the documents") says. A block that starts with {@code package} or {@code import} is
 * a compilation unit of its own. The others are fragments, compiled together in one class per
 * document: a fragment's leading declarations (fields, methods, types: what starts with an
 * annotation, a modifier, {@code class}/{@code record}/{@code interface}/{@code enum} or a
 * method's signature) become
 * members of that class, the rest the body of a method of its own. The class imports every public
 * Baton type by name, the usual JDK packages, JUnit's API and AssertJ's assertions, and extends the document's context class
 * ({@code dev.baton.cli.docs.snippets.<Doc>Context}) when there is one: it declares what the
 * document's fragments use without declaring it themselves. A block whose first line names its
 * file ({@code // src/main/java/com/example/Limiter.java}) is a file of the reader's project,
 * which the docs test also writes for the document's commands (DocsIT): it is compiled with the
 * document's other files as they stand when the commands after it run.
 */
final class JavaSnippets {
    static final String PACKAGE = "dev.baton.cli.docs.snippets";
    private static final Pattern UNIT_START = Pattern.compile("^(package|import)\\s");
    private static final Pattern DECLARATION = Pattern.compile(
            "^(@\\w|(public|protected|private|static|final|abstract|sealed|non-sealed|default|class|record|interface|enum)\\b"
            // or a method's signature: a type, a name, a parenthesis (a statement has no such start)
            + "|(?!(new|return|throw|else|case|yield)\\b)[A-Za-z_$][\\w$.<>\\[\\], ?]*\\s[A-Za-z_$][\\w$]*\\s*\\()");
    private static final Pattern PUBLIC_TYPE = Pattern.compile(
            "(?m)^public\\s+(?:final\\s+|abstract\\s+|sealed\\s+)*(?:class|record|interface|enum)\\s+(\\w+)");
    /** The JDK packages a fragment may use unqualified, besides every Baton package. */
    private static final List<String> JDK_IMPORTS = List.of("java.io", "java.lang.invoke", "java.net", "java.nio",
            "java.nio.file", "java.time", "java.util", "java.util.function", "java.util.stream");

    /** An error javac reported: the document, the block (null: the class made of its fragments), and the line. */
    record Problem(String doc, Markdown.Fence block, int docLine, String message) {
    }

    /** A source to compile: a document's, and for each of its lines the block and document line it came from. */
    private record Source(String doc, String name, String text, List<Markdown.Fence> blockOfLine,
            List<Integer> docLineOfLine) {
    }

    private JavaSnippets() {
    }

    /**
     * Compiles the java blocks of the documents (by name: their blocks, of any language) with
     * {@code classpath}, and returns javac's errors. Units and fragments are compiled together;
     * the blocks that name their file, as each of the document's trees of such files (see
     * {@link #fileTrees}), each tree by itself.
     */
    static List<Problem> compile(Map<String, List<Markdown.Fence>> documents, List<String> imports, String classpath) {
        List<Source> sources = new ArrayList<>();
        List<List<Source>> trees = new ArrayList<>();
        documents.forEach((doc, blocks) -> {
            List<Markdown.Fence> fragments = new ArrayList<>();
            for (Markdown.Fence b : blocks) {
                if (!b.language().equals("java") || b.file() != null) {
                    continue;
                }
                if (isUnit(b)) {
                    sources.add(unit(doc, b));
                } else {
                    fragments.add(b);
                }
            }
            if (!fragments.isEmpty()) {
                sources.add(fragments(doc, fragments, imports));
            }
            for (List<Markdown.Fence> tree : fileTrees(blocks)) {
                trees.add(tree.stream().map(b -> unit(doc, b)).toList());
            }
        });
        // a block in two trees that fails in both is reported once
        Set<Problem> problems = new LinkedHashSet<>(javac(sources, classpath));
        for (List<Source> tree : trees) {
            problems.addAll(javac(tree, classpath));
        }
        return List.copyOf(problems);
    }

    /**
     * A document's files (its java blocks that name their file) as they stand each time a console
     * block follows blocks that wrote some, and at its end: a later block of a path replaces the
     * earlier one, as a reader's edit does, so each release of a file is compiled with the files
     * that stood beside it. A tree that the next one holds whole is left out, since compiling the
     * next compiles it.
     */
    static List<List<Markdown.Fence>> fileTrees(List<Markdown.Fence> blocks) {
        Map<String, Markdown.Fence> files = new LinkedHashMap<>();
        List<List<Markdown.Fence>> trees = new ArrayList<>();
        boolean changed = false;
        for (Markdown.Fence b : blocks) {
            if (b.file() != null) {
                files.put(b.file(), b);
                changed = true;
            } else if (b.language().equals("console") && changed) {
                trees.add(List.copyOf(files.values()));
                changed = false;
            }
        }
        if (changed) {
            trees.add(List.copyOf(files.values()));
        }
        List<List<Markdown.Fence>> kept = new ArrayList<>();
        for (int i = 0; i < trees.size(); i++) {
            if (i + 1 == trees.size() || !trees.get(i + 1).containsAll(trees.get(i))) {
                kept.add(trees.get(i));
            }
        }
        return kept;
    }

    static boolean isUnit(Markdown.Fence b) {
        return b.lines().stream().map(String::strip).filter(l -> !l.isEmpty() && !l.startsWith("//"))
                .findFirst().map(l -> UNIT_START.matcher(l).find()).orElse(false);
    }

    private static Source unit(String doc, Markdown.Fence b) {
        String text = String.join("\n", b.lines()) + "\n";
        Matcher pub = PUBLIC_TYPE.matcher(text);
        String name = b.file() != null ? b.file().replaceFirst("\\.java$", "")
                : pub.find() ? pub.group(1) : "Block" + b.line();
        List<Markdown.Fence> blockOf = new ArrayList<>();
        List<Integer> lineOf = new ArrayList<>();
        for (int i = 0; i < b.lines().size(); i++) {
            blockOf.add(b);
            lineOf.add(b.lineOf(i));
        }
        return new Source(doc, name, text, blockOf, lineOf);
    }

    /**
     * The name of a document's class of fragments and its context: docs/STORE.md gives Store,
     * README.md Readme; a README of another folder takes the folder's name too
     * (examples/README.md: ExamplesReadme), to be apart from the top one's.
     */
    static String baseName(String doc) {
        Path path = Path.of(doc);
        String file = capitalized(path.getFileName().toString().replaceFirst("\\.md$", ""));
        return path.getParent() != null && file.equals("Readme") ? capitalized(path.getParent().getFileName().toString())
                + file : file;
    }

    /** The name as one Java identifier: each word capitalized, the separators (GETTING-STARTED's) dropped. */
    private static String capitalized(String name) {
        StringBuilder out = new StringBuilder();
        for (String word : name.split("[^A-Za-z0-9]+")) {
            if (!word.isEmpty()) {
                out.append(word.substring(0, 1).toUpperCase(Locale.ROOT)).append(word.substring(1).toLowerCase(Locale.ROOT));
            }
        }
        return out.toString();
    }

    private static Source fragments(String doc, List<Markdown.Fence> fragments, List<String> imports) {
        String name = baseName(doc) + "Snippets";
        String context = baseName(doc) + "Context";
        boolean hasContext = exists(PACKAGE + "." + context);
        StringBuilder text = new StringBuilder();
        List<Markdown.Fence> blockOf = new ArrayList<>();
        List<Integer> lineOf = new ArrayList<>();
        Emitter out = (line, block, docLine) -> {
            text.append(line).append('\n');
            blockOf.add(block);
            lineOf.add(docLine);
        };
        out.emit("package " + PACKAGE + ";", null, 0);
        for (String i : imports) {
            out.emit("import " + i + ";", null, 0);
        }
        for (String p : JDK_IMPORTS) {
            out.emit("import " + p + ".*;", null, 0);
        }
        out.emit("import static org.assertj.core.api.Assertions.*;", null, 0);
        out.emit("import org.junit.jupiter.api.*;", null, 0);
        out.emit("@SuppressWarnings(\"all\")", null, 0);
        out.emit("class " + name + (hasContext ? " extends " + context : "") + " {", null, 0);
        for (Markdown.Fence b : fragments) {
            int split = declarationLines(b.lines());
            for (int i = 0; i < split; i++) {
                out.emit(b.lines().get(i), b, b.lineOf(i));
            }
            if (b.lines().subList(split, b.lines().size()).stream().anyMatch(l -> !l.isBlank())) {
                out.emit("void block" + b.line() + "() throws Exception {", b, b.line());
                for (int i = split; i < b.lines().size(); i++) {
                    out.emit(b.lines().get(i), b, b.lineOf(i));
                }
                out.emit("}", b, b.lineOf(b.lines().size() - 1));
            }
        }
        out.emit("}", null, 0);
        return new Source(doc, name, text.toString(), blockOf, lineOf);
    }

    private interface Emitter {
        void emit(String line, Markdown.Fence block, int docLine);
    }

    private static boolean exists(String className) {
        try {
            Class.forName(className, false, JavaSnippets.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException e) {
            return false;
        }
    }

    /**
     * How many of a fragment's first lines are declarations: it reads top-level chunks (ending at
     * a {@code ;} or a closing {@code }} outside any bracket), skipping comments and literals,
     * while they start as a declaration does, and counts the lines up to the end of the last one.
     */
    static int declarationLines(List<String> lines) {
        String text = String.join("\n", lines);
        int depth = 0;
        int chunkStart = -1;
        boolean declaring = true;
        int lastEnd = -1;
        for (int i = 0; i < text.length() && declaring; i++) {
            char c = text.charAt(i);
            if (c == '/' && i + 1 < text.length() && text.charAt(i + 1) == '/') {
                i = text.indexOf('\n', i) < 0 ? text.length() : text.indexOf('\n', i);
                continue;
            }
            if (c == '/' && i + 1 < text.length() && text.charAt(i + 1) == '*') {
                int end = text.indexOf("*/", i + 2);
                i = end < 0 ? text.length() : end + 1;
                continue;
            }
            if (Character.isWhitespace(c)) {
                continue;
            }
            if (chunkStart < 0) {
                chunkStart = i;
                declaring = DECLARATION.matcher(text.substring(i)).find();
                if (!declaring) {
                    break;
                }
            }
            if (c == '"' || c == '\'') {
                i = endOfLiteral(text, i);
            } else if (c == '(' || c == '[' || c == '{') {
                depth++;
            } else if (c == ')' || c == ']' || c == '}') {
                depth--;
                if (depth == 0 && c == '}' && !followsAsPartOfTheChunk(text, i + 1)) {
                    lastEnd = i;
                    chunkStart = -1;
                }
            } else if (c == ';' && depth == 0) {
                lastEnd = i;
                chunkStart = -1;
            }
        }
        return lastEnd < 0 ? 0 : (int) text.substring(0, lastEnd).chars().filter(ch -> ch == '\n').count() + 1;
    }

    /** After a closing brace: a {@code ;} or {@code ,} or {@code )} continues the chunk (an array or an anonymous class). */
    private static boolean followsAsPartOfTheChunk(String text, int from) {
        for (int i = from; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == ' ' || c == '\t') {
                continue;
            }
            return c == ';' || c == ',' || c == ')' || c == '.';
        }
        return false;
    }

    private static int endOfLiteral(String text, int start) {
        char quote = text.charAt(start);
        if (text.startsWith("\"\"\"", start)) {
            int end = text.indexOf("\"\"\"", start + 3);
            return end < 0 ? text.length() : end + 2;
        }
        for (int i = start + 1; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\\') {
                i++;
            } else if (c == quote || c == '\n') {
                return i;
            }
        }
        return text.length();
    }

    private static List<Problem> javac(List<Source> sources, String classpath) {
        if (sources.isEmpty()) {
            return List.of();
        }
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        Map<JavaFileObject, Source> files = new LinkedHashMap<>();
        for (Source s : sources) {
            files.put(new SimpleJavaFileObject(URI.create("string:///" + s.name() + ".java"), JavaFileObject.Kind.SOURCE) {
                @Override
                public CharSequence getCharContent(boolean ignoreEncodingErrors) {
                    return s.text();
                }
            }, s);
        }
        Path out;
        try {
            out = Files.createTempDirectory("baton-docs-java");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<String> options = List.of("-classpath", classpath, "-d", out.toString(), "-proc:none", "--release", "21",
                "-Xlint:none", "-nowarn");
        javac.getTask(null, null, diagnostics, options, null, files.keySet()).call();
        List<Problem> problems = new ArrayList<>();
        for (Diagnostic<? extends JavaFileObject> d : diagnostics.getDiagnostics()) {
            if (d.getKind() != Diagnostic.Kind.ERROR) {
                continue;
            }
            Source s = files.get(d.getSource());
            int line = (int) d.getLineNumber() - 1;
            boolean known = s != null && line >= 0 && line < s.blockOfLine().size();
            String message = d.getMessage(Locale.ROOT);
            if (known && s.blockOfLine().get(line) == null) {
                message += " (in the generated class: " + s.text().lines().skip(line).findFirst().orElse("") + ")";
            }
            problems.add(new Problem(s != null ? s.doc() : "", known ? s.blockOfLine().get(line) : null,
                    known ? s.docLineOfLine().get(line) : 0, message));
        }
        deleteQuietly(out);
        return problems;
    }

    private static void deleteQuietly(Path dir) {
        try (var files = Files.walk(dir)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a temporary directory left behind is harmless
        }
    }
}
