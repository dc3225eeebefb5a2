package com.example.ratelimiter;

import dev.baton.core.describe.Derivation;
import dev.baton.core.describe.StateDescription;
import dev.baton.core.describe.annotation.Description;
import dev.baton.core.describe.annotation.Unsigned;
import dev.baton.core.describe.annotation.Width;
import dev.baton.core.engine.SectionRegistry;
import java.lang.invoke.MethodHandles;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Release 1.0's state, frozen as it shipped (release-1.0/src/main/java): what the rollback test
 * loads with. Only the descriptions' names, versions and fields matter, not the classes' names.
 */
final class Release1 {
    private Release1() {
    }

    @Description(name = "limiter")
    static class Limiter {
        @Unsigned @Width(32) long capacity;
        @Unsigned @Width(32) long refillPerMinute;
        Map<String, Bucket> buckets = new LinkedHashMap<>();
    }

    @Description(name = "limiter.bucket")
    record Bucket(double tokens, long updatedAtMillis) {
    }

    /**
     * What release 1.0.1 shipped: 1.0's fields, but declared as version 2, which 2.0 was to take
     * (the mistake {@link LimiterDescriptions#QUIRKS} mends).
     */
    @Description(name = "limiter", version = 2)
    static final class LimiterAsShippedIn101 extends Limiter {
    }

    static SectionRegistry registry(Limiter limiter) {
        StateDescription<Limiter> description = Derivation.with(MethodHandles.lookup()).derive(Limiter.class);
        return new SectionRegistry().register("limiter", 0, description, limiter);
    }

    static SectionRegistry registryOf101(LimiterAsShippedIn101 limiter) {
        StateDescription<LimiterAsShippedIn101> description = Derivation.with(MethodHandles.lookup())
                .derive(LimiterAsShippedIn101.class);
        return new SectionRegistry().register("limiter", 0, description, limiter);
    }
}
