package com.example.ratelimiter;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RateLimiterTest {
    private static final Instant START = Instant.parse("2026-01-01T00:00:00Z");

    @TempDir
    Path dir;

    /** A clock the test moves. */
    private static final class Clock implements InstantSource {
        Instant now = START;

        @Override
        public Instant instant() {
            return now;
        }
    }

    @Test
    void aClientMayAskCapacityTimesAtOnceThenAsTheBucketRefills() throws Exception {
        Clock clock = new Clock();
        RateLimiter limiter = new RateLimiter(2, 60, clock);
        assertThat(limiter.tryAcquire("alice")).isTrue();
        assertThat(limiter.tryAcquire("alice")).isTrue();
        assertThat(limiter.tryAcquire("alice")).isFalse();
        clock.now = START.plusSeconds(1); // 60 a minute: one back
        assertThat(limiter.tryAcquire("alice")).isTrue();
        assertThat(limiter.tryAcquire("bob")).isTrue();
    }

    @Test
    void threeRefusalsInARowBlockAClientForAMinute() throws Exception {
        Clock clock = new Clock();
        RateLimiter limiter = new RateLimiter(1, 60, clock);
        assertThat(limiter.tryAcquire("bob")).isTrue();
        for (int i = 0; i < RateLimiter.STRIKES_TO_BLOCK; i++) {
            assertThat(limiter.tryAcquire("bob")).isFalse();
        }
        assertThat(limiter.summary()).isEqualTo("1 clients (bob 0.0 tokens (blocked)), 3 refused");
        clock.now = START.plusSeconds(30); // tokens again, but blocked
        assertThat(limiter.tryAcquire("bob")).isFalse();
        clock.now = START.plus(Duration.ofMillis(RateLimiter.BLOCK_MILLIS));
        assertThat(limiter.tryAcquire("bob")).isTrue();
        assertThat(limiter.summary()).isEqualTo("1 clients (bob 0.0 tokens), 4 refused");
    }

    @Test
    void aSavedLimiterRestoresAsItWas() throws Exception {
        RateLimiter limiter = GoldenStreamsTest.sample();
        Path file = dir.resolve("limiter.baton");
        limiter.save(file, "2.0");
        assertThat(RateLimiter.restore(file, InstantSource.fixed(START)).summary())
                .isEqualTo(limiter.summary())
                .isEqualTo("2 clients (alice 3.0 tokens, bob 0.0 tokens (2 strikes)), 2 refused");
    }

    @Test
    void savedFor1Point0TheStateLeavesOutWhat1Point0DoesNotKnow() throws Exception {
        Path file = dir.resolve("limiter-for-1.0.baton");
        GoldenStreamsTest.sample().save(file, "1.0");
        assertThat(RateLimiter.restore(file, InstantSource.fixed(START)).summary())
                .isEqualTo("2 clients (alice 3.0 tokens, bob 0.0 tokens), 0 refused");
    }

    @Test
    void restoringAStreamOf1Point0Point1MendsItsVersion() throws Exception {
        Path file = Path.of("src/test/resources/golden/1.0/limiter-1.0.1.baton");
        assertThat(RateLimiter.restore(file, InstantSource.fixed(START)).summary())
                .isEqualTo("2 clients (alice 3.0 tokens, bob 0.0 tokens), 0 refused");
    }
}
