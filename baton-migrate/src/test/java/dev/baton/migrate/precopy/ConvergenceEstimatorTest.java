package dev.baton.migrate.precopy;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The switchover decision, from the passes' octets and times given to it: no clock involved. */
class ConvergenceEstimatorTest {

    @Test
    void beforeAnyPassNothingButAnEmptyRestFits() {
        ConvergenceEstimator e = new ConvergenceEstimator(Duration.ofMillis(300));
        assertThat(e.throughput()).isZero();
        assertThat(e.estimateNanos(1)).isEqualTo(Long.MAX_VALUE);
        assertThat(e.converged(1)).isFalse();
        assertThat(e.converged(0)).isTrue();
    }

    @Test
    void theThroughputIsThatOfAllPassesTogether() {
        ConvergenceEstimator e = new ConvergenceEstimator(Duration.ofMillis(10));
        e.passSent(8_000_000, 1_000_000_000L);   // 8 MB in 1 s
        assertThat(e.throughput()).isEqualTo(8e6);
        e.passSent(1_000, 1_000_000_000L);       // a short pass that waited on fixed costs
        assertThat(e.throughput()).isEqualTo(8_001_000 / 2.0); // not the average of 8e6 and 1e3
        assertThat(e.estimateNanos(4_000_500)).isEqualTo(1_000_000_000L);
    }

    @Test
    void itSwitchesOverWhenTheRestTakesNoLongerThanTheLimit() {
        ConvergenceEstimator e = new ConvergenceEstimator(Duration.ofMillis(5));
        e.passSent(32_000_000, 1_000_000_000L);  // 32 MB/s: 5 ms is 160000 octets
        assertThat(e.estimateNanos(160_000)).isEqualTo(5_000_000L);
        assertThat(e.converged(160_000)).isTrue();
        assertThat(e.converged(160_032)).as("1 µs over the limit").isFalse();
        assertThat(e.converged(0)).isTrue();
    }

    @Test
    void aPassTooShortToMeasureCountsAsOneNanosecond() {
        ConvergenceEstimator e = new ConvergenceEstimator(Duration.ZERO);
        e.passSent(100, 0);
        assertThat(e.throughput()).isEqualTo(100e9);
        assertThat(e.estimateNanos(1_000)).isEqualTo(10);
        assertThat(e.converged(1_000)).isFalse();
        assertThat(e.converged(0)).isTrue();
    }
}
