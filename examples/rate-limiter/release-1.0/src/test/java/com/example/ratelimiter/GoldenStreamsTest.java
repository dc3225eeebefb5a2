package com.example.ratelimiter;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.core.wire.WriterOptions;
import dev.baton.testkit.GoldenStreams;
import java.nio.file.Path;
import java.time.Instant;
import java.time.InstantSource;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * The streams release 1.0 recorded when it was cut load in its build. Release 2.0 keeps them
 * (release-2.0/src/test/resources/golden/1.0) and loads them too.
 */
class GoldenStreamsTest {
    private static final GoldenStreams KIT = GoldenStreams.in(Path.of("src/test/resources/golden"))
            .releases(LimiterDescriptions.RELEASES);
    private static final InstantSource CLOCK = InstantSource.fixed(Instant.parse("2026-01-01T00:00:00Z"));

    /** The state the sample streams hold: alice made two requests, bob seven (two refused). */
    static RateLimiter sample() {
        RateLimiterApplication app = new RateLimiterApplication(new RateLimiter(5, 60, CLOCK));
        app.launch();
        return app.limiter();
    }

    @TestFactory
    Stream<DynamicTest> theReleasesStreamsLoad() {
        return KIT.forward(() -> new RateLimiter(0, 0, CLOCK).registry(), (file, registry) -> {
            Limiter limiter = (Limiter) registry.find("limiter", 0).object();
            assertThat(limiter.capacity).isEqualTo(5);
            assertThat(limiter.buckets.get("alice").tokens()).isEqualTo(3.0);
            assertThat(limiter.buckets.get("bob").tokens()).isEqualTo(0.0);
        });
    }

    /** Records the release's streams; run once, when the release is cut, with -Dbaton.golden.record=true. */
    @Test
    void recordTheReleasesStreams() throws Exception {
        Assumptions.assumeTrue(Boolean.getBoolean("baton.golden.record"),
                "records golden streams only with -Dbaton.golden.record=true");
        KIT.record("1.0", "limiter", sample().registry(),
                WriterOptions.defaults().withCreated(CLOCK.instant()).withProducer(RateLimiter.NAME, "1.0"));
    }
}
