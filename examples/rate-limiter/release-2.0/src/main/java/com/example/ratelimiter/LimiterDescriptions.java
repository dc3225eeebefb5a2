package com.example.ratelimiter;

import dev.baton.core.describe.Derivation;
import dev.baton.core.describe.StateDescription;
import dev.baton.core.engine.DescriptionProvider;
import dev.baton.core.engine.Quirk;
import dev.baton.core.engine.Quirks;
import dev.baton.core.engine.ReleaseProfiles;
import java.lang.invoke.MethodHandles;
import java.util.Collection;
import java.util.List;

/**
 * How the limiter's state travels: its description, derived from {@link Limiter} and the records
 * it holds; its releases, and what each one reads; and the quirks of releases that wrote it
 * wrong. {@code baton schema} prints them from the jar, which lists this class in
 * {@code META-INF/services/dev.baton.core.engine.DescriptionProvider}.
 */
public final class LimiterDescriptions implements DescriptionProvider {
    /**
     * The releases, oldest first, with what changed after each: release 1.0 knows no penalties
     * and reads the {@code limiter} section at version 1 only.
     */
    public static final ReleaseProfiles RELEASES = ReleaseProfiles.builder()
            .release("1.0").pin("limiter.penalties", "off").pinVersion("limiter", 1)
            .release("2.0")
            .build();

    /** The limiter's section. */
    public static final StateDescription<Limiter> LIMITER = Derivation.with(MethodHandles.lookup()).derive(Limiter.class);

    /**
     * Release 1.0.1 declared the {@code limiter} section as version 2 while it wrote 1.0's fields
     * (its {@code @Description} had been bumped ahead of 2.0's new field): read its streams as
     * version 1. Nothing to fix up after: {@code refused} stays 0, as for any stream of 1.0.
     */
    public static final Quirks QUIRKS = Quirks.none().add(new Quirk("rate-limiter", "1.0.1", "1.0.1", "limiter",
            2, 1, "1.0.1 declared version 2 for the fields of version 1", null));

    @Override
    public Collection<StateDescription<?>> descriptions() {
        return List.of(LIMITER);
    }

    @Override
    public ReleaseProfiles profiles() {
        return RELEASES;
    }
}
