package dev.baton.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.baton.migrate.StateDigest;
import dev.baton.migrate.sample.SampleApplication;
import dev.baton.migrate.session.MigrationFailedException;
import dev.baton.migrate.session.MigrationStats;
import dev.baton.migrate.session.SourceSession;
import dev.baton.migrate.transport.TcpTransport;
import java.time.Duration;
import java.util.Map;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code baton migrate send|receive}: the real command in two child JVMs, over TLS with keys made
 * by keytool, over TCP, and through a file; refusals and usage errors in one line.
 */
class MigrateCliIT {
    /** A small sample: 8 MiB region, 200 sessions. */
    static final List<String> SMALL = List.of("-Dbaton.sample.mib=8", "-Dbaton.sample.sessions=200");
    private static final Pattern DIGEST = Pattern.compile("state sha256 ([0-9a-f]{64})");

    @TempDir
    static Path keys;
    @TempDir
    Path dir;

    @BeforeAll
    static void makeKeys() throws Exception {
        TlsKeys.make(keys);
    }

    private static String key(String name) {
        return keys.resolve(name).toString();
    }

    /** {@code baton migrate receive ...} in the background; its port, once it listens. */
    record Receiver(Process process, Path out, Path err, int port) {
        Baton.Result await() throws Exception {
            assertThat(process.waitFor(120, TimeUnit.SECONDS)).as("the receiver finished").isTrue();
            return new Baton.Result(process.exitValue(), Files.readString(out), Files.readString(err));
        }
    }

    private Receiver receive(List<String> jvm, String... args) throws Exception {
        return receiveIn(dir, jvm, args);
    }

