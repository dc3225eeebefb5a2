package dev.baton.core.engine;

import dev.baton.core.describe.Pins;
import java.util.Objects;

/**
 * What writing for one release means: its name (recorded in the stream's header) and what it
 * pins, chained as {@link ReleaseProfiles#profile} explains.
 *
 * @param name the release's name
 * @param pins the properties {@code needed} and {@code when} predicates read, and the versions
 *             descriptions are written at
 */
public record Profile(String name, Pins pins) {

    public Profile {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(pins, "pins");
    }
}
