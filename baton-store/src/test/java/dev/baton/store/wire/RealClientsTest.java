package dev.baton.store.wire;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.store.client.StoreClient;
import dev.baton.store.live.StoreProcess;
import dev.baton.store.tree.Perm;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Xen's own clients against a store process's Unix socket ({@code --unix-socket}, found through
 * {@code XENSTORED_PATH}): Debian's xenstore-utils commands and a pyxs session, each compared
 * with what the store's Java client sees over the line protocol.
 */
class RealClientsTest {
    private static final Duration T = Duration.ofSeconds(30);

    @TempDir
    Path dir;
    private StoreProcess store;
    private Path socket;
    private StoreClient client;

    @BeforeEach
    void start() throws Exception {
        socket = dir.resolve("xenstored.socket");
        store = StoreProcess.start(0, "2.0", socket, T);
        client = StoreClient.connect(new InetSocketAddress("127.0.0.1", store.port()), 0);
    }

    @AfterEach
    void stop() {
        if (client != null) {
            client.close();
        }
        if (store != null) {
            store.close();
        }
    }

    private XenstoreTools.Run run(String... command) throws Exception {
        return XenstoreTools.run(socket, command);
    }

    @Test
    void xenstoreUtilsReadWriteListChmodRm() throws Exception {
        XenstoreTools.assumeXenstoreUtils();
        // two pairs: xenstore-write wraps them in a transaction
        assertThat(run("xenstore-write", "/vm/1/name", "alpha", "/vm/1/memory", "512"))
                .isEqualTo(new XenstoreTools.Run(0, "", ""));
        assertThat(run("xenstore-read", "/vm/1/name")).isEqualTo(new XenstoreTools.Run(0, "alpha\n", ""));
        assertThat(client.readString("/vm/1/memory")).isEqualTo("512");
        client.write("/vm/2/name", "beta");
        assertThat(run("xenstore-read", "/vm/1/name", "/vm/2/name").out()).isEqualTo("alpha\nbeta\n");
        assertThat(run("xenstore-list", "/vm").out()).isEqualTo("1\n2\n");
        assertThat(client.directory("/vm")).containsExactly("1", "2");
        assertThat(run("xenstore-ls", "-f", "/vm").out()).isEqualTo("""
                /vm/1 = ""
                /vm/1/name = "alpha"
                /vm/1/memory = "512"
                /vm/2 = ""
                /vm/2/name = "beta"
                """.replace("/vm/1/name = \"alpha\"\n/vm/1/memory = \"512\"\n",
                "/vm/1/memory = \"512\"\n/vm/1/name = \"alpha\"\n"));
        assertThat(run("xenstore-chmod", "/vm/1/name", "b3", "r5")).isEqualTo(new XenstoreTools.Run(0, "", ""));
        assertThat(client.getPerms("/vm/1/name")).containsExactly(Perm.parse("b3"), Perm.parse("r5"));
        assertThat(run("xenstore-ls", "-p", "/vm/1").out()).contains("name = \"alpha\"").contains("(b3,r5)");
        assertThat(run("xenstore-rm", "/vm/2")).isEqualTo(new XenstoreTools.Run(0, "", ""));
        assertThat(client.directory("/vm")).containsExactly("1");
        assertThat(run("xenstore-exists", "/vm/2").exit()).isEqualTo(1);
        assertThat(run("xenstore-exists", "/vm/1").exit()).isZero();
        // a refusal: ENOENT by name, which the tool says in its words
        assertThat(run("xenstore-read", "/vm/2/name")).isEqualTo(new XenstoreTools.Run(1, "",
                "xenstore-read: couldn't read path /vm/2/name\n"));
        // relative to the connection's domain path, /local/domain/0
        assertThat(run("xenstore-write", "device/vif", "on").exit()).isZero();
        assertThat(client.readString("/local/domain/0/device/vif")).isEqualTo("on");
    }

    @Test
    void xenstoreWatchGetsTheInitialEventThenEachChange() throws Exception {
        XenstoreTools.assumeXenstoreUtils();
        client.mkdir("/w");
        Process watch = XenstoreTools.start(socket, List.of("xenstore-watch", "-n", "4", "/w"));
        try (BufferedReader out = new BufferedReader(new InputStreamReader(watch.getInputStream(),
                StandardCharsets.UTF_8))) {
            assertThat(out.readLine()).isEqualTo("/w"); // on registration: the watch is in place
            client.write("/w/a", "1");
            assertThat(run("xenstore-write", "/w/b", "2").exit()).isZero();
            client.rm("/w/a");
            assertThat(out.readLine()).isEqualTo("/w/a");
            assertThat(out.readLine()).isEqualTo("/w/b");
            assertThat(out.readLine()).isEqualTo("/w/a");
            assertThat(watch.waitFor(30, TimeUnit.SECONDS)).isTrue();
            assertThat(watch.exitValue()).isZero();
        } finally {
            watch.destroyForcibly();
        }
    }

    @Test
    void aPyxsSessionWithAWatchAndTransactions() throws Exception {
        XenstoreTools.assumePyxs();
        Path script = XenstoreTools.script(dir, "pyxs_session.py");
        XenstoreTools.Run r = run(XenstoreTools.PYTHON.toString(), script.toString());
        assertThat(r.err()).isEmpty();
        assertThat(r.out()).isEqualTo("""
                watch Event(path=b'/py', token=b'tok')
                inside b'1' False
                commit True
                events [Event(path=b'/py/a', token=b'tok'), Event(path=b'/py/b', token=b'tok')]
                read b'1'
                conflict False
                after b'changed' b'2'
                list [b'a', b'b'] [b'n0'] b'/local/domain/3'
                perms [b'n0', b'r5']
                error ENOENT
                done
                """);
        assertThat(client.readString("/py/a")).isEqualTo("changed");
        assertThat(client.readString("/py/b")).isEqualTo("2");
        assertThat(client.getPerms("/py/a")).containsExactly(Perm.parse("n0"), Perm.parse("r5"));
    }

    @Test
    void theSocketIsItsOwnersAlone() throws Exception {
        assertThat(Files.getPosixFilePermissions(socket))
                .isEqualTo(PosixFilePermissions.fromString("rw-------"));
    }
}
