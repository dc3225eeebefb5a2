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
        assertThat(ControlRequest.parse("INFO")).isEqualTo(new ControlRequest(Command.INFO, null, null, false));
        assertThat(ControlRequest.parse("UNPAUSE")).isEqualTo(new ControlRequest(Command.UNPAUSE, null, null, false));
        assertThat(ControlRequest.parse("STOP")).isEqualTo(new ControlRequest(Command.STOP, null, null, false));
        assertThat(ControlRequest.parse("STOP HANDED_OVER"))
                .isEqualTo(new ControlRequest(Command.STOP, null, null, true));
        assertThat(ControlRequest.parse("LIVE_UPDATE migration-1"))
                .isEqualTo(new ControlRequest(Command.LIVE_UPDATE, "migration-1", OnLimit.SWITCHOVER, false));
        assertThat(ControlRequest.parse("LIVE_UPDATE migration-1 throttle"))
                .isEqualTo(new ControlRequest(Command.LIVE_UPDATE, "migration-1", OnLimit.THROTTLE, false));
        assertThat(ControlRequest.parse("REHEARSE migration-2"))
                .isEqualTo(new ControlRequest(Command.REHEARSE, "migration-2", null, false));
        for (Command c : new Command[] {Command.DUMP_XENSTORE, Command.LOAD_XENSTORE, Command.PAUSE_DUMP_XENSTORE}) {
            assertThat(ControlRequest.parse(c + " a dir/xs.img"))
                    .isEqualTo(new ControlRequest(c, "a dir/xs.img", null, false));
        }
        for (String line : new String[] {"INFO", "UNPAUSE", "STOP", "STOP HANDED_OVER", "LIVE_UPDATE m",
                "LIVE_UPDATE m abort", "LIVE_UPDATE m throttle", "REHEARSE m", "DUMP_XENSTORE x", "LOAD_XENSTORE x y",
                "PAUSE_DUMP_XENSTORE x", "LIVE_UPDATE host", "REHEARSE host"}) {
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
            "LIVE_UPDATE", "LIVE_UPDATE host port", "LIVE_UPDATE host 1 2", "LIVE_UPDATE host 1 wait",
            "LIVE_UPDATE host 1 abort x", "LIVE_UPDATE  host 1", "LIVE_UPDATE m wait", "LIVE_UPDATE m abort x",
            "LIVE_UPDATE m  abort", "REHEARSE", "REHEARSE host 1 abort", "REHEARSE a b", "PAUSE"})
    void otherLinesGetTheUsage(String line) {
        assertThatThrownBy(() -> ControlRequest.parse(line)).isInstanceOf(ControlRequest.Malformed.class)
                .hasMessage("ERR EINVAL expected INFO, LIVE_UPDATE SOCKET [abort|switchover|throttle], REHEARSE "
                        + "SOCKET, DUMP_XENSTORE NAME, LOAD_XENSTORE NAME, PAUSE_DUMP_XENSTORE NAME, UNPAUSE or STOP");
    }

    /** A live update to a host and port would send the whole store to whatever process took that port first. */
    @ParameterizedTest
    @ValueSource(strings = {"LIVE_UPDATE 127.0.0.1 40123", "LIVE_UPDATE 127.0.0.1 40123 throttle",
            "LIVE_UPDATE host 0", "LIVE_UPDATE host 65536", "LIVE_UPDATE h 1 abort", "REHEARSE 127.0.0.1 40124"})
    void aLiveUpdateOrRehearsalOverTcpIsRefusedAsSuch(String line) {
        assertThatThrownBy(() -> ControlRequest.parse(line)).isInstanceOf(ControlRequest.Malformed.class)
                .hasMessage("ERR EINVAL a live update or rehearsal over TCP (HOST PORT) is not offered: any process on "
                        + "the host could take the port and the store; name the new process's migration socket in the "
                        + "store's state directory");
    }
}
