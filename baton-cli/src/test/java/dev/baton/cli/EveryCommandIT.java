package dev.baton.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import picocli.CommandLine;

/**
 * What every command of the tree has, found by walking picocli's model of the real command line,
 * so that a command added tomorrow is tested the day it is added: {@code --help} and
 * {@code --version}.
 */
class EveryCommandIT {

    /** Every command of the tree as the words that name it ({@code "xen inspect"}), the root as "". */
    static Stream<String> commands() {
        List<String> all = new ArrayList<>();
        walk(BatonCommand.commandLine(), "", all);
        return all.stream();
    }

    private static void walk(CommandLine cl, String path, List<String> all) {
        all.add(path);
        for (Map.Entry<String, CommandLine> sub : cl.getSubcommands().entrySet()) {
            if (sub.getKey().equals(sub.getValue().getCommandName())) { // not an alias
                walk(sub.getValue(), (path + " " + sub.getKey()).strip(), all);
            }
        }
    }

    private static String[] args(String command, String... more) {
        List<String> args = new ArrayList<>(command.isEmpty() ? List.of() : List.of(command.split(" ")));
        args.addAll(List.of(more));
        return args.toArray(String[]::new);
    }

    @Test
    void theWalkFindsTheWholeTree() {
        assertThat(commands()).contains("", "help", "inspect", "verify", "sample", "schema", "check", "xen",
                "xen inspect", "xen verify", "xen convert", "xen help", "qemu", "qemu analyze", "qemu verify",
                "qemu help", "migrate", "migrate send", "migrate receive", "migrate help");
    }

    @ParameterizedTest(name = "baton {0} --help")
    @MethodSource("commands")
    void everyCommandTakesHelp(String command) {
        Baton.Result r = Baton.run(args(command, "--help"));
        assertThat(r.exit()).as(r.all()).isZero();
        assertThat(r.err()).isEmpty();
        // picocli's help command says what it is before its usage line
        assertThat(r.out()).contains(("Usage: baton " + command).strip() + " [")
                .contains("-h, --help", "-V, --version");
    }

    @ParameterizedTest(name = "baton {0} --version")
    @MethodSource("commands")
    void everyCommandTakesVersion(String command) {
        Baton.Result r = Baton.run(args(command, "--version"));
        assertThat(r.exit()).as(r.all()).isZero();
        assertThat(r.err()).isEmpty();
        assertThat(r.out()).startsWith("baton " + VersionProvider.version() + "\n")
                .contains("stream format versions [1, 1]").hasLineCount(2);
    }
}
