package dev.baton.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** How {@code baton} starts: the table it finds the named command in, and {@code --version} without picocli. */
class BatonCommandTest {

    @Test
    void eachSubcommandIsNamedAsItsAnnotationNamesIt() {
        for (BatonCommand.Subcommand sub : BatonCommand.Subcommand.ALL) {
            assertThat(sub.type().getAnnotation(Command.class).name()).as(sub.type().getName()).isEqualTo(sub.name());
        }
    }

    @Test
    void helpListsEverySubcommandOfTheTableInItsOrderThenHelpAndANamedOneIsBuiltAlone() {
        List<String> expected = new ArrayList<>();
        BatonCommand.Subcommand.ALL.forEach(sub -> expected.add(sub.name()));
        expected.add("help");
        assertThat(BatonCommand.commandLine("--help").getSubcommands().keySet()).containsExactlyElementsOf(expected);
        assertThat(BatonCommand.commandLine("qemu", "analyze").getSubcommands().keySet()).containsExactly("qemu");
    }

    @Test
    void versionPrintsWhatPicocliPrintsForIt() {
        StringWriter picocli = new StringWriter();
        CommandLine cl = BatonCommand.commandLine("--help").setOut(new PrintWriter(picocli));
        assertThat(cl.execute("--version")).isZero();

        for (String option : List.of("--version", "-V")) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            PrintStream before = System.out;
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            int exit;
            try {
                exit = BatonCommand.run(option);
            } finally {
                System.setOut(before);
            }
            assertThat(exit).as(option).isZero();
            assertThat(out.toString(StandardCharsets.UTF_8)).as(option).isEqualTo(picocli.toString())
                    .startsWith("baton ").contains("stream format versions");
        }
    }
}
