package dev.baton.store.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.baton.store.client.StoreClient;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Who may do what on a store process's privileged sockets (issue 18): each attack is refused and
 * leaves the store as it was, which a read of its tree before and after shows. The table of these
 * cases is in docs/RELIABILITY.md.
 */
class ControlChannelAttackTest {
    private static final Duration T = Duration.ofSeconds(30);
    /** The system's Python (not a user's shim, which another user cannot run), as a client of another user. */
    private static final Path PYTHON = Path.of("/usr/bin/python3");

    @TempDir
    static Path tmp;
    static StoreProcess store;
    static Path wire;
    static StoreControl control;

    @BeforeAll
    static void start() throws IOException {
        wire = RunDirectory.open(tmp.resolve("xs")).path().resolve("socket");
        store = StoreProcess.start(0, "2.0", wire, T);
        control = StoreControl.at(store.control());
        try (StoreClient c = client()) {
            c.write("/vm/1/name", "alpha");
            c.write("/vm/2/name", "beta");
        }
    }

    @AfterAll
    static void stop() {
        store.close();
    }

    private static StoreClient client() throws IOException {
        return StoreClient.connect(new InetSocketAddress("127.0.0.1", store.port()), 0);
    }

    /** The tree under {@code /vm} with values, as a client reads it: what an attack must not change. */
    private static List<String> tree() throws IOException {
        List<String> lines = new ArrayList<>();
        try (StoreClient c = client()) {
            walk(c, "/vm", lines);
        }
        return lines;
    }

    private static void walk(StoreClient c, String path, List<String> out) {
        out.add(path + " = " + c.readString(path));
        for (String child : c.directory(path)) {
            walk(c, path + "/" + child, out);
        }
    }

