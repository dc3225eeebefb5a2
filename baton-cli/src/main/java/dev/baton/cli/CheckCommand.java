package dev.baton.cli;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.baton.cli.option.InputFile;
import dev.baton.core.compat.CompatibilityChecker;
import dev.baton.core.compat.Finding;
import dev.baton.core.compat.Schema;
import dev.baton.core.json.JsonParser;
import dev.baton.qemu.vmstate.VmstateDump;
import java.io.IOException;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code baton check}: can two releases migrate to each other? Compares the description
 * documents that {@code baton schema} prints, without running either release.
 */
@Command(name = "check",
        description = {"Check two releases' state descriptions for migration compatibility: forward (OLD writes, "
                + "NEW reads: a live update) and backward (NEW writes for OLD's release profile, OLD reads: a "
                + "rollback).",
            "OLD and NEW are description documents from `baton schema`, or QEMU's -dump-vmstate JSON files "
                + "(two QEMU releases; .gz accepted).",
            "Exit 0 when compatible, 1 when a finding is an error, 2 on usage or I/O errors."})
final class CheckCommand implements Callable<Integer> {

    enum Which { forward, backward, both }

    @Parameters(index = "0", paramLabel = "OLD",
            description = "The older release's description document (a FILE); - for standard input.")
    String oldFile;

    @Parameters(index = "1", paramLabel = "NEW",
            description = "The newer release's description document (a FILE); - for standard input.")
    String newFile;

    @Option(names = "--direction", defaultValue = "both", paramLabel = "forward|backward|both",
            description = "Which way to check (default: ${DEFAULT-VALUE}).")
    Which direction;

    @Option(names = "--profile", paramLabel = "R",
            description = "The release profile NEW writes with when rolling back (OLD's release); NEW's document "
                    + "must list it. Without it, NEW writes its own versions.")
    String profile;

    @Option(names = "--json", description = "Print the findings as JSON.")
    boolean json;

    @Override
    public Integer call() throws IOException {
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
            throw new picocli.CommandLine.ParameterException(new picocli.CommandLine(this), e.getMessage());
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
                // a long finding goes on under its path, the line's last column
                String line = f.line();
                Lines.println(System.out, line, line.length() - (f.path() + ": " + f.message()).length());
            }
            System.out.println((errors == 0 ? "compatible" : "incompatible") + " (" + direction
                    + (profile != null ? ", profile " + profile : "") + "): " + errors + " errors, " + warnings
                    + " warnings, " + (findings.size() - errors - warnings) + " notes");
        }
        return errors == 0 ? 0 : ErrorHandler.BAD_INPUT;
    }

    /** A side of the check: its schema, and for a QEMU dump the machine type it was made with. */
    private record Input(Schema schema, String machine) {
    }

    private static Input read(InputFile file) throws IOException {
        String text = gunzipped(file);
        try {
            if (VmstateDump.isDump(JsonParser.parse(text))) {
                VmstateDump dump = VmstateDump.parse(text);
                return new Input(dump.schema(), dump.machine());
            }
            return new Input(Schema.parse(text), null);
        } catch (JsonParser.JsonException | IllegalArgumentException e) {
            throw new IOException(file.name() + " is neither a description document from `baton schema` nor a QEMU "
                    + "vmstate dump: " + e.getMessage());
        }
    }

    /** The file's text, gunzipped when it is gzip (told by its first two octets, not its name). */
    private static String gunzipped(InputFile file) throws IOException {
        byte[] octets = file.readAllBytes();
        if (octets.length < 2 || (octets[0] & 0xFF) != 0x1f || (octets[1] & 0xFF) != 0x8b) {
            return file.readText(octets);
        }
        try (var in = new java.util.zip.GZIPInputStream(new java.io.ByteArrayInputStream(octets))) {
            return file.readText(in.readAllBytes());
        } catch (java.util.zip.ZipException e) {
            throw new IOException(file.name() + " is not a valid gzip file: " + e.getMessage());
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
