package dev.baton.cli;

import static dev.baton.cli.MigrateCliIT.SMALL;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.baton.migrate.StateDigest;
import dev.baton.migrate.returnpath.ControlMessage.Report.Outcome;
import dev.baton.migrate.sample.SampleApplication;
import dev.baton.migrate.session.RehearsalReport;
import dev.baton.migrate.session.SourceSession;
import dev.baton.migrate.transport.TcpTransport;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code baton migrate send --rehearse} and a real {@code migrate receive}, each in a child JVM: the
 * report on both sides, exit 0 when it passed and 1 in one line when not; the receiver activates
 * nothing, and a source in this JVM runs on with its state.
 */
class RehearseCliIT {
    @TempDir
    Path dir;

    @Test
    void aRehearsalPassesPrintsItsReportAndActivatesNothing() throws Exception {
        MigrateCliIT.Receiver receiver = MigrateCliIT.receiveIn(dir, SMALL, "--timeout", "20000");
        Baton.Result send = Baton.run(SMALL, null, "migrate", "send", "--rehearse", "--to", "127.0.0.1:"
                + receiver.port(), "--timeout", "20000");
        Baton.Result received = receiver.await();
        assertThat(send.exit()).as(send.all()).isZero();
        assertThat(received.exit()).as(received.all()).isZero();
        String out = Baton.unwrap(send.out());
        assertThat(out).startsWith("rehearsing baton-sample 2.0 to 127.0.0.1:" + receiver.port()
                + " (it runs on throughout; nothing is handed over)\n")
                .contains("rehearsal: protocol 1 and stream version 1", "the target accepted the static data\n",
                        "section sample.config/0, version 1: loaded\n", "section sample.counters/0, version 1: loaded\n",
                        ", the same as sent\n")
                .endsWith("rehearsal passed: 2 sections loaded and wrote back the same, the application's checks passed,"
                        + " the target read what was sent; the target discarded it\n")
                .doesNotContain("application paused", "handed over:", "acknowledged");
        assertThat(send.err()).isEmpty();
        String theirs = Baton.unwrap(received.out());
        assertThat(theirs).contains("rehearsal: protocol 1, stream version 1, profile 2.0", "static data accepted\n",
                "section sample.counters/0, version 1: loaded\n")
                .endsWith("rehearsal reported to the source; the instance of baton-sample discarded, nothing activated\n")
                .doesNotContain("activated baton-sample", "GO received");
    }

    @Test
    void theJsonReportHasEachSectionAndTheDigests() throws Exception {
        MigrateCliIT.Receiver receiver = MigrateCliIT.receiveIn(dir, SMALL, "--json", "--timeout", "20000");
        Baton.Result send = Baton.run(SMALL, null, "migrate", "send", "--rehearse", "--json", "--to", "127.0.0.1:"
                + receiver.port(), "--timeout", "20000");
        Baton.Result received = receiver.await();
        assertThat(send.exit()).as(send.all()).isZero();
        assertThat(received.exit()).as(received.all()).isZero();
        JsonNode doc = new ObjectMapper().readTree(send.out());
        assertThat(doc.get("migrated").asBoolean()).isFalse();
        assertThat(doc.has("error")).isFalse();
        JsonNode r = doc.get("rehearsal");
        assertThat(r.get("passed").asBoolean()).isTrue();
        assertThat(r.get("digestMatches").asBoolean()).isTrue();
        assertThat(r.get("sentSha256").asText()).isEqualTo(r.get("readSha256").asText()).hasSize(64);
        assertThat(r.get("octets").asLong()).isGreaterThan(8 << 20);
        assertThat(r.get("nanos").asLong()).isPositive();
        assertThat(r.get("sections")).hasSize(2);
        assertThat(r.get("sections").get(1).get("idstr").asText()).isEqualTo("sample.counters");
        assertThat(r.get("sections").get(1).get("outcome").asText()).isEqualTo("loaded");
        assertThat(r.get("problems")).isEmpty();
        JsonNode target = new ObjectMapper().readTree(received.out()).get("rehearsal");
        assertThat(target.get("readSha256").asText()).isEqualTo(r.get("sentSha256").asText());
        assertThat(target.get("sentSha256").isNull()).isTrue();
        assertThat(target.get("digestMatches").isNull()).isTrue();
    }

    @Test
    void aSectionTheTargetCannotLoadIsReportedWhileTheSourceRunsOnWithItsState() throws Exception {
        // the source in this JVM: a release that declares its counters at version 2 while writing version
        // 1's layout, which the real receive (without the quirk) cannot load; the configuration loads
        SampleApplication lying = SampleApplication.mislabelling(8 << 20, 200, "2.0.1", Map.of("sample.counters", 2))
                .fill(3).start();
        String before = StateDigest.of(lying);
        MigrateCliIT.Receiver receiver = MigrateCliIT.receiveIn(dir, SMALL, "--timeout", "20000");
        Duration timeout = Duration.ofSeconds(20);
        RehearsalReport report = SourceSession.builder(lying).timeout(timeout).build()
                .rehearse(TcpTransport.connect("127.0.0.1", receiver.port(), timeout));
        Baton.Result received = receiver.await();
        assertThat(received.exit()).as(received.all()).isZero();
        assertThat(report.passed()).isFalse();
        assertThat(report.sections()).extracting(s -> s.outcome()).containsExactly(Outcome.LOADED, Outcome.FAILED);
        assertThat(report.verdict()).isEqualTo("rehearsal failed: section sample.counters/0 of 2 did not load");
        assertThat(Baton.unwrap(received.out())).contains("section sample.config/0, version 1: loaded\n",
                "section sample.counters/0, version 2: did not load: ",
                "'sample.counters' version 2 is too new: this build loads versions 1 to 1");
        assertThat(lying.state()).isEqualTo("running");
        assertThat(StateDigest.of(lying)).as("nothing lost").isEqualTo(before);
    }

    @Test
    void aRehearsalTheTargetRefusesIsExit1InOneLine() throws Exception {
        MigrateCliIT.Receiver receiver = MigrateCliIT.receiveIn(dir, List.of("-Dbaton.sample.mib=4",
                "-Dbaton.sample.sessions=200"), "--timeout", "20000");
        Baton.Result send = Baton.run(SMALL, null, "migrate", "send", "--rehearse", "--to", "127.0.0.1:"
                + receiver.port(), "--timeout", "20000");
        Baton.Result received = receiver.await();
        assertThat(send.exit()).as(send.all()).isEqualTo(1);
        MigrateCliIT.assertOneLineError(send, "send");
        assertThat(send.err()).isEqualTo("baton migrate send: rehearsal failed: the target refused: region 'ram' is"
                + " 8388608 octets in pages of 4096 in the source but 4194304 in pages of 4096 here; the source ran on"
                + " throughout, its state untouched\n");
        assertThat(received.exit()).isEqualTo(1);
        MigrateCliIT.assertOneLineError(received, "receive");
        assertThat(received.err()).startsWith("baton migrate receive: rehearsal refused: region 'ram'");
    }

    @Test
    void aRehearsalNeedsATarget() {
        Baton.Result r = Baton.run("migrate", "send", "--rehearse", "--to", dir.resolve("x.baton").toString());
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).isEqualTo("baton migrate send: --rehearse needs --to HOST:PORT: the target answers a"
                + " rehearsal with its report, which a file or a pipe cannot (see 'baton migrate send --help')\n");
    }
}