    @Test
    void theControlSocketIsItsOwnersAloneInAPrivateDirectory() throws IOException {
        assertThat(Files.getPosixFilePermissions(store.control())).isEqualTo(
                java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
        assertThat(Files.getPosixFilePermissions(store.control().getParent())).isEqualTo(
                java.nio.file.attribute.PosixFilePermissions.fromString("rwx------"));
    }

    @Test
    void anotherUserCannotReachTheControlSocket() throws Exception {
        List<String> before = tree();
        Result r = asNobody(store.control(), "STOP\n");
        assertThat(r.exit).as(r.output).isNotZero();
        assertThat(r.output).contains("PermissionError");
        assertThat(store.alive()).isTrue();
        assertThat(control.info(T).pid()).isEqualTo(store.process().pid());
        assertThat(tree()).isEqualTo(before);
    }

    @Test
    void anotherUserCannotReachTheWireSocket() throws Exception {
        List<String> before = tree();
        // XS_WRITE (11) of /vm/1/name = evil, host byte order (little-endian here)
        String payload = "/vm/1/name|evil"; // '|' stands for NUL, which a command line cannot carry
        Result r = asNobody(wire, null, 11, payload);
        assertThat(r.exit).as(r.output).isNotZero();
        assertThat(r.output).contains("PermissionError");
        assertThat(tree()).isEqualTo(before).contains("/vm/1/name = alpha");
    }

    @Test
    void aDumpOrLoadOutsideTheStateDirectoryIsRefusedAndChangesNothing() throws Exception {
        List<String> before = tree();
        Path outside = tmp.resolve("outside.xs");
        Path state = control.stateDirectory();
        Files.deleteIfExists(state.resolve("out"));
        Files.createSymbolicLink(state.resolve("out"), tmp);
        Path dangling = state.resolve("dangling.xs");
        Files.deleteIfExists(dangling);
        Files.createSymbolicLink(dangling, tmp.resolve("planted.xs"));
        // a valid dump outside, that a load through a link would take
        assertThat(control.request("DUMP_XENSTORE ok.xs", T).ok()).isTrue();
        Files.copy(state.resolve("ok.xs"), outside, java.nio.file.StandardCopyOption.REPLACE_EXISTING);

        assertRefused("DUMP_XENSTORE ../x.xs", "../x.xs: refused: '..' leads out of the store's state directory");
        assertRefused("DUMP_XENSTORE " + tmp.resolve("abs.xs"), tmp.resolve("abs.xs")
                + ": refused: absolute; a name relative to the store's state directory");
        assertRefused("DUMP_XENSTORE /etc/x", "/etc/x: refused: absolute");
        assertRefused("DUMP_XENSTORE out/x.xs", "out/x.xs: refused: a link leads out of the store's state directory");
        assertRefused("DUMP_XENSTORE dangling.xs", "dangling.xs: refused: a link to a file that does not exist");
        assertRefused("PAUSE_DUMP_XENSTORE ../x.xs", "../x.xs: refused: '..'");
        assertRefused("LOAD_XENSTORE ../outside.xs", "../outside.xs: refused: '..'");
        assertRefused("LOAD_XENSTORE " + outside, outside + ": refused: absolute");
        assertRefused("LOAD_XENSTORE out/outside.xs", "out/outside.xs: refused: a link leads out");

        assertThat(tmp.resolve("x.xs")).doesNotExist();
        assertThat(tmp.resolve("abs.xs")).doesNotExist();
        assertThat(tmp.resolve("planted.xs")).doesNotExist();
        assertThat(Path.of("/etc/x")).doesNotExist();
        assertThat(tree()).isEqualTo(before);
        try (StoreClient c = client()) { // not paused by the refused PAUSE_DUMP_XENSTORE
            c.write("/vm/3/name", "gamma");
            c.rm("/vm/3");
        }
    }

    /**
     * A live update to a host and port would send the whole store to whatever process took that
     * port first: refused in one line, before anything is sent or paused.
     */
    @Test
    void aLiveUpdateOrRehearsalOverTcpIsRefusedAndTheStoreServesOn() throws Exception {
        List<String> before = tree();
        try (java.nio.channels.ServerSocketChannel thief = java.nio.channels.ServerSocketChannel.open()) {
            thief.bind(new InetSocketAddress("127.0.0.1", 0));
            thief.configureBlocking(false);
            int port = ((InetSocketAddress) thief.getLocalAddress()).getPort();
            for (String request : new String[] {"LIVE_UPDATE 127.0.0.1 " + port, "LIVE_UPDATE 127.0.0.1 " + port
                    + " switchover", "REHEARSE 127.0.0.1 " + port}) {
                StoreControl.Reply r = control.request(request, T);
                assertThat(r.ok()).as(request).isFalse();
                assertThat(r.code()).as(request).isEqualTo("EINVAL");
                assertThat(r.text()).as(request).startsWith("a live update or rehearsal over TCP (HOST PORT) is not"
                        + " offered");
            }
            assertThat(thief.accept()).as("no connection came to the port").isNull();
        }
        assertThat(control.info(T).pid()).isEqualTo(store.process().pid());
        assertThat(tree()).isEqualTo(before);
        try (StoreClient c = client()) { // not paused
            c.write("/vm/3/name", "gamma");
            c.rm("/vm/3");
        }
    }

    @Test
    void aLiveUpdateToASocketOutsideTheStateDirectoryIsRefusedAndChangesNothing() throws Exception {
        List<String> before = tree();
        Path elsewhere = tmp.resolve("migration");
        assertRefused("LIVE_UPDATE ../migration", "../migration: refused: '..' leads out of the store's state "
                + "directory");
        assertRefused("LIVE_UPDATE " + elsewhere + " abort", elsewhere + ": refused: absolute");
        assertRefused("REHEARSE " + elsewhere, elsewhere + ": refused: absolute");
        StoreControl.Reply missing = control.request("LIVE_UPDATE nowhere/migration", T);
        assertThat(missing.code()).isEqualTo("EINVAL");
        assertThat(missing.text()).endsWith("/nowhere: no such file");
        assertThat(store.alive()).isTrue();
        assertThat(tree()).isEqualTo(before);
    }

    /** The new process of a live update waits on a socket only its owner reaches: no one else can feed it a store. */
    @Test
    void anotherUserCannotReachTheMigrationSocket() throws Exception {
        try (StoreProcess next = StoreProcess.takeover(store.port(), "2.0", null, T)) {
            Path socket = next.migrationSocket();
            assertThat(socket.getParent()).isEqualTo(control.stateDirectory());
            assertThat(Files.getPosixFilePermissions(socket)).isEqualTo(
                    java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
            Result r = asNobody(socket, "BATON\n");
            assertThat(r.exit).as(r.output).isNotZero();
            assertThat(r.output).contains("PermissionError");
            assertThat(next.alive()).as("it waits on").isTrue();
            assertThat(next.output()).doesNotContain("takeover failed");
        }
    }

    /** The control server reads one request line of at most 4096 octets: a longer one is refused, unread. */
    @Test
    void aHugeRequestLineIsRefusedInOneLineAndTheStoreServesOn() throws Exception {
        List<String> before = tree();
        try (java.nio.channels.SocketChannel ch = java.nio.channels.SocketChannel.open(
                java.net.UnixDomainSocketAddress.of(store.control()))) {
            byte[] line = "DUMP_XENSTORE ".concat("a".repeat(100_000)).getBytes(StandardCharsets.US_ASCII); // no newline
            try {
                ch.write(java.nio.ByteBuffer.wrap(line));
            } catch (IOException e) {
                // the server answered and closed before the rest arrived
            }
            java.io.BufferedReader in = new java.io.BufferedReader(new java.io.InputStreamReader(
                    java.nio.channels.Channels.newInputStream(ch), StandardCharsets.UTF_8));
            assertThat(in.readLine()).isEqualTo("ERR EINVAL a request line is at most 4096 octets");
            String after;
            try {
                after = in.readLine();
            } catch (java.net.SocketException reset) {
                after = null; // closed with the rest of the line unread: the kernel says so as a reset
            }
            assertThat(after).as("then the connection ends").isNull();
        }
        assertThat(control.info(T).pid()).isEqualTo(store.process().pid());
        assertThat(tree()).isEqualTo(before);
    }

    private static void assertRefused(String request, String reason) throws IOException {
        StoreControl.Reply r = control.request(request, T);
        assertThat(r.ok()).as(request).isFalse();
        assertThat(r.code()).as(request).isEqualTo("EINVAL");
        assertThat(r.text()).as(request).startsWith(reason.substring(0, reason.indexOf(':'))).contains(
                reason.substring(reason.indexOf(':') + 2));
    }

    private record Result(int exit, String output) {
    }

    /** Connects to {@code socket} as the user nobody and sends {@code line}, or one xenstore wire message. */
    private static Result asNobody(Path socket, String line, int... type) throws Exception {
        return asNobody(socket, line, type.length == 0 ? 0 : type[0], null);
    }

    private static Result asNobody(Path socket, String line, int type, String payload) throws Exception {
        assumeTrue("root".equals(System.getProperty("user.name")),
                "another user's attack needs root to run as nobody (runuser); this runs as "
                        + System.getProperty("user.name"));
        assumeTrue(Files.isExecutable(Path.of("/usr/sbin/runuser")) && Files.isExecutable(PYTHON),
                "needs /usr/sbin/runuser and /usr/bin/python3");
        String send = line != null ? "s.sendall(sys.argv[2].encode())"
                : "p = sys.argv[2].replace('|', '\\0').encode(); s.sendall(struct.pack('<IIII', " + type
                        + ", 1, 0, len(p)) + p)";
        String script = "import socket, struct, sys\n"
                + "s = socket.socket(socket.AF_UNIX)\n"
                + "s.connect(sys.argv[1])\n"
                + send + "\n"
                + "print(s.recv(4096))\n";
        Process p = new ProcessBuilder("/usr/sbin/runuser", "-u", "nobody", "--", PYTHON.toString(), "-c", script,
                socket.toString(), line != null ? line : payload)
                .redirectErrorStream(true).start();
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        return new Result(p.exitValue(), new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
    }
}
