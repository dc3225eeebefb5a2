package dev.baton.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import picocli.CommandLine;

/**
 * What every command of the tree has, found by walking picocli's model of the real command line,
 * so that a command added tomorrow is tested the day it is added: {@code --help} and
 * {@code --version}, and {@code -} for every FILE it reads or writes.
 */
class EveryCommandIT {
    /** The labels of arguments that name files: FILE, and the files of convert, encode and check. */
    private static final Pattern FILE_LABEL = Pattern.compile("(^|\\W)(FILE|IN|OUT|OLD|NEW|NEWER|JAR)(\\W|$)");
    /** A small migration sample: an 8 MiB region, 200 sessions. */
    private static final List<String> SMALL = List.of("-Dbaton.sample.mib=8", "-Dbaton.sample.sessions=200");
    private static final Path QEMU = Path.of(System.getProperty("qemu.fixtures", "../baton-qemu/src/test/resources/qemu"));

    @TempDir
    static Path dir;
    /** Every file the recipes read: a Baton sample stream, a QEMU stream, a Xen stream, keys. */
    private static Path sample;
    private static Path qemu;
    private static Path xen;

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

    @BeforeAll
    static void files() throws Exception {
        sample = dir.resolve("s.baton");
        assertThat(Baton.run("sample", sample.toString()).exit()).isZero();
        qemu = dir.resolve("pc.mig");
        try (InputStream in = new GZIPInputStream(Files.newInputStream(QEMU.resolve("pc.mig.gz")))) {
            Files.write(qemu, in.readAllBytes());
        }
        xen = XenVectors.asFile(dir, "libxc-hvm-v2");
        TlsKeys.make(dir);
    }

