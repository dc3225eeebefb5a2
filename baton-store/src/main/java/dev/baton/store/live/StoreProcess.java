package dev.baton.store.live;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A store server in a child JVM ({@code StoreMain} on this JVM's class path), and the live
 * update of one such process by a new one: the new process listens for the migration, the old
 * one is told {@code LIVE_UPDATE} on its control port, sends its store, and exits once the new
 * one serves the port.
 */
public final class StoreProcess implements AutoCloseable {
    private final Process process;
    private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    private final List<String> output = new ArrayList<>();
    private final String release;
    private int port;
    private int control;
    private int migrationPort;

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
     * instead of a pipe, so a command that starts it can hand the store over and exit.
     */
    public static StoreProcess takeoverDetached(int port, String release, Path log, Duration timeout)
            throws IOException {
        StoreProcess p = spawn(release, log, "--port", Integer.toString(port), "--release", release, "--reuse-port",
                "--control", "0", "--takeover", "--listen-migration", "0");
        String line = p.expect("migration on port ", timeout);
        p.migrationPort = Integer.parseInt(line.substring("migration on port ".length()).trim());
        p.port = port;
        return p;
    }

    /**
     * A live update through xenstore's migration format, for interoperability: the store on
     * {@code control} stops serving requests and dumps its state to {@code dump}; a new process at
     * {@code release} starts from that dump on the same port (SO_REUSEPORT), then the old one
     * stops. Nodes, permissions and quotas move; connections, watches and transactions do not
     * (xenstore's format carries them, but as another daemon's sessions: clients start anew). If
     * the new process fails to start, the old one is unpaused and serves on.
     *
     * @return the new process, serving; its output goes to {@code log}
     */
    public static StoreProcess liveUpdateThroughXenstore(int port, int control, String release, Path dump, Path log,
            Duration timeout) throws IOException {
        String reply = control(control, "PAUSE_DUMP_XENSTORE " + dump, timeout);
        if (!reply.startsWith("OK")) {
            throw new IOException("the store could not dump itself: " + reply);
        }
        StoreProcess next;
        try {
            next = spawn(release, log, "--port", Integer.toString(port), "--release", release, "--reuse-port",
                    "--control", "0", "--seed", dump.toString());
            next.awaitServing(timeout);
        } catch (IOException e) {
            control(control, "UNPAUSE", timeout);
            throw new IOException(e.getMessage() + "; the old process serves on", e);
        }
        control(control, "STOP", timeout);
        return next;
    }

    /**
     * Asks the store whose control port is {@code control} to move to {@code next}; returns what
     * the old process reported. For a store this JVM did not start ({@code baton store live-update}).
     */
    public static Result liveUpdate(int control, StoreProcess next, Duration timeout) throws IOException {
        return liveUpdate(control, next, timeout, true);
    }

    /**
     * Sends one line to the control port of a running store and returns its one-line answer
     * ({@code DUMP_XENSTORE PATH}, {@code LOAD_XENSTORE PATH}, {@code PAUSE_DUMP_XENSTORE PATH},
     * {@code UNPAUSE}, {@code STOP}): {@code OK ...}, or {@code ERR} and the reason.
     */
    public static String control(int control, String line, Duration timeout) throws IOException {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", control), 5000);
            s.setSoTimeout((int) timeout.toMillis());
            new PrintWriter(s.getOutputStream(), true, StandardCharsets.UTF_8).println(line);
            String reply = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.UTF_8))
                    .readLine();
            return reply == null ? "ERR the store closed its control connection" : reply;
        }
    }

    /** The outcome of a live update, as the old process reported it. */
    public record Result(boolean ok, String message, double downtimeMillis, long octets, int iterations,
            double totalMillis, String profile, long nodes) {
    }

    /** Starts a store serving {@code port} (0: any) with SO_REUSEPORT and a control port. */
    public static StoreProcess start(int port, String release, Duration timeout) throws IOException {
        StoreProcess p = spawn(release, null, "--port", Integer.toString(port), "--release", release, "--reuse-port",
                "--control", "0");
        p.awaitServing(timeout);
        return p;
    }

    /** Starts a process that waits to take over the store on {@code port}, at {@code release}. */
    public static StoreProcess takeover(int port, String release, String failAt, Duration timeout) throws IOException {
        List<String> args = new ArrayList<>(List.of("--port", Integer.toString(port), "--release", release,
                "--reuse-port", "--control", "0", "--takeover", "--listen-migration", "0"));
        if (failAt != null && !failAt.isEmpty()) {
            args.add("--fail-at");
            args.add(failAt);
        }
        StoreProcess p = spawn(release, null, args.toArray(String[]::new));
        String line = p.expect("migration on port ", timeout);
        p.migrationPort = Integer.parseInt(line.substring("migration on port ".length()).trim());
        p.port = port;
        return p;
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
        cmd.add("dev.baton.store.server.StoreMain");
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
        String c = expect("control on port ", timeout);
        control = Integer.parseInt(c.substring("control on port ".length()).trim());
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
                throw new IOException("store process " + process.pid() + ": " + (line.isEmpty() ? "ended" : line));
            }
        }
    }

    /**
     * Moves this process's store to {@code next} (made by {@link #takeover}): returns what the old
     * process reported. On success this process exits and {@code next} serves; on failure this one
     * serves on.
     */
    public Result liveUpdateTo(StoreProcess next, Duration timeout) throws IOException {
        return liveUpdate(control, next, timeout, true);
    }

    private static Result liveUpdate(int control, StoreProcess next, Duration timeout, boolean awaitNext)
            throws IOException {
        String reply;
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", control), 5000);
            s.setSoTimeout((int) timeout.toMillis());
            new PrintWriter(s.getOutputStream(), true, StandardCharsets.UTF_8)
                    .println("LIVE_UPDATE 127.0.0.1 " + next.migrationPort);
            reply = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.UTF_8)).readLine();
        }
        if (reply == null) {
            reply = "ERR the old process closed its control connection";
        }
        if (!reply.startsWith("OK ")) {
            return new Result(false, reply.startsWith("ERR ") ? reply.substring(4) : reply, 0, 0, 0, 0, "", 0);
        }
        String[] t = reply.split(" ");
        if (awaitNext) {
            next.awaitServing(timeout);
        }
        return new Result(true, reply, Double.parseDouble(t[1]), Long.parseLong(t[2]), Integer.parseInt(t[3]),
                Double.parseDouble(t[4]), t[5], Long.parseLong(t[6]));
    }

    public int port() {
        return port;
    }

    /** The control port, once the process serves. */
    public int control() {
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

    @Override
    public void close() {
        kill();
        try {
            process.waitFor(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
