package dev.baton.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Odd values for every option of the commands but {@code store} and {@code demo}: each is a usage
 * error (exit 2) on one line that names the command, the option and what it allows; none reaches
 * the library as an "internal error".
 */
class OptionValuesIT {

    static Stream<Arguments> oddValues() {
        String longName = "p".repeat(2000);
        return Stream.of(
                // migrate receive
                bad("--listen", "port 99999 is out of range: allowed is [HOST:]PORT with a port 0 to 65535",
                        "migrate", "receive", "--listen", "99999"),
                bad("--listen", "'-1' is not [HOST:]PORT", "migrate", "receive", "--listen", "-1"),
                bad("--listen", "'abc' is not [HOST:]PORT", "migrate", "receive", "--listen", "abc"),
                bad("--listen", "port 123456 is out of range", "migrate", "receive", "--listen", "localhost:123456"),
                bad("--timeout", "0 is out of range: allowed is a duration in ms, 1 to 2147483647",
                        "migrate", "receive", "--from", "x", "--timeout", "0"),
                bad("--timeout", "99999999999999999999 is out of range", "migrate", "receive", "--from", "x",
                        "--timeout", "99999999999999999999"),
                bad("--accept-timeout", "-1 is out of range: allowed is a duration in seconds, 0 to 2147483",
                        "migrate", "receive", "--listen", "0", "--accept-timeout", "-1"),
                bad("--accept-timeout", "is out of range", "migrate", "receive", "--listen", "0", "--accept-timeout",
                        "9223372036854775807"),
                bad("--channels", "17 is out of range: allowed is a number of channels, 1 to 16",
                        "migrate", "receive", "--listen", "0", "--channels", "17"),
                bad("--channels", "--channels 2 needs --listen: a file or a pipe is one channel",
                        "migrate", "receive", "--from", "x", "--channels", "2"),
                // migrate send
                bad("--channels", "0 is out of range: allowed is a number of channels, 1 to 16",
                        "migrate", "send", "--to", "x", "--channels", "0"),
                bad("--channels", "--channels 4 needs --to HOST:PORT: a file or a pipe is one channel",
                        "migrate", "send", "--to", "x.baton", "--channels", "4"),
                bad("--max-iterations", "0 is out of range: allowed is a whole number, 1 or more",
                        "migrate", "send", "--to", "x", "--max-iterations", "0"),
                bad("--max-iterations", "'many' is not a whole number", "migrate", "send", "--to", "x",
                        "--max-iterations", "many"),
                bad("--bandwidth", "-1 is out of range: allowed is a rate in MB/s, 0 to 1000000 (0: no limit)",
                        "migrate", "send", "--to", "x", "--bandwidth", "-1"),
                bad("--bandwidth", "is out of range", "migrate", "send", "--to", "x", "--bandwidth", "99999999999999"),
                bad("--downtime-limit", "-1 is out of range: allowed is a duration in ms, 0 to", "migrate", "send",
                        "--to", "x", "--downtime-limit", "-1"),
                bad("--timeout", "0 is out of range", "migrate", "send", "--to", "x", "--timeout", "0"),
                bad("--on-limit", "expected one of [abort, switchover, throttle]", "migrate", "send", "--to", "x",
                        "--on-limit", "wait"),
                bad("--to", "port 99999 of :99999 is out of range: allowed is HOST:PORT with a port 1 to 65535",
                        "migrate", "send", "--to", ":99999"),
                bad("--to", "port 0 of 127.0.0.1:0 is out of range", "migrate", "send", "--to", "127.0.0.1:0"),
                bad("--profile", "baton-sample has no release profile 'nope': allowed is one of 1.0, 2.0",
                        "migrate", "send", "--to", "x", "--profile", "nope"),
                // the tools
                bad("--profile", "profile", "sample", "x.baton", "--profile", longName),
                bad("--byte-order", "expected one of [big, little]", "sample", "x.baton", "--byte-order", "middle"),
                bad("--direction", "expected one of [forward, backward, both]", "check", "--direction", "sideways",
                        "a", "b"),
                bad("--dump", "--dump takes state or desc", "qemu", "analyze", "--dump", "everything", "x"),
                bad("--format", "expected one of xenstore, libxc, libxl", "xen", "inspect", "--format", "qemu", "x"),
                bad("--format", "expected one of xenstore, libxc, libxl", "xen", "verify", "--format", "", "x"),
                bad("--to", "expected one of [v3]", "xen", "convert", "--to", "v4", "a", "b"));
    }

    private static Arguments bad(String option, String says, String... args) {
        return Arguments.of(option, says, args);
    }

    @ParameterizedTest(name = "{2}")
    @MethodSource("oddValues")
    void isAOneLineUsageError(String option, String says, String[] args) {
        Baton.Result r = Baton.run(args);
        String command = "baton " + (args[0].equals("migrate") || args[0].equals("xen") || args[0].equals("qemu")
                ? args[0] + " " + args[1] : args[0]);
        assertThat(r.exit()).as(r.all()).isEqualTo(2);
        assertThat(r.out()).isEmpty();
        assertThat(r.err().strip().lines()).as(r.err()).singleElement().satisfies(line -> assertThat(line)
                .startsWith(command + ": ").contains(option, says).doesNotContain("internal error", "Exception"));
    }
}
