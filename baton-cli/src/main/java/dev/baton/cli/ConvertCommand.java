package dev.baton.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.baton.cli.option.BadInputException;
import dev.baton.cli.option.InputFile;
import dev.baton.cli.option.StreamOutput;
import dev.baton.core.compat.ConversionException;
import dev.baton.core.compat.StreamConverter;
import dev.baton.core.engine.Profile;
import dev.baton.core.json.JsonParser;
import dev.baton.core.wire.FileReplacement;
import dev.baton.core.wire.Plural;
import dev.baton.core.wire.RecordReader;
import dev.baton.core.wire.StreamFormatException;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.channels.Channels;
import java.nio.channels.WritableByteChannel;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code baton convert}: a saved stream of one release, rewritten offline as a stream another
 * release reads (core's {@link StreamConverter}), with the releases' descriptions found as
 * {@code baton schema} finds them.
 */
@Command(name = "convert",
        description = {"Convert a saved stream of one release of an application into a stream another release reads: "
                + "each section is decoded with the descriptions of the release that wrote it (--from), carried by "
                + "field name into the other release's (--to), and saved for a release profile, as that release "
                + "would save it.",
            "A release is a jar or a class directory (the DescriptionProviders it lists in META-INF/services), a class "
                + "on its --from-classpath or --to-classpath, as `baton schema` reads them, or a description document "
                + "(FILE.json) that `baton schema` printed.",
            "What the other release cannot hold is an error naming the section and the field (exit 1), and OUT is not "
                + "written (one that exists is left as it was); what the profile leaves out is listed."})
final class ConvertCommand implements Callable<Integer> {

    @Option(names = "--from", required = true, paramLabel = "CLASS|JAR|DIR|DOC",
            description = "The release that wrote IN: a class, a jar FILE (- for standard input), a class directory or "
                    + "a description document.")
    String from;

    @Option(names = "--from-classpath", paramLabel = "PATH", split = ":",
            description = "Jars and folders to load --from's classes from (colon-separated; repeatable).")
    List<Path> fromClasspath = new ArrayList<>();

    @Option(names = "--to", required = true, paramLabel = "CLASS|JAR|DIR|DOC",
            description = "The release to write OUT for: a class, a jar FILE (- for standard input), a class directory "
                    + "or a description document.")
    String to;

    @Option(names = "--to-classpath", paramLabel = "PATH", split = ":",
            description = "Jars and folders to load --to's classes from (colon-separated; repeatable).")
    List<Path> toClasspath = new ArrayList<>();

    @Option(names = "--profile", paramLabel = "NAME",
            description = "The release profile to write for, with what --to's and --from's descriptions pin for it "
                    + "(--to's wins where both pin one name; default: --to's newest, none when it defines none).")
    String profile;

    @Parameters(index = "0", paramLabel = "IN", description = "The stream to convert; - for standard input.")
    String in;

    @Parameters(index = "1", paramLabel = "OUT", description = "Where the converted stream goes; - for standard "
            + "output.")
    String out;

    @Option(names = "--json", description = "Say what was converted as JSON on standard output (OUT must not be -).")
    boolean json;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws IOException, BadInputException {
        boolean toStdout = StreamOutput.toStdout(spec, out, "OUT", json, "a file");
        StreamConverter converter;
        try {
            converter = StreamConverter.between(release(from, fromClasspath, "--from-classpath"),
                    release(to, toClasspath, "--to-classpath"));
        } catch (BadInputException e) { // a description document that is none: said in the document too
            if (json) {
                ObjectNode o = names();
                o.put("converted", false);
                ProblemJson.putError(o, e.getMessage());
                JsonOutput.print(o);
            }
            throw e;
        }
        Profile writing;
        try {
            writing = converter.profile(profile);
        } catch (IllegalArgumentException e) {
            throw usage("invalid value for option '--profile': " + e.getMessage());
        }
        StreamInput input = new StreamInput(in);
        RecordReader reader;
        try {
            reader = input.open(StreamInput.toolOptions().withShowSkipped(true));
        } catch (StreamFormatException e) { // not a Baton stream: a conversion that failed, said as one
            return notConverted(input, e);
        }
        try (reader; FileReplacement file = toStdout ? null : FileReplacement.create(Path.of(out))) {
            StreamConverter.Result r;
            try {
                WritableByteChannel sink = toStdout ? Channels.newChannel(System.out) : file.channel();
                r = converter.convert(reader, writing, sink);
                reader.expectEndOfInput(); // octets after END: OUT is not written
            } catch (StreamFormatException | ConversionException e) {
                return notConverted(input, e);
            }
            if (toStdout) {
                System.out.flush();
            } else {
                file.commit();
            }
            report(r, reader.offset(), toStdout ? System.err : System.out);
            return 0;
        }
    }

    /** Says why IN was not converted: one line, and with --json the document; exit 1. */
    private int notConverted(StreamInput input, Exception e) {
        if (json) {
            ObjectNode o = names();
            o.put("converted", false);
            if (e instanceof StreamFormatException p) {
                ProblemJson.putError(o, p);
            } else {
                ProblemJson.putError(o, e.getMessage());
            }
            JsonOutput.print(o);
        }
        System.out.flush();
        System.err.println(ErrorHandler.inFile("baton convert", input.name(), e.getMessage()));
        return ErrorHandler.BAD_INPUT;
    }

    private void report(StreamConverter.Result r, long inputOctets, PrintStream say) {
        if (json) {
            ObjectNode o = names();
            o.put("converted", true);
            o.put("profile", r.profile());
            o.put("sections", r.sections());
            o.put("records", r.records());
            o.put("inputOctets", inputOctets);
            o.put("outputOctets", r.octets());
            r.leftOut().forEach(o.putArray("leftOut")::add);
            o.put("skippedRecords", r.skipped());
            JsonOutput.print(o);
            return;
        }
        Lines.println(say, InputFile.name(in) + " -> " + (out.equals(InputFile.STDIN) ? "<stdout>" : out) + ": "
                + Plural.count(r.sections(), "section") + " of release " + InputFile.name(from) + " written for release "
                + InputFile.name(to)
                + (r.profile().isEmpty() ? ", no profile" : ", profile " + r.profile()) + "; " + inputOctets + " -> "
                + Plural.count(r.octets(), "octet"), 4);
        for (String note : r.leftOut()) {
            Lines.println(say, "left out: " + note, 4);
        }
        if (r.skipped() > 0) {
            Lines.println(say, "left out: " + Plural.count(r.skipped(), "optional record") + " of the application's "
                    + "own", 4);
        }
    }

    private ObjectNode names() {
        ObjectNode o = JsonOutput.object();
        o.put("input", InputFile.name(in));
        o.put("output", out);
        o.put("from", from);
        o.put("to", to);
        return o;
    }

    /** A release's descriptions: a description document, or what `baton schema` finds. */
    private StreamConverter.Release release(String target, List<Path> classpath, String classpathOption)
            throws IOException, BadInputException {
        String document;
        if (target.endsWith(".json")) {
            document = InputFile.of(target).readText();
        } else {
            try {
                document = ReleaseDescriptions.document(target, classpath, classpathOption);
            } catch (ReleaseDescriptions.NotARelease e) {
                throw usage(e.getMessage());
            }
        }
        try {
            return StreamConverter.Release.of(InputFile.name(target), document);
        } catch (JsonParser.JsonException | IllegalArgumentException e) {
            throw new BadInputException(InputFile.name(target) + " is not a description document from `baton schema`: "
                    + e.getMessage());
        }
    }

    private CommandLine.ParameterException usage(String message) {
        return new CommandLine.ParameterException(spec.commandLine(), message);
    }
}
