package dev.baton.store.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The line protocol as a raw client sees it: docs/STORE.md, "Protocol". */
class ProtocolTest {
    private StoreServer server;

    @BeforeEach
    void start() throws Exception {
        server = StoreServer.start(new Store(Release.R2_0, Duration.ofSeconds(5)), ClientTrust.HELLO);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void helloWelcomesWithAConnectionIdAKeyAndTheRelease() throws Exception {
        try (Raw a = Raw.hello(server, 0); Raw b = Raw.hello(server, 7)) {
            assertThat(a.welcome).matches("WELCOME 1 [0-9a-f]{16} 2\\.0");
            assertThat(b.welcome).matches("WELCOME 2 [0-9a-f]{16} 2\\.0");
        }
    }

    @Test
    void requestsBeforeTheHandshakeAreRefusedAndTheSocketStaysUsable() throws Exception {
        try (Raw r = new Raw(server)) {
            assertThat(r.ask("READ /")).startsWith("ERR EINVAL start with HELLO");
            assertThat(r.ask("HELLO 70000")).startsWith("ERR EINVAL domid 70000 is above 65535");
            assertThat(r.ask("HELLO")).startsWith("ERR EINVAL HELLO takes a domid");
            assertThat(r.ask("RESUME 99 0000000000000000 0")).startsWith("ERR ENOENT no connection 99");
            assertThat(r.ask("HELLO 0")).startsWith("WELCOME ");
            assertThat(r.ask("HELLO 0")).isEqualTo("ERR EINVAL HELLO after the handshake");
        }
    }

    @Test
    void writeReadDirectoryAndRemove() throws Exception {
        try (Raw r = Raw.hello(server, 0)) {
            assertThat(r.ask("WRITE /local/domain/1/name guest-1")).isEqualTo("OK");
            assertThat(r.ask("READ /local/domain/1/name")).isEqualTo("OK \"guest-1\"");
            assertThat(r.ask("READ /local/domain/1")).isEqualTo("OK \"\"");
            assertThat(r.ask("MKDIR /local/domain/1/device/vif")).isEqualTo("OK");
            assertThat(r.ask("DIRECTORY /local/domain/1")).isEqualTo("OK device name");
            assertThat(r.ask("DIRECTORY /local/domain/1/device/vif")).isEqualTo("OK");
            assertThat(r.ask("RM /local/domain/1/device")).isEqualTo("OK");
            assertThat(r.ask("RM /local/domain/1/device")).isEqualTo("OK"); // gone already, parent exists
            assertThat(r.ask("RM /local/domain/1/device/vif")).isEqualTo("ERR ENOENT no node /local/domain/1/device");
            assertThat(r.ask("READ /local/domain/1/device")).isEqualTo("ERR ENOENT no node /local/domain/1/device");
            assertThat(r.ask("RM /")).isEqualTo("ERR EINVAL the root cannot be removed");
        }
    }

    @Test
    void valuesCarryAnyOctetsQuoted() throws Exception {
        try (Raw r = Raw.hello(server, 0)) {
            assertThat(r.ask("WRITE /v \"two\\nlines \\\"quoted\\\" \\\\ tab\\t nul\\0 \\xff\\x7F end\"")).isEqualTo("OK");
            assertThat(r.ask("READ /v")).isEqualTo("OK \"two\\nlines \\\"quoted\\\" \\\\ tab\\t nul\\x00 \\xff\\x7f end\"");
            assertThat(r.ask("WRITE /empty \"\"")).isEqualTo("OK");
            assertThat(r.ask("READ /empty")).isEqualTo("OK \"\"");
            // Raw UTF-8 inside quotes is taken as is, and comes back escaped.
            r.sendBytes("WRITE /utf \"é\"\n".getBytes(StandardCharsets.UTF_8));
            assertThat(r.line()).isEqualTo("OK");
            assertThat(r.ask("READ /utf")).isEqualTo("OK \"\\xc3\\xa9\"");
        }
    }

    @Test
    void malformedLinesGetOneClearErrorEachAndTheConnectionStaysUsable() throws Exception {
        try (Raw r = Raw.hello(server, 0)) {
            assertThat(r.ask("")).isEqualTo("ERR EINVAL empty request");
            assertThat(r.ask("FROB /x")).isEqualTo("ERR EINVAL unknown command FROB");
            assertThat(r.ask("READ")).isEqualTo("ERR EINVAL READ <path>");
            assertThat(r.ask("READ /a /b")).isEqualTo("ERR EINVAL READ <path>");
            assertThat(r.ask("READ a/b")).isEqualTo("ERR EINVAL path does not start with /");
            assertThat(r.ask("READ /a//b")).isEqualTo("ERR EINVAL path has an empty component (//)");
            assertThat(r.ask("READ /a/")).isEqualTo("ERR EINVAL path ends with /");
            assertThat(r.ask("READ /a.b")).isEqualTo("ERR EINVAL character 0x2e is not allowed in a path");
            assertThat(r.ask("WRITE /a \"open")).isEqualTo("ERR EINVAL unterminated quoted string");
            assertThat(r.ask("WRITE /a \"\\q\"")).isEqualTo("ERR EINVAL unknown escape \\q");
            assertThat(r.ask("WRITE /a \"\\x4\"")).isEqualTo("ERR EINVAL \\x needs two hexadecimal digits");
            assertThat(r.ask("WRITE /a \"x\"y")).isEqualTo(
                    "ERR EINVAL a quoted string must be followed by a space or the end of the line");
            assertThat(r.ask("WRITE /a b\\c")).isEqualTo("ERR EINVAL '\\' inside a bare token: quote the token");
            assertThat(r.ask("WRITE /a \tb")).isEqualTo("ERR EINVAL control character 0x09 in the line: quote and escape it");
            assertThat(r.ask("T99 READ /")).isEqualTo("ERR ENOENT no transaction 99 on this connection");
            assertThat(r.ask("T1")).isEqualTo("ERR ENOENT no transaction 1 on this connection");
            assertThat(r.ask("SET_PERMS /a x5")).isEqualTo(
                    "ERR EINVAL a permission is a letter of n r w b and a domid, e.g. r5");
            assertThat(r.ask("ACK 500")).isEqualTo("ERR EINVAL ACK 500 but only 17 lines were written");
            // and it still works, with CRLF line ends too
            assertThat(r.ask("WRITE /ok yes\r")).isEqualTo("OK");
            assertThat(r.ask("READ /ok")).isEqualTo("OK \"yes\"");
        }
    }

    @Test
    void anUnknownCommandIsNamedAsATokenSoThatItsReplyStaysOneLine() throws Exception {
        // a quoted command may hold any octet: its name, echoed raw, wrote a second line
        // (LineProtocolFuzzTest#session's input finding-unknown-command-with-a-newline)
        try (Raw r = Raw.hello(server, 0)) {
            assertThat(r.ask("\"EVIL\\nEVENT /x y\" /a")).isEqualTo("ERR EINVAL unknown command \"EVIL\\nEVENT /x y\"");
            assertThat(r.ask("\"\\x01\"")).isEqualTo("ERR EINVAL unknown command \"\\x01\"");
            assertThat(r.ask("READ /")).startsWith("OK");
        }
    }

    @Test
    void aLineOverTheLimitIsRefusedWithE2bigAndTheNextLineIsReadCorrectly() throws Exception {
        try (Raw r = Raw.hello(server, 0)) {
            r.send("WRITE /big " + "x".repeat(Store.MAX_LINE));
            assertThat(r.line()).isEqualTo("ERR E2BIG line longer than 65536 octets");
            assertThat(r.ask("WRITE /small y")).isEqualTo("OK");
            assertThat(r.ask("READ /big")).isEqualTo("ERR ENOENT no node /big");
        }
    }

    @Test
    void ackProducesNoReplyAndByeClosesTheConnectionForGood() throws Exception {
        String welcome;
        try (Raw r = Raw.hello(server, 0)) {
            welcome = r.welcome;
            assertThat(r.ask("WRITE /a 1")).isEqualTo("OK");
            r.send("ACK 1");
            assertThat(r.ask("READ /a")).isEqualTo("OK \"1\"");
            assertThat(r.ask("BYE")).isEqualTo("OK");
            assertThat(r.line()).isNull(); // the server closed the socket
        }
        String[] w = welcome.split(" ");
        try (Raw again = new Raw(server)) {
            assertThat(again.ask("RESUME " + w[1] + " " + w[2] + " 3")).startsWith("ERR ENOENT no connection 1");
        }
    }

    @Test
    void resumeReplaysWhatTheClientDidNotReadAndReportsWhatWasProcessed() throws Exception {
        Raw r = Raw.hello(server, 0);
        String[] w = r.welcome.split(" ");
        assertThat(r.ask("WATCH /data tok")).isEqualTo("OK");     // line 1
        assertThat(r.line()).isEqualTo("EVENT /data tok");        // line 2
        r.send("WRITE /data/a 1");                                 // line 3 (OK) and 4 (EVENT)
        r.send("WRITE /data/b 2");                                 // lines 5 and 6
        assertThat(r.line()).isEqualTo("OK");
        // The second WRITE is on its way; wait until the store has processed it before the client
        // leaves, so that the resume below counts it (a line still unprocessed when the client
        // resumes elsewhere is dropped and resent, which is another test's subject).
        try (Raw observer = Raw.hello(server, 0)) {
            long deadline = System.nanoTime() + 5_000_000_000L;
            while (!observer.ask("READ /data/b").equals("OK \"2\"") && System.nanoTime() < deadline) {
                Thread.sleep(5);
            }
        }
        r.close();                                                 // read 3 lines; 4, 5, 6 were lost in flight
        try (Raw again = new Raw(server)) {
            String resumed = again.ask("RESUME " + w[1] + " " + w[2] + " 3");
            assertThat(resumed).isEqualTo("RESUMED " + w[1] + " 3 2.0");
            assertThat(again.line()).isEqualTo("EVENT /data/a tok");
            assertThat(again.line()).isEqualTo("OK");
            assertThat(again.line()).isEqualTo("EVENT /data/b tok");
            assertThat(again.ask("READ /data/b")).isEqualTo("OK \"2\"");
            assertThat(again.ask("RESUME 1 x 0")).isEqualTo("ERR EINVAL RESUME after the handshake");
        }
        try (Raw third = new Raw(server)) {
            assertThat(third.ask("RESUME " + w[1] + " " + w[2] + " 99")).isEqualTo(
                    "ERR EINVAL the client says it read 99 lines but only 8 were queued");
        }
    }
}
