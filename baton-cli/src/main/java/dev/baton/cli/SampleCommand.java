package dev.baton.cli;

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
@Command(name = "sample", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
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
        if (file.equals("-")) {
            OutputStream out = System.out;
            RecordWriter w = RecordWriter.open(out, options);
            SampleStream.write(w);
            w.close();
            out.flush();
        } else {
            try (RecordWriter w = RecordWriter.open(Path.of(file), options)) {
                SampleStream.write(w);
                System.err.println("wrote " + Plural.count(w.offset(), "octet") + ", "
                        + Plural.count(w.records(), "record") + " to " + file);
            }
        }
        return 0;
    }

    static WriterOptions options(ByteOrder order, boolean checksums, String profile) {
        return WriterOptions.defaults().withByteOrder(order).withChecksums(checksums)
                .withProducer("baton-sample", VersionProvider.version()).withProfile(profile);
    }
}
