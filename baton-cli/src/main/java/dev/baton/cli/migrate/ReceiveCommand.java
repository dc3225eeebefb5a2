package dev.baton.cli.migrate;

import dev.baton.cli.Lines;
import dev.baton.cli.Progress;
import dev.baton.cli.option.BadInputException;
import dev.baton.cli.option.Endpoint;
import dev.baton.cli.option.QuirksOption;
import dev.baton.cli.option.Ranges;
import dev.baton.cli.option.TlsOptions;
import dev.baton.core.engine.Quirks;
import dev.baton.migrate.MigratableApplication;
import dev.baton.migrate.StateDigest;
import dev.baton.migrate.session.MigrationFailedException;
import dev.baton.migrate.session.Received;
import dev.baton.migrate.session.RehearsalReport;
import dev.baton.migrate.session.TargetSession;
import dev.baton.migrate.transport.FileTransport;
import dev.baton.migrate.transport.PipeTransport;
import dev.baton.migrate.transport.TcpTransport;
import dev.baton.migrate.transport.TlsConfig;
import dev.baton.migrate.transport.TlsRefusedException;
import dev.baton.migrate.transport.TlsTransport;
import dev.baton.migrate.transport.Transport;
import dev.baton.migrate.transport.TransportListener;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.logging.Level;
import java.util.logging.Logger;
import picocli.CommandLine;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code baton migrate receive}: loads a migration into a new instance of the application and activates it. */
@Command(name = "receive",
        description = {"Receive one migration into a new instance of the application: listen for a source (TCP, or TLS"
                + " requiring a trusted source certificate), or read a stream from a file or standard input.",
            "The instance is activated only once the source has committed; on any failure it is discarded (exit 1)."})
final class ReceiveCommand implements Callable<Integer> {

    @ArgGroup(exclusive = true, multiplicity = "1")
    From from;

    static final class From {
        @Option(names = "--listen", paramLabel = "[HOST:]PORT", converter = Ranges.ListenAddress.class,
                description = "Listen on this port (0 for any free one; it is printed) for one source.")
        Endpoint listen;

        @Option(names = "--from", paramLabel = "FILE|-", description = "Read the stream from a file, or - for standard input.")
        String file;
    }

    @Mixin
    AppOptions appOptions;

    @Mixin
    TlsOptions tls;

    @Mixin
    QuirksOption quirksOption;

    @Option(names = "--timeout", paramLabel = "MS", defaultValue = "10000", converter = Ranges.Millis.class,
            description = "How long any read or write may wait before the migration fails (default ${DEFAULT-VALUE}).")
    long timeoutMillis;

    @Option(names = "--accept-timeout", paramLabel = "S", defaultValue = "0",
            converter = Ranges.SecondsOrForever.class,
            description = "How long to wait for a source to connect, in seconds (default: for ever).")
    long acceptSeconds;

    @Option(names = "--channels", paramLabel = "N", defaultValue = "1", converter = Ranges.Channels.class,
            description = "Take up to N connections for the migration, 1 to 16 (default 1); a source that asks for"
                    + " fewer, or predates channels, migrates over one. Needs --listen.")
    int channels;

    @Option(names = "--progress", description = "Show a progress bar on standard error even when it is not a terminal.")
    boolean progress;

    @Option(names = "--json", description = "Print what happened as one JSON document on standard output instead of "
            + "lines (the port listened on is said on standard error).")
    boolean json;

    /**
     * The loader logs each quirk it applies ({@code System.Logger} "dev.baton.quirks"), which the
     * command says in its own line; held, so that the level set stays (loggers are held weakly).
     */
    private static final Logger QUIRKS_LOG = Logger.getLogger("dev.baton.quirks");

