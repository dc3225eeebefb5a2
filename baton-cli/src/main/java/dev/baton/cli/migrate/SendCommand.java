package dev.baton.cli.migrate;

import dev.baton.cli.Lines;
import dev.baton.cli.Progress;
import dev.baton.cli.option.Endpoint;
import dev.baton.cli.option.OnLimitOption;
import dev.baton.cli.option.Ranges;
import dev.baton.cli.option.StreamOutput;
import dev.baton.cli.option.TlsOptions;
import dev.baton.core.engine.ReleaseProfiles;
import dev.baton.migrate.MigratableApplication;
import dev.baton.migrate.StateDigest;
import dev.baton.migrate.precopy.PrecopyPolicy;
import dev.baton.migrate.session.MigrationFailedException;
import dev.baton.migrate.session.MigrationStats;
import dev.baton.migrate.session.RehearsalReport;
import dev.baton.migrate.session.SourceSession;
import dev.baton.migrate.transport.FileTransport;
import dev.baton.migrate.transport.PipeTransport;
import dev.baton.migrate.transport.TcpTransport;
import dev.baton.migrate.transport.TlsConfig;
import dev.baton.migrate.transport.TlsRefusedException;
import dev.baton.migrate.transport.TlsTransport;
import dev.baton.migrate.transport.Transport;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code baton migrate send}: starts the application, then migrates it while it runs. */
@Command(name = "send",
        description = {"Start the application and migrate it, running, to a target: over TCP or TLS (with a handshake,"
                + " refusal before the dynamic state and an acknowledgement), or into a file or standard output (one"
                + " way: no handshake).",
            "On any failure before the target's acknowledgement the application resumes with its state intact (exit 1)."})
final class SendCommand implements Callable<Integer> {

    @Option(names = "--to", required = true, paramLabel = "HOST:PORT|FILE|-",
            converter = Ranges.EndpointOrFile.class,
            description = "The target's address, a file to write the stream to, or - for standard output.")
    String to;

    @Mixin
    AppOptions appOptions;

    @Mixin
    TlsOptions tls;

    @Option(names = "--timeout", paramLabel = "MS", defaultValue = "10000", converter = Ranges.Millis.class,
            description = "How long any read, write or answer may take before the migration fails (default ${DEFAULT-VALUE}).")
    long timeoutMillis;

    @Option(names = "--downtime-limit", paramLabel = "MS", defaultValue = "300",
            converter = Ranges.MillisOrZero.class,
            description = "Switch over when the rest is estimated to take less than this (default ${DEFAULT-VALUE}).")
    long downtimeMillis;

    @Option(names = "--max-iterations", paramLabel = "N", defaultValue = "30", converter = Ranges.Positive.class,
            description = "Switch over after this many pre-copy passes in any case (default ${DEFAULT-VALUE}).")
    int maxIterations;

    @Option(names = "--bandwidth", paramLabel = "MB/S", defaultValue = "0",
            converter = Ranges.MegabytesPerSecond.class,
            description = "Limit the pre-copy passes to this many megabytes a second (default: no limit).")
    long bandwidth;

    @Mixin
    OnLimitOption onLimit;

    @Option(names = "--channels", paramLabel = "N", defaultValue = "1", converter = Ranges.Channels.class,
            description = "Migrate over up to N connections, 1 to 16 (default 1): the regions' pages go over the"
                    + " others, each with its own thread; the target's --channels says how many it takes.")
    int channels;

    @Option(names = "--profile", paramLabel = "NAME", description = "Write for this release profile (default: the newest"
            + " the target accepts; without a return path, the newest this build has).")
    String profile;

    @Option(names = "--progress", description = "Show a progress bar on standard error even when it is not a terminal.")
    boolean progress;

    @Option(names = "--rehearse", description = "Rehearse the migration: the target loads the whole state into a fresh"
            + " instance, checks it, reports per section and discards it; the application never pauses and is not"
            + " handed over (exit 0 when the rehearsal passed, 1 when not). Needs --to HOST:PORT.")
    boolean rehearse;

    @Option(names = "--json", description = "Print what happened as one JSON document on standard output instead of "
            + "lines (--to must not be -).")
    boolean json;

