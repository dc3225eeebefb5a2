package dev.baton.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The store from the command line, as docs/STORE.md walks it: serve, get, set, ls, rm, watch,
 * live-update (both formats), stop; their JSON; and what each says when something is wrong.
 */
@Timeout(value = 10, unit = TimeUnit.MINUTES) // a child process that hangs must not hang the build
class StoreCliIT {

    @TempDir
    Path dir;

    private final List<ServedStore> served = new ArrayList<>();
    private final List<Long> started = new ArrayList<>();

    @AfterEach
    void stopAll() throws IOException {
        for (ServedStore s : served) {
            s.close();
        }
        for (long pid : started) { // processes that live updates started, should a test fail half-way
            ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
        }
    }

    private ServedStore serve(String... args) throws IOException {
        ServedStore s = ServedStore.start(args);
        served.add(s);
        return s;
    }

    private static Baton.Result store(String command, int port, String... args) {
        List<String> all = new ArrayList<>(List.of("store", command, "--port", Integer.toString(port)));
        all.addAll(List.of(args));
        return Baton.run(all.toArray(String[]::new));
    }

    /** Asserts that {@code r} failed with {@code exit}, printing nothing but {@code line} on standard error. */
    static void assertOneLineError(Baton.Result r, int exit, String line) {
        assertThat(r.exit()).as(r.all()).isEqualTo(exit);
        assertThat(r.out()).isEmpty();
        assertThat(r.err()).isEqualTo(line + "\n");
    }

    private static boolean alive(long pid) {
        return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
    }

    /** Whether the process ends within 30 s (one that said it exits may take a moment to). */
    private static boolean endsSoon(long pid) throws Exception {
        var process = ProcessHandle.of(pid);
        if (process.isPresent()) {
            try {
                process.get().onExit().get(30, TimeUnit.SECONDS);
            } catch (java.util.concurrent.TimeoutException e) {
                return false;
            }
        }
        return true;
    }

