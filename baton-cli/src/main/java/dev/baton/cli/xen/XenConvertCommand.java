package dev.baton.cli.xen;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.baton.cli.ErrorHandler;
import dev.baton.cli.JsonOutput;
import dev.baton.cli.Lines;
import dev.baton.cli.ProblemJson;
import dev.baton.cli.option.StreamOutput;
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
import picocli.CommandLine;
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

    /** The versions a stream can be converted to. */
    enum Target { v3 }

    @Option(names = "--to", required = true, paramLabel = "VERSION", description = "The version to write: v3.")
    Target to;

    @Parameters(index = "0", paramLabel = "IN", description = "The v2 stream; - for standard input.")
    String in;

    @Parameters(index = "1", paramLabel = "OUT", description = "Where the v3 stream goes; - for standard output.")
    String out;

    @Option(names = "--json", description = "Say what was converted as JSON on standard output (OUT must not be -).")
    boolean json;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        boolean toStdout = StreamOutput.toStdout(spec, out, "OUT", json, "a file");
        PrintStream say = toStdout ? System.err : System.out;
        try (XenSource source = XenSource.open(in);
             FileReplacement file = toStdout ? null : FileReplacement.create(Path.of(out))) {
            Conversion c;
            try {
                WritableByteChannel sink = toStdout ? Channels.newChannel(System.out) : file.channel();
                c = V2ToV3Converter.convert(source.input(), sink);
            } catch (StreamFormatException e) {
                if (json) {
                    ObjectNode o = names(source);
                    o.put("converted", false);
                    ProblemJson.putError(o, e);
                    JsonOutput.print(o);
                }
                System.out.flush();
                System.err.println(ErrorHandler.inFile("baton xen convert", source.name(), e));
                return XenCommand.BAD_INPUT;
            }
            if (toStdout) {
                System.out.flush();
            } else {
                file.commit();
            }
            if (json) {
                ObjectNode o = names(source);
                o.put("converted", true);
                o.put("format", c.format().id());
                o.put("guest", c.domain().guestName());
                o.put("insertedAt", c.insertedAt());
                o.put("insertedBefore", c.insertedBefore());
                o.put("inputOctets", c.inputOctets());
                o.put("outputOctets", c.outputOctets());
                JsonOutput.print(o);
                return XenCommand.OK;
            }
            Lines.println(say, source.name() + " -> " + (toStdout ? "<stdout>" : out) + ": " + c.format().id() + " "
                    + c.domain().guestName() + " stream converted to v3; STATIC_DATA_END inserted as libxc record #"
                    + c.insertedAt() + ", before " + c.insertedBefore() + "; " + c.inputOctets() + " -> "
                    + Plural.count(c.outputOctets(), "octet"), 4);
            return XenCommand.OK;
        }
    }

    private ObjectNode names(XenSource source) {
        ObjectNode o = JsonOutput.object();
        o.put("input", source.name());
        o.put("output", out);
        return o;
    }
}
