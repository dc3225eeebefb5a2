package dev.baton.cli;

import dev.baton.cli.option.BadInputException;
import dev.baton.cli.option.QuirksOption;
import dev.baton.core.engine.Quirk;
import dev.baton.core.engine.Quirks;
import dev.baton.core.engine.SelfDescription;
import dev.baton.core.wire.ReaderOptions;
import dev.baton.core.wire.StreamRecord;
import dev.baton.core.wire.RecordReader;
import dev.baton.core.wire.RecordType;
import dev.baton.core.wire.SectionHeader;
import dev.baton.core.wire.StreamFormatException;
import java.io.IOException;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code baton inspect}: lists a stream's header and records. */
@Command(name = "inspect",
        description = {"List a Baton stream: its header (producer, profile, byte order), then every record "
                + "with its offset, type and length, the sections' idstr, instance and version, and where "
                + "static data ends.",
            "Stops at the first error, which it names with its offset and record (exit 1)."})
final class InspectCommand implements Callable<Integer> {

    @Parameters(paramLabel = "FILE", description = "The stream; - for standard input.")
    String file;

    @Option(names = "--json", description = "Print JSON instead of text.")
    boolean json;

    // Named by its positive form: picocli adds --no-fields, and --fields (the default) undoes it.
    @Option(names = "--fields", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "Decode each section field by field through the stream's DESCRIPTION (default: on; "
                    + "--no-fields lists records only).")
    boolean fields;

    @Mixin
    QuirksOption quirksOption;

    @Override
    public Integer call() throws IOException, BadInputException {
        StreamInput input = new StreamInput(file);
        Quirks quirks = quirksOption.quirks();
        long size = input.size();
        ReaderOptions options = StreamInput.toolOptions().withShowSkipped(true);
        RecordReader reader;
        try {
            reader = input.open(options); // an I/O error here leaves standard output empty
        } catch (StreamFormatException e) {
            try (Listing out = listing(input)) {
                out.error(e);
            }
            return ErrorHandler.BAD_INPUT;
        }
        try (reader; Listing out = listing(input)) {
            try {
                out.header(input, size, reader.header());
                int staticSections = 0;
                int dynamicSections = 0;
                SelfDescription described = null;
                String descriptionProblem = null;
                for (StreamRecord r = reader.next(); r != null; r = reader.next()) {
                    SectionHeader s = r.type() == RecordType.SECTION ? r.sectionHeader() : null;
                    SelfDescription.Decoded decoded = null;
                    String remark = null;
                    if (s != null) {
                        if (r.dynamic()) {
                            dynamicSections++;
                        } else {
                            staticSections++;
                        }
                        Quirk quirk = quirks.find(reader.header().producerName(), reader.header().producerVersion(),
                                s.idstr(), s.version());
                        if (fields && described != null && s.dataLength() <= SelfDescription.LARGEST_DECODED) {
                            decoded = described.decode(r, quirk != null ? quirk.actualVersion() : s.version());
                            if (decoded == null) {
                                remark = "the DESCRIPTION does not describe this section";
                            } else {
                                // shown as the numbers they are: a u64 of 2^64 - 1 is not -1
                                decoded = new SelfDescription.Decoded(decoded.header(), described.values()
                                        .withUnsignedU64(described.descriptionName(s.idstr(), s.instanceId()),
                                                decoded.state()), decoded.stoppedAt());
                            }
                        }
                        if (quirk != null) {
                            remark = quirk.describe();
                        } else if (fields && described != null && s.dataLength() > SelfDescription.LARGEST_DECODED) {
                            remark = "fields not shown: the section is larger than "
                                    + (SelfDescription.LARGEST_DECODED >> 20) + " MiB";
                        }
                    } else if (fields && r.type() == RecordType.DESCRIPTION) {
                        try {
                            described = SelfDescription.read(r);
                        } catch (StreamFormatException e) {
                            descriptionProblem = e.problem();
                        }
                    }
                    out.record(r, s, decoded);
                    if (remark != null) {
                        out.note(remark);
                    } else if (descriptionProblem != null) {
                        out.note(descriptionProblem + "; sections are listed without their fields");
                        descriptionProblem = null;
                    }
                }
                reader.expectEndOfInput();
                out.summary(reader.records(), staticSections, dynamicSections, reader.offset());
                return 0;
            } catch (StreamFormatException e) {
                out.error(e);
                return ErrorHandler.BAD_INPUT;
            } catch (OutOfMemoryError | IOException | RuntimeException e) { // after the listing began
                try {
                    out.failed(e);
                } catch (IOException | RuntimeException cut) {
                    e.addSuppressed(cut);
                }
                throw e;
            }
        }
    }

    private Listing listing(StreamInput input) throws IOException {
        return json ? new JsonListing(System.out, System.err, input.name())
                : new TextListing(System.out, System.err, input.name());
    }
}