    @Test
    void aStoreIsServedReadWrittenAndWatchedFromTheCommandLineWithJson() throws Exception {
        ServedStore s = serve("--trust-hello", "--release", "1.0", "--grace", "20", "--json");
        JsonShape.keys(s.json, "pid", "host", "port", "control", "release", "graceSeconds", "trust", "seeded");
        assertThat(s.json.get("trust").asText()).isEqualTo("hello");
        assertThat(s.json.get("pid").asLong()).isEqualTo(s.pid());
        assertThat(s.json.get("host").asText()).isEqualTo("127.0.0.1");
        assertThat(s.json.get("release").asText()).isEqualTo("1.0");
        assertThat(s.json.get("graceSeconds").asLong()).isEqualTo(20);
        assertThat(s.json.get("seeded").isNull()).isTrue();

        Baton.Result set = store("set", s.port, "/local/domain/1/name", "guest-1");
        assertThat(set.exit()).as(set.all()).isZero();
        assertThat(set.out()).isEmpty();
        JsonNode written = JsonShape.keys(JsonShape.read(store("set", s.port, "--json", "/local/domain/1/id", "1").out()),
                "path", "octets");
        assertThat(written.get("octets").asInt()).isEqualTo(1);
        assertThat(store("get", s.port, "/local/domain/1/name").out()).isEqualTo("guest-1\n");
        JsonNode value = JsonShape.keys(JsonShape.read(store("get", s.port, "--json", "/local/domain/1/name").out()),
                "path", "value", "hex");
        assertThat(value.get("value").asText()).isEqualTo("guest-1");
        assertThat(value.get("hex").asText()).isEqualTo("67756573742d31");
        assertThat(store("ls", s.port, "/local/domain/1").out()).isEqualTo("id\nname\n");
        JsonNode ls = JsonShape.keys(JsonShape.read(store("ls", s.port, "--json", "/local").out()), "path", "children");
        assertThat(ls.get("children").toString()).isEqualTo("[\"domain\"]");

        assertOneLineError(store("get", s.port, "/no/such"), 1, "baton store get: ENOENT: no node /no/such");
        store("set", s.port, "/private", "x");
        Baton.Result perm = store("set", s.port, "--domain", "5", "/private", "y");
        assertOneLineError(perm, 1, "baton store set: EACCES: domain 5 may not write /private");
        assertOneLineError(store("get", 1, "/a"), 2, "baton store get: cannot reach the store at 127.0.0.1:1: "
                + "Connection refused");

        JsonNode removed = JsonShape.keys(JsonShape.read(store("rm", s.port, "--json", "/local/domain/1/id").out()),
                "path");
        assertThat(removed.get("path").asText()).isEqualTo("/local/domain/1/id");
        assertThat(store("ls", s.port, "/local/domain/1").out()).isEqualTo("name\n");

        // watch: the first event is the watch being set; the second, a change made after it
        Process watch = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar",
                Baton.jar().toString(), "store", "watch", "--port", Integer.toString(s.port), "--count", "2",
                "--json", "/local").redirectError(ProcessBuilder.Redirect.DISCARD).start();
        try (BufferedReader events = new BufferedReader(new InputStreamReader(watch.getInputStream(),
                StandardCharsets.UTF_8))) {
            JsonNode set1 = JsonShape.keys(JsonShape.read(events.readLine()), "path", "token");
            assertThat(set1.get("path").asText()).isEqualTo("/local");
            assertThat(set1.get("token").asText()).isEqualTo("baton");
            store("set", s.port, "/local/domain/2/name", "guest-2");
            assertThat(JsonShape.read(events.readLine()).get("path").asText()).isEqualTo("/local/domain/2/name");
            assertThat(events.readLine()).isNull();
            assertThat(watch.waitFor(30, TimeUnit.SECONDS)).isTrue();
            assertThat(watch.exitValue()).isZero();
        } finally {
            watch.destroyForcibly();
        }
    }

    /** Runs a xenstore-utils command against the socket {@code socket} ({@code XENSTORED_PATH}). */
    private static String xenstore(Path socket, String... command) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        pb.environment().put("XENSTORED_PATH", socket.toString());
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return p.exitValue() + " " + out;
    }

    @Test
    void serveWithAUnixSocketServesXensClientsThereAndALiveUpdateKeepsIt() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/bin/xenstore-read")),
                "xenstore-utils is not installed (.ci/run installs it)");
        Path socket = dir.resolve("xs").resolve("socket");
        ServedStore s = serve("--trust-hello", "--unix-socket", socket.toString(), "--json");
        assertThat(s.json.get("unixSocket").asText()).isEqualTo(socket.toString());
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(socket))).isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(socket.getParent())))
                .isEqualTo("rwx------");
        assertThat(xenstore(socket, "xenstore-write", "/demo/a", "hello")).isEqualTo("0 ");
        assertThat(store("get", s.port, "/demo/a").out()).isEqualTo("hello\n");
        Baton.Result update = Baton.run("store", "live-update", "--control", s.control,
                "--to-release", "1.0", "--run-dir", dir.resolve("run").toString(), "--json");
        assertThat(update.exit()).as(update.all()).isZero();
        started.add(JsonShape.read(update.out()).get("pid").asLong());
        assertThat(s.awaitExit()).isZero();
        // the new process serves the same socket path
        assertThat(xenstore(socket, "xenstore-read", "/demo/a")).isEqualTo("0 hello\n");
        assertThat(xenstore(socket, "xenstore-write", "/demo/b", "again")).isEqualTo("0 ");
        assertThat(store("get", s.port, "/demo/b").out()).isEqualTo("again\n");
    }

    @Test
    void aLiveUpdateWithJsonSaysWhatMovedWhereAndTheOldProcessSaysItInWords() throws Exception {
        ServedStore s = serve("--trust-hello", "--release", "1.0", "--json");
        store("set", s.port, "/demo/a", "hello");
        assertOneLineError(Baton.run("store", "live-update", "--control", s.control, "--port", "1"), 2,
                "baton store live-update: --port 1 is not the store's port: the store on control socket " + s.control
                        + " serves port " + s.port);
        Path run = dir.resolve("run");
        assertOneLineError(Baton.run("store", "live-update", "--control", s.control, "--format",
                "xenstore", "--on-limit", "throttle"), 2, "baton store live-update: --on-limit applies to --format baton:"
                + " a xenstore dump has no pre-copy (see 'baton store live-update --help')");
        // a quiet store converges at once: --on-limit abort has nothing to abort, and no throttle is engaged
        Baton.Result update = Baton.run("store", "live-update", "--control", s.control, "--port",
                Integer.toString(s.port), "--to-release", "2.0", "--run-dir", run.toString(), "--json", "--on-limit",
                "abort");
        assertThat(update.exit()).as(update.all()).isZero();
        assertThat(update.err()).as("no progress where no terminal watches").isEmpty();
        JsonNode u = JsonShape.keys(JsonShape.read(update.out()), "from", "to", "format", "oldPid", "profile", "nodes",
                "octets", "passes", "totalMillis", "downtimeMillis", "pid", "host", "port", "control", "runDir", "log");
        long pid = u.get("pid").asLong();
        started.add(pid);
        assertThat(u.get("from").asText()).isEqualTo("1.0");
        assertThat(u.get("to").asText()).isEqualTo("2.0");
        assertThat(u.get("format").asText()).isEqualTo("baton");
        assertThat(u.get("oldPid").asLong()).isEqualTo(s.pid());
        assertThat(u.get("profile").asText()).isEqualTo("2.0");
        assertThat(u.get("nodes").asLong()).isEqualTo(3); // the root, /demo, /demo/a
        assertThat(u.get("octets").asLong()).isPositive();
        assertThat(u.get("passes").asInt()).isGreaterThanOrEqualTo(2);
        assertThat(u.get("port").asInt()).isEqualTo(s.port);
        assertThat(u.get("runDir").asText()).isEqualTo(run.toString());
        assertThat(u.get("log").asText()).isEqualTo(run.resolve("update-1.log").toString());
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(run))).isEqualTo("rwx------");
        assertThat(Files.readString(run.resolve("update-1.log"))).contains("migration on socket ",
                "listening on 127.0.0.1:" + s.port + " (release 2.0)");

        // the old process: its JSON was all of its standard output; the end, a sentence, on standard error
        assertThat(s.awaitExit()).isZero();
        assertThat(s.laterOutput()).isEmpty();
        assertThat(s.errors()).matches("handed over 3 nodes to a new process \\(profile 2\\.0\\): \\d+\\.\\d MB in "
                + "\\d+ passes, downtime \\d+\\.\\d ms; exiting\n");
        assertThat(StoreClient.talk(s.port, "READ /demo/a")).contains("2.0", "OK \"hello\"");

        Baton.Result back = Baton.run("store", "live-update", "--control", u.get("control").asText(), "--to-release",
                "1.0", "--format", "xenstore", "--run-dir", run.toString(), "--json");
        assertThat(back.exit()).as(back.all()).isZero();
        JsonNode x = JsonShape.keys(JsonShape.read(back.out()), "from", "to", "format", "oldPid", "nodes", "dumpOctets",
                "totalMillis", "pid", "host", "port", "control", "runDir", "log", "dump");
        assertThat(x.get("format").asText()).isEqualTo("xenstore");
        assertThat(x.get("oldPid").asLong()).isEqualTo(pid);
        assertThat(x.get("nodes").asLong()).isEqualTo(3);
        assertThat(x.get("dumpOctets").asLong()).isEqualTo(Files.size(run.resolve("update-2.xenstore")));
        assertThat(x.get("dump").asText()).isEqualTo(run.resolve("update-2.xenstore").toString());
        assertThat(endsSoon(pid)).as("process %d, having handed over through a dump", pid).isTrue();
        pid = x.get("pid").asLong();
        started.add(pid);

        JsonNode stop = JsonShape.keys(JsonShape.read(Baton.run("store", "stop", "--control",
                x.get("control").asText(), "--json").out()), "pid", "host", "port", "release");
        assertThat(stop.get("pid").asLong()).isEqualTo(pid);
        assertThat(stop.get("release").asText()).isEqualTo("1.0");
        assertThat(alive(pid)).as("process %d after store stop", pid).isFalse();
    }

    @Test
    void aLiveUpdateInWordsFitsTheScreenInBothFormatsAndEndsWithStop() throws Exception {
        ServedStore s = serve("--trust-hello");
        store("set", s.port, "/local/domain/1/name", "guest-1");
        Path run = dir.resolve("run");
        Baton.Result update = Baton.run("store", "live-update", "--control", s.control,
                "--to-release", "1.0", "--run-dir", run.toString());
        assertThat(update.exit()).as(update.all()).isZero();
        assertThat(update.err()).isEmpty();
        List<String> lines = update.out().lines().toList();
        assertThat(lines).allSatisfy(l -> assertThat(l.length()).as(l).isLessThanOrEqualTo(100)).hasSize(5);
        assertThat(lines.get(0)).matches("live update 2\\.0 -> 1\\.0: 5 nodes, \\d+\\.\\d MB in \\d+ passes, \\d+ ms in "
                + "all, downtime \\d+\\.\\d ms");
        Matcher m = Pattern.compile("process (\\d+) serves 127\\.0\\.0\\.1:" + s.port + "; stream profile 1\\.0")
                .matcher(lines.get(1));
        assertThat(m.matches()).as(lines.get(1)).isTrue();
        started.add(Long.parseLong(m.group(1)));
        Matcher mc = Pattern.compile("control (/\\S+/control-" + m.group(1) + ")").matcher(lines.get(2));
        assertThat(mc.matches()).as(lines.get(2)).isTrue();
        assertThat(lines.subList(3, 5)).containsExactly("run directory " + run, "  update-1.log  the new process's output");
        assertThat(s.laterOutput()).matches("handed over 5 nodes to a new process \\(profile 1\\.0\\): \\d+\\.\\d MB "
                + "in \\d+ passes, downtime \\d+\\.\\d ms; exiting\n");

        Baton.Result back = Baton.run("store", "live-update", "--control", mc.group(1), "--to-release", "2.0",
                "--format", "xenstore", "--run-dir", run.toString());
        assertThat(back.exit()).as(back.all()).isZero();
        lines = back.out().lines().toList();
        assertThat(lines).allSatisfy(l -> assertThat(l.length()).as(l).isLessThanOrEqualTo(100)).hasSize(6);
        assertThat(lines.get(0)).matches("live update 1\\.0 -> 2\\.0 through a xenstore dump: 5 nodes, \\d+ octets, "
                + "\\d+ ms");
        Matcher n = Pattern.compile("process (\\d+) serves 127\\.0\\.0\\.1:" + s.port).matcher(lines.get(1));
        assertThat(n.matches()).as(lines.get(1)).isTrue();
        long pid = Long.parseLong(n.group(1));
        started.add(pid);
        Matcher nc = Pattern.compile("control (/\\S+/control-" + pid + ")").matcher(lines.get(2));
        assertThat(nc.matches()).as(lines.get(2)).isTrue();
        assertThat(lines.subList(3, 6)).containsExactly("run directory " + run,
                "  update-2.log       the new process's output", "  update-2.xenstore  the dump it started from");
        Baton.Result verify = Baton.run("xen", "verify", "--format", "xenstore", run.resolve("update-2.xenstore")
                .toString());
        assertThat(verify.exit()).as(verify.all()).isZero();
        assertThat(StoreClient.talk(s.port, "READ /local/domain/1/name")).contains("2.0", "OK \"guest-1\"");

        Baton.Result stop = Baton.run("store", "stop", "--control", nc.group(1));
        assertThat(stop.exit()).as(stop.all()).isZero();
        assertThat(stop.out()).isEqualTo("stopped the store on 127.0.0.1:" + s.port + " (process " + pid
                + ", release 2.0)\n");
        assertThat(alive(pid)).isFalse();
        assertOneLineError(Baton.run("store", "stop", "--control", nc.group(1)), 2, "baton store stop: cannot reach "
                + "the control socket " + nc.group(1) + " (no such socket: nothing serves there)");
    }

    /** A quirks file of one quirk for the store's release 2.0: {@code section} declared 1 read at {@code actual}. */
    private Path storeQuirk(String name, String section, int actual, String reason) throws IOException {
        return Files.writeString(dir.resolve(name), "[{\"producer\": \"baton-store\", \"fromVersion\": \"2.0\", "
                + "\"toVersion\": \"2.0\", \"idstr\": \"" + section + "\", \"declaredVersion\": 1, \"actualVersion\": "
                + actual + ", \"reason\": \"" + reason + "\"}]");
    }

    @Test
    void aLiveUpdateLoadsThroughTheQuirksItIsGivenAndSaysWhichApplied() throws Exception {
        ServedStore s = serve("--trust-hello");
        store("set", s.port, "/local/domain/1/name", "guest-1");
        Path run = dir.resolve("run");
        // a quirk that reads the watches as they were written: it applies, and changes nothing
        Path same = storeQuirk("same.json", "store.watches", 1, "read as written");
        Baton.Result update = Baton.run("store", "live-update", "--control", s.control, "--run-dir",
                run.toString(), "--quirks", same.toString());
        assertThat(update.exit()).as(update.all()).isZero();
        List<String> lines = Baton.unwrap(update.out()).lines().toList();
        assertThat(lines.get(1)).isEqualTo("store.watches/0: quirk: baton-store 2.0..2.0 wrote store.watches as version"
                + " 1 with the layout of version 1 (read as written)");
        Matcher m = Pattern.compile("process (\\d+) serves 127\\.0\\.0\\.1:" + s.port + "; stream profile 2\\.0")
                .matcher(lines.get(2));
        assertThat(m.matches()).as(lines.get(2)).isTrue();
        started.add(Long.parseLong(m.group(1)));
        Matcher mc = Pattern.compile("control (/\\S+/control-" + m.group(1) + ")").matcher(lines.get(3));
        assertThat(mc.matches()).as(lines.get(3)).isTrue();
        assertThat(lines.subList(4, 7)).containsExactly("run directory " + run,
                "  update-1.log     the new process's output", "  update-1.quirks  the quirks it loaded the stream with");
        Path copy = run.resolve("update-1.quirks");
        assertThat(copy).hasSameTextualContentAs(same);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(copy))).isEqualTo("rw-------");
        s.awaitExit();
        String control = mc.group(1);

        // a quirk that reads the header at a version it is not in: the update fails, the store serves on with all
        Path wrong = storeQuirk("wrong.json", "store", 2, "wrong");
        Baton.Result failed = Baton.run("store", "live-update", "--control", control, "--run-dir", run.toString(),
                "--quirks", wrong.toString(), "--json");
        assertThat(failed.exit()).as(failed.all()).isEqualTo(1);
        assertThat(failed.err().lines()).singleElement().satisfies(l -> assertThat(l).startsWith("baton store "
                + "live-update: live update failed: migration failed: the target failed: offset ").contains(
                "section store/0: 'store' version 2 is too new: this build loads versions 1 to 1; the source resumed "
                + "with its state intact; the new process (").endsWith(") is stopped"));
        assertThat(StoreClient.talk(s.port, "READ /local/domain/1/name")).contains("OK \"guest-1\"");

        // not a quirks file: bad input, one line, and nothing started
        Path bad = Files.writeString(dir.resolve("bad.json"), "[1]");
        assertOneLineError(Baton.run("store", "live-update", "--control", control, "--run-dir", run.toString(),
                "--quirks", bad.toString()), 1, "baton store live-update: " + bad + " is not a quirks file: a quirk is "
                + "not a JSON object");
        assertThat(run.resolve("update-3.log")).doesNotExist();
        assertOneLineError(Baton.run("store", "live-update", "--control", control, "--format", "xenstore", "--quirks",
                same.toString()), 2, "baton store live-update: --quirks applies to --format baton: a xenstore dump has "
                + "no section versions to correct (see 'baton store live-update --help')");

        Baton.Result json = Baton.run("store", "live-update", "--control", control, "--run-dir", run.toString(),
                "--quirks", same.toString(), "--json");
        assertThat(json.exit()).as(json.all()).isZero();
        JsonNode doc = new com.fasterxml.jackson.databind.ObjectMapper().readTree(json.out());
        started.add(doc.get("pid").asLong());
        assertThat(doc.get("quirks")).hasSize(1);
        assertThat(doc.at("/quirks/0").asText()).startsWith("store.watches/0: quirk: baton-store 2.0..2.0");
        assertThat(doc.get("quirksFile").asText()).isEqualTo(run.resolve("update-3.quirks").toString());
        assertThat(Baton.run("store", "stop", "--control", doc.get("control").asText()).exit()).isZero();
    }

    /**
     * The old store answers INFO, then is gone before it is told to move (it crashed, or the port
     * was another's): the process the command started to take over must not outlive it.
     */
    @Test
    void aLiveUpdateThatFailsStopsTheProcessItStarted() throws Exception {
        int storePort;
        try (ServerSocket free = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            storePort = free.getLocalPort();
        }
        Path control = dir.resolve("private").resolve("control");
        Files.createDirectory(control.getParent(), java.nio.file.attribute.PosixFilePermissions.asFileAttribute(
                java.nio.file.attribute.PosixFilePermissions.fromString("rwx------")));
        java.nio.channels.ServerSocketChannel vanishing = java.nio.channels.ServerSocketChannel.open(
                java.net.StandardProtocolFamily.UNIX).bind(java.net.UnixDomainSocketAddress.of(control));
        Thread old = Thread.ofPlatform().start(() -> {
            try (vanishing; java.nio.channels.SocketChannel s = vanishing.accept()) {
                BufferedReader in = new BufferedReader(new InputStreamReader(java.nio.channels.Channels
                        .newInputStream(s), StandardCharsets.UTF_8));
                if ("INFO".equals(in.readLine())) {
                    vanishing.close(); // gone before the command can come back
                    Files.delete(control);
                    new PrintWriter(java.nio.channels.Channels.newOutputStream(s), true, StandardCharsets.UTF_8)
                            .println("OK 1 127.0.0.1 " + storePort + " 2.0 30 --trust-hello");
                }
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        Path run = dir.resolve("run");
        Baton.Result r = Baton.run("store", "live-update", "--control", control.toString(), "--run-dir",
                run.toString());
        old.join();
        assertThat(r.exit()).as(r.all()).isEqualTo(1);
        assertThat(r.out()).isEmpty();
        Matcher m = Pattern.compile("baton store live-update: live update failed: cannot reach the control socket "
                + Pattern.quote(control.toString()) + " \\(no such socket: nothing serves there\\); the new process "
                + "\\((\\d+)\\) is stopped\n")
                .matcher(r.err());
        assertThat(m.matches()).as(r.err()).isTrue();
        long pid = Long.parseLong(m.group(1));
        started.add(pid);
        assertThat(Files.readString(run.resolve("update-1.log"))).as("it had started").startsWith("migration on socket ");
        assertThat(alive(pid)).as("process %d, started to take over, once the command returned", pid).isFalse();

        // nothing listens at all: nothing is started, no run directory is made
        Path none = dir.resolve("none");
        assertOneLineError(Baton.run("store", "live-update", "--control", control.toString(), "--run-dir",
                none.toString()), 2, "baton store live-update: live update failed: cannot reach the control socket "
                + control + " (no such socket: nothing serves there)");
        assertThat(none).doesNotExist();
    }

    /**
     * A control socket or a port that nothing serves is I/O, exit 2, for every store command
     * (docs/CLI.md): the store did not refuse anything, it could not be asked.
     */
    @ParameterizedTest(name = "baton store {0}")
    @org.junit.jupiter.params.provider.ValueSource(strings = {"live-update --control SOCKET",
        "live-update --rehearse --control SOCKET", "live-update --format xenstore --control SOCKET",
        "dump --control SOCKET FILE", "load --control SOCKET FILE", "stop --control SOCKET",
        "live-update --control NOTASOCKET", "dump --control NOTASOCKET FILE", "stop --control NOTASOCKET",
        "get --port PORT /a", "set --port PORT /a b", "ls --port PORT /", "rm --port PORT /a", "watch --port PORT /a"})
    void aStoreThatCannotBeReachedIsExit2(String command) throws IOException {
        Path file = Files.writeString(dir.resolve("seed.xenstore"), "");
        Path notASocket = Files.writeString(dir.resolve("plain"), "a file, not a socket\n");
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort(); // free once closed: nothing serves it
        }
        List<String> args = new ArrayList<>(List.of("store"));
        for (String word : command.split(" ")) {
            args.add(switch (word) {
                case "SOCKET" -> dir.resolve("nowhere").resolve("control").toString();
                case "NOTASOCKET" -> notASocket.toString();
                case "FILE" -> file.toString();
                case "PORT" -> Integer.toString(port);
                default -> word;
            });
        }
        Baton.Result r = Baton.run(args.toArray(String[]::new));
        assertThat(r.exit()).as(r.all()).isEqualTo(2);
        assertThat(r.out()).isEmpty();
        assertThat(r.err().lines()).as(r.err()).singleElement().satisfies(line -> assertThat(line)
                .startsWith("baton store " + command.split(" ")[0] + ": ").contains("cannot reach"));
    }

    @Test
    void aStoreStartedWithoutReusePortIsNotLiveUpdatedAndTheCommandSaysSoBeforeItStartsAnything() throws Exception {
        ServedStore s = ServedStore.startMain("--port", "0", "--control", "--trust-hello"); // no --reuse-port
        served.add(s);
        assertThat(store("set", s.port, "/kept", "yes").exit()).isZero();
        Path run = dir.resolve("run");
        assertOneLineError(Baton.run("store", "live-update", "--control", s.control, "--run-dir", run.toString()), 1,
                "baton store live-update: live update failed: the store on control socket " + s.control + " (process "
                        + s.pid() + ") was started without --reuse-port: no new process can bind port " + s.port
                        + " beside it; nothing was started, it serves on");
        assertThat(run).as("no run directory, no new process").doesNotExist();
        assertThat(store("get", s.port, "/kept").out()).isEqualTo("yes\n");
    }

    @Test
    void aStoreDoesNotStartWhereItCannotServeOrFromASeedItCannotUse() throws IOException {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            int port = taken.getLocalPort();
            assertOneLineError(Baton.run("store", "serve", "--port", Integer.toString(port)), 2,
                    "baton store serve: cannot listen on 127.0.0.1:" + port + ": Address already in use");
        }
        try (ServedStore other = serve("--trust-hello")) {
            assertOneLineError(Baton.run("store", "serve", "--control", other.control), 2,
                    "baton store serve: another process serves the socket " + other.control);
        }
        // a control socket is privileged: its directory must be its user's alone
        Path open = Files.createDirectory(dir.resolve("open"), java.nio.file.attribute.PosixFilePermissions
                .asFileAttribute(java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x")));
        Files.setPosixFilePermissions(open, java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
        assertOneLineError(Baton.run("store", "serve", "--control", open.resolve("control").toString()), 2,
                "baton store serve: run directory " + open + " is rwxr-xr-x: other users could reach what it holds; "
                        + "make it rwx------ (chmod 700) or choose another");
        assertThat(open.resolve("control")).doesNotExist();
        Path missing = dir.resolve("nope.xs");
        assertOneLineError(Baton.run("store", "serve", "--seed", missing.toString()), 2,
                "baton store serve: " + missing + ": no such file");
        Path bad = Files.writeString(dir.resolve("bad.xs"), "not xenstore");
        assertOneLineError(Baton.run("store", "serve", "--seed", bad.toString()), 1, "baton store serve: " + bad
                + ": offset 0, stream header: not a xenstore stream: ident 6e 6f 74 20 78 65 6e 73 is not \"xenstore\"");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            store serve --release 3.0          | --release | '3.0' is not a known release: allowed are 1.0 and 2.0
            store serve --port 65536           | --port    | 65536 is out of range: allowed is a port, 0 to 65535 (0: any free port)
            store serve --port -1              | --port    | -1 is out of range: allowed is a port, 0 to 65535 (0: any free port)
            store serve --grace 0              | --grace   | 0 is out of range: allowed is seconds, 1 to 86400
            store live-update --control c --port 65536 | --port | 65536 is out of range: allowed is a port, 1 to 65535
            store live-update --control 7 --port 0 | --port | 0 is out of range: allowed is a port, 1 to 65535
            store live-update --control 7 --to-release 3.0 | --to-release | '3.0' is not a known release: allowed are 1.0 and 2.0
            store live-update --control 7 --timeout 3601 | --timeout | 3601 is out of range: allowed is seconds, 1 to 3600
            store live-update --control 7 --format qcow | --format | expected one of [baton, xenstore] (case-sensitive) but was 'qcow'
            store get --port 65536 /a          | --port    | 65536 is out of range: allowed is a port, 1 to 65535
            store dump --control 7 --format qcow x.xs | --format | expected one of [xenstore] (case-sensitive) but was 'qcow'
            store set --port x /a b            | --port    | 'x' is not a port, 1 to 65535
            store get --port 0 /a              | --port    | 0 is out of range: allowed is a port, 1 to 65535
            store set --port 7 --domain 65536 /a b | --domain | 65536 is out of range: allowed is a domain id, 0 to 65535
            store ls --port 7 --domain -1      | --domain  | -1 is out of range: allowed is a domain id, 0 to 65535
            store rm --port abc /a             | --port    | 'abc' is not a port, 1 to 65535
            store watch --port 7 --count 0 /a  | --count   | 0 is out of range: allowed is a whole number, 1 or more
            store watch --port 7 --depth 65536 /a | --depth | 65536 is out of range: allowed is a depth, 0 to 65535 (65535: unlimited)
            store serve --grace 86401          | --grace   | 86401 is out of range: allowed is seconds, 1 to 86400
            demo --nodes 1000001               | --nodes   | 1000001 is out of range: allowed is a number of nodes, 1 to 1000000
            demo --clients 0                   | --clients | 0 is out of range: allowed is a number of clients, 1 to 64
            demo --rate 1000001                | --rate    | 1000001 is out of range: allowed is writes a second, 0 to 1000000 (0: no limit)
            """)
    void everyOptionIsCheckedBeforeAnythingStarts(String line, String option, String allowed) {
        String[] args = line.strip().split(" ");
        String command = "baton " + (args[0].equals("store") ? "store " + args[1] : args[0]);
        assertOneLineError(Baton.run(args), 2, command + ": invalid value for option '" + option + "': " + allowed
                + " (see '" + command + " --help')");
    }

    @Test
    void theDemoLosesNothingAndReportsInLinesThatFitOrAsJson() throws IOException {
        Baton.Result text = Baton.run("demo", "--nodes", "2000", "--clients", "4");
        assertThat(text.exit()).as(text.all()).isZero();
        assertThat(text.err()).as("no progress where no terminal watches").isEmpty();
        assertThat(text.out().lines()).allSatisfy(l -> assertThat(l.length()).as(l).isLessThanOrEqualTo(100));
        assertThat(text.out()).contains("\ntrust mode: HELLO domid trusted (--trust-hello), loopback only\n",
                "filled 2000 nodes; 4 clients", "release 1.0 -> 2.0 (profile 2.0), process ",
                "release 2.0 -> 1.0 (profile 1.0), process ", "  lost = 0\n");

        Baton.Result json = Baton.run("demo", "--nodes", "2000", "--clients", "2", "--json");
        assertThat(json.exit()).as(json.all()).isZero();
        JsonNode doc = JsonShape.keys(JsonShape.read(json.out()), "nodes", "clients", "port", "pid", "trustMode",
                "updates", "report");
        assertThat(doc.get("trustMode").asText()).isEqualTo("HELLO domid trusted (--trust-hello), loopback only");
        assertThat(doc.get("nodes").asInt()).isEqualTo(2000);
        assertThat(doc.get("clients").asInt()).isEqualTo(2);
        assertThat(doc.get("updates")).hasSize(2);
        String[][] moves = {{"1.0", "2.0"}, {"2.0", "1.0"}};
        long pid = doc.get("pid").asLong();
        for (int i = 0; i < 2; i++) {
            JsonNode u = JsonShape.keys(doc.get("updates").get(i), "from", "to", "oldPid", "pid", "profile", "nodes",
                    "octets", "passes", "totalMillis", "downtimeMillis", "clientWrites");
            assertThat(u.get("from").asText()).isEqualTo(moves[i][0]);
            assertThat(u.get("to").asText()).isEqualTo(moves[i][1]);
            assertThat(u.get("profile").asText()).isEqualTo(moves[i][1]);
            assertThat(u.get("oldPid").asLong()).isEqualTo(pid);
            pid = u.get("pid").asLong();
            assertThat(u.get("nodes").asLong()).isGreaterThan(2000);
        }
        JsonNode report = JsonShape.keys(doc.get("report"), "clientKeys", "octets", "maxDowntimeMillis", "writes",
                "seconds", "events", "expectedEvents", "openTransactions", "transactionRetries", "problems", "lost");
        assertThat(report.get("clientKeys").asInt()).isEqualTo(128);
        assertThat(report.get("events").asLong()).isEqualTo(report.get("expectedEvents").asLong());
        assertThat(report.get("problems")).isEmpty();
        assertThat(report.get("lost").asLong()).isZero();
    }
}
