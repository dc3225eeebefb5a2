package dev.baton.cli.xen;

import dev.baton.cli.ErrorHandler;
import dev.baton.core.wire.StreamFormatException;
import dev.baton.xen.XenFormat;
import dev.baton.xen.XenJsonListing;
import dev.baton.xen.XenListing;
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
             XenListing out = json ? new XenJsonListing(System.out) : new XenTextListing(System.out)) {
            try {
                XenFormat f = XenFormat.of(source.input(), format);
                out.start(source.name(), source.size(), f);
                XenListing.list(source.input(), f, out);
                return XenCommand.OK;
            } catch (StreamFormatException e) {
                out.error(e);
                System.err.println(ErrorHandler.inFile("baton xen inspect", source.name(), e));
                return XenCommand.BAD_INPUT;
            }
        }
    }
}
