package dev.baton.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.baton.cli.option.StreamOutput;
import dev.baton.core.wire.Plural;
import dev.baton.core.wire.RecordWriter;
import dev.baton.core.wire.WriterOptions;
import dev.baton.migrate.sample.SampleApplication;
import dev.baton.migrate.session.MigrationFailedException;
import dev.baton.migrate.session.MigrationStats;
import dev.baton.migrate.session.SourceSession;
import dev.baton.migrate.transport.FileTransport;
import dev.baton.migrate.transport.PipeTransport;
import dev.baton.migrate.transport.Transport;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code baton sample}: writes a demonstration stream holding every record type, or with
 * {@code --migration} the migration stream of the sample application; either as a release that
 * mislabelled a section's version would, for quirks.
 */
@Command(name = "sample",
        description = {"Write a demonstration stream that holds every record type.",
            "With --migration, write the sample application's migration stream instead (what `baton migrate send "
                + "--to FILE` writes from a sample that does not change; `baton migrate receive --from FILE` loads "
                + "it), sized by -Dbaton.sample.mib and -Dbaton.sample.sessions as the application is.",
            "--producer-version and --mislabel write either as a release that declared a section at a version its "
                + "data is not in would: the mistake a quirk corrects (docs/COMPATIBILITY.md)."})
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

    @Option(names = "--migration", description = "Write the sample application's migration stream (big-endian, "
            + "checksums on, profile 2.0, producer baton-sample) instead of the demonstration stream.")
    boolean migration;

    @Option(names = "--producer", paramLabel = "NAME",
            description = "The producer named in the header (default: baton-sample); not with --migration, whose "
                    + "target checks that it is the application's.")
    String producer;

    @Option(names = "--producer-version", paramLabel = "VERSION",
            description = "The producer version in the header (default: Baton's; with --migration, the sample's "
                    + "release, 2.0).")
    String producerVersion;

    @Option(names = "--mislabel", paramLabel = "SECTION=VERSION",
            description = "Declare SECTION (its idstr) at VERSION in its header, its data staying in the layout of the "
                    + "version it is written at (repeatable).")
    Map<String, Integer> mislabel = new LinkedHashMap<>();

    @Option(names = "--json", description = "Say what was written as JSON on standard output (FILE must not be -).")
    boolean json;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        boolean toStdout = StreamOutput.toStdout(spec, file, "FILE", json, "a file");
        String name = producer != null ? producer : "baton-sample";
        String version = producerVersion != null ? producerVersion : migration ? "2.0" : VersionProvider.version();
        long octets;
        long records = -1; // a migration stream's source counts octets only
        if (migration) {
            List<String> demoOnly = List.of("--byte-order", "--checksums", "--profile", "--producer").stream()
                    .filter(o -> spec.commandLine().getParseResult().hasMatchedOption(o)).toList();
            if (!demoOnly.isEmpty()) {
                throw usage("--migration writes what the sample application's source writes, which "
                        + String.join(" and ", demoOnly) + " cannot change");
            }
            octets = writeMigration(version, toStdout).octets();
        } else {
            WriterOptions options;
            try {
                options = WriterOptions.defaults().withByteOrder(order == Order.little ? ByteOrder.LITTLE_ENDIAN
                        : ByteOrder.BIG_ENDIAN).withChecksums(checksums).withProducer(name, version).withProfile(profile);
            } catch (IllegalArgumentException e) { // the header's limits on its strings
                throw usage("invalid value for option '" + (producer != null || producerVersion != null
                        ? "--producer" : "--profile") + "': " + e.getMessage());
            }
            try {
                SampleStream.check(mislabel); // before FILE is made
            } catch (IllegalArgumentException e) {
                throw usage("invalid value for option '--mislabel': " + e.getMessage());
            }
            long[] written = writeDemonstration(options, toStdout);
            octets = written[0];
            records = written[1];
        }
        if (json) {
            ObjectNode o = JsonOutput.object();
            o.put("file", file);
            o.put("stream", migration ? "migration" : "demonstration");
            o.put("octets", octets);
            if (records >= 0) {
                o.put("records", records);
            }
            o.put("byteOrder", migration || order == Order.big ? "big-endian" : "little-endian");
            o.put("checksums", migration || checksums);
            o.put("profile", migration ? "2.0" : profile);
            o.put("producer", name);
            o.put("producerVersion", version);
            if (!mislabel.isEmpty()) {
                ObjectNode m = o.putObject("mislabelled");
                mislabel.forEach(m::put);
            }
            JsonOutput.print(o);
        } else {
            StringBuilder line = new StringBuilder("wrote " + Plural.count(octets, "octet")
                    + (records >= 0 ? ", " + Plural.count(records, "record") : "") + " to " + file);
            if (!mislabel.isEmpty()) {
                line.append(" as ").append(name).append(' ').append(version).append(" wrote it: ");
                mislabel.forEach((s, v) -> line.append(s).append(" declared at version ").append(v).append(", "));
                line.setLength(line.length() - 2);
            }
            Lines.println(System.err, line.toString(), 4);
        }
        return 0;
    }

    /** The demonstration stream: its octets and records. */
    private long[] writeDemonstration(WriterOptions options, boolean toStdout) throws IOException {
        if (toStdout) {
            OutputStream out = System.out;
            RecordWriter w = RecordWriter.open(out, options);
            write(w);
            w.close();
            out.flush();
            return new long[] {w.offset(), w.records()};
        }
        RecordWriter written;
        try (RecordWriter w = RecordWriter.open(Path.of(file), options)) {
            write(w);
            written = w;
        } // closed: every octet is written, so the counts are the file's
        return new long[] {written.offset(), written.records()};
    }

    private void write(RecordWriter w) throws IOException {
        SampleStream.write(w, mislabel);
    }

    /** The sample application's migration stream, as its source writes it into a file or a pipe. */
    private MigrationStats writeMigration(String version, boolean toStdout) throws IOException {
        SampleApplication app;
        try {
            app = SampleApplication.mislabelling(version, mislabel);
        } catch (IllegalArgumentException e) {
            throw usage("invalid value for option '--mislabel': " + e.getMessage());
        }
        app.launch();
        Transport to = toStdout ? PipeTransport.toStandardOutput(Duration.ofSeconds(60))
                : FileTransport.create(Path.of(file));
        try {
            return SourceSession.builder(app).build().migrate(to);
        } catch (MigrationFailedException e) {
            throw new IOException(e.reason(), e);
        } finally {
            app.stop();
        }
    }

    private CommandLine.ParameterException usage(String message) {
        return new CommandLine.ParameterException(spec.commandLine(), message);
    }
}
