package dev.baton.store.live;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.store.process.StoreMain;
import org.junit.jupiter.api.Test;

/** What a {@link StoreProcess} starts. */
class StoreProcessTest {

    @Test
    void theChildJvmRunsStoreMainByItsName() {
        assertThat(StoreProcess.MAIN_CLASS).isEqualTo(StoreMain.class.getName());
    }
}
