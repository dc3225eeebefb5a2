package dev.baton.cli.xen;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.baton.cli.Lines;
import dev.baton.core.wire.Plural;
import dev.baton.core.wire.Problems;
import dev.baton.core.wire.StreamFormatException;
import dev.baton.xen.XenFormat;
import dev.baton.xen.libxc.DomainHeader;
import dev.baton.xen.libxc.ImageHeader;
import dev.baton.xen.libxc.LibxcVerifier;
import dev.baton.xen.libxl.LibxlListener;
import dev.baton.xen.libxl.LibxlVerifier;
import dev.baton.xen.xenstore.XenstoreReadOptions;
import dev.baton.xen.xenstore.XenstoreReader;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code baton xen verify}: checks a whole Xen stream and reports every problem it can find, one
 * line each. Problems that leave the framing intact are reported and checking goes on; one that
 * loses it (truncation, a length past the input, a header of another format) ends it.
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
        List<StreamFormatException> problems = new ArrayList<>();
        Verdict verdict = new Verdict();
        try (XenSource source = XenSource.open(file)) {
            try {
                verdict.format = source.format(format);
                switch (verdict.format) {
                    case XENSTORE -> xenstore(source, problems, verdict);
                    case LIBXC -> verdict.records = LibxcVerifier.verify(source.input(),
                            Problems.collect(problems::add), verdict).records();
                    case LIBXL -> {
                        LibxlVerifier v = LibxlVerifier.verify(source.input(), Problems.collect(problems::add), verdict);
                        verdict.records = v.records() + (v.libxc() == null ? 0 : v.libxc().records());
                    }
                }
                verdict.end = source.input().offset();
            } catch (StreamFormatException e) {
                problems.add(e); // the framing is lost: nothing after this can be trusted
            }
            report(source, verdict, problems);
        }
        return problems.isEmpty() ? XenCommand.OK : XenCommand.BAD_INPUT;
    }

    private static void xenstore(XenSource source, List<StreamFormatException> problems, Verdict verdict)
            throws IOException {
        try (XenstoreReader r = XenstoreReader.open(source.input(),
                XenstoreReadOptions.defaults().withProblems(Problems.collect(problems::add)))) {
            verdict.what = "xenstore v" + r.header().version() + ", " + r.header().orderName();
            r.readAll();
            verdict.records = r.records();
            r.expectEndOfInput();
        }
    }

    private void report(XenSource source, Verdict v, List<StreamFormatException> problems) throws IOException {
        if (json) {
            try (JsonGenerator g = new JsonFactory().createGenerator(System.out, JsonEncoding.UTF8)
                    .disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET).useDefaultPrettyPrinter()) {
                g.writeStartObject();
                g.writeStringField("file", source.name());
                if (v.format != null) {
                    g.writeStringField("format", v.format.id());
                }
                if (v.what != null) {
                    g.writeStringField("stream", v.what);
                }
                g.writeBooleanField("valid", problems.isEmpty());
                if (problems.isEmpty()) {
                    g.writeNumberField("records", v.records);
                    g.writeNumberField("octets", v.end);
                }
                dev.baton.cli.ProblemJson.writeArray(g, "problems", problems);
                g.writeEndObject();
            }
            System.out.println();
            return;
        }
        for (StreamFormatException p : problems) {
            Lines.println(System.out, source.name() + ": " + p.getMessage(), 4);
        }
        if (problems.isEmpty()) {
            Lines.println(System.out, source.name() + ": valid: " + v.what + "; " + Plural.count(v.records, "record")
                    + ", " + Plural.count(v.end, "octet"), 4);
        } else {
            System.out.println(source.name() + ": invalid: " + Plural.count(problems.size(), "problem"));
        }
    }

    /** What was learnt of the stream, for the last line; also hears the headers as they pass. */
    private static final class Verdict implements LibxlListener {
        XenFormat format;
        String what;
        long records;
        long end;
        private ImageHeader image;
        private String libxl;

        @Override
        public void libxlHeader(dev.baton.xen.libxl.LibxlHeader h) {
            libxl = "libxl v" + h.version() + ", " + h.orderName();
            what = libxl;
        }

        @Override
        public void imageHeader(ImageHeader h) {
            image = h;
        }

        @Override
        public void domainHeader(DomainHeader d) {
            String libxc = "libxc v" + image.version() + " " + d.guestName() + ", " + image.orderName();
            what = libxl == null ? libxc : libxl + " around " + libxc;
        }
    }
}