    /** {@code baton migrate receive --listen 0 ARGS} in the background, its output in files in {@code dir}. */
    static Receiver receiveIn(Path dir, List<String> jvm, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        cmd.addAll(jvm);
        cmd.addAll(List.of("-jar", Baton.jar().toString(), "migrate", "receive", "--listen", "0"));
        cmd.addAll(List.of(args));
        Path out = Files.createTempFile(dir, "receive", ".out");
        Path err = Files.createTempFile(dir, "receive", ".err");
        Process p = new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            // with --json the port is said on standard error
            Matcher m = Pattern.compile("listening on port ([0-9]+)").matcher(Files.readString(out)
                    + Files.readString(err));
            if (m.find()) {
                return new Receiver(p, out, err, Integer.parseInt(m.group(1)));
            }
            if (!p.isAlive()) {
                throw new AssertionError("the receiver ended: " + Files.readString(err));
            }
            Thread.sleep(20);
        }
        p.destroyForcibly();
        throw new AssertionError("the receiver never listened");
    }

    private static String digest(String output) {
        Matcher m = DIGEST.matcher(output);
        assertThat(m.find()).as(output).isTrue();
        return m.group(1);
    }

    static void assertOneLineError(Baton.Result r, String command) {
        assertThat(r.err().strip().lines()).as(r.err()).hasSize(1);
        assertThat(r.err()).startsWith("baton migrate " + command + ": ").doesNotContain("Exception", "\tat ");
    }

    @Test
    void helpEverywhere() {
        for (String[] args : List.of(new String[] {"migrate", "--help"}, new String[] {"migrate", "send", "--help"},
                new String[] {"migrate", "receive", "--help"})) {
            Baton.Result r = Baton.run(args);
            assertThat(r.exit()).isZero();
            assertThat(r.out()).contains("Usage: baton " + String.join(" ", List.of(args).subList(0, args.length - 1)));
        }
        assertThat(Baton.run("--help").out()).contains("migrate");
    }

    @Test
    void sendAndReceiveOverTlsWithAProgressBar() throws Exception {
        Receiver receiver = receive(SMALL, "--tls-key", key("target-key.pem"), "--tls-cert", key("target.crt"),
                "--tls-trust", key("source.crt"), "--timeout", "20000");
        Baton.Result send = Baton.run(SMALL, null, "migrate", "send", "--to", "127.0.0.1:" + receiver.port(),
                "--tls-key", key("source.p12"), "--tls-trust", key("target.crt"), "--tls-password-file", key("password"),
                "--progress", "--timeout", "20000");
        Baton.Result received = receiver.await();
        assertThat(send.exit()).as(send.all()).isZero();
        assertThat(received.exit()).as(received.all()).isZero();
        assertThat(send.out()).contains("over TLS as CN=baton-source", "handshake over tls 127.0.0.1:" + receiver.port()
                + " (TLSv1.3", "profile 2.0, the newest both know", "pass 0: ", "switchover: ", "the target confirmed it runs");
        assertThat(send.err()).contains("migrate", "MiB");
        assertThat(received.out()).contains("(TLS, as CN=baton-target)", "GO received", "activated baton-sample 2.0");
        assertThat(digest(received.out())).isEqualTo(digest(send.out()));
    }

    @Test
    void sendAndReceiveOverFourTlsChannels() throws Exception {
        Receiver receiver = receive(SMALL, "--tls-key", key("target-key.pem"), "--tls-cert", key("target.crt"),
                "--tls-trust", key("source.crt"), "--timeout", "20000", "--channels", "4");
        Baton.Result send = Baton.run(SMALL, null, "migrate", "send", "--to", "127.0.0.1:" + receiver.port(),
                "--tls-key", key("source.p12"), "--tls-trust", key("target.crt"), "--tls-password-file", key("password"),
                "--timeout", "20000", "--channels", "4");
        Baton.Result received = receiver.await();
        assertThat(send.exit()).as(send.all()).isZero();
        assertThat(received.exit()).as(received.all()).isZero();
        assertThat(send.out()).contains("; 4 channels (4 asked, the target takes 4)", "the target confirmed it runs");
        assertThat(received.out()).contains(", 4 channels, as the source chose", "activated baton-sample 2.0");
        assertThat(digest(received.out())).isEqualTo(digest(send.out()));
    }

    @Test
    void aSourceAskingForChannelsGetsOneFromATargetThatTakesOne() throws Exception {
        Receiver receiver = receive(SMALL, "--timeout", "20000");
        Baton.Result send = Baton.run(SMALL, null, "migrate", "send", "--to", "127.0.0.1:" + receiver.port(),
                "--timeout", "20000", "--channels", "2");
        Baton.Result received = receiver.await();
        assertThat(send.exit()).as(send.all()).isZero();
        assertThat(received.exit()).as(received.all()).isZero();
        assertThat(send.out()).contains("; 1 channel (2 asked, the target takes 1)");
        assertThat(digest(received.out())).isEqualTo(digest(send.out()));
    }

    @Test
    void aTlsTargetRefusesAnUntrustedSource() throws Exception {
        Receiver receiver = receive(SMALL, "--tls-key", key("target.p12"), "--tls-trust", key("source.crt"),
                "--tls-password-file", key("password"));
        Baton.Result send = Baton.run(SMALL, null, "migrate", "send", "--to", "127.0.0.1:" + receiver.port(),
                "--tls-key", key("rogue.p12"), "--tls-trust", key("target.crt"), "--tls-password-file", key("password"));
        Baton.Result received = receiver.await();
        assertThat(send.exit()).as(send.all()).isEqualTo(1);
        assertOneLineError(send, "send");
        assertThat(send.err()).contains("TLS: the target 127.0.0.1:" + receiver.port(),
                "the source resumed with its state intact");
        assertThat(received.exit()).isEqualTo(1);
        assertOneLineError(received, "receive");
        assertThat(received.err()).contains("migration refused: TLS: refused the source at 127.0.0.1:",
                "it presented no certificate that this target trusts");
    }

    @Test
    void aTargetOfAnotherSizeRefusesAfterTheStaticData() throws Exception {
        Receiver receiver = receive(List.of("-Dbaton.sample.mib=4", "-Dbaton.sample.sessions=200"));
        Baton.Result send = Baton.run(SMALL, null, "migrate", "send", "--to", "127.0.0.1:" + receiver.port());
        Baton.Result received = receiver.await();
        assertThat(send.exit()).isEqualTo(1);
        assertOneLineError(send, "send");
        assertThat(send.err()).isEqualToIgnoringNewLines("baton migrate send: migration failed: the target refused: region"
                + " 'ram' is 8388608 octets in pages of 4096 in the source but 4194304 in pages of 4096 here; the source"
                + " resumed with its state intact");
        assertThat(send.out()).doesNotContain("pass 0");
        assertThat(received.exit()).isEqualTo(1);
        assertOneLineError(received, "receive");
    }

    /**
     * A 1 MiB sample that writes 20000 times a second (some 80 MB/s of pages), sent at 1 MB/s: a
     * pass of about a second finds the region dirty again, and with a downtime limit of 1 ms
     * (less than one page takes) no pass converges.
     */
    private static final List<String> TOO_FAST = List.of("-Dbaton.sample.mib=1", "-Dbaton.sample.sessions=200");

    @Test
    void onLimitAbortFailsBeforeThePauseAndTheTargetDiscards() throws Exception {
        Receiver receiver = receive(TOO_FAST, "--timeout", "20000");
        Baton.Result send = Baton.run(TOO_FAST, null, "migrate", "send", "--to", "127.0.0.1:" + receiver.port(),
                "--bandwidth", "1", "--max-iterations", "2", "--downtime-limit", "1", "--on-limit", "abort",
                "--timeout", "20000");
        Baton.Result received = receiver.await();
        assertThat(send.exit()).as(send.all()).isEqualTo(1);
        assertOneLineError(send, "send");
        assertThat(send.err()).startsWith("baton migrate send: migration failed: pre-copy did not converge in 2 passes:"
                + " the application dirtied ").contains(" MB/s while ", " MB/s were sent, so the ",
                " ms, over the downtime limit of 1 ms; aborted before the pause (on limit: abort); the source resumed"
                        + " with its state intact");
        assertThat(send.out()).contains("pass 0: ", "pass 1: ").doesNotContain("switchover", "application paused",
                "throttle");
        assertThat(received.exit()).as(received.all()).isEqualTo(1);
        assertOneLineError(received, "receive");
        assertThat(received.err()).endsWith("; the target discarded what it loaded\n");
        assertThat(received.out()).doesNotContain("activated");
    }

    @Test
    void onLimitThrottleStepsUpAfterEachPassAndTheJsonReportListsTheSteps() throws Exception {
        Receiver receiver = receive(TOO_FAST, "--timeout", "20000");
        Baton.Result send = Baton.run(TOO_FAST, null, "migrate", "send", "--to", "127.0.0.1:" + receiver.port(),
                "--bandwidth", "1", "--max-iterations", "3", "--downtime-limit", "1", "--on-limit", "throttle",
                "--timeout", "20000", "--json");
        Baton.Result received = receiver.await();
        assertThat(send.exit()).as(send.all()).isEqualTo(1);
        assertOneLineError(send, "send");
        assertThat(send.err()).contains("pre-copy did not converge in 3 passes: ", ", with the application throttled "
                + "30 %; aborted before the pause (on limit: throttle); the source resumed with its state intact");
        JsonNode doc = new ObjectMapper().readTree(send.out());
        assertThat(doc.get("migrated").asBoolean()).isFalse();
        assertThat(doc.get("passes")).hasSize(3);
        for (JsonNode pass : doc.get("passes")) {
            assertThat(pass.get("dirtyRate").asDouble()).isPositive();
            assertThat(pass.get("throughput").asDouble()).isPositive();
        }
        assertThat(doc.get("throttle").toString()).isEqualTo("[{\"afterPass\":0,\"percent\":20},"
                + "{\"afterPass\":1,\"percent\":30},{\"afterPass\":2,\"percent\":0}]");
        assertThat(doc.get("failure").get("reason").asText()).startsWith("pre-copy did not converge in 3 passes");
        assertThat(received.exit()).as(received.all()).isEqualTo(1);
    }

    @Test
    void throughAFileThereIsNoHandshakeAndItSaysSo() throws Exception {
        Path file = dir.resolve("state.baton");
        Baton.Result send = Baton.run(SMALL, null, "migrate", "send", "--to", file.toString());
        assertThat(send.exit()).as(send.all()).isZero();
        assertThat(send.out()).contains("file " + file + " has no return path", "no handshake");
        Baton.Result receive = Baton.run(SMALL, null, "migrate", "receive", "--from", file.toString());
        assertThat(receive.exit()).as(receive.all()).isZero();
        assertThat(digest(receive.out())).isEqualTo(digest(send.out()));
        // what a file carries: the records, read to the end; no handshake, acknowledgement or GO
        assertThat(receive.out()).containsPattern("(?m)^loaded [0-9]+ records, [0-9.]+ MB, from file " + Pattern.quote(
                file.toString()) + "$").contains("activated baton-sample 2.0").doesNotContain("acknowledg", "GO",
                "handshake", "return path");
        Baton.Result piped = Baton.run(SMALL, file, "migrate", "receive", "--from", "-");
        assertThat(piped.exit()).as(piped.all()).isZero();
        assertThat(piped.out()).contains("from standard input").doesNotContain("acknowledg", "GO", "handshake");
        // The tools know baton-migrate's record types: a migration file verifies clean and lists by name.
        Baton.Result verify = Baton.run("verify", file.toString());
        assertThat(verify.exit()).as(verify.all()).isZero();
        assertThat(verify.out()).contains("valid: ");
        Baton.Result inspect = Baton.run("inspect", "--no-fields", file.toString());
        assertThat(inspect.out()).contains("MIGRATION_SESSION", "PAGES");
    }

    @Test
    void throughAPipe() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> send = new ArrayList<>(List.of(java));
        send.addAll(SMALL);
        send.addAll(List.of("-jar", Baton.jar().toString(), "migrate", "send", "--to", "-"));
        List<String> receive = new ArrayList<>(List.of(java));
        receive.addAll(SMALL);
        receive.addAll(List.of("-jar", Baton.jar().toString(), "migrate", "receive", "--from", "-"));
        Path sendErr = dir.resolve("send.err");
        Path receiveOut = dir.resolve("receive.out");
        List<Process> pipeline = ProcessBuilder.startPipeline(List.of(
                new ProcessBuilder(send).redirectError(sendErr.toFile()),
                new ProcessBuilder(receive).redirectOutput(receiveOut.toFile())
                        .redirectError(ProcessBuilder.Redirect.DISCARD)));
        for (Process p : pipeline) {
            assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
            assertThat(p.exitValue()).as(Files.readString(sendErr)).isZero();
        }
        assertThat(Files.readString(sendErr)).contains("standard output has no return path");
        assertThat(digest(Files.readString(receiveOut))).isEqualTo(digest(Files.readString(sendErr)));
    }

    @Test
    void usageErrorsExitWith2() {
        Baton.Result noTarget = Baton.run("migrate", "send");
        assertThat(noTarget.exit()).isEqualTo(2);
        assertThat(noTarget.err()).contains("missing required option: '--to");
        Baton.Result noTrust = Baton.run(SMALL, null, "migrate", "send", "--to", "127.0.0.1:1", "--tls-key",
                key("source.p12"));
        assertThat(noTrust.exit()).isEqualTo(2);
        assertThat(noTrust.err()).contains("--tls-key needs --tls-trust");
        Baton.Result noApp = Baton.run("migrate", "send", "--to", "x.baton", "--app", "nothing");
        assertThat(noApp.exit()).isEqualTo(2);
        assertThat(noApp.err()).contains("no application 'nothing': found [baton-sample]");
        Baton.Result refused = Baton.run(SMALL, null, "migrate", "send", "--to", "127.0.0.1:1");
        assertThat(refused.exit()).isEqualTo(2);
        assertThat(refused.err().strip().lines()).hasSize(1);
        assertThat(refused.err()).contains("cannot connect to 127.0.0.1:1: Connection refused");
    }

    @Test
    void aHostThatDoesNotResolveIsNamedWithItsPort() {
        Baton.Result send = Baton.run(SMALL, null, "migrate", "send", "--to", "nohost.invalid:7400");
        assertThat(send.exit()).isEqualTo(2);
        assertThat(send.err()).endsWith("baton migrate send: I/O error: nohost.invalid:7400: the host nohost.invalid "
                + "does not resolve\n").doesNotContain("unresolved");
        Baton.Result receive = Baton.run(SMALL, null, "migrate", "receive", "--listen", "nohost.invalid:7400");
        assertThat(receive.exit()).isEqualTo(2);
        assertThat(receive.err()).isEqualTo("baton migrate receive: I/O error: nohost.invalid:7400: the host "
                + "nohost.invalid does not resolve\n");
    }

    /** The quirk of the sample's release 2.0.1, which declared sample.counters at version 2 with version 1's layout. */
    private Path countersQuirk() throws IOException {
        return Files.writeString(dir.resolve("quirks.json"), """
                [{"producer": "baton-sample", "fromVersion": "2.0.1", "toVersion": "2.0.9", "idstr": "sample.counters",
                  "declaredVersion": 2, "actualVersion": 1, "reason": "2.0.1 declared the version early"}]""");
    }

    private static final String APPLIED = "sample.counters/0: quirk: baton-sample 2.0.1..2.0.9 wrote sample.counters as "
            + "version 2 with the layout of version 1 (2.0.1 declared the version early)";

    @Test
    void aLiveMigrationFromALyingReleaseIsRefusedWithNothingLostUntilTheTargetKnowsTheQuirk() throws Exception {
        Duration timeout = Duration.ofSeconds(20);
        // the source in this JVM, the target the real command in a child JVM, over loopback TCP
        SampleApplication lying = SampleApplication.mislabelling(8 << 20, 200, "2.0.1", Map.of("sample.counters", 2))
                .fill(3).start();
        String before = StateDigest.of(lying);

        Receiver refusing = receive(SMALL, "--timeout", "20000");
        assertThatThrownBy(() -> SourceSession.builder(lying).timeout(timeout).build()
                .migrate(TcpTransport.connect("127.0.0.1", refusing.port(), timeout)))
                .isInstanceOf(MigrationFailedException.class)
                .hasMessageContaining("section sample.counters/0: 'sample.counters' version 2 is too new: this build "
                        + "loads versions 1 to 1")
                .hasMessageEndingWith("; the source resumed with its state intact");
        Baton.Result refused = refusing.await();
        assertThat(refused.exit()).as(refused.all()).isEqualTo(1);
        assertOneLineError(refused, "receive");
        assertThat(refused.err()).contains("'sample.counters' version 2 is too new")
                .endsWith("; the target discarded what it loaded\n");
        assertThat(refused.out()).doesNotContain("quirk", "activated");
        assertThat(lying.state()).isEqualTo("running");
        assertThat(StateDigest.of(lying)).as("nothing lost").isEqualTo(before);

        Receiver knowing = receive(SMALL, "--quirks", countersQuirk().toString(), "--timeout", "20000");
        MigrationStats stats = SourceSession.builder(lying).timeout(timeout).build()
                .migrate(TcpTransport.connect("127.0.0.1", knowing.port(), timeout));
        Baton.Result received = knowing.await();
        assertThat(received.exit()).as(received.all()).isZero();
        assertThat(stats.targetConfirmed()).isTrue();
        assertThat(lying.state()).isEqualTo("handed over");
        assertThat(Baton.unwrap(received.out())).contains(APPLIED + "\n", "activated baton-sample 2.0");
        assertThat(received.err()).as("the loader's own log stays quiet: the command says it").isEmpty();
        // the state a sample of the same seed that does not lie has
        assertThat(digest(received.out())).isEqualTo(StateDigest.of(new SampleApplication(8 << 20, 200, 0).fill(3)));
    }

    @Test
    void sampleWritesALyingReleasesStreamThatReceiveLoadsThroughTheQuirkAndSaysSo() throws Exception {
        Path lying = dir.resolve("lying.baton");
        Baton.Result wrote = Baton.run(SMALL, null, "sample", "--migration", "--producer-version", "2.0.1",
                "--mislabel", "sample.counters=2", lying.toString());
        assertThat(wrote.exit()).as(wrote.all()).isZero();
        assertThat(Baton.unwrap(wrote.err())).isEqualTo("wrote " + Files.size(lying) + " octets to " + lying
                + " as baton-sample 2.0.1 wrote it: sample.counters declared at version 2\n");
        assertThat(Baton.run("inspect", "--no-fields", lying.toString()).out()).contains("producer  baton-sample 2.0.1",
                "sample.counters/0 v2");

        Baton.Result refused = Baton.run(SMALL, null, "migrate", "receive", "--from", lying.toString());
        assertThat(refused.exit()).as(refused.all()).isEqualTo(1);
        assertOneLineError(refused, "receive");
        assertThat(refused.err()).contains("record #", "(SECTION), section sample.counters/0: 'sample.counters' version"
                + " 2 is too new: this build loads versions 1 to 1; the target discarded what it loaded");

        Path quirks = countersQuirk();
        Baton.Result loaded = Baton.run(SMALL, null, "migrate", "receive", "--from", lying.toString(), "--quirks",
                quirks.toString());
        assertThat(loaded.exit()).as(loaded.all()).isZero();
        assertThat(Baton.unwrap(loaded.out())).contains("static data accepted\n" + APPLIED + "\nloaded ");
        JsonNode json = new ObjectMapper().readTree(Baton.run(SMALL, null, "migrate", "receive", "--from",
                lying.toString(), "--quirks", quirks.toString(), "--json").out());
        assertThat(json.get("migrated").asBoolean()).isTrue();
        assertThat(json.at("/quirks/0").asText()).isEqualTo(APPLIED);
        assertThat(json.get("quirks")).hasSize(1);

        // what it loaded is what the sample that does not lie writes
        Path truthful = dir.resolve("truthful.baton");
        assertThat(Baton.run(SMALL, null, "sample", "--migration", truthful.toString()).exit()).isZero();
        Baton.Result plain = Baton.run(SMALL, null, "migrate", "receive", "--from", truthful.toString());
        assertThat(plain.exit()).as(plain.all()).isZero();
        assertThat(plain.out()).doesNotContain("quirk");
        assertThat(digest(loaded.out())).isEqualTo(digest(plain.out()));
        assertThat(json.get("stateSha256").asText()).isEqualTo(digest(plain.out()));
    }

    @Test
    void sampleRefusesWhatItCannotWriteInOneLine() {
        for (String[] args : List.of(new String[] {"--mislabel", "nope=2"}, new String[] {"--mislabel", "sample.config=2"},
                new String[] {"--migration", "--mislabel", "sample.node=2"}, new String[] {"--migration", "--byte-order",
                    "little"}, new String[] {"--migration", "--producer", "other"})) {
            List<String> all = new java.util.ArrayList<>(List.of("sample"));
            all.addAll(List.of(args));
            all.add(dir.resolve("never.baton").toString());
            Baton.Result r = Baton.run(all.toArray(String[]::new));
            assertThat(r.exit()).as(r.all()).isEqualTo(2);
            assertThat(r.err().lines()).as(r.err()).singleElement().satisfies(l -> assertThat(l).startsWith("baton "
                    + "sample: "));
        }
        assertThat(Baton.run("sample", "--mislabel", "nope=2", "x.baton").err()).startsWith("baton sample: invalid "
                + "value for option '--mislabel': the stream has no section 'nope': it has [sample.config, sample.node,"
                + " sample.counters]");
        assertThat(Baton.run("sample", "--migration", "--byte-order", "little", "x.baton").err()).startsWith("baton "
                + "sample: --migration writes what the sample application's source writes, which --byte-order cannot "
                + "change");
        assertThat(dir.resolve("never.baton")).as("a usage error writes nothing").doesNotExist();
    }
}
