package dev.baton.store.live;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.store.server.UnixSockets;
import java.io.IOException;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * How a store process serves its control channel (docs/STORE.md, "The control channel"): each
 * connection on its own, so that a silent or slow client holds up no one else's request, while
 * the requests that change or move the store still run one at a time; what INFO says of a path;
 * and the migration sockets a new process leaves when it is killed before the old one connects.
 */
@Timeout(120)
class ControlChannelServingTest {
    private static final Duration T = Duration.ofSeconds(30);
    /** Bounds a request that must be answered at once: it fails the test instead of hanging it. */
    private static final Duration PROMPT = Duration.ofSeconds(10);

    @TempDir
    static Path tmp;
    static StoreProcess store;
    static StoreControl control;

    @BeforeAll
    static void start() throws IOException {
        store = StoreProcess.start(0, "2.0", T);
        control = StoreControl.at(store.control());
    }

    @AfterAll
    static void stop() {
        store.close();
    }

    @Test
    void aControlClientThatSaysNothingHoldsUpNoOtherRequest() throws IOException {
        try (SocketChannel silent = SocketChannel.open(UnixDomainSocketAddress.of(store.control()))) {
            // connected first, it is accepted first; it never sends its line
            assertThat(control.info(PROMPT).pid()).isEqualTo(store.process().pid());
            try (SocketChannel slow = SocketChannel.open(UnixDomainSocketAddress.of(store.control()))) {
                slow.write(java.nio.ByteBuffer.wrap("IN".getBytes(java.nio.charset.StandardCharsets.US_ASCII)));
                assertThat(control.info(PROMPT).port()).isEqualTo(store.port());
            }
        }
    }

    /**
     * A client that sends its next request as soon as it has the last one's reply finds the turn
     * free: the reply is written once the request's turn has ended. (It was written before, and a
     * quick client was now and then told EAGAIN about its own last request.)
     */
    @Test
    void requestsSentOneAfterAnotherAreEachAnswered() throws IOException {
        for (int i = 0; i < 500; i++) {
            StoreControl.Reply r = control.request("UNPAUSE", PROMPT);
            assertThat(r.ok()).as("request %d: %s %s", i, r.code(), r.text()).isTrue();
        }
    }

    /** A client that sends no line is told so once the control server's time for it ran out, and closed. */
    @Test
    void aSilentControlClientIsToldAndClosed() throws IOException {
        try (SocketChannel silent = SocketChannel.open(UnixDomainSocketAddress.of(store.control()));
                java.io.BufferedReader in = new java.io.BufferedReader(new java.io.InputStreamReader(
                        java.nio.channels.Channels.newInputStream(silent), java.nio.charset.StandardCharsets.UTF_8))) {
            assertThat(in.readLine()).isEqualTo("ERR EINVAL no request line within 10 s");
            assertThat(in.readLine()).isNull();
        }
        assertThat(control.info(PROMPT).pid()).isEqualTo(store.process().pid());
    }

    @Test
    void aSecondLiveUpdateWhileOneRunsIsRefusedAndInfoAnswersMeanwhile() throws Exception {
        // a "new process" that takes the connection and never answers: the first update waits on it
        Path socket = control.stateDirectory().resolve("migration-test-" + ProcessHandle.current().pid());
        try (ServerSocketChannel listener = UnixSockets.bindPrivate(socket)) {
            String name = socket.getFileName().toString();
            CompletableFuture<StoreControl.Reply> first = CompletableFuture.supplyAsync(() -> {
                try {
                    return control.request("LIVE_UPDATE " + name + " abort", T);
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
            try (SocketChannel oldStore = listener.accept()) { // the first update has begun
                StoreControl.Reply second = control.request("LIVE_UPDATE " + name, PROMPT);
                assertThat(second.ok()).isFalse();
                assertThat(second.code()).isEqualTo("EAGAIN");
                assertThat(second.text()).isEqualTo("another request (LIVE_UPDATE) is under way; "
                        + "ask again once it is answered");
                assertThat(control.request("STOP", PROMPT).code()).isEqualTo("EAGAIN");
                assertThat(control.info(PROMPT).pid()).isEqualTo(store.process().pid());
            }
            StoreControl.Reply r = first.get();
            assertThat(r.ok()).as(r.text()).isFalse();
            assertThat(r.code()).isEqualTo("EAGAIN");
        } finally {
            Files.deleteIfExists(socket);
        }
        assertThat(store.alive()).isTrue();
        assertThat(control.info(PROMPT).pid()).isEqualTo(store.process().pid());
    }

    @Test
    void infoNamesAUnixSocketWhosePathHoldsSpacesAndANewline() throws IOException {
        Path dir = RunDirectory.open(tmp.resolve("state dir")).path();
        Path wire = dir.resolve(" wire\nsocket ");
        try (StoreProcess s = StoreProcess.start(0, "2.0", wire, T)) {
            StoreControl.Info info = StoreControl.at(s.control()).info(PROMPT);
            assertThat(info.unixSocket()).isEqualTo(wire);
            assertThat(info.port()).isEqualTo(s.port());
            assertThat(info.trust()).containsExactly("--trust-hello");
        }
    }

    @Test
    void aKilledNewProcessLeavesNoMigrationSocketForLong() throws Exception {
        StoreProcess killed = StoreProcess.takeover(store.port(), "2.0", null, T);
        Path left = killed.migrationSocket();
        killed.process().destroyForcibly(); // SIGKILL: it removes nothing itself
        assertThat(killed.awaitExit(T)).isTrue();
        assertThat(Files.exists(left, LinkOption.NOFOLLOW_LINKS)).as("what SIGKILL leaves").isTrue();
        try (StoreProcess next = StoreProcess.takeover(store.port(), "2.0", null, T)) {
            // a takeover begins in the store's state directory: it clears what no process listens on
            assertThat(Files.exists(left, LinkOption.NOFOLLOW_LINKS)).as(left.toString()).isFalse();
            assertThat(Files.exists(next.migrationSocket(), LinkOption.NOFOLLOW_LINKS)).isTrue();
        }
    }

    @Test
    void aNewProcessStoppedByItsLauncherLeavesNoMigrationSocket() throws Exception {
        Path socket;
        try (StoreProcess next = StoreProcess.takeover(store.port(), "2.0", null, T)) {
            socket = next.migrationSocket();
            assertThat(Files.exists(socket, LinkOption.NOFOLLOW_LINKS)).isTrue();
        }
        assertThat(Files.exists(socket, LinkOption.NOFOLLOW_LINKS)).isFalse();
    }

    @Test
    void aNewProcessToldToEndLeavesNoMigrationSocket() throws Exception {
        try (StoreProcess next = StoreProcess.takeover(store.port(), "2.0", null, T)) {
            Path socket = next.migrationSocket();
            next.process().destroy(); // SIGTERM
            assertThat(next.awaitExit(T)).isTrue();
            assertThat(Files.exists(socket, LinkOption.NOFOLLOW_LINKS)).isFalse();
        }
    }
}
