package dev.baton.cli.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** How the docs test makes Java blocks compilable (CONTRIBUTING.md, "Java in the documents"), on small cases. */
class JavaSnippetsTest {
    private static final String CLASSPATH = System.getProperty("surefire.test.class.path",
            System.getProperty("java.class.path"));

    private static Markdown.Fence java(int line, String... lines) {
        return new Markdown.Fence("X.md", line, "java", "", List.of(lines));
    }

    @Test
    void aFragmentsLeadingDeclarationsAreMembersAndTheRestStatements() {
        assertThat(JavaSnippets.declarationLines(List.of(
                "class Disk { long id; }   // a comment with a ; and a {",
                "",
                "@Deprecated",
                "static final String S = \"x;}\" + m(() -> { return 1; });",
                "void run() {",
                "    int a = 1;",
                "}",
                "Disk d = new Disk();",
                "static int notAMemberAnyMore;"))).isEqualTo(7);
        assertThat(JavaSnippets.declarationLines(List.of("try (var x = open()) {", "}"))).isZero();
        assertThat(JavaSnippets.declarationLines(List.of("static final int[] A = {1, 2};", "go(A);"))).isEqualTo(1);
    }

    private static Markdown.Fence console(int line) {
        return new Markdown.Fence("X.md", line, "console", "", List.of("$ javac -d classes src/a/*.java"));
    }

    @Test
    void aDocumentsFilesCompileAsTheyStandWhenItsCommandsRunEachReleaseOfAFileWithItsNeighbours() {
        // release 1 of A and B; then A's release 2, which needs C, written before the next command
        Markdown.Fence a1 = java(10, "// src/a/A.java", "package a;", "public class A { int one = new B().b; }");
        Markdown.Fence b = java(20, "// src/a/B.java", "package a;", "public class B { int b; }");
        Markdown.Fence a2 = java(40, "// src/a/A.java", "package a;", "public class A { C two = new C(); }");
        Markdown.Fence c = java(50, "// src/a/C.java", "package a;", "public class C { }");
        Markdown.Fence test = java(70, "// src/t/ATest.java", "package a;", "class ATest { A a = new A(); int x = a.one; }");
        assertThat(a1.file()).isEqualTo("src/a/A.java");
        assertThat(java(1, "// A.java is next", "package a;").file()).isNull();
        List<Markdown.Fence> doc = List.of(a1, b, console(30), a2, c, console(60), test, console(80));
        assertThat(JavaSnippets.fileTrees(doc)).containsExactly(List.of(a1, b), List.of(a2, b, c, test));
        // two releases of A compile, each beside its own B and C; the test, written for release 1, fails with 2
        List<JavaSnippets.Problem> problems = JavaSnippets.compile(Map.of("X.md", doc), DocsJavaTest.imports(), CLASSPATH);
        assertThat(problems).extracting(JavaSnippets.Problem::block, JavaSnippets.Problem::docLine)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(test, 73));
    }

    @Test
    void eachDocumentsFragmentsHaveAClassOfTheirOwn() {
        assertThat(JavaSnippets.baseName("README.md")).isEqualTo("Readme");
        assertThat(JavaSnippets.baseName("docs/STORE.md")).isEqualTo("Store");
        assertThat(JavaSnippets.baseName("examples/README.md")).isEqualTo("ExamplesReadme");
        assertThat(JavaSnippets.baseName("docs/GETTING-STARTED.md")).isEqualTo("GettingStarted");
    }

    @Test
    void fragmentsOfADocumentShareTheirDeclarationsAndErrorsPointAtTheDocument() {
        Markdown.Fence declares = java(10, "static final ReleaseProfiles RELEASES = ReleaseProfiles.builder()",
                "        .release(\"1.0\").release(\"2.0\").build();");
        Markdown.Fence uses = java(20, "Profile p = RELEASES.profile(\"1.0\");", "assertThat(p.name()).isEqualTo(\"1.0\");");
        Markdown.Fence wrong = java(30, "Profile p = RELEASES.profile(\"1.0\");", "int n = p.noSuchMethod();");
        Markdown.Fence unit = java(40, "import java.util.List;", "public class Whole {", "    List<String> x = 1;", "}");
        List<JavaSnippets.Problem> problems = JavaSnippets.compile(Map.of("X.md", List.of(declares, uses, wrong, unit)),
                DocsJavaTest.imports(), CLASSPATH);
        assertThat(problems).extracting(JavaSnippets.Problem::block, JavaSnippets.Problem::docLine)
                .containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple(wrong, 32),
                        org.assertj.core.groups.Tuple.tuple(unit, 43));
        assertThat(problems).allSatisfy(p -> assertThat(p.doc()).isEqualTo("X.md"));
    }
}
