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
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.opentest4j.AssertionFailedError;

/**
 * Every {@code ```java} block of README.md and docs/*.md compiles against the modules it shows
 * (CONTRIBUTING.md, "Java in the documents"), and the documents follow the docs test's
 * convention: an example with {@code $ } prompts is a console block, so that it runs.
 */
class DocsJavaTest {
    /** The modules whose packages a fragment may use unqualified; where two have a type of one name, the first wins. */
    private static final List<String> MODULES = List.of("baton-core", "baton-migrate", "baton-xen", "baton-store",
            "baton-qemu", "baton-testkit");

    private static final Path REPO = DocsIT.repo();

    /**
     * Blocks that do not compile today and are being fixed (issue 14), by document and first line:
     * a failure is reported as skipped; one that compiles fails, to be taken off this list.
     */
    static final Set<String> KNOWN_FAILING = Set.of(
            "README.md: static final StateDescription<Disk> DISK = StateDescription.<Disk>builder(\"disk\").version(3).minimumVersion(1)",
            "README.md: try (RecordWriter w = RecordWriter.open(path, WriterOptions.defaults()",
            "docs/COMPATIBILITY.md: private static final GoldenStreams KIT = GoldenStreams.in(Path.of(\"src/test/resources/golden/kv\"))",
            "docs/COMPATIBILITY.md: static final ReleaseProfiles RELEASES = ReleaseProfiles.builder()",
            "docs/COMPATIBILITY.md: Profile p = RELEASES.profile(\"1.0\");",
            "docs/COMPATIBILITY.md: Quirks quirks = Quirks.none().add(new Quirk(\"my-vmm\", \"3.0.0\", \"3.0.9\", \"disk\", 3, 1,",
            "docs/DESCRIPTIONS.md: static final StateDescription<Extent> EXTENT = StateDescription.<Extent>builder(\"extent\", Extent::new)",
            "docs/DESCRIPTIONS.md: SectionRegistry registry = new SectionRegistry()",
            "docs/MIGRATION.md: // source",
            "docs/MIGRATION.md: static final int JOURNAL = 0x4000_0010;",
            "docs/XEN.md: XenstoreImage image = XenstoreImage.read(Path.of(\"xs.dump\"));");

    /** Documents with blocks that show {@code $ } prompts but are not console blocks yet (issue 14). */
    static final Set<String> KNOWN_PROMPTS_OUTSIDE_CONSOLE = Set.of("docs/PERFORMANCE.md", "docs/XEN.md");
    private static final Pattern PUBLIC_TYPE = Pattern.compile(
            "(?m)^public\\s+(?:final\\s+|abstract\\s+|sealed\\s+|non-sealed\\s+)*(?:class|record|interface|enum|@interface)\\s");

    @TestFactory
    Stream<DynamicNode> everyJavaBlockCompiles() {
        String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        List<String> imports = imports();
        return Markdown.documents(REPO).stream().map(file -> {
            String doc = REPO.relativize(file).toString();
            List<Markdown.Fence> blocks = Markdown.fences(REPO, file).stream()
                    .filter(f -> f.language().equals("java")).toList();
            Supplier<List<JavaSnippets.Problem>> problems = memoize(() -> JavaSnippets.compile(doc, blocks, imports,
                    classpath));
            List<DynamicNode> tests = new ArrayList<>();
            for (Markdown.Fence b : blocks) {
                String first = b.lines().stream().filter(l -> !l.isBlank()).findFirst().orElse("").strip();
                tests.add(dynamicTest(b.where() + " " + first, URI.create(file.toUri() + "?line=" + b.line()), () -> {
                    String errors = problems.get().stream().filter(p -> p.block() == b)
                            .map(p -> doc + ":" + p.docLine() + ": " + p.message()).collect(Collectors.joining("\n"));
                    boolean known = KNOWN_FAILING.contains(doc + ": " + first);
                    if (known && errors.isEmpty() && problems.get().isEmpty()) {
                        throw new AssertionFailedError(b.where() + " compiles now: take it off DocsJavaTest.KNOWN_FAILING");
                    }
                    Assumptions.assumeFalse(known, () -> "known failing: " + (errors.isEmpty()
                            ? "(not checked while other blocks of the document do not compile)" : errors.lines().findFirst().orElse("")));
                    if (!errors.isEmpty()) {
                        throw new AssertionFailedError("the java block at " + b.where() + " does not compile:\n" + errors);
                    }
                }));
            }
            if (!blocks.isEmpty()) {
                tests.add(dynamicTest(doc + ": the class the fragments make compiles", () -> {
                    String errors = problems.get().stream().filter(p -> p.block() == null).map(JavaSnippets.Problem::message)
                            .collect(Collectors.joining("\n"));
                    if (!errors.isEmpty()) {
                        throw new AssertionFailedError(doc + ": " + errors);
                    }
                }));
            }
            return dynamicContainer(doc, file.toUri(), tests.stream());
        });
    }

    private static <T> Supplier<T> memoize(Supplier<T> s) {
        Map<String, T> once = new HashMap<>();
        return () -> once.computeIfAbsent("", k -> s.get());
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
                if (!f.language().equals("console") && f.lines().stream().anyMatch(l -> l.startsWith("$ "))
                        && !KNOWN_PROMPTS_OUTSIDE_CONSOLE.contains(f.doc())) {
                    wrong.add(f.where() + " (```" + f.language() + ")");
                }
            }
        }
        assertThat(wrong).as("blocks with '$ ' prompts that are not ```console (mark them console, with a docs-test "
                + "skip hint and its reason if they cannot run)").isEmpty();
    }
}
