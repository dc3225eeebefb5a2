package dev.baton.cli;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.baton.core.compat.CompatibilityChecker;
import dev.baton.core.compat.Finding;
import dev.baton.core.compat.Schema;
import dev.baton.core.json.JsonParser;
import dev.baton.core.wire.InputFiles;
import dev.baton.core.wire.Plural;
import dev.baton.core.wire.Utf8;
import dev.baton.qemu.vmstate.VmstateDump;
import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
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
 * documents that {@code baton schema} prints, without running either release.
 */
@Command(name = "check", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = {"Check two releases' state descriptions for migration compatibility: forward (OLD writes, "
                + "NEW reads: a live update) and backward (NEW writes for OLD's release profile, OLD reads: a "
                + "rollback).",
            "OLD and NEW are description documents from `baton schema`, or QEMU's -dump-vmstate JSON files "
                + "(two QEMU releases; .gz accepted).",
            "Exit 0 when compatible, 1 when a finding is an error or a file is neither, 2 on usage or I/O errors."})
final class CheckCommand implements Callable<Integer> {

    enum Which { forward, backward, both }

    @Parameters(index = "0", paramLabel = "OLD", description = "The older release's description document.")
    Path oldFile;

    @Parameters(index = "1", paramLabel = "NEW", description = "The newer release's description document.")
    Path newFile;

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
    public Integer call() throws IOException {
        Input older;
        Input newer;
        try {
            older = read(oldFile);
            newer = read(newFile);
        } catch (NotADocument e) {
            System.err.println("baton check: " + e.getMessage());
            return ErrorHandler.BAD_INPUT;
        }
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
        Set<Finding.Direction> which = switch (direction) {
            case forward -> EnumSet.of(Finding.Direction.FORWARD);
            case backward -> EnumSet.of(Finding.Direction.BACKWARD);
            case both -> EnumSet.allOf(Finding.Direction.class);
        };
        List<Finding> findings = checker.check(which);
        long errors = findings.stream().filter(f -> f.severity() == Finding.Severity.ERROR).count();
        long warnings = findings.stream().filter(f -> f.severity() == Finding.Severity.WARNING).count();
        if (json) {
            printJson(findings, which, errors == 0);
        } else {
            for (Finding f : findings) {
                System.out.println(f.line());
            }
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

    /** A file that is not what check compares (bad input, exit 1); its message names the file. */
    private static final class NotADocument extends Exception {
        private static final long serialVersionUID = 1L;

        NotADocument(Path file, String why) {
            super(file + " is neither a description document from `baton schema` nor a QEMU vmstate dump: " + why);
        }
    }

    private static Input read(Path file) throws IOException, NotADocument {
        byte[] octets;
        try (var in = InputFiles.open(file)) {
            var stream = java.nio.channels.Channels.newInputStream(in);
            try (var maybeZipped = file.toString().endsWith(".gz") ? new GZIPInputStream(stream) : stream) {
                octets = maybeZipped.readNBytes(LARGEST + 1);
            } catch (ZipException | EOFException e) { // not gzip, or cut short
                throw new NotADocument(file, "its gzip compression is broken (" + e.getMessage() + ")");
            }
        }
        if (octets.length > LARGEST) {
            throw new NotADocument(file, "it is larger than " + (LARGEST >> 20) + " MiB");
        }
        String text = Utf8.decode(ByteBuffer.wrap(octets), 0, octets.length);
        if (text == null) {
            throw new NotADocument(file, "it is not UTF-8 text");
        }
        try {
            if (VmstateDump.isDump(JsonParser.parse(text))) {
                VmstateDump dump = VmstateDump.parse(text);
                return new Input(dump.schema(), dump.machine());
            }
            return new Input(Schema.parse(text), null);
        } catch (JsonParser.JsonException | IllegalArgumentException e) {
            throw new NotADocument(file, e.getMessage());
        }
    }

    private void printJson(List<Finding> findings, Set<Finding.Direction> which, boolean compatible) throws IOException {
        try (JsonGenerator g = new JsonFactory().createGenerator(System.out, JsonEncoding.UTF8)
                .disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET).useDefaultPrettyPrinter()) {
            g.writeStartObject();
            g.writeBooleanField("compatible", compatible);
            g.writeArrayFieldStart("directions");
            for (Finding.Direction d : which) {
                g.writeString(d.label());
            }
            g.writeEndArray();
            if (profile != null) {
                g.writeStringField("profile", profile);
            }
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
            g.writeEndObject();
        }
        System.out.println();
    }
}