    @Test
    void theWalkFindsTheWholeTree() {
        assertThat(commands()).contains("", "help", "inspect", "verify", "decode", "encode", "sample", "schema",
                "convert", "check", "xen",
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

    /**
     * An option no command has is a usage error: one line naming the command, pointing to its
     * {@code --help}, exit 2, nothing on standard output. (A command whose required arguments are
     * missing too may name those first: either is the one line.)
     */
    @ParameterizedTest(name = "baton {0} --no-such-option")
    @MethodSource("commands")
    void everyCommandRefusesAnUnknownOption(String command) {
        Baton.Result r = Baton.run(args(command, "--no-such-option"));
        assertThat(r.exit()).as(r.all()).isEqualTo(2);
        assertThat(r.out()).isEmpty();
        String name = ("baton " + command).strip();
        assertThat(r.err().lines()).as(r.err()).singleElement()
                .satisfies(line -> assertThat(line).startsWith(name + ": ").endsWith(" (see '" + name + " --help')"));
    }

    /**
     * Every argument that names a file, as {@code "command --option"} or {@code "command LABEL"}.
     * The store's commands are left out: their files are named as the store process sees them.
     */
    static Stream<String> fileArguments() {
        List<String> found = new ArrayList<>();
        fileArguments(BatonCommand.commandLine(), "", found);
        return found.stream();
    }

    private static void fileArguments(CommandLine cl, String path, List<String> found) {
        for (CommandLine.Model.OptionSpec o : cl.getCommandSpec().options()) {
            if (FILE_LABEL.matcher(o.paramLabel()).find()) {
                found.add(path + " " + o.longestName());
            }
        }
        for (CommandLine.Model.PositionalParamSpec p : cl.getCommandSpec().positionalParameters()) {
            if (FILE_LABEL.matcher(p.paramLabel()).find()) {
                found.add(path + " " + p.paramLabel());
            }
        }
        for (Map.Entry<String, CommandLine> sub : cl.getSubcommands().entrySet()) {
            if (sub.getKey().equals(sub.getValue().getCommandName()) && !sub.getKey().equals("store")) {
                fileArguments(sub.getValue(), (path + " " + sub.getKey()).strip(), found);
            }
        }
    }

    @Test
    void theWalkFindsEveryFileArgument() {
        assertThat(fileArguments()).contains("inspect FILE", "inspect --quirks", "verify --quirks",
                "migrate receive --quirks", "convert IN", "convert OUT", "convert --from", "convert --to", "check OLD",
                "check NEW", "check NEWER", "check --chain", "decode FILE", "encode IN", "encode OUT",
                "xen convert IN", "xen convert OUT", "migrate send --to", "migrate receive --from",
                "migrate send --tls-key");
    }

    @Test
    void everyFileArgumentSaysItTakesDash() {
        List<String> silent = new ArrayList<>();
        saysItTakesDash(BatonCommand.commandLine(), silent);
        assertThat(silent).as("file arguments whose help does not say they take -").isEmpty();
    }

    private static void saysItTakesDash(CommandLine cl, List<String> silent) {
        for (CommandLine.Model.ArgSpec arg : cl.getCommandSpec().args()) {
            if (FILE_LABEL.matcher(arg.paramLabel()).find()
                    && !String.join(" ", arg.description()).matches("(?s).*- for\\s+standard\\s+(input|output).*")) {
                silent.add(cl.getCommandSpec().qualifiedName() + " " + arg.paramLabel());
            }
        }
        cl.getSubcommands().values().stream().filter(sub -> !sub.getCommandName().equals("store"))
                .forEach(sub -> saysItTakesDash(sub, silent));
    }

    /** How to run one file argument with {@code -}, and what shows it read or wrote the right thing. */
    private interface Recipe {
        void run() throws Exception;
    }

    private static final Map<String, Recipe> RECIPES = new HashMap<>();

    static {
        RECIPES.put("sample FILE", () -> {
            Path out = dir.resolve("sample-stdout.baton");
            assertThat(Baton.run(List.of(), null, out, "sample", "-").exit()).isZero();
            assertThat(Baton.run("verify", out.toString()).out()).contains("valid: 10 records");
        });
        RECIPES.put("inspect FILE", () -> assertThat(stdin(sample, "inspect", "-").out())
                .contains("file      <stdin>", "sample.counters/0 v1"));
        for (String command : List.of("inspect", "verify")) { // one --quirks option, the same for both
            RECIPES.put(command + " --quirks", () -> {
                Path quirks = Files.writeString(dir.resolve(command + "-quirks.json"), "[]");
                assertThat(stdin(quirks, command, "--quirks", "-", sample.toString()).out()).contains("10 records");
                Path notQuirks = Files.writeString(dir.resolve(command + "-not-quirks.json"), "{");
                Baton.Result bad = Baton.run(List.of(), notQuirks, command, "--quirks", "-", sample.toString());
                // bad input, as a stream that does not decode: exit 1, one line naming the file and what is wrong
                assertThat(bad.exit()).as(bad.all()).isEqualTo(1);
                assertThat(bad.out()).isEmpty();
                assertThat(bad.err()).isEqualTo("baton " + command + ": <stdin> is not a quirks file: expected a string"
                        + " key at character 1\n");
            });
        }
        RECIPES.put("migrate receive --quirks", () -> {
            Path file = dir.resolve("for-quirks.baton");
            assertThat(Baton.run(SMALL, null, "migrate", "send", "--to", file.toString()).exit()).isZero();
            Path quirks = Files.writeString(dir.resolve("receive-quirks.json"), "[]");
            Baton.Result r = Baton.run(SMALL, quirks, "migrate", "receive", "--from", file.toString(), "--quirks", "-");
            assertThat(r.exit()).as(r.all()).isZero();
            assertThat(r.out()).contains("activated baton-sample");
            Path notQuirks = Files.writeString(dir.resolve("receive-not-quirks.json"), "{\"producer\": \"x\"}");
            Baton.Result bad = Baton.run(SMALL, notQuirks, "migrate", "receive", "--from", file.toString(), "--quirks",
                    "-");
            assertThat(bad.exit()).as(bad.all()).isEqualTo(1);
            assertThat(bad.out()).isEmpty();
            assertThat(bad.err()).isEqualTo("baton migrate receive: <stdin> is not a quirks file: quirks must be a "
                    + "JSON array\n");
        });
        // baton's own jar lists baton-store's release 2.0; the golden streams are the store's releases'
        Path golden = Path.of("../baton-store/src/test/resources/golden/store");
        String two = "dev.baton.store.state.StoreRelease2";
        String one = "dev.baton.store.state.StoreRelease1";
        RECIPES.put("convert IN", () -> {
            Path out = dir.resolve("convert-from-stdin.baton");
            assertThat(stdin(golden.resolve("2.0/store.baton"), "convert", "--from", two, "--to", one, "--profile", "1.0",
                    "-", out.toString()).out()).startsWith("<stdin> -> " + out);
            assertThat(Baton.run("verify", out.toString()).out()).contains("valid: ");
        });
        RECIPES.put("convert OUT", () -> {
            Path out = dir.resolve("convert-to-stdout.baton");
            Baton.Result r = Baton.run(List.of(), null, out, "convert", "--from", one, "--to", two,
                    golden.resolve("1.0/store.baton").toString(), "-");
            assertThat(r.exit()).as(r.err()).isZero();
            assertThat(Baton.unwrap(r.err())).contains(" -> <stdout>: 5 sections");
            assertThat(Baton.run("verify", out.toString()).out()).contains("valid: ");
        });
        RECIPES.put("convert --from", () -> assertThat(Baton.unwrap(stdin(Baton.jar(), "convert", "--from", "-", "--to",
                one, "--profile", "1.0", golden.resolve("2.0/store.baton").toString(), dir.resolve("from-jar.baton")
                .toString()).out())).contains("5 sections of release <stdin> written for release " + one));
        RECIPES.put("convert --to", () -> assertThat(Baton.unwrap(stdin(Baton.jar(), "convert", "--from", one, "--to",
                "-", golden.resolve("1.0/store.baton").toString(), dir.resolve("to-jar.baton").toString()).out()))
                .contains("written for release <stdin>, profile 2.0"));
        RECIPES.put("verify FILE", () -> assertThat(stdin(sample, "verify", "-").out()).startsWith("<stdin>: valid"));
        RECIPES.put("schema CLASS|JAR|DIR", () -> assertThat(stdin(Baton.jar(), "schema", "-").out())
                .contains("\"descriptions\""));
        // gzipped dumps, told by their first octets: standard input has no name ending in .gz
        Path older = QEMU.resolve("vmstate/pc-i440fx-2.12.json.gz");
        Path newer = QEMU.resolve("vmstate/pc-q35-7.2.json.gz");
        RECIPES.put("check OLD", () -> assertThat(stdin(older, "check", "-", newer.toString()).out())
                .contains("compatible (both)"));
        RECIPES.put("check NEW", () -> assertThat(stdin(newer, "check", older.toString(), "-").out())
                .contains("compatible (both)"));
        RECIPES.put("check NEWER", () -> assertThat(stdin(newer, "check", "a=" + older, "b=" + newer, "c=-").out())
                .contains("from c", "compatible (both, 3 releases): 6 pairs"));
        RECIPES.put("check --chain", () -> {
            Path list = Files.writeString(dir.resolve("releases.txt"), "2.12 " + older + "\n7.2 " + newer + "\n");
            assertThat(stdin(list, "check", "--chain", "-").out()).contains("from 2.12", "from 7.2",
                    "compatible (both, 2 releases): 2 pairs");
        });
        RECIPES.put("decode FILE", () -> assertThat(stdin(sample, "decode", "-").out())
                .isEqualTo(Baton.run("decode", sample.toString()).out()));
        RECIPES.put("encode IN", () -> {
            Path doc = Files.writeString(dir.resolve("sample.json"), Baton.run("decode", sample.toString()).out());
            Path out = dir.resolve("from-stdin.baton");
            assertThat(stdin(doc, "encode", "-", out.toString()).err()).startsWith("wrote ");
            assertThat(Files.mismatch(out, sample)).isEqualTo(-1);
        });
        RECIPES.put("encode OUT", () -> {
            Path doc = Files.writeString(dir.resolve("sample-out.json"), Baton.run("decode", sample.toString()).out());
            Path out = dir.resolve("to-stdout.baton");
            Baton.Result r = Baton.run(List.of(), null, out, "encode", doc.toString(), "-");
            assertThat(r.exit()).as(r.err()).isZero();
            assertThat(Files.mismatch(out, sample)).isEqualTo(-1);
        });
        RECIPES.put("xen inspect FILE", () -> assertThat(stdin(xen, "xen", "inspect", "-").out())
                .contains("file      <stdin>", "libxc migration stream, version 2"));
        RECIPES.put("xen verify FILE", () -> assertThat(stdin(xen, "xen", "verify", "-").out())
                .startsWith("<stdin>: valid: libxc v2"));
        RECIPES.put("xen convert IN", () -> {
            Path out = dir.resolve("from-stdin.v3");
            assertThat(stdin(xen, "xen", "convert", "--to", "v3", "-", out.toString()).out())
                    .startsWith("<stdin> -> " + out);
            assertThat(Baton.run("xen", "verify", out.toString()).out()).contains("valid: libxc v3");
        });
        RECIPES.put("xen convert OUT", () -> {
            Path out = dir.resolve("to-stdout.v3");
            Baton.Result r = Baton.run(List.of(), null, out, "xen", "convert", "--to", "v3", xen.toString(), "-");
            assertThat(r.exit()).as(r.err()).isZero();
            assertThat(Baton.run("xen", "verify", out.toString()).out()).contains("valid: libxc v3");
        });
        RECIPES.put("qemu analyze FILE", () -> assertThat(stdin(qemu, "qemu", "analyze", "-").out())
                .isEqualTo(Baton.run("qemu", "analyze", qemu.toString()).out()));
        RECIPES.put("qemu verify FILE", () -> assertThat(stdin(qemu, "qemu", "verify", "-").out())
                .startsWith("<stdin>: valid: QEMU savevm v3"));
        RECIPES.put("migrate send --to", () -> {
            Path out = dir.resolve("migration-stdout.baton");
            Baton.Result r = Baton.run(SMALL, null, out, "migrate", "send", "--to", "-");
            assertThat(r.exit()).as(r.err()).isZero();
            assertThat(Baton.run("verify", out.toString()).out()).contains("valid: ");
        });
        RECIPES.put("migrate receive --from", () -> {
            Path file = dir.resolve("migration.baton");
            assertThat(Baton.run(SMALL, null, "migrate", "send", "--to", file.toString()).exit()).isZero();
            Baton.Result r = Baton.run(SMALL, file, "migrate", "receive", "--from", "-");
            assertThat(r.exit()).as(r.err()).isZero();
            assertThat(r.out()).contains("activated baton-sample");
        });
        // TLS: a send that loads its keys, says whose they are, and finds no target (exit 2); a
        // receive that loads its keys, says whose they are, and waits a second for a source
        Map<String, String> send = new java.util.LinkedHashMap<>(Map.of("--tls-key", "source.p12",
                "--tls-trust", "target.crt", "--tls-password-file", "password"));
        for (String option : send.keySet()) {
            RECIPES.put("migrate send " + option, () -> assertThat(tls(send, option, "send", "--to", "127.0.0.1:1")
                    .out()).contains("over TLS as CN=baton-source"));
            RECIPES.put("migrate receive " + option, () -> assertThat(tls(send, option, "receive", "--listen", "0",
                    "--accept-timeout", "1").out()).contains("(TLS, as CN=baton-source)"));
        }
        Map<String, String> pem = Map.of("--tls-key", "target-key.pem", "--tls-cert", "target.crt", "--tls-trust",
                "source.crt");
        RECIPES.put("migrate send --tls-cert", () -> assertThat(tls(pem, "--tls-cert", "send", "--to", "127.0.0.1:1")
                .out()).contains("over TLS as CN=baton-target"));
        RECIPES.put("migrate receive --tls-cert", () -> assertThat(tls(pem, "--tls-cert", "receive", "--listen", "0",
                "--accept-timeout", "1").out()).contains("(TLS, as CN=baton-target)"));
    }

    /** Runs {@code args} with {@code file} as standard input; it must succeed. */
    private static Baton.Result stdin(Path file, String... args) {
        Baton.Result r = Baton.run(List.of(), file, args);
        assertThat(r.exit()).as(r.all()).isZero();
        return r;
    }

    /** {@code baton migrate COMMAND} with the TLS {@code options}, the one named {@code dash} read from standard input. */
    private static Baton.Result tls(Map<String, String> options, String dash, String command, String... more)
            throws IOException {
        List<String> args = new ArrayList<>(List.of("migrate", command));
        args.addAll(List.of(more));
        options.forEach((option, file) -> args.addAll(List.of(option, option.equals(dash) ? "-" : dir.resolve(file)
                .toString())));
        Baton.Result r = Baton.run(SMALL, dir.resolve(options.get(dash)), args.toArray(String[]::new));
        assertThat(r.exit()).as(r.all()).isEqualTo(2); // no target, or no source within a second
        assertThat(r.err()).doesNotContain("no such file");
        return r;
    }

    @ParameterizedTest(name = "baton {0} -")
    @MethodSource("fileArguments")
    void everyFileArgumentTakesDash(String argument) throws Exception {
        Recipe recipe = RECIPES.get(argument);
        assertThat(recipe).as("a test of - for " + argument + ": add it to RECIPES").isNotNull();
        recipe.run();
    }

    @Test
    void standardInputIsReadOnce() {
        Baton.Result r = Baton.run(List.of(), QEMU.resolve("vmstate/pc-q35-7.2.json.gz"), "check", "-", "-");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).isEqualTo("baton check: I/O error: standard input can be read once: only one FILE can be -\n");
    }
}
