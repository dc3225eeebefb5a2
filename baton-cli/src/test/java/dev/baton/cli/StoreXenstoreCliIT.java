package dev.baton.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
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

    private final List<ServedStore> started = new ArrayList<>();

    @AfterEach
    void stop() throws IOException {
        for (ServedStore s : started) {
            s.close();
        }
    }

    private ServedStore serve(String... extra) throws IOException {
        ServedStore s = ServedStore.start(extra);
        started.add(s);
        return s;
    }

    @Test
    void aStoreDumpsToXenstoreThatXenToolsVerifyAndThatSeedsAnotherStore() throws Exception {
        ServedStore a = serve("--trust-hello");
        String writes = StoreClient.talk(a.port, "WRITE /local/domain/1/name \"guest-1\"",
                "WRITE /local/domain/1/blob \"\\x00\\x01\\n\\x00\\xff\"", "SET_PERMS /local/domain/1 n1 r2",
                "WATCH /local all", "READ /local/domain/1/blob");
        assertThat(writes).doesNotContain("ERR");
        Path file = dir.resolve("store.xs");
        Baton.Result dump = Baton.run("store", "dump", "--control", a.control, "--format", "xenstore",
                file.toString());
        assertThat(dump.exit()).as(dump.all()).isZero();
        assertThat(dump.out()).isEqualTo("dumped 6 nodes to " + file + " (xenstore migration stream, version 2)\n");

        Baton.Result verify = Baton.run("xen", "verify", "--format", "xenstore", file.toString());
        assertThat(verify.exit()).as(verify.all()).isZero();
        assertThat(verify.out()).contains(": valid: ");
        Baton.Result inspect = Baton.run("xen", "inspect", file.toString());
        assertThat(inspect.out()).contains("NODE_DATA", "/local/domain/1 = \"\", perms n1 r2",
                "/local/domain/1/blob = 0x00010a00ff, perms n0", "WATCH_DATA               19  connection 1 watches /local, token all");

        ServedStore b = serve("--trust-hello", "--seed", file.toString());
        assertThat(b.lines.get(0)).isEqualTo("seeded 6 nodes from " + file + " (skipped: 1 connection, 1 watch)");
        String reads = StoreClient.talk(b.port, "READ /local/domain/1/name", "READ /local/domain/1/blob",
                "GET_PERMS /local/domain/1");
        assertThat(reads).contains("OK \"guest-1\"", "OK \"\\x00\\x01\\n\\x00\\xff\"", "OK n1 r2");
    }

    @Test
    void aRunningStoreLoadsTheSpecBuiltXenstoreVectorOnceOnly() throws Exception {
        Path vector = vector("xenstore-v2-le");
        ServedStore s = serve("--trust-hello");
        Baton.Result load = Baton.run("store", "load", "--control", s.control, vector.toString());
        assertThat(load.exit()).as(load.all()).isZero();
        assertThat(load.out()).isEqualTo("loaded 6 nodes from " + vector + "\n");
        assertThat(StoreClient.talk(s.port, "READ /local/domain/1/name", "GET_PERMS /local/domain/1/blob"))
                .contains("OK \"guest1\"", "OK b1 w3");

        Baton.Result again = Baton.run("store", "load", "--control", s.control, vector.toString());
        assertThat(again.exit()).isEqualTo(1);
        assertThat(again.err()).isEqualTo("baton store load: the store has 6 nodes: a xenstore dump seeds a store "
                + "that has the root alone\n");
        Baton.Result bad = Baton.run("store", "load", "--control", s.control,
                Files.writeString(dir.resolve("bad.xs"), "not xenstore").toString());
        assertThat(bad.exit()).isEqualTo(1);
        assertThat(bad.err()).isEqualTo("baton store load: " + dir.resolve("bad.xs") + ": offset 0, stream header: "
                + "not a xenstore stream: ident 6e 6f 74 20 78 65 6e 73 is not \"xenstore\"\n");
        Baton.Result missing = Baton.run("store", "load", "--control", s.control,
                dir.resolve("nope.xs").toString());
        assertThat(missing.exit()).isEqualTo(2);
        assertThat(missing.err()).isEqualTo("baton store load: " + dir.resolve("nope.xs") + ": no such file\n");
    }

    @Test
    void aDumpThatCannotBeWrittenNamesTheFileAskedFor() throws Exception {
        ServedStore s = serve("--trust-hello");
        Path out = dir.resolve("no-such-dir/store.xs");
        Baton.Result dump = Baton.run("store", "dump", "--control", s.control, out.toString());
        assertThat(dump.exit()).isEqualTo(2);
        assertThat(dump.out()).isEmpty();
        assertThat(dump.err()).isEqualTo("baton store dump: " + out + ": no such directory " + out.getParent() + "\n");
        Baton.Result json = Baton.run("store", "dump", "--control", s.control, "--json",
                dir.resolve("store.xs").toString());
        assertThat(json.exit()).as(json.all()).isZero();
        JsonNode doc = JsonShape.keys(JsonShape.read(json.out()), "file", "format", "version", "nodes");
        assertThat(doc.get("file").asText()).isEqualTo(dir.resolve("store.xs").toString());
        assertThat(doc.get("format").asText()).isEqualTo("xenstore");
        assertThat(doc.get("version").asInt()).isEqualTo(2);
        assertThat(doc.get("nodes").asLong()).isEqualTo(1);
        Baton.Result load = Baton.run("store", "load", "--control", serve("--trust-hello").control, "--json",
                dir.resolve("store.xs").toString());
        assertThat(load.exit()).as(load.all()).isZero();
        JsonNode loaded = JsonShape.keys(JsonShape.read(load.out()), "file", "nodes");
        assertThat(loaded.get("file").asText()).isEqualTo(dir.resolve("store.xs").toString());
        assertThat(loaded.get("nodes").asLong()).isEqualTo(1);
    }
}
