package dev.baton.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The store speaks xenstore: `baton store dump --format xenstore`, `baton store load`, `baton store serve --seed`. */
class StoreXenstoreCliIT {

    @TempDir
    Path dir;

    private Path vector(String name) throws IOException {
        return XenVectors.asFile(dir, name);
    }

    private final List<Process> started = new ArrayList<>();

    @AfterEach
    void stop() {
        started.forEach(Process::destroyForcibly);
    }

    /** A `baton store serve` process: its store port, control port and the lines it printed first. */
    private record Served(int port, int control, List<String> lines) {
    }

    private Served serve(String... extra) throws IOException {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", Baton.jar().toString(), "store", "serve"));
        cmd.addAll(List.of(extra));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        started.add(p);
        BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        List<String> lines = new ArrayList<>();
        int port = -1;
        while (true) {
            String l = out.readLine();
            assertThat(l).as("store serve output so far: %s", lines).isNotNull();
            lines.add(l);
            if (l.startsWith("listening on ")) {
                port = Integer.parseInt(l.replaceAll(".*:(\\d+) .*", "$1"));
            } else if (l.startsWith("control on port ")) {
                return new Served(port, Integer.parseInt(l.replaceAll("\\D+", "")), lines);
            }
        }
    }

    @Test
    void aStoreDumpsToXenstoreThatXenToolsVerifyAndThatSeedsAnotherStore() throws Exception {
        Served a = serve();
        String writes = StoreClient.talk(a.port(), "WRITE /local/domain/1/name \"guest-1\"",
                "WRITE /local/domain/1/blob \"\\x00\\x01\\n\\x00\\xff\"", "SET_PERMS /local/domain/1 n1 r2",
                "WATCH /local all", "READ /local/domain/1/blob");
        assertThat(writes).doesNotContain("ERR");
        Path file = dir.resolve("store.xs");
        Baton.Result dump = Baton.run("store", "dump", "--control", Integer.toString(a.control()), "--format", "xenstore",
                file.toString());
        assertThat(dump.exit()).as(dump.all()).isZero();
        assertThat(dump.out()).isEqualTo("dumped 6 nodes to " + file + " (xenstore migration stream, version 2)\n");

        Baton.Result verify = Baton.run("xen", "verify", "--format", "xenstore", file.toString());
        assertThat(verify.exit()).as(verify.all()).isZero();
        assertThat(verify.out()).contains(": valid: ");
        Baton.Result inspect = Baton.run("xen", "inspect", file.toString());
        assertThat(inspect.out()).contains("NODE_DATA", "/local/domain/1 = \"\", perms n1 r2",
                "/local/domain/1/blob = 0x00010a00ff, perms n0", "WATCH_DATA               19  connection 1 watches /local, token all");

        Served b = serve("--seed", file.toString());
        assertThat(b.lines().get(0)).isEqualTo("seeded 6 nodes from " + file + " (skipped: 1 connection, 1 watch)");
        String reads = StoreClient.talk(b.port(), "READ /local/domain/1/name", "READ /local/domain/1/blob",
                "GET_PERMS /local/domain/1");
        assertThat(reads).contains("OK \"guest-1\"", "OK \"\\x00\\x01\\n\\x00\\xff\"", "OK n1 r2");
    }

    @Test
    void aRunningStoreLoadsTheSpecBuiltXenstoreVectorOnceOnly() throws Exception {
        Path vector = vector("xenstore-v2-le");
        Served s = serve();
        Baton.Result load = Baton.run("store", "load", "--control", Integer.toString(s.control()), vector.toString());
        assertThat(load.exit()).as(load.all()).isZero();
        assertThat(load.out()).isEqualTo("loaded 6 nodes from " + vector + "\n");
        assertThat(StoreClient.talk(s.port(), "READ /local/domain/1/name", "GET_PERMS /local/domain/1/blob"))
                .contains("OK \"guest1\"", "OK b1 w3");

        Baton.Result again = Baton.run("store", "load", "--control", Integer.toString(s.control()), vector.toString());
        assertThat(again.exit()).isEqualTo(1);
        assertThat(again.err()).isEqualTo("baton store load: the store has 6 nodes: a xenstore dump seeds a store "
                + "that has the root alone\n");
        Baton.Result missing = Baton.run("store", "dump", "--control", Integer.toString(s.control()), "--format",
                "qcow", dir.resolve("x").toString());
        assertThat(missing.exit()).isEqualTo(2);
        assertThat(missing.err()).contains("unknown format 'qcow' (known: xenstore)");
    }
}
