package dev.baton.cli;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.baton.core.document.StreamDecoder;
import dev.baton.core.document.StreamDocument;
import dev.baton.core.wire.RecordReader;
import dev.baton.core.wire.StreamFormatException;
import java.io.IOException;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code baton decode}: a stream as a JSON document of its data, written as it is read, from
 * which {@code baton encode} rebuilds the stream octet for octet (core's {@link StreamDecoder}).
 */
@Command(name = "decode",
        description = {"Write a Baton stream as a JSON document of its data: the header, then every record with "
                + "what it carries (a section's fields, decoded through the stream's DESCRIPTION, or its data as "
                + "hex; other bodies as hex). `baton encode` rebuilds the stream from it octet for octet.",
            "A stream that is not valid is one line on standard error, naming its offset and record, and the "
                + "document ends with the error (exit 1)."})
final class DecodeCommand implements Callable<Integer> {

    @Parameters(paramLabel = "FILE", description = "The stream; - for standard input.")
    String file;

    @Option(names = "--progress", description = "Show a progress bar even when not on a terminal.")
    boolean progress;

    @Override
    public Integer call() throws IOException {
        StreamInput input = new StreamInput(file);
        RecordReader reader;
        try {
            reader = input.open(StreamInput.toolOptions().withShowSkipped(true));
        } catch (StreamFormatException e) {
            System.err.println(ErrorHandler.inFile("baton decode", input.name(), e));
            return ErrorHandler.BAD_INPUT;
        }
        try (reader; Progress bar = Progress.start(Progress.reading("decode", file), input.size(), progress);
             JsonGenerator json = ProblemJson.streamedDocument(JsonValues.factory().createGenerator(System.out,
                     JsonEncoding.UTF8).disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET).useDefaultPrettyPrinter())) {
            StreamDecoder decoder = new StreamDecoder(reader);
            json.writeStartObject();
            json.writeStringField("format", StreamDocument.FORMAT);
            json.writeFieldName("header");
            JsonValues.write(json, decoder.header());
            json.writeArrayFieldStart("records");
            try {
                for (Map<String, Object> r = decoder.next(); r != null; r = decoder.next()) {
                    JsonValues.write(json, r);
                    bar.at(reader.offset());
                }
                reader.expectEndOfInput();
                bar.at(reader.offset());
                json.writeEndArray();
            } catch (StreamFormatException e) {
                endWithError(json, e);
                json.flush();
                System.err.println(ErrorHandler.inFile("baton decode", input.name(), e));
                return ErrorHandler.BAD_INPUT;
            } catch (OutOfMemoryError | IOException | RuntimeException e) { // the error handler prints its line
                try {
                    endWithError(json, e);
                } catch (IOException | RuntimeException cut) { // cut inside a value: the document stays cut
                    e.addSuppressed(cut);
                }
                throw e;
            }
            json.writeEndObject();
            json.writeRaw('\n');
        }
        return 0;
    }

    /** Ends the document with the error that stopped it, after the records written so far. */
    private static void endWithError(JsonGenerator json, Throwable e) throws IOException {
        ProblemJson.endWithError(json, e);
        json.writeEndObject();
        json.writeRaw('\n');
    }
}
