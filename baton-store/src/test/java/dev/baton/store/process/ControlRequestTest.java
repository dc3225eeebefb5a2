package dev.baton.store.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.baton.migrate.precopy.OnLimit;
import dev.baton.store.process.ControlRequest.Command;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The control channel's request lines, parsed apart from its socket. */
class ControlRequestTest {

    @Test
    void everyCommandParsesAndWritesBackItsLine() throws Exception {
        assertThat(ControlRequest.parse("INFO")).isEqualTo(new ControlRequest(Command.INFO, null, null, 0, null, false));
        assertThat(ControlRequest.parse("UNPAUSE")).isEqualTo(new ControlRequest(Command.UNPAUSE, null, null, 0, null, false));
        assertThat(ControlRequest.parse("STOP")).isEqualTo(new ControlRequest(Command.STOP, null, null, 0, null, false));
        assertThat(ControlRequest.parse("STOP HANDED_OVER"))
                .isEqualTo(new ControlRequest(Command.STOP, null, null, 0, null, true));
        assertThat(ControlRequest.parse("LIVE_UPDATE 127.0.0.1 40123"))
                .isEqualTo(new ControlRequest(Command.LIVE_UPDATE, null, "127.0.0.1", 40123, OnLimit.SWITCHOVER, false));
        assertThat(ControlRequest.parse("LIVE_UPDATE 127.0.0.1 40123 throttle"))
                .isEqualTo(new ControlRequest(Command.LIVE_UPDATE, null, "127.0.0.1", 40123, OnLimit.THROTTLE, false));
        assertThat(ControlRequest.parse("REHEARSE 127.0.0.1 40124"))
                .isEqualTo(new ControlRequest(Command.REHEARSE, null, "127.0.0.1", 40124, null, false));
        for (Command c : new Command[] {Command.DUMP_XENSTORE, Command.LOAD_XENSTORE, Command.PAUSE_DUMP_XENSTORE}) {
            assertThat(ControlRequest.parse(c + " a dir/xs.img"))
                    .isEqualTo(new ControlRequest(c, "a dir/xs.img", null, 0, null, false));
        }
        for (String line : new String[] {"INFO", "UNPAUSE", "STOP", "STOP HANDED_OVER", "LIVE_UPDATE h 1",
                "LIVE_UPDATE h 1 abort", "LIVE_UPDATE h 1 throttle", "REHEARSE h 2", "DUMP_XENSTORE x", "LOAD_XENSTORE x y", "PAUSE_DUMP_XENSTORE x"}) {
            assertThat(ControlRequest.parse(line).line()).isEqualTo(line);
        }
    }

    @Test
    void whiteSpaceAroundTheLineAndTheNameIsIgnored() throws Exception {
        assertThat(ControlRequest.parse("  DUMP_XENSTORE    xs.img \r").name()).isEqualTo("xs.img");
        assertThat(ControlRequest.parse("INFO anything").command()).isEqualTo(Command.INFO);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   ", "info", "DUMP_XENSTORE", "LOAD_XENSTORE   ", "STOP NOW", "STOP HANDED_OVER x",
            "LIVE_UPDATE host", "LIVE_UPDATE host 0", "LIVE_UPDATE host 65536", "LIVE_UPDATE host port",
            "LIVE_UPDATE host 1 2", "LIVE_UPDATE host 1 wait", "LIVE_UPDATE host 1 abort x", "LIVE_UPDATE  host 1",
            "REHEARSE host", "REHEARSE host 1 abort", "PAUSE"})
    void otherLinesGetTheUsage(String line) {
        assertThatThrownBy(() -> ControlRequest.parse(line)).isInstanceOf(ControlRequest.Malformed.class)
                .hasMessage("ERR EINVAL expected INFO, LIVE_UPDATE HOST PORT [abort|switchover|throttle], REHEARSE HOST "
                        + "PORT, DUMP_XENSTORE NAME, LOAD_XENSTORE NAME, PAUSE_DUMP_XENSTORE NAME, UNPAUSE or STOP");
    }
}
