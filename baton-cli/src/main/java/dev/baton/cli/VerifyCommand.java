package dev.baton.cli;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import dev.baton.core.wire.Plural;
import dev.baton.core.wire.Problems;
import dev.baton.core.wire.ReaderOptions;
import dev.baton.core.wire.RecordReader;
import dev.baton.core.wire.RecordType;
import dev.baton.core.wire.StreamFormatException;
import dev.baton.core.wire.StreamHeader;
import dev.baton.core.wire.StreamRecord;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code baton verify}: checks a whole stream and reports every problem it can find, one line
 * each. Problems that leave the framing intact (a checksum mismatch, non-zero padding, a bad
 * section header, an unknown mandatory record) are reported and checking goes on; one that
 * loses the framing (truncation, a length beyond the limits) ends it.
 */
@Command(name = "verify",
        description = {"Check a Baton stream: preamble, version header, framing, padding, checksums, record "
                + "grammar, section headers, the DESCRIPTION's JSON, and that nothing follows END.",
            "Exit 0 when valid, 1 when not (one line per problem), 2 on usage or I/O errors."})
final class VerifyCommand implements Callable<Integer> {

    @Parameters(paramLabel = "FILE", description = "The stream; - for standard input.")
    String file;

    @Option(names = "--json", description = "Print the verdict as JSON.")
    boolean json;

    @Option(names = "--progress", description = "Show a progress bar even when not on a terminal.")
    boolean progress;

    @Override
    public Integer call() throws IOException {
        StreamInput input = new StreamInput(file);
        long size = input.size();
        List<StreamFormatException> problems = new ArrayList<>();
        StreamHeader header = null;
        long records = 0;
        long end = -1;
        try (Progress bar = Progress.start(Progress.reading("verify", file), size, progress);
             RecordReader reader = input.open(StreamInput.toolOptions().withProblems(Problems.collect(problems::add)))) {
            header = reader.header();
            for (StreamRecord r = reader.next(); r != null; r = reader.next()) {
                checkContent(r, problems);
                bar.at(reader.offset());
            }
            reader.expectEndOfInput();
            records = reader.records();
            end = reader.offset();
            bar.at(end); // END too: a bar that ends short of 100% looks like work left undone
        } catch (StreamFormatException e) {
            problems.add(e); // framing lost: nothing after this can be trusted
        }
        report(input, header, records, end, problems);
        return problems.isEmpty() ? 0 : ErrorHandler.BAD_INPUT;
    }

    /** What the reader does not check itself: section headers and the DESCRIPTION's JSON. */
    private static void checkContent(StreamRecord r, List<StreamFormatException> problems) throws IOException {
        try {
            if (r.type() == RecordType.SECTION) {
                r.sectionHeader();
            } else if (r.type() == RecordType.DESCRIPTION) {
                checkJson(r);
            }
        } catch (StreamFormatException e) {
            if (isFraming(e)) {
                throw e;
            }
            problems.add(e);
        }
    }

    /** Truncation reached through a body load: the framing is gone, so checking stops. */
    private static boolean isFraming(StreamFormatException e) {
        return e.problem().startsWith("truncated");
    }

    private static void checkJson(StreamRecord r) throws IOException {
        ByteBuffer body = r.body();
        try (JsonParser p = new JsonFactory().createParser(new BufferStream(body))) {
            while (p.nextToken() != null) {
                // a full pass is the check
            }
        } catch (JsonProcessingException e) {
            throw r.error("DESCRIPTION is not valid JSON: " + e.getOriginalMessage()
                    + " (line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ")", 0);
        }
    }

    private void report(StreamInput input, StreamHeader header, long records, long end,
            List<StreamFormatException> problems) throws IOException {
        if (json) {
            try (JsonGenerator g = new JsonFactory().createGenerator(System.out, JsonEncoding.UTF8)
                    .disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET).useDefaultPrettyPrinter()) {
                g.writeStartObject();
                g.writeStringField("file", input.name());
                g.writeBooleanField("valid", problems.isEmpty());
                if (problems.isEmpty()) {
                    g.writeNumberField("records", records);
                    g.writeNumberField("octets", end);
                }
                ProblemJson.writeArray(g, "problems", problems);
                g.writeEndObject();
            }
            System.out.println();
            return;
        }
        for (StreamFormatException p : problems) {
            Lines.println(System.out, input.name() + ": " + p.getMessage(), 4);
        }
        if (problems.isEmpty()) {
            Lines.println(System.out, input.name() + ": valid: " + Plural.count(records, "record") + ", "
                    + Plural.count(end, "octet") + ", " + Listing.order(header) + ", checksums "
                    + (header.checksums() ? "on" : "off"), 4);
        } else {
            System.out.println(input.name() + ": invalid: " + Plural.count(problems.size(), "problem"));
        }
    }

    /** Reads a buffer as a stream, so the JSON parser needs no copy of the body. */
    private static final class BufferStream extends InputStream {
        private final ByteBuffer buf;

        BufferStream(ByteBuffer buf) {
            this.buf = buf;
        }

        @Override
        public int read() {
            return buf.hasRemaining() ? buf.get() & 0xFF : -1;
        }

        @Override
        public int read(byte[] b, int off, int len) {
            if (!buf.hasRemaining()) {
                return -1;
            }
            int n = Math.min(len, buf.remaining());
            buf.get(b, off, n);
            return n;
        }
    }
}
