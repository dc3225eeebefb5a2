package com.example.ratelimiter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.baton.core.engine.SectionRegistry;
import dev.baton.core.wire.WriterOptions;
import dev.baton.testkit.GoldenStreams;
import java.nio.file.Path;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Every release's streams load in this build (live update, restart), with 1.0.1's quirk mended;
 * what this build saves for 1.0 loads with 1.0's descriptions (rollback).
 */
class GoldenStreamsTest {
    private static final Path GOLDEN = Path.of("src/test/resources/golden");
    private static final GoldenStreams KIT = GoldenStreams.in(GOLDEN).releases(LimiterDescriptions.RELEASES)
            .quirks(LimiterDescriptions.QUIRKS);
    private static final InstantSource CLOCK = InstantSource.fixed(Instant.parse("2026-01-01T00:00:00Z"));

    /** The state every release's sample streams hold: alice made two requests, bob seven (two refused). */
    static RateLimiter sample() {
        RateLimiterApplication app = new RateLimiterApplication(new RateLimiter(5, 60, CLOCK));
        app.launch();
        return app.limiter();
    }

    private static Limiter limiterIn(SectionRegistry registry) {
        return (Limiter) registry.find("limiter", 0).object();
    }

    @TestFactory
    Stream<DynamicTest> everyReleasesStreamsLoad() {
        return KIT.forward(() -> new RateLimiter(0, 0, CLOCK).registry(), (file, registry) -> {
            Limiter limiter = limiterIn(registry);
            assertThat(limiter.capacity).isEqualTo(5);
            assertThat(limiter.buckets).containsOnlyKeys("alice", "bob");
            assertThat(limiter.buckets.get("alice").tokens()).isEqualTo(3.0);
            assertThat(limiter.buckets.get("bob").tokens()).isEqualTo(0.0);
            boolean from2 = file.startsWith(GOLDEN.resolve("2.0"));
            // release 1.0 knew no penalties and counted no refusals
            assertThat(limiter.buckets.get("bob").penalty()).isEqualTo(from2 ? new Penalty(2, 0) : Penalty.NONE);
            assertThat(limiter.refused).isEqualTo(from2 ? 2 : 0);
        });
    }

    @TestFactory
    Stream<DynamicTest> whatThisBuildSavesFor1Point0LoadsThere() {
        return KIT.backward(() -> sample().registry(), Map.of("1.0", () -> Release1.registry(new Release1.Limiter())),
                (release, registry) -> {
                    Release1.Limiter limiter = (Release1.Limiter) registry.find("limiter", 0).object();
                    assertThat(limiter.buckets).containsOnlyKeys("alice", "bob");
                    assertThat(limiter.buckets.get("alice").tokens()).isEqualTo(3.0);
                });
    }

    @Test
    void without1Point0Point1sQuirkItsStreamDoesNotLoad() {
        DynamicTest load101 = GoldenStreams.in(GOLDEN).releases(LimiterDescriptions.RELEASES)
                .forward(() -> new RateLimiter(0, 0, CLOCK).registry(), (file, registry) -> { })
                .filter(t -> t.getDisplayName().contains("limiter-1.0.1")).findFirst().orElseThrow();
        assertThatThrownBy(() -> load101.getExecutable().execute()).hasMessageContaining("section limiter/0, field refused: section data ends");
    }

    /** Records this release's streams; run once, when the release is cut, with -Dbaton.golden.record=true. */
    @Test
    void recordTheReleasesStreams() throws Exception {
        Assumptions.assumeTrue(Boolean.getBoolean("baton.golden.record"),
                "records golden streams only with -Dbaton.golden.record=true");
        WriterOptions options = WriterOptions.defaults().withCreated(CLOCK.instant());
        KIT.record("2.0", "limiter", sample().registry(), options.withProducer(RateLimiter.NAME, "2.0"));
        // 1.0.1's stream, which its own build recorded once; kept here as it wrote it
        Release1.LimiterAsShippedIn101 as101 = new Release1.LimiterAsShippedIn101();
        as101.capacity = 5;
        as101.refillPerMinute = 60;
        as101.buckets.put("alice", new Release1.Bucket(3, CLOCK.millis()));
        as101.buckets.put("bob", new Release1.Bucket(0, CLOCK.millis()));
        KIT.record("1.0", "limiter-1.0.1", Release1.registryOf101(as101), options.withProducer(RateLimiter.NAME, "1.0.1"));
    }
}