    /** With --json, the document the session's events fill; else null. */
    private JsonReport report;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        boolean toStdout = StreamOutput.toStdout(spec, to, "--to", json, "a file or a target");
        PrintStream info = toStdout ? System.err : System.out; // standard output may carry the stream
        Endpoint endpoint = toStdout ? null : Endpoint.parse(to, "127.0.0.1");
        TlsConfig tlsConfig = tls.config();
        if (tlsConfig != null && endpoint == null) {
            throw new CommandLine.ParameterException(spec.commandLine(), "TLS needs --to HOST:PORT");
        }
        if (channels > 1 && endpoint == null) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--channels " + channels + " needs --to"
                    + " HOST:PORT: a file or a pipe is one channel");
        }
        if (rehearse && endpoint == null) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--rehearse needs --to HOST:PORT: the target"
                    + " answers a rehearsal with its report, which a file or a pipe cannot");
        }
        Duration timeout = Duration.ofMillis(timeoutMillis);
        MigratableApplication application = appOptions.load();
        checkProfile(application);
        application.launch();
        report = json ? new JsonReport(application, "to", to, tlsConfig) : null;
        if (!json) {
            Lines.println(info, (rehearse ? "rehearsing " : "sending ") + application.name() + " "
                    + application.version() + " to " + to + (tlsConfig != null ? " over TLS as " + tlsConfig.subject()
                    : "") + (rehearse ? " (it runs on throughout; nothing is handed over)" : ""), 4);
        }
        Transport transport;
        try {
            transport = toStdout ? PipeTransport.toStandardOutput(timeout)
                    : endpoint == null ? FileTransport.create(Path.of(to))
                    : tlsConfig != null ? TlsTransport.connect(endpoint.host(), endpoint.port(), tlsConfig, timeout)
                    : TcpTransport.connect(endpoint.host(), endpoint.port(), timeout);
        } catch (TlsRefusedException e) {
            return fail(e.getMessage() + "; the source resumed with its state intact");
        }
        Progress bar = Progress.start(rehearse ? "rehearse" : "migrate", -1, progress);
        MigrationStats stats;
        try {
            SourceSession session = SourceSession.builder(application).timeout(timeout).profile(profile)
                    .precopy(new PrecopyPolicy(Duration.ofMillis(downtimeMillis), maxIterations, bandwidth * 1_000_000,
                            onLimit.policy()))
                    .listener(json ? report.listener(bar) : new Report(info, bar, true))
                    .channels(channels, () -> tlsConfig != null
                            ? TlsTransport.connect(endpoint.host(), endpoint.port(), tlsConfig, timeout)
                            : TcpTransport.connect(endpoint.host(), endpoint.port(), timeout)).build();
            if (rehearse) {
                return rehearsed(session.rehearse(transport), info);
            }
            stats = session.migrate(transport);
            bar.at(stats.octets());
        } catch (MigrationFailedException e) {
            return fail(e.getMessage());
        } finally {
            bar.close();
        }
        String digest = StateDigest.of(application);
        if (json) {
            report.doc().put("stateSha256", digest);
        } else {
            info.println("handed over: state sha256 " + digest);
        }
        if (transport.hasReturnPath() && !stats.targetConfirmed()) {
            return fail("the target acknowledged the whole state but did not confirm that it runs (GO or DONE was"
                    + " lost): check the target before dropping this state");
        }
        if (json) {
            report.print(true, null);
        }
        return MigrateCommand.OK;
    }

    /**
     * Prints a rehearsal's report; exit 0 when it passed, else 1 with its verdict in one line. The
     * application ran on throughout; the command's exit ends it, handed over to no one.
     */
    private int rehearsed(RehearsalReport r, PrintStream info) throws IOException {
        if (json) {
            RehearsalOutput.json(report.doc(), r);
        } else {
            RehearsalOutput.print(info, r);
        }
        if (!r.passed()) {
            return fail(r.verdict());
        }
        if (json) {
            report.print(false, null);
        } else {
            Lines.println(info, r.verdict(), 4);
        }
        return MigrateCommand.OK;
    }

    /** A --profile the application does not list is a usage error, before anything starts. */
    private void checkProfile(MigratableApplication application) {
        ReleaseProfiles releases = application.profiles();
        if (profile != null && (releases == null || !releases.knows(profile))) {
            throw new CommandLine.ParameterException(spec.commandLine(), "invalid value for option '--profile': "
                    + application.name() + " has no release profile '" + profile + "': allowed is "
                    + (releases == null ? "none (it lists no profiles)" : "one of "
                    + String.join(", ", releases.names())));
        }
    }

    private int fail(String message) throws IOException {
        if (json) {
            report.print(false, message);
        }
        spec.commandLine().getErr().println("baton migrate send: " + message);
        spec.commandLine().getErr().flush();
        return MigrateCommand.FAILED;
    }
}
