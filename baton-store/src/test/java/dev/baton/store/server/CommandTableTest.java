package dev.baton.store.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The command table is the one place a command's arguments are said: every command answers a
 * wrong number of arguments with its usage line from the table, on a live socket.
 */
class CommandTableTest {

    private static String words(int n) {
        return " x".repeat(n);
    }

    @ParameterizedTest
    @EnumSource(Release.class)
    void everyCommandAnswersAWrongArgumentCountWithItsUsageLine(Release release) throws Exception {
        try (StoreServer server = StoreServer.start(new Store(release, Duration.ofSeconds(5)), ClientTrust.HELLO);
                Raw r = Raw.hello(server, 0)) {
            for (Command c : Commands.ALL) {
                String usage = "ERR EINVAL " + c.usage(release);
                String prefix = "";
                if (c.transaction() == Command.InTransaction.REQUIRED) {
                    assertThat(r.ask(c.name() + words(c.minArguments()))).as(c.name() + " outside a transaction")
                            .isEqualTo(usage);
                    String started = r.ask("TRANSACTION_START");
                    assertThat(started).startsWith("OK ");
                    prefix = "T" + started.substring(3) + " ";
                }
                if (c.minArguments() > 0) {
                    assertThat(r.ask(prefix + c.name() + words(c.minArguments() - 1))).as(c.name() + " short")
                            .isEqualTo(usage);
                }
                if (c.maxArguments() < Integer.MAX_VALUE) {
                    assertThat(r.ask(prefix + c.name() + words(c.maxArguments() + 1))).as(c.name() + " long")
                            .isEqualTo(usage);
                }
                if (!prefix.isEmpty()) {
                    assertThat(r.ask(prefix + c.name() + " ABORT")).isEqualTo("OK");
                }
            }
            assertThat(r.ask("READ /")).isEqualTo("OK \"\""); // and the connection still serves
        }
    }

    /** The usage lines, as the protocol has always answered them (docs/STORE.md, "Requests"). */
    @ParameterizedTest
    @EnumSource(Release.class)
    void theUsageLinesAreTheProtocols(Release release) {
        StringBuilder usages = new StringBuilder();
        for (Command c : Commands.ALL) {
            usages.append(c.usage(release)).append('\n');
        }
        assertThat(usages.toString()).isEqualTo("""
                READ <path>
                WRITE <path> <value>
                MKDIR <path>
                RM <path>
                DIRECTORY <path>
                GET_PERMS <path>
                SET_PERMS <path> <perm>...
                %s
                UNWATCH <path> <token>
                TRANSACTION_START
                T<id> TRANSACTION_END COMMIT|ABORT
                GET_QUOTA <name> [<domid>]
                SET_QUOTA <name> <value> [<domid>]
                ACK <lines-read>
                BYE
                """.formatted(release.watchDepth() ? "WATCH <path> <token> [<depth>]" : "WATCH <path> <token>"));
    }

    @ParameterizedTest
    @EnumSource(Release.class)
    void aPrefixACommandRefusesOrNeedsIsCheckedBeforeItsArguments(Release release) throws Exception {
        try (StoreServer server = StoreServer.start(new Store(release, Duration.ofSeconds(5)), ClientTrust.HELLO);
                Raw r = Raw.hello(server, 0)) {
            assertThat(r.ask("TRANSACTION_START")).isEqualTo("OK 1");
            assertThat(r.ask("T1 TRANSACTION_START x")).isEqualTo("ERR EINVAL TRANSACTION_START inside a transaction");
            assertThat(r.ask("T1 TRANSACTION_END MAYBE")).isEqualTo("ERR EINVAL T<id> TRANSACTION_END COMMIT|ABORT");
            assertThat(r.ask("T1 WATCH /a t")).isEqualTo("OK"); // a prefix WATCH ignores, once it names a transaction
            assertThat(r.line()).isEqualTo("EVENT /a t");
            assertThat(r.ask("T1 TRANSACTION_END ABORT")).isEqualTo("OK");
            assertThat(r.ask("T1 WATCH /b t")).isEqualTo("ERR ENOENT no transaction 1 on this connection");
            if (release.watchDepth()) {
                assertThat(r.ask("WATCH /c t 1")).isEqualTo("OK");
                assertThat(r.line()).isEqualTo("EVENT /c t");
            } else {
                assertThat(r.ask("WATCH /c t 1")).isEqualTo("ERR EINVAL watch depth needs release 2.0 (this store runs 1.0)");
            }
            assertThat(r.ask("GET_QUOTA frobs")).isEqualTo(
                    "ERR EINVAL unknown quota; the quotas are nodes, value-size, perms, watches, transactions, output");
        }
    }
}
