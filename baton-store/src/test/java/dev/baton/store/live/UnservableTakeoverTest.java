package dev.baton.store.live;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.store.client.StoreClient;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A live update whose new process loads the state but cannot serve it (here: the old store was
 * started without {@code --reuse-port}, so the port cannot be bound beside it): the new process
 * says why in one line and exits, the old one answers that line and serves on with everything;
 * and the paths a store prints are read back whatever they hold.
 */
class UnservableTakeoverTest {
    private static final Duration T = Duration.ofSeconds(30);

    @Test
    void theNewProcessSaysWhyItCannotServeAndTheOldOneServesOnWithEverything() throws Exception {
        StoreProcess old = StoreProcess.serve("2.0", T, "--port", "0", "--release", "2.0", "--control",
                "--trust-hello"); // no --reuse-port
        StoreProcess next = null;
        try {
            int port = old.port();
            StoreControl control = StoreControl.at(old.control());
            assertThat(control.info(T).reusePort()).as("INFO says so").isFalse();
            try (StoreClient c = StoreClient.connect(new InetSocketAddress("127.0.0.1", port), 0)) {
                for (int i = 0; i < 500; i++) {
                    c.write("/data/k" + i, "value-" + i);
                }
            }
            next = StoreProcess.takeover(port, "2.0", null, T);
            StoreProcess.Result r = StoreProcess.liveUpdate(control, next, T, p -> { });

            assertThat(r.ok()).isFalse();
            String why = "cannot listen on 127.0.0.1:" + port + " beside the old process: Address already in use"
                    + " (does the old process serve it without --reuse-port?)";
            assertThat(r.message()).contains("the new process did not confirm that it serves", why,
                    "this process serves on").doesNotContain("\n");
            assertThat(next.awaitExit(T)).as("the new process ends").isTrue();
            assertThat(next.process().exitValue()).isEqualTo(1);
            assertThat(next.output()).contains("takeover failed: activation failed: " + why)
                    .doesNotContain("Exception", "\tat ");
            assertThat(old.alive()).isTrue();
            try (StoreClient c = StoreClient.connect(new InetSocketAddress("127.0.0.1", port), 0)) {
                for (int i = 0; i < 500; i++) {
                    assertThat(c.readString("/data/k" + i)).isEqualTo("value-" + i);
                }
                c.write("/data/after", "yes"); // not paused
                assertThat(c.readString("/data/after")).isEqualTo("yes");
            }
        } finally {
            old.close();
            if (next != null) {
                next.close();
            }
        }
    }

    @Test
    void pathsWithANewlineArePrintedOnOneLineAndReadBack(@TempDir Path dir) throws Exception {
        Path state = Files.createDirectory(dir.resolve("state"));
        Files.setPosixFilePermissions(state, java.nio.file.attribute.PosixFilePermissions.fromString("rwx------"));
        Path controlSocket = state.resolve("con\ntrol");
        Path wire = state.resolve("xen\nstore");
        StoreProcess store = StoreProcess.serve("2.0", T, "--port", "0", "--release", "2.0", "--reuse-port",
                "--control-socket", controlSocket.toString(), "--unix-socket", wire.toString(), "--trust-hello");
        try {
            assertThat(store.control()).isEqualTo(controlSocket);
            assertThat(store.output().lines().filter(l -> l.startsWith("xenstore wire protocol on ")))
                    .singleElement().satisfies(l -> assertThat(StoreControl.pathOf(
                            l.substring("xenstore wire protocol on ".length()))).isEqualTo(wire));
            StoreControl.Info info = StoreControl.at(store.control()).info(T);
            assertThat(info.unixSocket()).isEqualTo(wire);
            assertThat(info.reusePort()).isTrue();
            assertThat(store.output().lines()).noneMatch(l -> l.equals("trol") || l.equals("store"));
        } finally {
            store.close();
        }
    }
}
