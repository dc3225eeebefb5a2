package dev.baton.store.process;

import dev.baton.core.engine.Quirks;
import dev.baton.core.json.JsonParser;
import dev.baton.core.wire.StreamFormatException;
import dev.baton.migrate.session.MigrationEvent;
import dev.baton.migrate.session.Received;
import dev.baton.migrate.session.TargetSession;
import dev.baton.migrate.transport.UnixTransport;
import dev.baton.store.live.RunDirectory;
import dev.baton.store.live.StoreApplication;
import dev.baton.store.server.ClientTrust;
import dev.baton.store.server.DomainMap;
import dev.baton.store.server.Store;
import dev.baton.store.server.StoreServer;
import dev.baton.store.server.UnixSockets;
import dev.baton.store.server.WireServer;
import dev.baton.store.xen.XenstoreLoad;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Runs a store process: {@code java -cp ... dev.baton.store.server.StoreMain [options]} (see
 * {@link StoreOptions#parse}), or {@link #run} from {@code baton store serve}. It says what it
 * does through {@link StoreEvents}: {@code listening on HOST:PORT (release R)} once it accepts
 * connections, then {@code control on PATH} with {@code --control} (its control socket, in the run
 * directory of its port) or {@code --control-socket PATH}; it serves until the control channel
 * stops it or moves it to a new process ({@link ControlServer}).
 *
 * <p>With {@code --takeover} the process first receives a store from a live update (printing
 * {@code migration on socket PATH}, the Unix socket of {@code --listen-migration-socket}, 0600 in a
 * private directory: the old store's state directory), then binds the store port (with
 * {@code --reuse-port}, beside the old process) and serves it; when the migration fails it prints
 * {@code takeover failed: <reason>} and exits 1; {@code --quirks FILE} loads the migration
 * through the quirks of past producers that file lists, and says each one applied on a line of
 * its own. {@code --seed FILE} starts the store from a xenstore migration stream.
 *
 * <p>Whom it believes about a TCP client's domain ({@link TrustOptions}) it says on the line
 * after {@code listening on}: {@code trust mode: ...}.
 */
public final class StoreMain {
    private StoreMain() {
    }

    /** The command line of a store process; usage errors exit 2, a seed that fails 2 (I/O) or 1 (refused). */
    public static void main(String[] args) throws IOException, InterruptedException {
        StoreOptions options;
        try {
            if (args.length == 1 && (args[0].equals("-h") || args[0].equals("--help"))) {
                System.out.println(StoreOptions.usage());
                return;
            }
            options = StoreOptions.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("store: " + e.getMessage());
            System.err.println(StoreOptions.usage());
            System.exit(2);
            return;
        }
        try {
            run(options, StoreEvents.lines(System.out));
        } catch (SeedException e) {
            System.err.println("store: " + e.getMessage());
            System.exit(e.unreadable() ? 2 : 1);
        } catch (DomainMap.MalformedException e) {
            System.err.println("store: " + e.getMessage());
            System.exit(1);
        } catch (IOException e) { // a port or socket that cannot be bound: one line, as every refusal
            System.err.println("store: " + e.getMessage());
            System.exit(2);
        }
    }

    /** {@code --seed} failed: the file cannot be read, or its content is refused. The message names the file. */
    public static final class SeedException extends Exception {
        private static final long serialVersionUID = 1L;
        private final boolean unreadable;

        SeedException(String message, Throwable cause, boolean unreadable) {
            super(message, cause);
            this.unreadable = unreadable;
        }

        /** Whether the file could not be read (an I/O error), rather than read and refused. */
        public boolean unreadable() {
            return unreadable;
        }
    }

    /**
     * Runs a store as {@code options} say and serves it until its control channel ends the process;
     * never returns normally.
     *
     * @throws SeedException                when {@code --seed} cannot be read or is refused (nothing was bound)
     * @throws DomainMap.MalformedException when {@code --domain-map} is not a domain map (nothing was bound)
     * @throws IOException                  when a port cannot be bound, the host is unknown, a TLS file cannot
     *                                      be loaded, or {@code --trust-hello} is given a host that is not loopback
     */
    public static void run(StoreOptions options, StoreEvents events) throws IOException, SeedException,
            DomainMap.MalformedException, InterruptedException {
        oneLineWarnings();
        InetSocketAddress address;
        try {
            address = new InetSocketAddress(InetAddress.getByName(options.host()), options.port());
        } catch (UnknownHostException e) {
            throw new IOException("unknown host " + options.host(), e);
        }
        ClientTrust trust = options.trust().load();
        trust.check(address.getAddress()); // before anything is loaded or bound
        Store store = new Store(options.release(), options.grace());
        if (options.seed() != null) {
            XenstoreLoad.Result r;
            try {
                r = XenstoreLoad.load(store, options.seed());
            } catch (StreamFormatException | RuntimeException e) {
                throw new SeedException(options.seed() + ": " + e.getMessage(), e, false);
            } catch (IOException e) {
                throw new SeedException(ControlServer.ioReason(e), e, true);
            }
            events.seeded(options.seed(), r);
        }
        StoreServer server;
        WireServer wire = null;
        if (options.takeover()) {
            if (options.unixSocket() != null) {
                wire = WireServer.bindNext(store, socketPath(options.unixSocket()));
            }
            server = takeOver(store, address, trust, options, events, wire);
        } else {
            try {
                server = StoreServer.start(store, address, options.reusePort(), trust);
            } catch (IOException e) {
                throw new IOException("cannot listen on " + options.host() + ":" + options.port() + ": "
                        + e.getMessage(), e);
            }
            if (options.unixSocket() != null) {
                try {
                    wire = WireServer.start(store, socketPath(options.unixSocket()));
                } catch (IOException e) {
                    server.close();
                    throw e;
                }
            }
        }
        Path control = null;
        if (options.control() != null) {
            Path socket = options.control().equals(StoreOptions.CONTROL_IN_RUN_DIRECTORY)
                    ? RunDirectory.defaultFor(server.port()).resolve("control-" + ProcessHandle.current().pid())
                    : options.control();
            control = ControlServer.start(server, wire, socket, options, events).path();
        }
        events.serving(new StoreEvents.Serving(ProcessHandle.current().pid(), options.host(), server.port(),
                options.release(), control, options.grace(), wire == null ? null : wire.path(), trust));
        new CountDownLatch(1).await();
    }

    /** The JDK's property for the form of a log line ({@link java.util.logging.SimpleFormatter}). */
    private static final String LOG_FORMAT = "java.util.logging.SimpleFormatter.format";

    /**
     * Makes what the store logs (a refused TLS client, a failed accept) one line on standard
     * error, its level and message ({@code WARNING: TLS: refused the client at ...}), instead of
     * the JDK's two (a time stamp and the method, then the message); unless the user chose a form.
     */
    private static void oneLineWarnings() {
        if (System.getProperty(LOG_FORMAT) == null) {
            System.setProperty(LOG_FORMAT, "%4$s: %5$s%6$s%n");
        }
    }

    /**
     * The socket path, absolute, in a directory made private (0700) when it does not exist yet: a
     * connection on the socket is privileged.
     */
    private static Path socketPath(Path socket) throws IOException {
        Path p = socket.toAbsolutePath().normalize();
        if (p.getParent() != null) {
            RunDirectory.open(p.getParent());
        }
        return p;
    }

    /**
     * Receives a store from a live update, then binds the port beside the old process and serves
     * it, and the wire protocol's socket on {@code wire} (bound aside, moved over the socket path
     * by the old process) when there is one.
     */
    private static StoreServer takeOver(Store fresh, InetSocketAddress address, ClientTrust trust, StoreOptions options,
            StoreEvents events, WireServer wire) {
        StoreServer[] serving = new StoreServer[1];
        Quirks quirks = options.quirks() == null ? Quirks.none() : quirks(options.quirks());
        // the migration comes from the old process, through a socket its owner alone reaches (0600 in a
        // private directory, the old store's state directory): no other process can send a store, or take it
        Path socket = options.migrationSocket().toAbsolutePath().normalize();
        try (UnixTransport.Listener listener = UnixTransport.listen(migrationSocket(socket), socket)) {
            events.migrationSocket(socket);
            Received received = TargetSession.builder(() -> StoreApplication.target(fresh, app -> {
                try {
                    serving[0] = StoreServer.start(app.store(), address, true, trust);
                } catch (IOException e) {
                    // the session tells the old process this line, which serves on
                    throw new UncheckedIOException(new IOException("cannot listen on " + options.host() + ":"
                            + address.getPort() + " beside the old process: " + e.getMessage()
                            + (e instanceof BindException ? " (does the old process serve it without"
                                    + " --reuse-port?)" : ""), e));
                }
                if (wire != null) {
                    try {
                        wire.accept(); // the clients that queued during the update are served now
                    } catch (IOException e) {
                        serving[0].close();
                        throw new UncheckedIOException(new IOException("cannot serve xenstore's wire protocol"
                                + " on " + wire.path() + ": " + e.getMessage(), e));
                    }
                }
            }, options.failAt())).protocol(StoreApplication.PROTOCOL).quirks(quirks)
                    .listener(e -> {
                        if (e instanceof MigrationEvent.QuirkApplied q) {
                            events.quirkApplied(q.applied());
                        }
                    })
                    .build().receiveOrRehearse(accepted(listener, socket));
            if (received instanceof Received.Rehearsed r) {
                // a rehearsal: loaded, checked and discarded; this process never served and ends here
                r.report().lines().forEach(l -> System.out.println("rehearsal: " + l));
                System.out.println(r.report().verdict());
                System.out.flush();
                System.exit(0);
            }
        } catch (IOException e) {
            if (wire != null) {
                try { // the old process did not take it: no one is to find it
                    java.nio.file.Files.deleteIfExists(WireServer.nextPath(wire.path()));
                } catch (IOException ignored) {
                    // exiting anyway
                }
            }
            takeoverFailed(e.getMessage(), e);
        }
        return serving[0];
    }

    /**
     * Binds the migration socket 0600 in its directory, made private (0700) when missing and
     * checked when not, where it first removes the migration sockets no process has bound (left
     * by new processes killed before their old one connected). Until the old process connects, an
     * end of this process that runs its shutdown hooks (SIGTERM, SIGINT) removes the socket too.
     */
    private static java.nio.channels.ServerSocketChannel migrationSocket(Path socket) throws IOException {
        RunDirectory.open(socket.getParent()).removeStaleMigrationSockets();
        java.nio.channels.ServerSocketChannel ch = UnixSockets.bindPrivate(socket);
        Runtime.getRuntime().addShutdownHook(REMOVE_MIGRATION_SOCKET.updateAndGet(old -> new Thread(() -> {
            try {
                Files.deleteIfExists(socket);
            } catch (IOException e) {
                // the process ends anyway; the next takeover here removes it
            }
        }, "remove-migration-socket")));
        return ch;
    }

    /** The hook that removes the migration socket while no old process has connected to it. */
    private static final AtomicReference<Thread> REMOVE_MIGRATION_SOCKET = new AtomicReference<>();

    /** The one connection of the old process; the socket file goes as soon as it came (no second one). */
    private static dev.baton.migrate.transport.Transport accepted(UnixTransport.Listener listener, Path socket)
            throws IOException {
        try {
            return listener.accept(Duration.ofSeconds(60));
        } finally {
            Files.deleteIfExists(socket);
            Thread hook = REMOVE_MIGRATION_SOCKET.getAndSet(null);
            if (hook != null) {
                try {
                    Runtime.getRuntime().removeShutdownHook(hook);
                } catch (IllegalStateException e) {
                    // the process is ending: the hook runs, and finds nothing
                }
            }
        }
    }

    /** The quirks of {@code --quirks}; a file that cannot be read or is not a quirks file fails the takeover. */
    private static Quirks quirks(Path file) {
        try {
            Quirks q = Quirks.fromJson(Files.readString(file, StandardCharsets.UTF_8));
            // the events say each quirk applied; the loader's own log would say it again, in two lines
            QUIRKS_LOG.setLevel(Level.WARNING);
            return q;
        } catch (IOException e) {
            takeoverFailed(ControlServer.ioReason(e));
        } catch (JsonParser.JsonException | IllegalArgumentException e) {
            takeoverFailed(file + " is not a quirks file: " + e.getMessage());
        }
        throw new AssertionError("unreachable");
    }

    /** Held, so that its level stays set (the logging framework holds its loggers weakly). */
    private static final Logger QUIRKS_LOG = Logger.getLogger("dev.baton.quirks");

    private static void takeoverFailed(String reason) {
        takeoverFailed(reason, null);
    }

    /** Says why the takeover failed, on one line (and {@code why}'s stack trace with {@code BATON_DEBUG}), and exits 1. */
    private static void takeoverFailed(String reason, Throwable why) {
        System.out.println("takeover failed: " + reason);
        if (why != null && System.getenv("BATON_DEBUG") != null) {
            why.printStackTrace(System.out);
        }
        System.out.flush();
        System.exit(1);
    }
}
