package dev.baton.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.baton.cli.option.StreamOutput;
import dev.baton.core.wire.Plural;
import dev.baton.core.wire.RecordWriter;
import dev.baton.core.wire.WriterOptions;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code baton sample}: writes a demonstration stream holding every record type. */
@Command(name = "sample",
        description = "Write a demonstration stream that holds every record type.")
final class SampleCommand implements Callable<Integer> {

    enum Order { big, little }

    @Parameters(paramLabel = "FILE", description = "Where to write the stream; - for standard output.")
    String file;

    @Option(names = "--byte-order", paramLabel = "big|little", defaultValue = "big",
            description = "Byte order of everything after the preamble (default: ${DEFAULT-VALUE}).")
    Order order;

    @Option(names = "--checksums", description = "Add a CRC32C trailer to every record.")
    boolean checksums;

    @Option(names = "--profile", paramLabel = "NAME", defaultValue = "demo-1",
            description = "Release profile name recorded in the header (default: ${DEFAULT-VALUE}).")
    String profile;

    @Option(names = "--json", description = "Say what was written as JSON on standard output (FILE must not be -).")
    boolean json;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        WriterOptions options;
        try {
            options = options(order == Order.little ? ByteOrder.LITTLE_ENDIAN : ByteOrder.BIG_ENDIAN, checksums,
                    profile);
        } catch (IllegalArgumentException e) { // the header's limits on its strings
            throw new CommandLine.ParameterException(spec.commandLine(), "invalid value for option '--profile': "
                    + e.getMessage());
        }
        if (StreamOutput.toStdout(spec, file, "FILE", json, "a file")) {
            OutputStream out = System.out;
            RecordWriter w = RecordWriter.open(out, options);
            SampleStream.write(w);
            w.close();
            out.flush();
        } else {
            try (RecordWriter w = RecordWriter.open(Path.of(file), options)) {
                SampleStream.write(w);
                w.close();
                if (json) {
                    ObjectNode o = JsonOutput.object();
                    o.put("file", file);
                    o.put("octets", w.offset());
                    o.put("records", w.records());
                    o.put("byteOrder", order + "-endian");
                    o.put("checksums", checksums);
                    o.put("profile", profile);
                    JsonOutput.print(o);
                } else {
                    System.err.println("wrote " + Plural.count(w.offset(), "octet") + ", "
                            + Plural.count(w.records(), "record") + " to " + file);
                }
            }
        }
        return 0;
    }

    static WriterOptions options(ByteOrder order, boolean checksums, String profile) {
        return WriterOptions.defaults().withByteOrder(order).withChecksums(checksums)
                .withProducer("baton-sample", VersionProvider.version()).withProfile(profile);
    }
}
