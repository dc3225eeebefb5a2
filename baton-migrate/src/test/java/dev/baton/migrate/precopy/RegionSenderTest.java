package dev.baton.migrate.precopy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.core.describe.DescriptionContext;
import dev.baton.core.wire.RecordWriter;
import dev.baton.core.wire.WriterOptions;
import dev.baton.migrate.ManualClock;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A pass held to a bandwidth limit waits, after each record, until its octets so far have taken
 * their time at that rate; without a limit it never waits. Timed by a {@link ManualClock}, whose
 * time moves only by those waits: what the sender decides to wait is what is measured.
 */
class RegionSenderTest {
    private static final int REGION = 1 << 20;

    private record Sent(long octets, long nanos, List<Long> offsets, long sleeps) {
    }

    private static Sent pass(long bandwidthLimit) throws IOException {
        ByteArrayRegion ram = new ByteArrayRegion("ram", new byte[REGION]);
        ram.markAllDirty();
        ManualClock clock = new ManualClock();
        List<Long> offsets = new ArrayList<>();
        try (RecordWriter w = RecordWriter.open(new ByteArrayOutputStream(), WriterOptions.defaults())) {
            RegionSender sender = new RegionSender(List.of(ram), w, DescriptionContext.empty(), offsets::add, clock);
            long octets = sender.pass(bandwidthLimit);
            assertThat(sender.pages()).isEqualTo(REGION / 4096);
            assertThat(ram.dirty().count()).isZero();
            return new Sent(octets, clock.nanoTime(), offsets, clock.sleeps());
        }
    }

    @Test
    void aLimitedPassTakesItsOctetsAtTheLimit() throws IOException {
        Sent s = pass(1_000_000);
        assertThat(s.octets()).isGreaterThan(REGION);
        assertThat(s.offsets()).hasSize(REGION / RegionSender.MAX_RUN);
        assertThat(s.sleeps()).as("a wait after each record").isEqualTo(s.offsets().size());
        assertThat(s.nanos()).isEqualTo((long) (s.octets() * 1e9 / 1_000_000));
    }

    @Test
    void twiceTheLimitHalfTheTime() throws IOException {
        assertThat(pass(2_000_000).nanos()).isEqualTo(pass(1_000_000).nanos() / 2);
    }

    @Test
    void anUnlimitedPassNeverWaits() throws IOException {
        Sent s = pass(0);
        assertThat(s.octets()).isGreaterThan(REGION);
        assertThat(s.sleeps()).isZero();
        assertThat(s.nanos()).isZero();
    }
}
