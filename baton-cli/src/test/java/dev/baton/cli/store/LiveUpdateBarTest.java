package dev.baton.cli.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.store.live.LiveProgress;
import org.junit.jupiter.api.Test;

/** What a live update's bar says beside its count: the pass, what was sent, what is dirty again. */
class LiveUpdateBarTest {

    @Test
    void aLivePassSaysItsNumberTheOctetsSentAndWhatIsDirty() {
        assertThat(LiveUpdateBar.note(new LiveProgress(0, false, 4000, 20632, 262_144, 17)))
                .isEqualTo(" pass 0, 0.3 MB sent, 17 dirty");
        assertThat(LiveUpdateBar.note(new LiveProgress(3, false, 124, 124, 1_400_000, 0)))
                .isEqualTo(" pass 3, 1.4 MB sent, 0 dirty");
    }

    @Test
    void theLastPassSaysTheStoreIsPaused() {
        assertThat(LiveUpdateBar.note(new LiveProgress(4, true, 12, 12, 1_410_000, 0)))
                .isEqualTo(" last pass (paused), 1.4 MB sent");
    }
}
