package dev.baton.cli.xen;

import dev.baton.core.wire.Problems;
import dev.baton.core.wire.StreamFormatException;
import dev.baton.xen.XenFormat;
import dev.baton.xen.libxc.LibxcVerifier;
import dev.baton.xen.libxl.LibxlVerifier;
import dev.baton.xen.xenstore.XenstoreReadOptions;
import dev.baton.xen.xenstore.XenstoreReader;
import dev.baton.xen.xenstore.XenstoreRecord;
import java.io.IOException;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code baton xen inspect}: lists a Xen stream's headers and records. */
@Command(name = "inspect",
        description = {"List a Xen stream: its headers, then every record with its offset, type, length and what "
                + "it says (xenstore records in full; libxc/libxl records with their counts and fields, pages skipped).",
            "Stops at the first problem, which it names with its offset and record (exit 1); 'baton xen verify' "
                    + "lists them all."})
final class XenInspectCommand implements Callable<Integer> {

    @Parameters(paramLabel = "FILE", description = "The stream; - for standard input.")
    String file;

    @Option(names = "--format", paramLabel = "FORMAT", converter = FormatOption.Converter.class,
            completionCandidates = FormatOption.Candidates.class,
            description = "xenstore, libxc or libxl; told from the first octets when left out.")
    XenFormat format;

    @Option(names = "--json", description = "Print JSON instead of text.")
    boolean json;

    @Override
    public Integer call() throws IOException {
        try (XenSource source = XenSource.open(file);
             XenListing out = json ? new XenJsonListing(System.out, System.err) : new XenTextListing(System.out, System.err)) {
            try {
                XenFormat f = source.format(format);
                out.start(source, f);
                switch (f) {
                    case XENSTORE -> xenstore(source, out);
                    case LIBXC -> out.summary(LibxcVerifier.verify(source.input(), Problems.stop(), out).records(),
                            source.input().offset());
                    case LIBXL -> {
                        LibxlVerifier v = LibxlVerifier.verify(source.input(), Problems.stop(), out);
                        out.summary(v.records() + (v.libxc() == null ? 0 : v.libxc().records()), source.input().offset());
                    }
                }
                return XenCommand.OK;
            } catch (StreamFormatException e) {
                out.error(e);
                return XenCommand.BAD_INPUT;
            }
        }
    }

    private static void xenstore(XenSource source, XenListing out) throws IOException {
        try (XenstoreReader r = XenstoreReader.open(source.input(), XenstoreReadOptions.defaults())) {
            out.xenstoreHeader(r.header());
            for (XenstoreRecord rec = r.next(); rec != null; rec = r.next()) {
                out.xenstoreRecord(r.recordIndex(), r.recordOffset(), r.recordLength(), rec);
            }
            r.expectEndOfInput();
            out.summary(r.records(), r.offset());
        }
    }
}
