package dev.baton.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a run loads: no library and no command it does not use, since every class loaded is start-up
 * time (docs/PERFORMANCE.md, Start-up). Read from the JVM's own log of the classes it loaded.
 */
class ClassLoadingIT {
    private static final Path FIXTURES = Path.of(System.getProperty("qemu.fixtures", "../baton-qemu/src/test/resources/qemu"));
    /** Jackson, the progress bar and the JDK's JLine console: each loaded only by what uses it. */
    private static final List<String> LIBRARIES = List.of("com.fasterxml.", "me.tongfei.", "jdk.internal.org.jline.");

    @TempDir
    Path dir;

    private List<String> loadedBy(String... args) throws IOException {
        Path log = dir.resolve("classes.log");
        Baton.Result r = Baton.run(List.of("-Xlog:class+load=info:file=" + log + ":none"), null, args);
        assertThat(r.exit()).as(r.err()).isZero();
        try (var lines = Files.lines(log)) {
            return lines.map(line -> line.split(" ", 2)[0]).toList();
        }
    }

    /** The command classes that a run loaded, {@code BatonCommand} aside. */
    private static List<String> commands(List<String> loaded) {
        return loaded.stream().filter(c -> c.startsWith("dev.baton.cli.") && c.endsWith("Command"))
                .filter(c -> !c.equals(BatonCommand.class.getName())).toList();
    }

    /**
     * The commands under {@code xen}, {@code migrate}, {@code qemu} and {@code store} that a run
     * loaded. Only the named command's are: the top-level command classes are loaded to find the
     * named one (loading is not building), but their annotations, which name their own
     * subcommands, are read only for the one named.
     */
    private static List<String> nestedCommands(List<String> loaded) {
        List<String> top = BatonCommand.Subcommand.ALL.stream().map(sub -> sub.type().getName()).toList();
        return commands(loaded).stream().filter(c -> !top.contains(c)).toList();
    }

    @Test
    void versionBuildsNoCommandAndLoadsNoLibrary() throws IOException {
        List<String> loaded = loadedBy("--version");
        assertThat(loaded).contains(BatonCommand.class.getName(), VersionProvider.class.getName());
        // picocli's model of the command is not built: its interfaces may be loaded, its classes are not
        assertThat(loaded).doesNotContain("picocli.CommandLine", "picocli.CommandLine$Model$CommandSpec");
        assertThat(commands(loaded)).isEmpty();
        assertThat(loaded).noneMatch(c -> LIBRARIES.stream().anyMatch(c::startsWith));
    }

    @Test
    void inspectLoadsNoOtherCommandsSubcommandsAndNoLibrary() throws IOException {
        Path stream = dir.resolve("sample.baton");
        assertThat(Baton.run("sample", stream.toString()).exit()).isZero();
        List<String> loaded = loadedBy("inspect", stream.toString());
        assertThat(loaded).contains(InspectCommand.class.getName());
        assertThat(nestedCommands(loaded)).isEmpty();
        assertThat(loaded).noneMatch(c -> LIBRARIES.stream().anyMatch(c::startsWith));
    }

    @Test
    void qemuAnalyzeDrawsNoBarSoLoadsNoProgressBar() throws IOException {
        Path stream = dir.resolve("pc.mig");
        try (InputStream in = new GZIPInputStream(Files.newInputStream(FIXTURES.resolve("pc.mig.gz")))) {
            Files.write(stream, in.readAllBytes());
        }
        List<String> loaded = loadedBy("qemu", "analyze", stream.toString());
        assertThat(loaded).contains(Progress.class.getName());
        assertThat(loaded).noneMatch(c -> c.startsWith("me.tongfei.") || c.startsWith("jdk.internal.org.jline."));
        assertThat(nestedCommands(loaded)).allMatch(c -> c.startsWith("dev.baton.cli.qemu."))
                .contains("dev.baton.cli.qemu.QemuAnalyzeCommand");
    }
}
