package dev.baton.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code baton store live-update --rehearse} against a real {@code store serve}: the new process
 * loads, reports and exits; the running store serves on, unpaused, with its state, before and
 * after; a rehearsal with --format xenstore is a usage error.
 */
@Timeout(value = 10, unit = TimeUnit.MINUTES) // a child process that hangs must not hang the build
class StoreRehearseCliIT {
    @TempDir
    Path dir;

    @Test
    void aRehearsedLiveUpdateReportsAndTheStoreServesOn() throws Exception {
        try (ServedStore s = ServedStore.start("--trust-hello", "--release", "1.0")) {
            assertThat(Baton.run("store", "set", "--port", Integer.toString(s.port), "/demo/a", "hello").exit()).isZero();
            Path run = dir.resolve("run");
            Baton.Result r = Baton.run("store", "live-update", "--rehearse", "--control", s.control,
                    "--to-release", "2.0", "--run-dir", run.toString());
            assertThat(r.exit()).as(r.all()).isZero();
            assertThat(r.err()).isEmpty();
            String out = Baton.unwrap(r.out());
            assertThat(out).startsWith("rehearsal of live update 1.0 -> 2.0 (profile 2.0) in ")
                    .contains("; the store served throughout, never paused\n", "section store/0, version 1: loaded\n",
                            "section store.watches/0, version ",
                            ": loaded\n", ", the same as sent\n", "loaded it, checked it, discarded it and exited; its"
                            + " output is in " + run.resolve("update-1.log"))
                    .endsWith("; the target discarded it\n")
                    .doesNotContain("did not load", "problem:");
            assertThat(Files.readString(run.resolve("update-1.log"))).contains("rehearsal: section store/0",
                    "rehearsal passed: ").doesNotContain("listening on 127.0.0.1:" + s.port);
            // the old store still serves the port, reads and writes, with what it had
            assertThat(StoreClient.talk(s.port, "READ /demo/a")).contains("1.0", "OK \"hello\"");
            assertThat(Baton.run("store", "set", "--port", Integer.toString(s.port), "/demo/b", "after").exit()).isZero();
            assertThat(StoreClient.talk(s.port, "READ /demo/b")).contains("OK \"after\"");

            Baton.Result json = Baton.run("store", "live-update", "--rehearse", "--json", "--control",
                    s.control, "--run-dir", run.toString());
            assertThat(json.exit()).as(json.all()).isZero();
            JsonNode doc = JsonShape.read(json.out());
            JsonNode x = doc.get("rehearsal");
            assertThat(x.get("passed").asBoolean()).isTrue();
            assertThat(x.get("records").asLong()).isPositive();
            assertThat(x.get("profile").asText()).isEqualTo("2.0");
            assertThat(x.get("lines").toString()).contains("section store.connections/0, version 1: loaded");
            assertThat(doc.get("log").asText()).isEqualTo(run.resolve("update-2.log").toString());
            assertThat(ProcessHandle.of(doc.get("newPid").asLong()).map(ProcessHandle::isAlive).orElse(false))
                    .as("the rehearsing process exited").isFalse();
            assertThat(StoreClient.talk(s.port, "READ /demo/a")).contains("OK \"hello\"");
        }
    }

    @Test
    void aRehearsalThroughAXenstoreDumpIsAUsageError() throws Exception {
        Baton.Result r = Baton.run("store", "live-update", "--rehearse", "--format", "xenstore", "--control",
                dir.resolve("control").toString());
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).isEqualTo("baton store live-update: --rehearse applies to --format baton: a xenstore dump"
                + " is taken with the store paused (see 'baton store live-update --help')\n");
    }
}
