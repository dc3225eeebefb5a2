package dev.baton.store.live;

import dev.baton.migrate.precopy.OnLimit;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * A store server in a child JVM ({@code StoreMain} on this JVM's class path), and the live
 * update of one such process by a new one: the new process listens for the migration, the old
 * one is told {@code LIVE_UPDATE} on its control socket, sends its store, and exits once the new
 * one serves the port.
 */
public final class StoreProcess implements AutoCloseable {
    /**
     * The class a child JVM runs, by name: {@code process.StoreMain} sits above this package (it
     * starts the target of a live update), so this package names it without importing it.
     */
    static final String MAIN_CLASS = "dev.baton.store.process.StoreMain";

    /**
     * The trust of the stores {@link #start} and {@link #takeover} run, on 127.0.0.1: each client's
     * HELLO is believed (docs/STORE.md, "Trust modes").
     */
    private static final String TRUST_HELLO = "--trust-hello";

    /** How a store process says whom it believes, on the line after {@code listening on}. */
    private static final String TRUST_MODE = "trust mode: ";

    private final Process process;
    private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    private final List<String> output = new ArrayList<>();
    private final String release;
    private int port;
    private Path control;
    private Path migrationSocket;
    /** Numbers the migration sockets this JVM names, which its pid makes unique on the host. */
    private static final java.util.concurrent.atomic.AtomicInteger MIGRATIONS = new java.util.concurrent.atomic.AtomicInteger();
    private Path unixSocket;
    private String trustMode;

    private StoreProcess(Process process, String release, Path log) {
        this.process = process;
        this.release = release;
        Thread.ofPlatform().daemon().name("store-process-" + process.pid()).start(() -> {
            try (BufferedReader r = log == null ? process.inputReader(StandardCharsets.UTF_8)
                    : java.nio.file.Files.newBufferedReader(log, StandardCharsets.UTF_8)) {
                while (true) {
                    String line = r.readLine();
                    if (line == null) {
                        if (log == null || !process.isAlive()) {
                            break;
                        }
                        Thread.sleep(20); // a detached process's log grows: follow it
                        continue;
                    }
                    synchronized (output) {
                        output.add(line);
                    }
                    lines.add(line);
                }
            } catch (IOException | InterruptedException e) {
                // the process ended, or its log went away
            }
            lines.add("");
        });
    }

    /**
     * As {@link #takeover}, but the new process outlives this one: its output goes to {@code log}
     * instead of a pipe, so a command that starts it can hand the store over and exit. It serves
     * where the store that {@code running} describes serves, with the same grace period.
     */
    public static StoreProcess takeoverDetached(StoreControl store, StoreControl.Info running, String release, Path log,
            Duration timeout) throws IOException {
        return takeoverDetached(store, running, release, log, null, timeout);
    }

    /**
     * As {@link #takeoverDetached(StoreControl, StoreControl.Info, String, Path, Duration)}, loading the
     * migration through the quirks {@code quirks} lists (a quirks file, docs/COMPATIBILITY.md), or
     * none when it is null; {@link #quirksApplied()} then says which applied.
     */
    public static StoreProcess takeoverDetached(StoreControl store, StoreControl.Info running, String release, Path log,
            Path quirks, Duration timeout) throws IOException {
        Path socket = migrationSocketIn(store.stateDirectory());
        List<String> args = new ArrayList<>(List.of("--host", running.host(), "--port",
                Integer.toString(running.port()), "--grace", Long.toString(running.graceSeconds()), "--release",
                release, "--reuse-port", "--control", "--takeover", "--listen-migration-socket", socket.toString()));
        args.addAll(running.trust()); // the new process believes its clients as the old one does
        if (quirks != null) {
            args.addAll(List.of("--quirks", quirks.toAbsolutePath().toString()));
        }
        if (running.unixSocket() != null) {
            args.addAll(List.of("--unix-socket", running.unixSocket().toString()));
        }
        StoreProcess p = spawn(release, log, args.toArray(String[]::new));
        p.awaitMigrationSocket(running.port(), timeout);
        return p;
    }

    /**
     * A live update through xenstore's migration format, for interoperability: the store on
     * {@code control} stops serving requests and dumps its state to {@code dump}; a new process at
     * {@code release} starts from that dump where it serves (SO_REUSEPORT), then the old one
     * stops. Nodes, permissions and quotas move; connections, watches and transactions do not
     * (xenstore's format carries them, but as another daemon's sessions: clients start anew). If
     * the new process fails to start, it is stopped and the old one is unpaused and serves on.
     *
     * @return the new process, serving (its output goes to {@code log}), and the nodes it was seeded with
     */
    public static XenstoreUpdate liveUpdateThroughXenstore(StoreControl control, StoreControl.Info running,
            String release, Path dump, Path log, Duration timeout) throws IOException {
        // the store writes dumps into its state directory only: there, then where the caller wants it
        Path written = control.stateDirectory().resolve(dump.getFileName().toString());
        StoreControl.Reply reply = control.request("PAUSE_DUMP_XENSTORE " + dump.getFileName(), timeout);
        if (!reply.ok()) {
            throw new IOException("the store could not dump itself: " + reply.text());
        }
        if (!written.equals(dump.toAbsolutePath().normalize())) {
            try {
                java.nio.file.Files.move(written, dump, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            } catch (IOException e) {
                control.request("UNPAUSE", timeout);
                throw new IOException("cannot move the dump " + written + " to " + dump + ": " + e.getMessage()
                        + "; the old process serves on", e);
            }
        }
        StoreProcess next = null;
        try {
            List<String> args = new ArrayList<>(List.of("--host", running.host(), "--port",
                    Integer.toString(running.port()), "--grace", Long.toString(running.graceSeconds()), "--release",
                    release, "--reuse-port", "--control", "--seed", dump.toAbsolutePath().toString()));
            args.addAll(running.trust());
            next = spawn(release, log, args.toArray(String[]::new));
            next.awaitServing(timeout);
        } catch (IOException e) {
            if (next != null) {
                next.close();
            }
            control.request("UNPAUSE", timeout);
            throw new IOException(e.getMessage() + "; the old process serves on", e);
        }
        control.request("STOP HANDED_OVER", timeout);
        return new XenstoreUpdate(next, Long.parseLong(reply.text()));
    }

    /** A live update through a xenstore dump: the new process, and the nodes the dump held. */
    public record XenstoreUpdate(StoreProcess next, long nodes) {
    }

    /**
     * Asks the store on {@code control} to move to {@code next} (made by {@link #takeover} or
     * {@link #takeoverDetached}); {@code progress} hears how far it got as it goes. Returns what
     * the old process reported; on success the old process exits and {@code next} serves.
     */
    public static Result liveUpdate(StoreControl control, StoreProcess next, Duration timeout,
            Consumer<LiveProgress> progress) throws IOException {
        return liveUpdate(control, next, OnLimit.SWITCHOVER, timeout, progress);
    }

    /**
     * As {@link #liveUpdate(StoreControl, StoreProcess, Duration, Consumer)}, doing as
     * {@code onLimit} says if the old process's pre-copy does not converge: abort (the old process
     * serves on), switch over anyway, or throttle its clients ({@code Store#throttle}) first.
     */
    public static Result liveUpdate(StoreControl control, StoreProcess next, OnLimit onLimit, Duration timeout,
            Consumer<LiveProgress> progress) throws IOException {
        StoreControl.Reply reply = control.liveUpdate(next.migrationSocket, onLimit, timeout, progress);
        if (!reply.ok()) {
            return new Result(false, reply.text(), 0, 0, 0, 0, "", 0);
        }
        String[] t = reply.text().split(" ");
        next.awaitServing(timeout);
        return new Result(true, reply.text(), Double.parseDouble(t[0]), Long.parseLong(t[1]), Integer.parseInt(t[2]),
                Double.parseDouble(t[3]), t[4], Long.parseLong(t[5]), Integer.parseInt(t[6]));
    }

    /**
     * Asks the store on {@code control} to rehearse a live update to {@code next} (made by
     * {@link #takeoverDetached}): the store sends its whole state while it serves on, never paused;
     * {@code next} loads it, checks it, discards it, reports and exits. Returns the report; the
     * store serves on whatever it says.
     */
    public static Rehearsal rehearse(StoreControl control, StoreProcess next, Duration timeout,
            Consumer<LiveProgress> progress) throws IOException {
        List<String> lines = new ArrayList<>();
        StoreControl.Reply reply = control.rehearse(next.migrationSocket, timeout, progress, lines::add);
        if (!reply.ok()) {
            return new Rehearsal(false, false, reply.text(), lines, 0, 0, 0, "");
        }
        // OK <passed 0|1> <records> <octets> <total-ms> <profile> <verdict ...>
        String[] t = reply.text().split(" ", 6);
        try {
            if (!next.awaitExit(timeout)) {
                throw new IOException("store process " + next.process().pid() + " did not exit after its rehearsal");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted");
        }
        return new Rehearsal(true, t[0].equals("1"), t[5], lines, Long.parseLong(t[1]), Long.parseLong(t[2]),
                Double.parseDouble(t[3]), t[4]);
    }

    /**
     * A rehearsal of a live update, as the running store reported it.
     *
     * @param ran     whether it ran to its end (the new process reported); false: {@code verdict} says why not
     * @param passed  whether every section loaded and wrote back the same and every check passed
     * @param verdict the verdict in one line, or why the rehearsal did not run to its end
     * @param lines   the report's lines: each section, each problem, the stream
     */
    public record Rehearsal(boolean ran, boolean passed, String verdict, List<String> lines, long records,
            long octets, double totalMillis, String profile) {
    }

    /**
     * The outcome of a live update, as the old process reported it.
     *
     * @param throttlePercent the highest throttle step the old process engaged (0 for none)
     */
    public record Result(boolean ok, String message, double downtimeMillis, long octets, int iterations,
            double totalMillis, String profile, long nodes, int throttlePercent) {

        /** A result that engaged no throttle. */
        public Result(boolean ok, String message, double downtimeMillis, long octets, int iterations,
                double totalMillis, String profile, long nodes) {
            this(ok, message, downtimeMillis, octets, iterations, totalMillis, profile, nodes, 0);
        }
    }

    /**
     * Starts a store serving {@code port} (0: any) of 127.0.0.1 with SO_REUSEPORT and a control socket in the run
     * directory of its port, believing its clients' HELLO ({@code --trust-hello}): for tests and the demo.
     */
    public static StoreProcess start(int port, String release, Duration timeout) throws IOException {
        return start(port, release, null, timeout);
    }

    /**
     * As {@link #start(int, String, Duration)}, and xenstore's wire protocol on the Unix socket
     * {@code unixSocket} unless it is null.
     */
    public static StoreProcess start(int port, String release, Path unixSocket, Duration timeout) throws IOException {
        List<String> args = new ArrayList<>(List.of("--port", Integer.toString(port), "--release", release,
                "--reuse-port", "--control", TRUST_HELLO));
        if (unixSocket != null) {
            args.addAll(List.of("--unix-socket", unixSocket.toAbsolutePath().toString()));
        }
        StoreProcess p = spawn(release, null, args.toArray(String[]::new));
        p.awaitServing(timeout);
        p.unixSocket = unixSocket;
        return p;
    }

    /**
     * Starts a store process with exactly the arguments {@code args} of {@code StoreMain} (the
     * options {@link #start} does not give: no {@code --reuse-port}, {@code --control-socket PATH})
     * and returns once it serves: for tests.
     */
    static StoreProcess serve(String release, Duration timeout, String... args) throws IOException {
        StoreProcess p = spawn(release, null, args);
        try {
            p.awaitServing(timeout);
        } catch (IOException e) {
            p.close();
            throw e;
        }
        return p;
    }

    /**
     * Starts a process that waits to take over the store on {@code port} of 127.0.0.1, at {@code release},
     * believing its clients' HELLO as {@link #start} does.
     */
    public static StoreProcess takeover(int port, String release, String failAt, Duration timeout) throws IOException {
        return takeover(port, release, failAt, null, timeout);
    }

    /** As {@link #takeover(int, String, String, Duration)}, loading through the quirks file {@code quirks} (or none). */
    public static StoreProcess takeover(int port, String release, String failAt, Path quirks, Duration timeout)
            throws IOException {
        return takeover(port, release, failAt, quirks, null, timeout);
    }

    /**
     * As {@link #takeover(int, String, String, Path, Duration)}, taking over the old process's
     * Unix socket of xenstore's wire protocol too when {@code unixSocket} is not null. It waits for
     * the migration on a Unix socket in the run directory of {@code port}, where a store that
     * {@link #start} started has its control socket (its state directory).
     */
    public static StoreProcess takeover(int port, String release, String failAt, Path quirks, Path unixSocket,
            Duration timeout) throws IOException {
        List<String> args = new ArrayList<>(List.of("--port", Integer.toString(port), "--release", release,
                "--reuse-port", "--control", "--takeover", "--listen-migration-socket",
                migrationSocketIn(RunDirectory.defaultFor(port)).toString(), TRUST_HELLO));
        if (unixSocket != null) {
            args.addAll(List.of("--unix-socket", unixSocket.toAbsolutePath().toString()));
        }
        if (failAt != null && !failAt.isEmpty()) {
            args.add("--fail-at");
            args.add(failAt);
        }
        if (quirks != null) {
            args.addAll(List.of("--quirks", quirks.toAbsolutePath().toString()));
        }
        StoreProcess p = spawn(release, null, args.toArray(String[]::new));
        p.awaitMigrationSocket(port, timeout);
        p.unixSocket = unixSocket;
        return p;
    }

    /**
     * A new name for a migration socket in {@code stateDirectory}, the old store's: the store sends
     * itself only to a socket there, which its owner alone can have bound.
     */
    private static Path migrationSocketIn(Path stateDirectory) {
        return stateDirectory.toAbsolutePath().normalize().resolve(RunDirectory.MIGRATION_SOCKET_PREFIX
                + ProcessHandle.current().pid() + "-"
                + MIGRATIONS.incrementAndGet());
    }

    /** The Unix socket a new process waits for the migration on, once it said so. */
    public Path migrationSocket() {
        return migrationSocket;
    }

    /** Waits for a new process to listen for the migration of the store on {@code port}; stops it when it fails. */
    private void awaitMigrationSocket(int storePort, Duration timeout) throws IOException {
        try {
            String line = expect("migration on socket ", timeout);
            migrationSocket = StoreControl.pathOf(line.substring("migration on socket ".length()));
        } catch (IOException e) {
            close();
            throw e;
        }
        port = storePort;
    }

    private static StoreProcess spawn(String release, Path log, String... args) throws IOException {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        String heap = System.getProperty("baton.store.heap");
        if (heap != null) {
            cmd.add("-Xmx" + heap);
        }
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add(MAIN_CLASS);
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        if (log != null) {
            pb.redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        }
        return new StoreProcess(pb.start(), release, log);
    }

    private void awaitServing(Duration timeout) throws IOException {
        String l = expect("listening on ", timeout);
        port = Integer.parseInt(l.substring(l.lastIndexOf(':') + 1, l.indexOf(' ', l.lastIndexOf(':'))));
        trustMode = expect(TRUST_MODE, timeout).substring(TRUST_MODE.length());
        String c = expect("control on ", timeout);
        control = StoreControl.pathOf(c.substring("control on ".length()));
    }

    /** Waits for a line starting with {@code prefix}; fails on "takeover failed", the end of output or the timeout. */
    private String expect(String prefix, Duration timeout) throws IOException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            String line;
            try {
                line = lines.poll(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted");
            }
            if (line == null) {
                throw new IOException("store process " + process.pid() + " did not say '" + prefix.trim() + "' within "
                        + timeout.toMillis() + " ms; it said: " + output());
            }
            if (line.startsWith(prefix)) {
                return line;
            }
            if (line.isEmpty() || line.startsWith("takeover failed")) {
                lines.add(line);
                throw new IOException("store process " + process.pid() + (line.isEmpty()
                        ? " ended before it served; it said: " + output() : ": " + line));
            }
        }
    }

    /**
     * Moves this process's store to {@code next} (made by {@link #takeover}): returns what the old
     * process reported. On success this process exits and {@code next} serves; on failure this one
     * serves on.
     */
    public Result liveUpdateTo(StoreProcess next, Duration timeout) throws IOException {
        return liveUpdateTo(next, timeout, p -> { });
    }

    /** As {@link #liveUpdateTo(StoreProcess, Duration)}, with the old process's progress as it goes. */
    public Result liveUpdateTo(StoreProcess next, Duration timeout, Consumer<LiveProgress> progress)
            throws IOException {
        return liveUpdate(StoreControl.at(control), next, timeout, progress);
    }

    public int port() {
        return port;
    }

    /** The Unix socket of xenstore's wire protocol it was started with, or null. */
    public Path unixSocket() {
        return unixSocket;
    }

    /** Whom the process believes about a TCP client's domain, as it said once it served. */
    public String trustMode() {
        return trustMode;
    }

    /** The control socket, once the process serves. */
    public Path control() {
        return control;
    }

    public String release() {
        return release;
    }

    public Process process() {
        return process;
    }

    public boolean alive() {
        return process.isAlive();
    }

    /** Waits for the process to end. */
    public boolean awaitExit(Duration timeout) throws InterruptedException {
        return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /**
     * The quirks a takeover process read its migration through, as it said them
     * ({@code "store/0: quirk: baton-store ..."}), once it serves.
     */
    public List<String> quirksApplied() {
        synchronized (output) {
            return output.stream().filter(l -> QUIRK_APPLIED.matcher(l).lookingAt()).toList();
        }
    }

    /** How a store process says a quirk applied: the section, then the quirk (StateLoader's words). */
    private static final java.util.regex.Pattern QUIRK_APPLIED = java.util.regex.Pattern.compile("\\S+/\\d+: quirk: ");

    /** Everything the process printed so far. */
    public String output() {
        synchronized (output) {
            return String.join("\n", output);
        }
    }

    /** Kills the process (SIGKILL). */
    public void kill() {
        process.destroyForcibly();
    }

    /**
     * Kills the process and waits for it to end; a new process killed before its old one connected
     * leaves its migration socket, which is then removed (a dead process listens on nothing).
     */
    @Override
    public void close() {
        kill();
        try {
            if (process.waitFor(5, TimeUnit.SECONDS) && migrationSocket != null) {
                java.nio.file.Files.deleteIfExists(migrationSocket);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException e) {
            // left; the next takeover in its directory removes it (RunDirectory#removeStaleMigrationSockets)
        }
    }
}
