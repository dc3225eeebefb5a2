package dev.baton.store.server;

import dev.baton.migrate.precopy.PrecopyPolicy;
import dev.baton.migrate.session.MigrationFailedException;
import dev.baton.migrate.session.MigrationStats;
import dev.baton.migrate.session.SourceSession;
import dev.baton.migrate.session.TargetSession;
import dev.baton.migrate.transport.TcpTransport;
import dev.baton.store.live.StoreApplication;
import dev.baton.store.xen.XenstoreDump;
import dev.baton.store.xen.XenstoreLoad;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;

/**
 * Runs a store server: {@code java -cp ... dev.baton.store.server.StoreMain [--port N]
 * [--host H] [--release 1.0|2.0] [--grace SECONDS] [--reuse-port] [--control N]
 * [--takeover --listen-migration N [--fail-at static|precopy|loaded|activate]]}. Prints
 * {@code listening on HOST:PORT (release R)} once it accepts connections, and serves until killed.
 *
 * <p>With {@code --control N} it also listens on that port (0: any) of the same host for live
 * update requests, one line each: {@code LIVE_UPDATE HOST PORT} sends the store to the process
 * listening for a migration there, answers {@code OK <downtime-ms> <octets> <iterations>
 * <total-ms> <profile> <nodes>} and exits once the new process confirmed it serves; or answers
 * {@code ERR <reason>} and serves on. With {@code --takeover} the process first receives a store
 * (printing {@code migration on port M}), then binds the store port (with {@code --reuse-port},
 * beside the old process) and serves it; when the migration fails it prints
 * {@code takeover failed: <reason>} and exits 1.
 *
 * <p>{@code --seed FILE} starts the store from a xenstore migration stream (printing
 * {@code seeded N nodes from FILE}, or {@code seed failed: ...} and exit 1). The control port
 * also answers {@code DUMP_XENSTORE PATH} and {@code LOAD_XENSTORE PATH} with {@code OK <nodes>}
 * or {@code ERR <reason>}, the store serving on either way.
 */
public final class StoreMain {
    private StoreMain() {
    }