    /** With --json, the document the session's events fill; else null. */
    private JsonReport report;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws IOException, BadInputException {
        Duration timeout = Duration.ofMillis(timeoutMillis);
        Quirks quirks = quirksOption.quirks(); // a bad file fails before anything listens or is read
        QUIRKS_LOG.setLevel(Level.WARNING);
        TlsConfig tlsConfig = tls.config();
        if (channels > 1 && from.listen == null) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--channels " + channels + " needs --listen:"
                    + " a file or a pipe is one channel");
        }
        MigratableApplication application = appOptions.load();
        report = json ? new JsonReport(application, "from", from.listen != null ? "listen " + listenAddress()
                : from.file, tlsConfig) : null;
        if (from.listen == null) {
            return receive(from.file.equals("-") ? PipeTransport.fromStandardInput(timeout)
                    : FileTransport.open(Path.of(from.file)), null, quirks, timeout, application);
        }
        Endpoint e = from.listen;
        InetSocketAddress address = e.host().isEmpty() ? new InetSocketAddress(e.port())
                : new InetSocketAddress(e.host(), e.port());
        // open until the migration ends: with more than one channel, the others come to it after START
        try (TransportListener listener = tlsConfig != null
                ? TlsTransport.listen(address, tlsConfig).timeout(timeout)
                : TcpTransport.listen(address).timeout(timeout)) {
            // with --json, standard output is the document's: the port is said on standard error
            PrintStream say = json ? System.err : System.out;
            Lines.println(say, "listening on port " + listener.port() + (tlsConfig != null ? " (TLS, as "
                    + tlsConfig.subject() + ")" : "") + " for " + application.name() + " " + application.version(), 4);
            say.flush();
            if (json) {
                report.doc().put("port", listener.port());
            }
            Transport transport;
            try {
                transport = listener.accept(Duration.ofSeconds(acceptSeconds));
            } catch (TlsRefusedException refused) {
                return fail("migration refused: " + refused.getMessage());
            }
            return receive(transport, listener, quirks, timeout, application);
        }
    }

    /** Receives over {@code transport}; {@code listener} is where extra channels come, null for a file or pipe. */
    private int receive(Transport transport, TransportListener listener, Quirks quirks, Duration timeout,
            MigratableApplication application) throws IOException {
        Progress bar = Progress.start(Progress.reading("receive", from.file == null ? "" : from.file), -1, progress);
        MigratableApplication received;
        try {
            // the instance made above is new and empty: the migration (or a rehearsal) loads into it
            switch (TargetSession.builder(() -> application).quirks(quirks)
                    .listener(json ? report.listener(bar) : new Report(System.out, bar, false))
                    .channels(channels, listener, timeout).build()
                    .receiveOrRehearse(transport)) {
                case Received.Migrated m -> received = m.application();
                case Received.Rehearsed r -> {
                    bar.close();
                    return rehearsed(r.report());
                }
            }
        } catch (MigrationFailedException e) {
            return fail(e.getMessage());
        } finally {
            bar.close();
        }
        String digest = StateDigest.of(received);
        if (json) {
            report.doc().put("stateSha256", digest);
            report.print(true, null);
        } else {
            // the digest on a line of its own: with the name it would not fit a line
            System.out.println("activated " + received.name() + " " + received.version());
            System.out.println("state sha256 " + digest);
        }
        return MigrateCommand.OK;
    }

    /**
     * A rehearsal ran to its end: its report went to the source, which judges it (it alone has both
     * digests); this side prints what it found and exits 0, having activated nothing.
     */
    private int rehearsed(RehearsalReport r) throws IOException {
        if (json) {
            RehearsalOutput.json(report.doc(), r);
            report.print(false, null);
        } else {
            RehearsalOutput.print(System.out, r);
            System.out.println("rehearsal reported to the source; " + application(r) + " discarded, nothing activated");
        }
        return MigrateCommand.OK;
    }

    private static String application(RehearsalReport r) {
        return "the instance of " + r.application();
    }

    /** --listen as given: PORT alone, or HOST:PORT (an empty host listens on every address). */
    private String listenAddress() {
        return from.listen.host().isEmpty() ? String.valueOf(from.listen.port()) : from.listen.toString();
    }

    private int fail(String message) throws IOException {
        if (json) {
            report.print(false, message);
        }
        spec.commandLine().getErr().println("baton migrate receive: " + message);
        spec.commandLine().getErr().flush();
        return MigrateCommand.FAILED;
    }
}
