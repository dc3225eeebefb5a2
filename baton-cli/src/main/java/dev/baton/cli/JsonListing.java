package dev.baton.cli;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.baton.core.engine.SelfDescription;
import dev.baton.core.wire.StreamRecord;
import dev.baton.core.wire.RecordType;
import dev.baton.core.wire.SectionHeader;
import dev.baton.core.wire.StreamFormatException;
import dev.baton.core.wire.StreamHeader;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;

/**
 * The JSON listing, streamed as it is read so that memory stays constant for any stream:
 * {@code {"file", "size", "header", "records": [...], "summary" | "error"}}. docs/CLI.md gives the keys.
 */
final class JsonListing implements Listing {
    private final JsonGenerator json;
    /** Whether a record's object is still open, so that a note can join it. */
    private boolean open;

    /** Where the one-line error goes, as without --json. */
    private final PrintStream err;

    /** The stream's name in the error line. */
    private final String file;

    JsonListing(OutputStream out, PrintStream err, String file) throws IOException {
        this.err = err;
        this.file = file;
        this.json = ProblemJson.streamedDocument(new JsonFactory().createGenerator(out, JsonEncoding.UTF8)
                .disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET).useDefaultPrettyPrinter());
        json.writeStartObject();
    }

    @Override
    public void header(StreamInput input, long size, StreamHeader h) throws IOException {
        json.writeStringField("file", input.name());
        if (size >= 0) {
            json.writeNumberField("size", size);
        }
        json.writeObjectFieldStart("header");
        json.writeNumberField("version", h.preamble().version());
        json.writeNumberField("compatVersion", h.preamble().compatVersion());
        json.writeNumberField("readVersion", h.readVersion());
        json.writeStringField("byteOrder", Listing.order(h));
        json.writeBooleanField("checksums", h.checksums());
        json.writeStringField("producerName", h.producerName());
        json.writeStringField("producerVersion", h.producerVersion());
        json.writeStringField("profile", h.profile());
        json.writeStringField("created", h.created().toString());
        json.writeNumberField("length", h.length());
        json.writeEndObject();
        json.writeArrayFieldStart("records");
    }

    @Override
    public void record(StreamRecord r, SectionHeader s, SelfDescription.Decoded decoded) throws IOException {
        if (open) {
            json.writeEndObject();
        }
        json.writeStartObject();
        open = true;
        json.writeNumberField("index", r.index());
        json.writeNumberField("offset", r.offset());
        json.writeStringField("type", r.typeName());
        json.writeStringField("typeCode", String.format("0x%08x", r.type()));
        json.writeNumberField("length", r.length());
        json.writeBooleanField("optional", RecordType.isOptional(r.type()));
        json.writeBooleanField("known", r.known());
        json.writeStringField("part", r.dynamic() ? "dynamic" : "static");
        if (s != null) {
            json.writeObjectFieldStart("section");
            json.writeStringField("idstr", s.idstr());
            json.writeNumberField("instance", Integer.toUnsignedLong(s.instanceId()));
            json.writeNumberField("version", Integer.toUnsignedLong(s.version()));
            json.writeNumberField("dataLength", s.dataLength());
            json.writeEndObject();
        }
        if (decoded != null) {
            json.writeFieldName("fields");
            JsonValues.write(json, decoded.state());
            if (!decoded.complete()) {
                json.writeStringField("fieldsStopped", decoded.stoppedAt());
            }
        }
    }

    @Override
    public void note(String remark) throws IOException {
        json.writeStringField("note", remark);
    }

    /** Closes the last record's object, which stays open for a note. */
    private void closeRecord() throws IOException {
        if (open) {
            json.writeEndObject();
            open = false;
        }
    }

    @Override
    public void summary(long records, int staticSections, int dynamicSections, long end) throws IOException {
        closeRecord();
        json.writeEndArray();
        json.writeObjectFieldStart("summary");
        json.writeNumberField("records", records);
        json.writeNumberField("staticSections", staticSections);
        json.writeNumberField("dynamicSections", dynamicSections);
        json.writeNumberField("end", end);
        json.writeEndObject();
    }

    @Override
    public void error(StreamFormatException e) throws IOException {
        ProblemJson.endWithError(json, e);
        err.println(ErrorHandler.inFile("baton inspect", file, e));
    }

    @Override
    public void failed(Throwable e) throws IOException {
        ProblemJson.endWithError(json, e);
    }

    @Override
    public void close() throws IOException {
        if (json.getOutputContext().getParent() != null && json.getOutputContext().getParent().inRoot()) {
            json.writeEndObject();
            json.writeRaw('\n');
        } // else a failure cut the document where it could not be ended: it stays cut, and does not parse
        json.close();
    }
}
