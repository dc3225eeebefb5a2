package dev.baton.cli;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.baton.cli.option.BadInputException;
import dev.baton.cli.option.InputFile;
import dev.baton.core.compat.CompatibilityChecker;
import dev.baton.core.compat.Finding;
import dev.baton.core.compat.ReleaseChain;
import dev.baton.core.compat.Schema;
import dev.baton.core.json.JsonParser;
import dev.baton.core.wire.Plural;
import dev.baton.core.wire.Utf8;
import dev.baton.qemu.vmstate.VmstateDump;
import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code baton check}: can two releases migrate to each other? Compares the description
 * documents that {@code baton schema} prints, without running either release. Given more
 * releases, or a chain file, it checks every pair of them into one matrix (core's
 * {@link ReleaseChain}).
 */
@Command(name = "check",
        description = {"Check two releases' state descriptions for migration compatibility: forward (OLD writes, "
                + "NEW reads: a live update) and backward (NEW writes for OLD's release profile, OLD reads: a "
                + "rollback).",
            "OLD and NEW are description documents from `baton schema`, or QEMU's -dump-vmstate JSON files "
                + "(two QEMU releases; .gz accepted).",
            "Given three releases or more (OLD NEW NEWER...), or --chain, it checks every pair a user could meet: "
                + "each older release to each newer one, and each newer one back to each older one under that "
                + "release's profile; it prints the findings of each pair and one matrix.",
            "Exit 0 when compatible, 1 when a finding is an error or a file is neither, 2 on usage or I/O errors."})
final class CheckCommand implements Callable<Integer> {

    enum Which { forward, backward, both }

    @Parameters(index = "0", arity = "0..1", paramLabel = "OLD",
            description = "The older release's description document (a FILE); - for standard input. In a chain, "
                    + "[NAME=]FILE.")
    String oldFile;

    @Parameters(index = "1", arity = "0..1", paramLabel = "NEW",
            description = "The newer release's description document (a FILE); - for standard input. In a chain, "
                    + "[NAME=]FILE.")
    String newFile;

    @Parameters(index = "2..*", paramLabel = "NEWER",
            description = "Newer releases still, each newer than the one before: the releases are checked as a "
                    + "chain. Each is [NAME=]FILE: NAME is the release profile newer releases write for it (default: "
                    + "the file's name less .json and .gz); - for standard input.")
    List<String> newer = new ArrayList<>();

    @Option(names = "--chain", paramLabel = "FILE",
            description = "Check the chain of releases a file lists, oldest first, one a line: NAME FILE (a path "
                    + "relative to the chain file's folder); # starts a comment; - for standard input.")
    String chain;

    @Option(names = "--direction", defaultValue = "both", paramLabel = "forward|backward|both",
            description = "Which way to check (default: ${DEFAULT-VALUE}).")
    Which direction;

    @Option(names = "--profile", paramLabel = "R",
            description = "The release profile NEW writes with when rolling back (OLD's release); NEW's document "
                    + "must list it. Without it, NEW writes its own versions.")
    String profile;

    @Option(names = "--json", description = "Print the findings as JSON.")
    boolean json;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws IOException, BadInputException {
        try {
            return check();
        } catch (BadInputException e) { // a file that is not what check compares: said in the document too
            if (json) {
                ObjectNode o = JsonOutput.object().put("compatible", false);
                ProblemJson.putError(o, e.getMessage());
                JsonOutput.print(o);
            }
            throw e;
        }
    }

