package dev.baton.cli.docs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.DynamicContainer.dynamicContainer;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.opentest4j.AssertionFailedError;

/**
 * Every {@code ```java} block of README.md, docs/*.md and examples/README.md compiles against
 * the modules it shows (CONTRIBUTING.md, "Java in the documents"), and the documents follow the
 * docs test's convention: an example with {@code $ } prompts is a console block, so that it runs.
 */
class DocsJavaTest {
    /** The modules whose packages a fragment may use unqualified; where two have a type of one name, the first wins. */
    private static final List<String> MODULES = List.of("baton-core", "baton-migrate", "baton-xen", "baton-store",
            "baton-qemu", "baton-testkit");

    private static final Path REPO = DocsIT.repo();

    private static final Pattern PUBLIC_TYPE = Pattern.compile(
            "(?m)^public\\s+(?:final\\s+|abstract\\s+|sealed\\s+|non-sealed\\s+)*(?:class|record|interface|enum|@interface)\\s");

    @TestFactory
    Stream<DynamicNode> everyJavaBlockCompiles() {
        Map<String, List<Markdown.Fence>> fences = new LinkedHashMap<>();
        Map<String, List<Markdown.Fence>> blocks = new LinkedHashMap<>();
        for (Path file : Markdown.documents(REPO)) {
            String doc = REPO.relativize(file).toString();
            fences.put(doc, Markdown.fences(REPO, file));
            blocks.put(doc, fences.get(doc).stream().filter(f -> f.language().equals("java")).toList());
        }
        // one compilation of every document's blocks (and one per tree of files): javac's start is most of the cost
        List<JavaSnippets.Problem> problems = JavaSnippets.compile(fences, imports(), DocsIT.classpath());
        return blocks.entrySet().stream().filter(e -> !e.getValue().isEmpty()).map(e -> {
            String doc = e.getKey();
            Path file = REPO.resolve(doc);
            List<DynamicNode> tests = new ArrayList<>();
            for (Markdown.Fence b : e.getValue()) {
                String first = b.lines().stream().filter(l -> !l.isBlank()).findFirst().orElse("").strip();
                tests.add(dynamicTest(b.where() + " " + first, URI.create(file.toUri() + "?line=" + b.line()), () -> {
                    String errors = problems.stream().filter(p -> p.block() == b)
                            .map(p -> doc + ":" + p.docLine() + ": " + p.message()).collect(Collectors.joining("\n"));
                    if (!errors.isEmpty()) {
                        throw new AssertionFailedError("the java block at " + b.where() + " does not compile:\n" + errors);
                    }
                }));
            }
            tests.add(dynamicTest(doc + ": the class its fragments make compiles", () -> {
                String errors = problems.stream().filter(p -> p.block() == null && p.doc().equals(doc))
                        .map(JavaSnippets.Problem::message).collect(Collectors.joining("\n"));
                if (!errors.isEmpty()) {
                    throw new AssertionFailedError(doc + ": " + errors);
                }
            }));
            return dynamicContainer(doc, file.toUri(), tests.stream());
        });
    }

    /**
     * What the fragments import: every public type of the modules' main sources by name, so that
     * they win over the JDK packages imported on demand ({@code dev.baton.store.client.WatchEvent}
     * over {@code java.nio.file.WatchEvent}); of two types with one name, the first module's
     * (baton-core's {@code SectionHeader} rather than baton-qemu's).
     */
    static List<String> imports() {
        Map<String, String> byName = new LinkedHashMap<>();
        for (String module : MODULES) {
            Path src = REPO.resolve(module).resolve("src/main/java");
            try (Stream<Path> files = Files.walk(src)) {
                for (Path f : files.filter(p -> p.toString().endsWith(".java")).sorted().toList()) {
                    String name = f.getFileName().toString().replace(".java", "");
                    if (PUBLIC_TYPE.matcher(Files.readString(f)).find() && !byName.containsKey(name)) {
                        byName.put(name, src.relativize(f.getParent()).toString().replace('/', '.') + "." + name);
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return List.copyOf(byName.values());
    }

    /** Console examples are console blocks: a block of another kind with {@code $ } prompts would never run. */
    @Test
    void everyExampleWithPromptsIsAConsoleBlock() {
        List<String> wrong = new ArrayList<>();
        for (Path file : Markdown.documents(REPO)) {
            for (Markdown.Fence f : Markdown.fences(REPO, file)) {
                if (!f.language().equals("console") && f.lines().stream().anyMatch(l -> l.startsWith("$ "))) {
                    wrong.add(f.where() + " (```" + f.language() + ")");
                }
            }
        }
        assertThat(wrong).as("blocks with '$ ' prompts that are not ```console (mark them console, with a docs-test "
                + "skip hint and its reason if they cannot run)").isEmpty();
    }
}
