package dev.baton.cli;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.baton.cli.option.InputFile;
import dev.baton.cli.option.StreamOutput;
import dev.baton.core.document.StreamDocument;
import dev.baton.core.document.StreamEncoder;
import dev.baton.core.json.JsonInputException;
import dev.baton.core.json.JsonPath;
import dev.baton.core.wire.FileReplacement;
import dev.baton.core.wire.Plural;
import dev.baton.core.wire.Printable;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code baton encode}: the stream of a JSON document that {@code baton decode} wrote (or a
 * person edited), read a record at a time and written through core's {@link StreamEncoder}.
 */
@Command(name = "encode",
        description = {"Write the Baton stream of a JSON document as `baton decode` writes it, checksums and "
                + "padding computed anew. The document is read a record at a time.",
            "A document that is not one is one line naming the place in it as a JSON path "
                + "($.records[3].fields.volume) and what belongs there (exit 1); OUT is then left as it was."})
final class EncodeCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "IN", description = "The JSON document; - for standard input.")
    String in;

    @Parameters(index = "1", paramLabel = "OUT", description = "Where the stream goes; - for standard output.")
    String out;

    @Option(names = "--json", description = "Say what was written as JSON on standard output (OUT must not be -).")
    boolean json;

    @Option(names = "--progress", description = "Show a progress bar even when not on a terminal.")
    boolean progress;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        boolean toStdout = StreamOutput.toStdout(spec, out, "OUT", json, "a file");
        InputFile input = InputFile.of(in);
        long size = input.isStdin() ? -1 : java.nio.file.Files.size(input.path());
        StreamEncoder encoder;
        try (InputStream from = input.open();
             FileReplacement file = toStdout ? null : FileReplacement.create(Path.of(out));
             Progress bar = Progress.start(Progress.reading("encode", in), size, progress)) {
            OutputStream to = new BufferedOutputStream(toStdout ? System.out : Channels.newOutputStream(file.channel()),
                    1 << 16);
            encoder = new StreamEncoder(to);
            String[] at = {JsonPath.ROOT}; // what is being read, for a heap too small to hold it
            try (JsonParser p = JsonValues.factory().createParser(from)) {
                encode(p, encoder, bar, at);
            } catch (OutOfMemoryError e) { // the parser is closed: what it held is released
                System.err.println(ErrorHandler.inFile("baton encode", input.name(), at[0] + ": "
                        + ErrorHandler.describe(e) + ": a record is held whole while it is read"));
                return ErrorHandler.USAGE_OR_IO;
            } catch (JsonInputException e) {
                return notEncoded(input, e, e.problem());
            } catch (JsonProcessingException e) { // not JSON, or JSON beyond the parser's limits
                return notEncoded(input, e, notJson(e));
            }
            bar.at(size); // the whole document was read: nothing follows it
            encoder.close();
            to.flush();
            if (file != null) {
                file.commit();
            }
        } // the bar is closed: its last line ends before the report's
        if (json) {
            ObjectNode o = JsonOutput.object();
            o.put("input", input.name());
            o.put("output", out);
            o.put("octets", encoder.offset());
            o.put("records", encoder.records());
            JsonOutput.print(o);
        } else {
            System.err.println("wrote " + Plural.count(encoder.offset(), "octet") + ", "
                    + Plural.count(encoder.records(), "record") + " to " + (toStdout ? "<stdout>" : out));
        }
        return 0;
    }

    /** Reads the document member by member, the records one at a time, and hands them to the encoder. */
    private static void encode(JsonParser p, StreamEncoder encoder, Progress bar, String[] at) throws IOException,
            JsonInputException {
        String document = "a document, an object with \"format\", \"header\" and \"records\"";
        JsonToken first = p.nextToken();
        if (first == null) {
            throw new JsonInputException(JsonPath.ROOT, "expected " + document + ", not an empty file");
        }
        if (first != JsonToken.START_OBJECT) {
            throw JsonInputException.expected(JsonPath.ROOT, document, JsonValues.read(p));
        }
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            String path = JsonPath.member(JsonPath.ROOT, name);
            at[0] = path;
            p.nextToken();
            switch (name) {
                case "format" -> encoder.format(JsonValues.read(p), path);
                case "header" -> encoder.header(JsonValues.read(p), path);
                case "records" -> {
                    if (p.currentToken() != JsonToken.START_ARRAY) {
                        throw JsonInputException.expected(path, "an array of records", JsonValues.read(p));
                    }
                    for (int i = 0; p.nextToken() != JsonToken.END_ARRAY; i++) {
                        at[0] = JsonPath.element(path, i);
                        encoder.record(JsonValues.read(p), at[0]);
                        bar.at(p.currentLocation().getByteOffset());
                    }
                }
                default -> throw StreamDocument.unexpected(path);
            }
        }
        if (p.nextToken() != null) {
            throw new JsonInputException(JsonPath.ROOT, "expected nothing after the document");
        }
        encoder.finish(JsonPath.ROOT);
    }

    /**
     * Says why IN was not encoded: one line, and with --json the document {@code {"input",
     * "output", "error"}} ({@code problem}: the message without its JSON path); exit 1.
     */
    private int notEncoded(InputFile input, Exception e, String problem) {
        String message = e instanceof JsonProcessingException j ? syntax(j) : e.getMessage();
        if (json) {
            ObjectNode o = JsonOutput.object();
            o.put("input", input.name());
            o.put("output", out);
            ProblemJson.putError(o, message, problem);
            JsonOutput.print(o);
        }
        System.err.println(ErrorHandler.inFile("baton encode", input.name(), message));
        return ErrorHandler.BAD_INPUT;
    }

    /** A JSON syntax error in one line: where (a JSON path, a line and column) and what. */
    private static String syntax(JsonProcessingException e) {
        String where = "";
        if (e.getProcessor() instanceof JsonParser p) {
            where = JsonValues.path(p.getParsingContext()) + ": ";
        }
        return where + notJson(e);
    }

    /** What Jackson found wrong, without the JSON path: {@code not JSON: WHAT (line L, column C)}. */
    private static String notJson(JsonProcessingException e) {
        var at = e.getLocation();
        // Jackson's words, less where a bracket opened, which it says with its source: the line and column say where
        String what = e.getOriginalMessage().lines().findFirst().orElse("").replaceFirst(" \\(start marker at .*", "");
        return "not JSON: " + Printable.of(what)
                + (at == null ? "" : " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")");
    }
}