    private int check() throws IOException, BadInputException {
        if (chain != null || !newer.isEmpty()) {
            return checkChain();
        }
        if (oldFile == null || newFile == null) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), oldFile == null
                    ? "Missing required parameters: 'OLD', 'NEW'" : "Missing required parameter: 'NEW'");
        }
        Input older = read(InputFile.of(oldFile));
        Input newer = read(InputFile.of(newFile));
        if (older.machine() != null && newer.machine() != null && !older.machine().equals(newer.machine())) {
            System.err.println("note: the dumps come from different machine types: \"" + older.machine() + "\" and \""
                    + newer.machine() + "\"");
        }
        CompatibilityChecker checker;
        try {
            checker = new CompatibilityChecker(older.schema(), newer.schema(), profile);
        } catch (IllegalArgumentException e) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
        Set<Finding.Direction> which = directions();
        List<Finding> findings = checker.check(which);
        long errors = findings.stream().filter(f -> f.severity() == Finding.Severity.ERROR).count();
        long warnings = findings.stream().filter(f -> f.severity() == Finding.Severity.WARNING).count();
        if (json) {
            printJson(findings, which, errors == 0);
        } else {
            findings.forEach(CheckCommand::print);
            System.out.println((errors == 0 ? "compatible" : "incompatible") + " (" + direction
                    + (profile != null ? ", profile " + profile : "") + "): " + Plural.count(errors, "error") + ", "
                    + Plural.count(warnings, "warning") + ", "
                    + Plural.count(findings.size() - errors - warnings, "note"));
        }
        return errors == 0 ? 0 : ErrorHandler.BAD_INPUT;
    }

    /** A side of the check: its schema, and for a QEMU dump the machine type it was made with. */
    private record Input(Schema schema, String machine) {
    }

    /** The largest document read: QEMU's dumps are some 1 MiB, description documents smaller. */
    static final int LARGEST = 64 << 20;

    /** A file that is not what check compares: bad input (exit 1), in one line naming the file. */
    private static BadInputException notADocument(InputFile file, String why) {
        return new BadInputException(file.name() + " is neither a description document from `baton schema` nor a QEMU "
                + "vmstate dump: " + why);
    }

    /**
     * The file's schema. It is gunzipped when its name ends in .gz or its first two octets are
     * gzip's (standard input has no name).
     */
    private static Input read(InputFile file) throws IOException, BadInputException {
        byte[] octets;
        try (InputStream in = new BufferedInputStream(file.open())) {
            in.mark(2);
            boolean gzip = file.name().endsWith(".gz") || in.read() == 0x1f && in.read() == 0x8b;
            in.reset();
            try (InputStream maybeZipped = gzip ? new GZIPInputStream(in) : in) {
                octets = maybeZipped.readNBytes(LARGEST + 1);
            } catch (ZipException | EOFException e) { // not gzip, or cut short
                throw notADocument(file, "its gzip compression is broken (" + e.getMessage() + ")");
            }
        }
        if (octets.length > LARGEST) {
            throw notADocument(file, "it is larger than " + (LARGEST >> 20) + " MiB");
        }
        String text = Utf8.decode(ByteBuffer.wrap(octets), 0, octets.length);
        if (text == null) {
            throw notADocument(file, "it is not UTF-8 text");
        }
        try {
            if (VmstateDump.isDump(JsonParser.parse(text))) {
                VmstateDump dump = VmstateDump.parse(text);
                return new Input(dump.schema(), dump.machine());
            }
            return new Input(Schema.parse(text), null);
        } catch (JsonParser.JsonException | IllegalArgumentException e) {
            throw notADocument(file, e.getMessage());
        }
    }

    private void printJson(List<Finding> findings, Set<Finding.Direction> which, boolean compatible) throws IOException {
        printJson(which, compatible, g -> {
            if (profile != null) {
                g.writeStringField("profile", profile);
            }
            writeFindings(g, findings);
        });
    }

    /** What the JSON of a verdict is made of after its first two keys. */
    private interface Rest {
        void write(JsonGenerator g) throws IOException;
    }

    /** Prints {@code {"compatible", "directions", ...rest}}, one document on standard output. */
    private static void printJson(Set<Finding.Direction> which, boolean compatible, Rest rest) throws IOException {
        try (JsonGenerator g = new JsonFactory().createGenerator(System.out, JsonEncoding.UTF8)
                .disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET).useDefaultPrettyPrinter()) {
            g.writeStartObject();
            g.writeBooleanField("compatible", compatible);
            g.writeArrayFieldStart("directions");
            for (Finding.Direction d : which) {
                g.writeString(d.label());
            }
            g.writeEndArray();
            rest.write(g);
            g.writeEndObject();
        }
        System.out.println();
    }

    private static void writeFindings(JsonGenerator g, List<Finding> findings) throws IOException {
        g.writeArrayFieldStart("findings");
        for (Finding f : findings) {
            g.writeStartObject();
            g.writeStringField("direction", f.direction().label());
            g.writeStringField("severity", f.severity().name().toLowerCase());
            g.writeStringField("kind", f.kind().id());
            g.writeStringField("path", f.path());
            g.writeStringField("message", f.message());
            g.writeEndObject();
        }
        g.writeEndArray();
    }

    /** Prints a finding, a long one going on under its path, the line's last column. */
    private static void print(Finding f) {
        String line = f.line();
        Lines.println(System.out, line, line.length() - (f.path() + ": " + f.message()).length());
    }

    // ---- a chain of releases -------------------------------------------------------------------------

    /** One release of a chain as the command line or the chain file names it. */
    private record Named(String name, String file) {
    }

    private int checkChain() throws IOException, BadInputException {
        if (profile != null) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--profile names the profile of one "
                    + "pair: a chain checks each newer release writing for each older one under that release's "
                    + "own profile");
        }
        List<Named> named = new ArrayList<>();
        if (chain != null) {
            if (oldFile != null) {
                throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--chain lists the releases: "
                        + "give no OLD, NEW or NEWER with it");
            }
            InputFile list = InputFile.of(chain);
            List<ReleaseChain.Entry> entries;
            try {
                entries = ReleaseChain.parseList(list.readText());
            } catch (IllegalArgumentException e) {
                throw new BadInputException(list.name() + ", " + e.getMessage());
            }
            for (ReleaseChain.Entry e : entries) {
                named.add(new Named(e.name(), list.isStdin() ? e.file()
                        : java.nio.file.Path.of(chain).resolveSibling(e.file()).toString()));
            }
        } else {
            for (String argument : concat(oldFile, newFile, newer)) {
                named.add(named(argument));
            }
        }
        List<ReleaseChain.Release> releases = new ArrayList<>();
        for (Named n : named) {
            releases.add(new ReleaseChain.Release(n.name(), read(InputFile.of(n.file())).schema()));
        }
        ReleaseChain releaseChain;
        try {
            releaseChain = new ReleaseChain(releases);
        } catch (IllegalArgumentException e) {
            if (chain != null) { // what the file lists: bad input
                throw new BadInputException(InputFile.name(chain) + ": " + e.getMessage());
            }
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
        Set<Finding.Direction> which = directions();
        List<ReleaseChain.Cell> cells = releaseChain.check(which);
        boolean compatible = cells.stream().allMatch(ReleaseChain.Cell::compatible);
        if (json) {
            printChainJson(named, cells, which, compatible);
        } else {
            printChain(releases, cells, compatible);
        }
        return compatible ? 0 : ErrorHandler.BAD_INPUT;
    }

    private static List<String> concat(String first, String second, List<String> more) {
        List<String> all = new ArrayList<>(List.of(first, second));
        all.addAll(more);
        return all;
    }

    /**
     * {@code NAME=FILE}, or a FILE named by its file name less {@code .json} and {@code .gz}. A
     * name holds no {@code /}: {@code ./a=b.json} is a file.
     */
    private static Named named(String argument) {
        int eq = argument.indexOf('=');
        if (eq > 0 && argument.lastIndexOf('/', eq) < 0) {
            return new Named(argument.substring(0, eq), argument.substring(eq + 1));
        }
        if (argument.equals(InputFile.STDIN)) {
            return new Named(InputFile.name(argument), argument);
        }
        String name = java.nio.file.Path.of(argument).getFileName().toString();
        name = name.endsWith(".gz") ? name.substring(0, name.length() - 3) : name;
        name = name.endsWith(".json") ? name.substring(0, name.length() - 5) : name;
        return new Named(name, argument);
    }

    private Set<Finding.Direction> directions() {
        return switch (direction) {
            case forward -> EnumSet.of(Finding.Direction.FORWARD);
            case backward -> EnumSet.of(Finding.Direction.BACKWARD);
            case both -> EnumSet.allOf(Finding.Direction.class);
        };
    }

    /** Each pair's findings under a line naming the pair, the matrix, then the verdict. */
    private void printChain(List<ReleaseChain.Release> releases, List<ReleaseChain.Cell> cells, boolean compatible) {
        for (ReleaseChain.Cell c : cells) {
            if (c.findings().isEmpty()) {
                continue;
            }
            System.out.println(c.from().name() + " -> " + c.to().name() + ", " + c.direction().label()
                    + (c.profile() != null ? ", profile " + c.profile() : "") + ":");
            c.findings().forEach(CheckCommand::print);
        }
        int width = 4;
        for (ReleaseChain.Release r : releases) {
            width = Math.max(width, r.name().length() + 3);
        }
        for (ReleaseChain.Cell c : cells) {
            width = Math.max(width, cell(c).length());
        }
        int first = 5 + releases.stream().mapToInt(r -> r.name().length()).max().orElse(0);
        StringBuilder head = new StringBuilder(" ".repeat(first));
        for (ReleaseChain.Release r : releases) {
            head.append("  ").append(pad("to " + r.name(), width + 3));
        }
        System.out.println(head.toString().stripTrailing());
        for (ReleaseChain.Release from : releases) {
            StringBuilder row = new StringBuilder(pad("from " + from.name(), first));
            for (ReleaseChain.Release to : releases) {
                String shown = from == to ? "-" : cells.stream().filter(c -> c.from() == from && c.to() == to)
                        .findFirst().map(CheckCommand::cell).orElse("");
                row.append("  ").append(pad(shown, width + 3));
            }
            System.out.println(row.toString().stripTrailing());
        }
        long failing = cells.stream().filter(c -> !c.compatible()).count();
        System.out.println((compatible ? "compatible" : "incompatible") + " (" + direction + ", "
                + Plural.count(releases.size(), "release") + "): "
                + (compatible ? Plural.count(cells.size(), "pair") : failing + " of " + Plural.count(cells.size(), "pair")
                        + " fail")
                + "; " + Plural.count(cells.stream().mapToLong(ReleaseChain.Cell::errors).sum(), "error") + ", "
                + Plural.count(cells.stream().mapToLong(ReleaseChain.Cell::warnings).sum(), "warning") + ", "
                + Plural.count(cells.stream().mapToLong(ReleaseChain.Cell::notes).sum(), "note"));
    }

    /** A cell of the matrix in a word or two: its errors, else its warnings, else ok. */
    private static String cell(ReleaseChain.Cell c) {
        if (c.errors() > 0) {
            return Plural.count(c.errors(), "error");
        }
        return c.warnings() > 0 ? Plural.count(c.warnings(), "warning") : "ok";
    }

    private static String pad(String s, int width) {
        return s.length() >= width ? s : s + " ".repeat(width - s.length());
    }

    private static void printChainJson(List<Named> named, List<ReleaseChain.Cell> cells, Set<Finding.Direction> which,
            boolean compatible) throws IOException {
        printJson(which, compatible, g -> {
            g.writeArrayFieldStart("releases");
            for (Named n : named) {
                g.writeStartObject();
                g.writeStringField("name", n.name());
                g.writeStringField("file", InputFile.name(n.file()));
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeArrayFieldStart("matrix");
            for (ReleaseChain.Cell c : cells) {
                g.writeStartObject();
                g.writeStringField("from", c.from().name());
                g.writeStringField("to", c.to().name());
                g.writeStringField("direction", c.direction().label());
                g.writeStringField("profile", c.profile());
                g.writeBooleanField("compatible", c.compatible());
                g.writeNumberField("errors", c.errors());
                g.writeNumberField("warnings", c.warnings());
                g.writeNumberField("notes", c.notes());
                writeFindings(g, c.findings());
                g.writeEndObject();
            }
            g.writeEndArray();
        });
    }
}
