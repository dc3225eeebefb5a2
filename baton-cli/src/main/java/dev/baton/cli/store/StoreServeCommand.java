package dev.baton.cli.store;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.baton.cli.ErrorHandler;
import dev.baton.cli.JsonOutput;
import dev.baton.cli.option.Ranges;
import dev.baton.cli.option.StoreRanges;
import dev.baton.cli.option.TlsOptions;
import dev.baton.store.process.StoreEvents;
import dev.baton.store.process.StoreMain;
import dev.baton.store.process.StoreOptions;
import dev.baton.store.process.TrustOptions;
import dev.baton.store.server.DomainMap;
import dev.baton.store.server.Release;
import dev.baton.store.xen.XenstoreLoad;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code baton store serve}: a store in the foreground, ready to be live-updated. */
@Command(name = "serve",
        description = {"Serve a store on a TCP port (with SO_REUSEPORT, so that a new process can take it over) and a "
                + "control socket that only its user can reach, for `baton store live-update|dump|load|stop`.",
            "Runs until stopped (`baton store stop`, or a signal) or live-updated away. Exit 2 when a port cannot be "
                    + "bound or the seed cannot be read, 1 when the seed is refused."})
final class StoreServeCommand implements Callable<Integer> {

    @Option(names = "--host", paramLabel = "HOST", defaultValue = "127.0.0.1",
            description = "The address to serve on (default: ${DEFAULT-VALUE}).")
    String host;

    @Option(names = "--port", paramLabel = "PORT", defaultValue = "0", converter = Ranges.PortOrAny.class,
            description = "Store port (0, the default: any free one).")
    int port;

    @Option(names = "--control", paramLabel = "SOCKET",
            description = "The control socket (0600; its directory 0700, made so or refused when others can reach it); "
                    + "default: control-PID in the run directory of the store's port (printed).")
    Path control;

    @Option(names = "--release", paramLabel = "1.0|2.0", defaultValue = "2.0", converter = StoreRanges.Release.class,
            description = "The store release to run (default: ${DEFAULT-VALUE}).")
    String release;

    @Option(names = "--grace", paramLabel = "SECONDS", defaultValue = "30", converter = StoreRanges.GraceSeconds.class,
            description = "How long a connection whose socket dropped waits to be resumed (default: ${DEFAULT-VALUE}).")
    long graceSeconds;

    @Option(names = "--seed", paramLabel = "FILE",
            description = "Start from this xenstore migration stream (a dump of xenstored, or of `baton store dump`).")
    Path seed;

    @Option(names = "--unix-socket", paramLabel = "PATH",
            description = "Serve xenstore's wire protocol on this Unix socket too, for Xen's clients (XENSTORED_PATH); "
                    + "made 0600, its directory 0700 when it is made (docs/STORE.md).")
    Path unixSocket;

    @CommandLine.Mixin
    TlsOptions tls;

    @Option(names = "--domain-map", paramLabel = "FILE",
            description = "With --tls-key: the domain of each client certificate's subject, lines `SUBJECT = DOMID` "
                    + "(docs/STORE.md); a subject it does not name is refused.")
    Path domainMap;

    @Option(names = "--trust-hello",
            description = "Believe the domid each TCP client's HELLO names, on a loopback host only: for tests and "
                    + "demos. Without it or --tls-key, TCP clients are refused.")
    boolean trustHello;

    @Option(names = "--json", description = "Print one JSON object once the store serves (docs/CLI.md); what the "
            + "process says when it ends goes to standard error.")
    boolean json;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        StoreOptions options = new StoreOptions(host, port, Release.of(release), Duration.ofSeconds(graceSeconds),
                true, control == null ? StoreOptions.CONTROL_IN_RUN_DIRECTORY : control, seed, false, null, "", null, unixSocket,
                trust());
        try {
            StoreMain.run(options, json ? new JsonEvents() : StoreEvents.lines(System.out));
            return 0;
        } catch (StoreMain.SeedException e) {
            return CommandError.print(spec, e.getMessage(), e.unreadable() ? ErrorHandler.USAGE_OR_IO
                    : ErrorHandler.BAD_INPUT);
        } catch (DomainMap.MalformedException e) {
            return CommandError.print(spec, e.getMessage(), ErrorHandler.BAD_INPUT);
        } catch (java.nio.file.NoSuchFileException | java.nio.file.AccessDeniedException e) {
            // a TLS file or the domain map: the JDK's message is the bare path
            return CommandError.print(spec, ErrorHandler.describe(e), ErrorHandler.USAGE_OR_IO);
        } catch (IOException e) {
            return CommandError.print(spec, e.getMessage(), ErrorHandler.USAGE_OR_IO);
        }
    }

    /** The trust options; those that do not go together are a usage error. */
    private TrustOptions trust() {
        List<Path> files = tls.files();
        try {
            return files == null ? new TrustOptions(trustHello, null, null, null, null, domainMap)
                    : new TrustOptions(trustHello, files.get(0), files.get(1), files.get(2), files.get(3), domainMap);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
    }

    /** The start as one JSON object on standard output; the end as lines on standard error. */
    private static final class JsonEvents implements StoreEvents {
        private final StoreEvents end = StoreEvents.lines(System.err);
        private ObjectNode seeded;

        @Override
        public void seeded(Path file, XenstoreLoad.Result r) {
            seeded = JsonOutput.object().put("file", file.toString()).put("nodes", r.nodes());
            r.skipped().forEach(seeded.putArray("skipped")::add);
        }

        @Override
        public void migrationSocket(Path socket) {
            // a serving store takes nothing over
        }

        @Override
        public void serving(Serving s) {
            ObjectNode o = JsonOutput.object().put("pid", s.pid()).put("host", s.host()).put("port", s.port())
                    .put("control", s.control().toString()).put("release", s.release().label())
                    .put("graceSeconds", s.grace().toSeconds()).put("trust", s.trust().mode());
            if (s.unixSocket() != null) {
                o.put("unixSocket", s.unixSocket().toString());
            }
            o.set("seeded", seeded);
            JsonOutput.print(o);
        }

        @Override
        public void quirkApplied(String applied) {
            // a serving store loads no stream: only a takeover does
        }

        @Override
        public void handedOver(HandOver h) {
            end.handedOver(h);
        }

        @Override
        public void stopped() {
            end.stopped();
        }
    }
}
