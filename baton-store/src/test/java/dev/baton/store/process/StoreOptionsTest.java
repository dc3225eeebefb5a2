package dev.baton.store.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** A store process's command line: the new process of a live update takes it over a Unix socket only. */
class StoreOptionsTest {

    @Test
    void aTakeoverListensOnTheUnixSocketItIsGiven() {
        StoreOptions o = StoreOptions.parse("--takeover", "--listen-migration-socket", "run/migration-1");
        assertThat(o.takeover()).isTrue();
        assertThat(o.migrationSocket()).isEqualTo(Path.of("run/migration-1"));
        assertThat(StoreOptions.parse().migrationSocket()).isNull();
    }

    @Test
    void aTakeoverOnATcpPortIsRefusedAsSuch() {
        assertThatThrownBy(() -> StoreOptions.parse("--takeover", "--listen-migration", "0"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("--listen-migration: a live update over TCP is not offered (any process on the host could "
                        + "connect first); use --listen-migration-socket PATH in the old store's state directory");
    }

    @Test
    void aTakeoverAndItsSocketGoTogether() {
        for (String[] args : new String[][] {{"--takeover"}, {"--listen-migration-socket", "m"}}) {
            assertThatThrownBy(() -> StoreOptions.parse(args)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("--takeover and --listen-migration-socket PATH go together");
        }
    }
}
