package com.example.ratelimiter;

import dev.baton.core.describe.Derivation;
import dev.baton.core.describe.StateDescription;
import dev.baton.core.engine.DescriptionProvider;
import dev.baton.core.engine.ReleaseProfiles;
import java.lang.invoke.MethodHandles;
import java.util.Collection;
import java.util.List;

/**
 * How the limiter's state travels: its description, derived from {@link Limiter} and the records
 * it holds, and its releases. {@code baton schema} prints them from the jar, which lists this
 * class in {@code META-INF/services/dev.baton.core.engine.DescriptionProvider}.
 */
public final class LimiterDescriptions implements DescriptionProvider {
    /** The releases: this one, the first. */
    public static final ReleaseProfiles RELEASES = ReleaseProfiles.builder().release("1.0").build();

    /** The limiter's section. */
    public static final StateDescription<Limiter> LIMITER = Derivation.with(MethodHandles.lookup()).derive(Limiter.class);

    @Override
    public Collection<StateDescription<?>> descriptions() {
        return List.of(LIMITER);
    }

    @Override
    public ReleaseProfiles profiles() {
        return RELEASES;
    }
}
