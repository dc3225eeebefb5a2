package dev.baton.cli;

import dev.baton.cli.option.BadInputException;
import dev.baton.cli.option.QuirksOption;
import dev.baton.core.engine.StreamVerifier;
import dev.baton.core.wire.Plural;
import java.io.IOException;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code baton verify}: prints the verdict of core's {@link StreamVerifier}, one line per
 * problem, then whether the stream is valid.
 */
@Command(name = "verify",
        description = {"Check a Baton stream: preamble, version header, framing, padding, checksums, record "
                + "grammar, section headers, the DESCRIPTION, every section decoded through it to its last octet "
                + "(as inspect decodes it), and that nothing follows END.",
            "Exit 0 when valid, 1 when not (one line per problem), 2 on usage or I/O errors."})
final class VerifyCommand implements Callable<Integer> {

    @Parameters(paramLabel = "FILE", description = "The stream; - for standard input.")
    String file;

    @Option(names = "--json", description = "Print the verdict as JSON.")
    boolean json;

    @Option(names = "--progress", description = "Show a progress bar even when not on a terminal.")
    boolean progress;

    @Mixin
    QuirksOption quirks;

    @Override
    public Integer call() throws IOException, BadInputException {
        StreamInput input = new StreamInput(file);
        StreamVerifier verifier = StreamVerifier.of(StreamInput.toolOptions()).withQuirks(quirks.quirks());
        StreamVerifier.Verdict verdict;
        try (Progress bar = Progress.start(Progress.reading("verify", file), input.size(), progress)) {
            verdict = verifier.withProgress(bar::at).verify(input::open);
        }
        report(input, verdict);
        return verdict.valid() ? 0 : ErrorHandler.BAD_INPUT;
    }

    private void report(StreamInput input, StreamVerifier.Verdict v) throws IOException {
        if (!json) {
            VerdictOutput.text(input.name(), v.problems(), v.quirks(), () -> Plural.count(v.records(), "record") + ", "
                    + Plural.count(v.octets(), "octet") + ", " + Listing.order(v.header()) + ", checksums "
                    + (v.header().checksums() ? "on" : "off"));
            return;
        }
        VerdictOutput.json(input.name(), g -> {
            g.writeBooleanField("valid", v.valid());
            if (v.valid()) {
                g.writeNumberField("records", v.records());
                g.writeNumberField("octets", v.octets());
            }
        }, v.problems(), g -> {
            if (!v.quirks().isEmpty()) {
                g.writeArrayFieldStart("quirks");
                for (String q : v.quirks()) {
                    g.writeString(q);
                }
                g.writeEndArray();
            }
        });
    }
}
