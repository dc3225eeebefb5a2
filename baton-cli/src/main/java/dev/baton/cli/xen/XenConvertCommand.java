package dev.baton.cli.xen;

import dev.baton.core.wire.FileReplacement;
import dev.baton.core.wire.Plural;
import dev.baton.core.wire.StreamFormatException;
import dev.baton.xen.convert.Conversion;
import dev.baton.xen.convert.V2ToV3Converter;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.channels.Channels;
import java.nio.channels.WritableByteChannel;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code baton xen convert --to v3}: rewrites a libxc v2 stream (alone or inside libxl) as v3. */
@Command(name = "convert", 
        description = {"Convert a libxc v2 stream, alone or inside a libxl stream, to v3: the image header says 3 "
                + "and STATIC_DATA_END goes where a v3 restorer reading v2 infers it (before the first "
                + "X86_PV_P2M_FRAMES of a PV guest, the first PAGE_DATA of an HVM guest, else END). Every other "
                + "octet is copied.",
            "The input is checked as it is copied; a stream that is not valid v2 is not converted (exit 1) and OUT "
                    + "is left untouched."})
final class XenConvertCommand implements Callable<Integer> {

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
    boolean help;

    /** The versions a stream can be converted to. */
    enum Target { v3 }

    @Option(names = "--to", required = true, paramLabel = "VERSION", description = "The version to write: v3.")
    Target to;

    @Parameters(index = "0", paramLabel = "IN", description = "The v2 stream; - for standard input.")
    String in;

    @Parameters(index = "1", paramLabel = "OUT", description = "Where the v3 stream goes; - for standard output.")
    String out;

    @Override
    public Integer call() throws IOException {
        boolean toStdout = out.equals("-");
        PrintStream say = toStdout ? System.err : System.out;
        try (XenSource source = XenSource.open(in);
             FileReplacement file = toStdout ? null : FileReplacement.create(Path.of(out))) {
            Conversion c;
            try {
                WritableByteChannel sink = toStdout ? Channels.newChannel(System.out) : file.channel();
                c = V2ToV3Converter.convert(source.input(), sink);
            } catch (StreamFormatException e) {
                System.out.flush();
                System.err.println("baton xen convert: " + source.name() + ": " + e.getMessage());
                return XenCommand.BAD_INPUT;
            }
            if (toStdout) {
                System.out.flush();
            } else {
                file.commit();
            }
            say.println(source.name() + " -> " + (toStdout ? "<stdout>" : out) + ": " + c.format().id() + " "
                    + c.domain().guestName() + " stream converted to v3; STATIC_DATA_END inserted as libxc record #"
                    + c.insertedAt() + ", before " + c.insertedBefore() + "; " + c.inputOctets() + " -> "
                    + Plural.count(c.outputOctets(), "octet"));
            return XenCommand.OK;
        }
    }
}
