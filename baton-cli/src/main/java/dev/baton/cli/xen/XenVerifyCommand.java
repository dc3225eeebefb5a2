package dev.baton.cli.xen;

import dev.baton.cli.VerdictOutput;
import dev.baton.core.wire.Plural;
import dev.baton.xen.XenFormat;
import dev.baton.xen.XenVerifier;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code baton xen verify}: prints the verdict of baton-xen's {@link XenVerifier}, one line per
 * problem, then whether the stream is valid.
 */
@Command(name = "verify",
        description = {"Check a Xen stream. libxc and libxl: every check of Xen's verify-stream-v2, plus record "
                + "order, STATIC_DATA_END (v3), records the guest type cannot have, and octets after END. xenstore: "
                + "framing, every record's fields and strings, records valid in the version, and order (a connection "
                + "before its watches and transactions, a node's parent before it).",
            "Exit 0 when valid, 1 when not (one line per problem), 2 on usage or I/O errors."})
final class XenVerifyCommand implements Callable<Integer> {

    @Parameters(paramLabel = "FILE", description = "The stream; - for standard input.")
    String file;

    @Option(names = "--format", paramLabel = "FORMAT", converter = FormatOption.Converter.class,
            completionCandidates = FormatOption.Candidates.class,
            description = "xenstore, libxc or libxl; told from the first octets when left out.")
    XenFormat format;

    @Option(names = "--json", description = "Print the verdict as JSON.")
    boolean json;

    @Override
    public Integer call() throws IOException {
        try (XenSource source = XenSource.open(file)) {
            XenVerifier.Verdict v = XenVerifier.verify(source.input(), format);
            report(source, v);
            return v.valid() ? XenCommand.OK : XenCommand.BAD_INPUT;
        }
    }

    private void report(XenSource source, XenVerifier.Verdict v) throws IOException {
        if (!json) {
            VerdictOutput.text(source.name(), v.problems(), List.of(), () -> v.stream() + "; "
                    + Plural.count(v.records(), "record") + ", " + Plural.count(v.octets(), "octet"));
            return;
        }
        VerdictOutput.json(source.name(), g -> {
            if (v.format() != null) {
                g.writeStringField("format", v.format().id());
            }
            if (v.stream() != null) {
                g.writeStringField("stream", v.stream());
            }
            g.writeBooleanField("valid", v.valid());
            if (v.valid()) {
                g.writeNumberField("records", v.records());
                g.writeNumberField("octets", v.octets());
            }
        }, v.problems(), VerdictOutput.Keys.none());
    }
}