    public static void main(String[] args) throws IOException, InterruptedException {
        int port = 0;
        String host = "127.0.0.1";
        Release release = Release.current();
        Duration grace = Duration.ofSeconds(30);
        boolean reusePort = false;
        int control = -1;
        boolean takeover = false;
        int migrationPort = 0;
        String failAt = "";
        java.nio.file.Path seed = null;
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            try {
                switch (a) {
                    case "--port" -> port = Integer.parseInt(value(args, ++i, a));
                    case "--host" -> host = value(args, ++i, a);
                    case "--release" -> release = Release.of(value(args, ++i, a));
                    case "--grace" -> grace = Duration.ofSeconds(Long.parseLong(value(args, ++i, a)));
                    case "--reuse-port" -> reusePort = true;
                    case "--control" -> control = Integer.parseInt(value(args, ++i, a));
                    case "--takeover" -> takeover = true;
                    case "--listen-migration" -> migrationPort = Integer.parseInt(value(args, ++i, a));
                    case "--fail-at" -> failAt = value(args, ++i, a);
                    case "--seed" -> seed = java.nio.file.Path.of(value(args, ++i, a));
                    case "-h", "--help" -> {
                        System.out.println(usage());
                        return;
                    }
                    default -> throw new IllegalArgumentException("unknown option " + a);
                }
            } catch (IllegalArgumentException e) {
                System.err.println("store: " + e.getMessage());
                System.err.println(usage());
                System.exit(2);
            }
        }
        InetSocketAddress address = new InetSocketAddress(InetAddress.getByName(host), port);
        Store store = new Store(release, grace);
        if (seed != null && takeover) {
            System.err.println("store: --seed and --takeover exclude each other");
            System.exit(2);
        }
        if (seed != null) {
            try {
                XenstoreLoad.Result r = XenstoreLoad.load(store, seed);
                System.out.println("seeded " + r.nodes() + " nodes from " + seed
                        + (r.skipped().isEmpty() ? "" : " (skipped: " + String.join(", ", r.skipped()) + ")"));
            } catch (IOException | RuntimeException e) {
                System.out.println("seed failed: " + seed + ": " + e.getMessage());
                System.out.flush();
                System.exit(1);
            }
        }
        StoreServer server;
        if (takeover) {
            server = takeOver(store, address, migrationPort, failAt);
        } else {
            server = StoreServer.start(store, address, reusePort);
        }
        System.out.println("listening on " + host + ":" + server.port() + " (release " + release + ")");
        System.out.flush();
        if (control >= 0) {
            serveControl(server, new InetSocketAddress(InetAddress.getByName(host), control));
        }
        new CountDownLatch(1).await();
    }

    /** Receives a store from a live update, then binds the port beside the old process and serves it. */
    private static StoreServer takeOver(Store fresh, InetSocketAddress address, int migrationPort, String failAt)
            throws IOException {
        StoreServer[] serving = new StoreServer[1];
        try (TcpTransport.Listener listener = TcpTransport.listen(
                new InetSocketAddress(address.getAddress(), migrationPort))) {
            System.out.println("migration on port " + listener.port());
            System.out.flush();
            TargetSession.builder(() -> StoreApplication.target(fresh, app -> {
                try {
                    serving[0] = StoreServer.start(app.store(), address, true);
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }, failAt)).protocol(StoreApplication.PROTOCOL).build().receive(listener.accept(Duration.ofSeconds(60)));
        } catch (IOException e) {
            System.out.println("takeover failed: " + e.getMessage());
            System.out.flush();
            System.exit(1);
        }
        return serving[0];
    }

    /** Answers live update requests on the control port, one at a time. */
    private static void serveControl(StoreServer server, InetSocketAddress at) throws IOException {
        ServerSocket ss = new ServerSocket();
        ss.bind(at);
        System.out.println("control on port " + ss.getLocalPort());
        System.out.flush();
        Thread.ofPlatform().name("store-control").start(() -> {
            while (true) {
                try (Socket s = ss.accept()) {
                    BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.UTF_8));
                    PrintWriter out = new PrintWriter(s.getOutputStream(), true, StandardCharsets.UTF_8);
                    String line = in.readLine();
                    String[] t = line == null ? new String[0] : line.trim().split(" ");
                    // The path of the xenstore commands: all after the command, spaces included.
                    String path = t.length >= 2 ? line.trim().substring(t[0].length() + 1).trim() : null;
                    if (path != null && t[0].equals("DUMP_XENSTORE")) {
                        out.println(dumpXenstore(server.store(), path));
                        continue;
                    }
                    if (path != null && t[0].equals("LOAD_XENSTORE")) {
                        java.nio.file.Path file = java.nio.file.Path.of(path);
                        out.println(answer(() -> XenstoreLoad.load(server.store(), file).nodes()));
                        continue;
                    }
                    if (path != null && t[0].equals("PAUSE_DUMP_XENSTORE")) {
                        // A handover through xenstore's format: stop serving requests, then dump, so that
                        // nothing acknowledged can be missing from the file.
                        server.store().pause();
                        String reply = dumpXenstore(server.store(), path);
                        if (!reply.startsWith("OK")) {
                            server.store().unpause();
                        }
                        out.println(reply);
                        continue;
                    }
                    if (t.length == 1 && t[0].equals("UNPAUSE")) {
                        server.store().unpause();
                        out.println("OK");
                        continue;
                    }
                    if (t.length == 1 && t[0].equals("STOP")) {
                        out.println("OK");
                        s.shutdownOutput();
                        server.close(); // the new process serves the port already (SO_REUSEPORT)
                        System.out.println("handed over through a xenstore dump");
                        System.out.flush();
                        System.exit(0);
                    }
                    if (t.length != 3 || !t[0].equals("LIVE_UPDATE")) {
                        out.println("ERR expected LIVE_UPDATE HOST PORT, DUMP_XENSTORE PATH, LOAD_XENSTORE PATH, "
                                + "PAUSE_DUMP_XENSTORE PATH, UNPAUSE or STOP");
                        continue;
                    }
                    String reply = liveUpdate(server, t[1], Integer.parseInt(t[2]));
                    out.println(reply);
                    if (reply.startsWith("OK")) {
                        s.shutdownOutput();
                        System.out.println("handed over: " + reply);
                        System.out.flush();
                        System.exit(0);
                    }
                } catch (IOException | RuntimeException e) {
                    System.err.println("control: " + e);
                }
            }
        });
    }

    /** {@code DUMP_XENSTORE PATH}: writes the store's state to PATH as a xenstore migration stream. */
    private static String dumpXenstore(Store store, String path) {
        return answer(() -> XenstoreDump.write(store, java.nio.file.Path.of(path)).committedNodes().size());
    }

    /** What a xenstore dump or load did: the nodes it wrote or loaded. */
    private interface XenstoreWork {
        long nodes() throws IOException;
    }

    /**
     * The control port's answer to a xenstore dump or load ({@code LOAD_XENSTORE PATH} seeds a store
     * that holds the root alone): {@code OK <nodes>}, or {@code ERR <reason>} on one line.
     */
    private static String answer(XenstoreWork work) {
        try {
            return "OK " + work.nodes();
        } catch (IOException | RuntimeException e) {
            String m = e.getMessage() == null ? e.toString() : e.getMessage();
            if (e instanceof java.nio.file.NoSuchFileException || e instanceof java.nio.file.AccessDeniedException) {
                m = "cannot open " + m;
            }
            return "ERR " + m.replace('\n', ' ');
        }
    }

    /** Sends the store to the process listening at host:port; on success the old sockets are closed. */
    static String liveUpdate(StoreServer server, String host, int port) {
        Store store = server.store();
        boolean[] confirmed = {false};
        StoreApplication app = StoreApplication.source(store, () -> { }, c -> confirmed[0] = c);
        try {
            MigrationStats stats = SourceSession.builder(app).protocol(StoreApplication.PROTOCOL)
                    .precopy(PrecopyPolicy.defaults()).timeout(Duration.ofSeconds(20)).build()
                    .migrate(TcpTransport.connect(host, port, Duration.ofSeconds(10)));
            if (!confirmed[0]) {
                // GO or DONE was lost: the new process discarded (GO lost) or may serve (DONE lost)
                store.unpause();
                return "ERR the new process did not confirm that it serves; this process serves on";
            }
            long nodes = store.tree().nodeCount();
            server.close(); // clients resume on the new process, which serves the port already
            return String.format(java.util.Locale.ROOT, "OK %.2f %d %d %.1f %s %d", stats.downtimeMillis(),
                    stats.octets(), stats.iterations().size(), stats.nanos() / 1e6,
                    stats.profile().isEmpty() ? "-" : stats.profile(), nodes);
        } catch (MigrationFailedException e) {
            app.stopTracking();
            return "ERR " + e.getMessage().replace('\n', ' ');
        } catch (IOException e) {
            app.stopTracking();
            return "ERR cannot reach the new process: " + e.getMessage();
        }
    }

    private static String value(String[] args, int i, String option) {
        if (i >= args.length) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return args[i];
    }

    private static String usage() {
        return "usage: StoreMain [--port N] [--host H] [--release 1.0|2.0] [--grace SECONDS] [--reuse-port]"
                + " [--control N] [--seed XENSTORE-FILE] [--takeover --listen-migration N [--fail-at static|precopy|loaded|activate]]";
    }
}
