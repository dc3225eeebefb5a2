package dev.baton.store.process;

import dev.baton.core.wire.StreamFormatException;
import dev.baton.migrate.precopy.OnLimit;
import dev.baton.migrate.precopy.PrecopyPolicy;
import dev.baton.migrate.session.MigrationEvent;
import dev.baton.migrate.session.MigrationFailedException;
import dev.baton.migrate.session.MigrationStats;
import dev.baton.migrate.session.RehearsalReport;
import dev.baton.migrate.session.SourceSession;
import dev.baton.migrate.transport.UnixTransport;
import dev.baton.store.live.LiveProgress;
import dev.baton.store.live.RunDirectory;
import dev.baton.store.live.StoreApplication;
import dev.baton.store.live.StoreControl;
import dev.baton.store.server.Store;
import dev.baton.store.server.StoreServer;
import dev.baton.store.server.UnixSockets;
import dev.baton.store.server.WireServer;
import dev.baton.store.xen.XenstoreDump;
import dev.baton.store.xen.XenstoreLoad;
import dev.baton.core.wire.Utf8;
import dev.baton.store.protocol.LineReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.OutputStreamWriter;
import java.nio.channels.Channels;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A store process's control channel: a Unix socket its owner alone can reach (0600 in a 0700
 * directory, the store's state directory: whoever reaches it may move, replace or stop the
 * store), one request line a connection, answered by {@code OK ...} or {@code ERR <CODE> <reason>}.
 * Each connection is served on a virtual thread of its own, its line read within
 * {@link #REQUEST_TIMEOUT} and {@link #MAX_LINE} octets; INFO is answered whatever else runs, and
 * the other requests one at a time (one that comes meanwhile is refused: {@code ERR EAGAIN})
 * (docs/STORE.md, "The control channel"). Dumps and loads name files of the state directory
 * ({@link RunDirectory#confined}): relative names that stay inside it.
 *
 * <pre>
 * INFO                     OK &lt;pid&gt; &lt;host&gt; &lt;port&gt; &lt;release&gt; &lt;grace-seconds&gt; &lt;trust&gt; &lt;unix-socket&gt;
 *                          reuse-port|own-port
 *                          (trust: the trust options, {@code StoreControl#argumentsToken}; unix-socket:
 *                          the path, {@code StoreControl#pathToken}, or - for none; reuse-port: the port is
 *                          bound with SO_REUSEPORT, a new process can bind it beside this one)
 * LIVE_UPDATE SOCKET [abort|switchover|throttle]
 *                          PASS ... lines, then OK &lt;downtime-ms&gt; &lt;octets&gt; &lt;passes&gt; &lt;total-ms&gt; &lt;profile&gt; &lt;nodes&gt;
 *                          &lt;throttle-percent&gt; (the highest step it engaged, 0 for none)
 * DUMP_XENSTORE NAME       OK &lt;nodes&gt;
 * LOAD_XENSTORE NAME       OK &lt;nodes&gt;
 * PAUSE_DUMP_XENSTORE NAME OK &lt;nodes&gt;, the store paused
 * UNPAUSE                  OK
 * REHEARSE SOCKET          PASS ... and REPORT ... lines, then OK &lt;passed 0|1&gt; &lt;records&gt; &lt;octets&gt; &lt;total-ms&gt; &lt;profile&gt; &lt;verdict&gt;
 * STOP [HANDED_OVER]       OK &lt;pid&gt;, then the process exits
 * </pre>
 *
 * Codes: {@code EINVAL} a request or input refused, {@code EIO} a file that cannot be read or
 * written, {@code EAGAIN} a live update that failed (the store serves on), or a request that came
 * while another ran.
 */
final class ControlServer {
    /** How long a wire connection must be idle before a live update closes it, and the most a drain waits. */
    private static final Duration DRAIN_QUIET = Duration.ofMillis(250);
    private static final Duration DRAIN_DEADLINE = Duration.ofSeconds(10);
    /** The longest request line: a command and a name in the state directory. */
    static final int MAX_LINE = 4096;
    /** How long a client may take to send its request line before it is told so and closed. */
    static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(10);

    /** Held by the request that changes, moves or stops the store (all but INFO): one at a time. */
    private final ReentrantLock oneAtATime = new ReentrantLock();
    /** The request that holds {@link #oneAtATime}, to name it to one that is refused. */
    private volatile ControlRequest.Command underWay;

    private final StoreServer server;
    private final WireServer wire;
    private final StoreOptions options;
    private final StoreEvents events;
    private final ServerSocketChannel socket;
    private final Path path;
    private final RunDirectory state;

    private ControlServer(StoreServer server, WireServer wire, StoreOptions options, StoreEvents events,
            ServerSocketChannel socket, Path path, RunDirectory state) {
        this.server = server;
        this.wire = wire;
        this.options = options;
        this.events = events;
        this.socket = socket;
        this.path = path;
        this.state = state;
    }

    /**
     * Binds the control socket {@code path} (0600) in its directory, the store's state directory,
     * which is made private (0700) when missing and must be this user's alone when it exists, and
     * answers it on a thread. A socket file left by a process that is gone is replaced.
     *
     * @throws IOException when the directory is another user's or reachable by others, or the
     *                     socket cannot be bound or another process serves it
     */
    static ControlServer start(StoreServer server, WireServer wire, Path path, StoreOptions options,
            StoreEvents events) throws IOException {
        Path p = path.toAbsolutePath().normalize();
        RunDirectory state = RunDirectory.open(p.getParent());
        state.removeStaleMigrationSockets();
        ServerSocketChannel ch = UnixSockets.bindPrivate(p);
        ControlServer c = new ControlServer(server, wire, options, events, ch, p, state);
        Thread.ofPlatform().name("store-control").start(c::serve);
        return c;
    }

    /** The control socket's path. */
    Path path() {
        return path;
    }

    /** Accepts control connections, each served on a thread of its own: a silent client holds up no one. */
    private void serve() {
        while (true) {
            SocketChannel s;
            try {
                s = socket.accept();
            } catch (ClosedChannelException e) {
                return; // the process ends
            } catch (IOException e) {
                System.err.println("control: " + e);
                continue;
            }
            Thread.ofVirtual().name("store-control").start(() -> serve(s));
        }
    }

    /**
     * Reads one request line from {@code s}, within {@link #REQUEST_TIMEOUT} and {@link #MAX_LINE}
     * octets, and answers it. INFO is answered at once; the other requests change, move or stop
     * the store and run one at a time: one that comes while another runs is refused (EAGAIN), not
     * queued behind it.
     */
    private void serve(SocketChannel s) {
        try (s) {
            PrintWriter out = new PrintWriter(new OutputStreamWriter(Channels.newOutputStream(s),
                    StandardCharsets.UTF_8), true);
            // one line, read at most to its limit and within its time: a request is short
            LineReader in = new LineReader(new LimitedInput(Channels.newInputStream(s), MAX_LINE + 1), MAX_LINE);
            AtomicBoolean settled = new AtomicBoolean();
            Thread watchdog = Thread.ofVirtual().start(() -> {
                try {
                    Thread.sleep(REQUEST_TIMEOUT);
                } catch (InterruptedException e) {
                    return; // the line came
                }
                if (settled.compareAndSet(false, true)) {
                    out.println("ERR EINVAL no request line within " + REQUEST_TIMEOUT.toSeconds() + " s");
                    try {
                        s.close();
                    } catch (IOException e) {
                        // closed already
                    }
                }
            });
            boolean complete;
            try {
                complete = in.next();
            } finally {
                watchdog.interrupt();
            }
            if (!settled.compareAndSet(false, true)) {
                return; // the watchdog answered and closed it
            }
            if (in.tooLong()) {
                out.println("ERR EINVAL a request line is at most " + MAX_LINE + " octets");
            } else if (complete) {
                String line = Utf8.decode(java.util.Arrays.copyOf(in.line(), in.length()));
                if (line == null) {
                    out.println("ERR EINVAL a request line is UTF-8 text");
                } else {
                    answerInTurn(line.trim(), out, s);
                }
            }
        } catch (ClosedChannelException e) {
            // the watchdog closed a silent client, or the process ends
        } catch (IOException | RuntimeException e) {
            System.err.println("control: " + e);
        }
    }

    /** Answers INFO and malformed lines at once, and the other requests one at a time. */
    private void answerInTurn(String line, PrintWriter out, SocketChannel s) throws IOException {
        ControlRequest r;
        try {
            r = ControlRequest.parse(line);
        } catch (ControlRequest.Malformed e) {
            out.println(e.getMessage());
            return;
        }
        if (r.command() == ControlRequest.Command.INFO) {
            out.println(answer(r, out, s));
            return;
        }
        if (!oneAtATime.tryLock()) {
            ControlRequest.Command other = underWay; // null when it ended just now
            out.println("ERR EAGAIN another request" + (other == null ? "" : " (" + other + ")")
                    + " is under way; ask again once it is answered");
            return;
        }
        String reply;
        try {
            underWay = r.command();
            reply = answer(r, out, s);
        } finally {
            underWay = null;
            oneAtATime.unlock();
        }
        // Only now: a client that sends its next request as soon as it has this reply must find
        // the turn free, not be told that its own last request is still under way.
        out.println(reply);
    }

    /**
     * Carries out a request and returns its last line, which the caller writes once the request's
     * turn has ended; lines before it (a live update's progress) are written as they come. A
     * request that ends the process (STOP, a live update that handed over) writes its reply itself.
     */
    private String answer(ControlRequest r, PrintWriter out, SocketChannel s) throws IOException {
        String name = r.name();
        Store store = server.store();
        switch (r.command()) {
            case INFO -> {
                return "OK " + ProcessHandle.current().pid() + " " + options.host() + " "
                    + server.port() + " " + store.release() + " " + store.grace().toSeconds() + " "
                    + StoreControl.argumentsToken(options.trust().arguments())
                    + " " + (wire == null ? StoreControl.NO_SOCKET : StoreControl.pathToken(wire.path()))
                    + " " + (options.reusePort() ? StoreControl.REUSE_PORT : StoreControl.OWN_PORT);
            }
            case DUMP_XENSTORE -> {
                return dump(store, name);
            }
            case LOAD_XENSTORE -> {
                return xenstore(name, () -> XenstoreLoad.load(store, state.confined(name)).nodes());
            }
            case PAUSE_DUMP_XENSTORE -> {
                // A handover through xenstore's format: stop serving requests, then dump, so that
                // nothing acknowledged can be missing from the file.
                store.pause();
                String reply = dump(store, name);
                if (!reply.startsWith("OK")) {
                    store.unpause();
                }
                return reply;
            }
            case UNPAUSE -> {
                store.unpause();
                return "OK";
            }
            case STOP -> {
                long nodes = store.locked(() -> store.tree().nodeCount());
                out.println("OK " + ProcessHandle.current().pid());
                s.shutdownOutput();
                closeSocket();
                server.close(); // after a handover the new process serves the port already (SO_REUSEPORT)
                if (wire != null) {
                    wire.close();
                }
                if (r.handedOver()) {
                    events.handedOver(new StoreEvents.HandOver(true, nodes, 0, 0, 0, store.release().label()));
                } else {
                    events.stopped();
                }
                System.exit(0);
                return null; // not reached: the process has ended
            }
            case LIVE_UPDATE -> {
                Result u = liveUpdate(name, r.onLimit(), p -> out.println(p.line()));
                if (u.handOver != null) {
                    out.println(u.reply);
                    s.shutdownOutput();
                    closeSocket();
                    events.handedOver(u.handOver);
                    System.exit(0);
                }
                return u.reply;
            }
            case REHEARSE -> {
                return rehearse(name, out);
            }
        }
        throw new AssertionError(r.command()); // every command is a case above
    }

    /** Removes the control socket as the process ends: nothing answers there any more. */
    private void closeSocket() {
        try {
            socket.close();
            Files.deleteIfExists(path);
        } catch (IOException e) {
            System.err.println("control: cannot remove " + path + ": " + e.getMessage());
        }
    }

    /**
     * {@code REHEARSE SOCKET}: sends the store to the process listening on the Unix socket SOCKET
     * of the state directory as a rehearsal, serving on throughout (never paused); {@code PASS}
     * lines while it goes, {@code REPORT} lines of the new process's report, then {@code OK
     * <passed 0|1> <records> <octets> <total-ms> <profile> <verdict>}, {@code ERR EINVAL} when
     * SOCKET is refused, or {@code ERR EAGAIN <reason>} when it could not run to its end.
     */
    private String rehearse(String name, PrintWriter out) {
        Path target;
        try {
            target = state.confined(name);
        } catch (IllegalArgumentException | IOException e) {
            return refusedSocket(e);
        }
        StoreApplication app = StoreApplication.source(server.store(), () -> { }, c -> { },
                p -> out.println(p.line()));
        try {
            RehearsalReport r = SourceSession.builder(app).protocol(StoreApplication.PROTOCOL)
                    .precopy(PrecopyPolicy.defaults()).timeout(Duration.ofSeconds(20)).build()
                    .rehearse(UnixTransport.connect(target, Duration.ofSeconds(10)));
            r.lines().forEach(l -> out.println(StoreControl.REPORT_PREFIX + oneLine(l)));
            return String.format(Locale.ROOT, "OK %d %d %d %.1f %s %s", r.passed() ? 1 : 0, r.records(), r.octets(),
                    r.nanos() / 1e6, r.profile().isEmpty() ? "-" : r.profile(), oneLine(r.verdict()));
        } catch (MigrationFailedException e) {
            return "ERR EAGAIN " + oneLine(e.getMessage());
        } catch (IOException e) {
            return "ERR EAGAIN cannot reach the new process: " + oneLine(String.valueOf(e.getMessage()));
        } finally {
            app.stopTracking();
        }
    }

    /**
     * {@code DUMP_XENSTORE NAME}: writes the store's state as a xenstore migration stream to NAME
     * in the state directory.
     */
    private String dump(Store store, String name) {
        return xenstore(name, () -> XenstoreDump.write(store, state.confined(name)).committedNodes().size());
    }

    /** What a xenstore dump or load did: the nodes it wrote or loaded. */
    private interface XenstoreWork {
        long nodes() throws IOException;
    }

    /**
     * The answer to a xenstore dump or load: {@code OK <nodes>}; {@code ERR EIO} when the file
     * cannot be read or written; {@code ERR EINVAL} when the stream or the store refuses.
     */
    private static String xenstore(String file, XenstoreWork work) {
        try {
            return "OK " + work.nodes();
        } catch (StreamFormatException e) { // its offset and record: in which file
            return "ERR EINVAL " + oneLine(file + ": " + e.getMessage());
        } catch (RuntimeException e) {
            return "ERR EINVAL " + oneLine(e.getMessage() == null ? e.toString() : e.getMessage());
        } catch (IOException e) {
            return "ERR EIO " + oneLine(ioReason(e));
        }
    }

    /** An I/O failure in words that name the file. */
    static String ioReason(IOException e) {
        if (e instanceof FileSystemException f && f.getReason() == null) {
            String what = e instanceof NoSuchFileException ? "no such file"
                    : e instanceof AccessDeniedException ? "permission denied" : "cannot be read or written";
            return f.getFile() + ": " + what;
        }
        return e.getMessage() == null ? e.toString() : e.getMessage();
    }

    private static String oneLine(String s) {
        return s.replace('\n', ' ');
    }

    /** The answer to a migration socket {@link RunDirectory#confined} refused, or whose directory is missing. */
    private static String refusedSocket(Exception e) {
        return "ERR EINVAL " + oneLine(e instanceof IOException io ? ioReason(io) : String.valueOf(e.getMessage()));
    }

    /** The answer to LIVE_UPDATE, and what to report when the store went. */
    private record Result(String reply, StoreEvents.HandOver handOver) {
    }

    /**
     * Sends the store to the process listening on the Unix socket {@code name} of the state
     * directory (one its owner alone can have bound); on success the old sockets are closed. A
     * name the state directory does not hold is refused before anything moves. With a wire socket, the new process's listener first takes the socket path over and
     * this process's wire connections are drained ({@link WireServer#drain}); when the update
     * fails, this process takes the path back.
     */
    private Result liveUpdate(String name, OnLimit onLimit, java.util.function.Consumer<LiveProgress> progress) {
        Path target;
        try {
            target = state.confined(name);
        } catch (IllegalArgumentException | IOException e) {
            return new Result(refusedSocket(e), null);
        }
        boolean moved;
        try {
            moved = wire != null && wire.handOverPath();
            if (moved) {
                int busy = wire.drain(DRAIN_QUIET, DRAIN_DEADLINE);
                if (busy > 0) {
                    System.err.println("live update: " + busy + " xenstore wire connections were still busy after "
                            + DRAIN_DEADLINE.toSeconds() + " s; closed");
                }
            }
        } catch (IOException e) {
            return new Result("ERR EAGAIN cannot hand the xenstore socket over: " + oneLine(String.valueOf(
                    e.getMessage())), null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Result("ERR EAGAIN interrupted", null);
        }
        Result r = migrate(target, onLimit, progress);
        if (r.handOver == null && moved) {
            try {
                wire.reclaimPath();
            } catch (IOException e) {
                System.err.println("live update: cannot take the xenstore socket back: " + e.getMessage());
            }
        } else if (r.handOver != null && wire != null) {
            wire.close();
        }
        return r;
    }

    private Result migrate(Path target, OnLimit onLimit, java.util.function.Consumer<LiveProgress> progress) {
        Store store = server.store();
        boolean[] confirmed = {false};
        int[] throttle = {0};
        String[] unconfirmed = {null}; // why the new process did not confirm: its ERROR, or the connection's end
        StoreApplication app = StoreApplication.source(store, () -> { }, c -> confirmed[0] = c, progress);
        try {
            MigrationStats stats = SourceSession.builder(app).protocol(StoreApplication.PROTOCOL)
                    .precopy(PrecopyPolicy.defaults().withOnLimit(onLimit)).timeout(Duration.ofSeconds(20))
                    .listener(e -> {
                        if (e instanceof MigrationEvent.Throttled t) {
                            throttle[0] = Math.max(throttle[0], t.percent());
                        } else if (e instanceof MigrationEvent.Failed f) {
                            unconfirmed[0] = f.reason().replaceFirst("^after the commit: ", "");
                        }
                    }).build()
                    .migrate(UnixTransport.connect(target, Duration.ofSeconds(10)));
            if (!confirmed[0]) {
                // GO or DONE was lost: the new process discarded (GO lost) or may serve (DONE lost)
                store.unpause();
                return new Result("ERR EAGAIN the new process did not confirm that it serves"
                        + (unconfirmed[0] == null ? "" : " (" + oneLine(unconfirmed[0]) + ")") + "; this process serves on",
                        null);
            }
            long nodes = store.tree().nodeCount();
            server.close(); // clients resume on the new process, which serves the port already
            String profile = stats.profile().isEmpty() ? "-" : stats.profile();
            int passes = stats.iterations().size();
            return new Result(String.format(Locale.ROOT, "OK %.2f %d %d %.1f %s %d %d %.2f", stats.downtimeMillis(),
                    stats.octets(), passes, stats.nanos() / 1e6, profile, nodes, throttle[0], stats.sentNanos() / 1e6),
                    new StoreEvents.HandOver(false, nodes, stats.octets(), passes, stats.downtimeMillis(), profile));
        } catch (MigrationFailedException e) {
            app.stopTracking();
            return new Result("ERR EAGAIN " + oneLine(e.getMessage()), null);
        } catch (IOException e) {
            app.stopTracking();
            return new Result("ERR EAGAIN cannot reach the new process: " + oneLine(String.valueOf(e.getMessage())),
                    null);
        }
    }

    /** The first {@code limit} octets of a stream, then its end: a request line is read no further. */
    private static final class LimitedInput extends InputStream {
        private final InputStream in;
        private int left;

        LimitedInput(InputStream in, int limit) {
            this.in = in;
            this.left = limit;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (left == 0) {
                return -1;
            }
            int n = in.read(b, off, Math.min(len, left));
            if (n > 0) {
                left -= n;
            }
            return n;
        }
    }
}
