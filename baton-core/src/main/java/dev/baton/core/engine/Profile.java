package dev.baton.core.engine;

import java.util.Map;

/**
 * What writing for one release means: its name (recorded in the stream's header), the
 * properties it pins and the description versions it reads up to, chained as
 * {@link ReleaseProfiles#profile} explains.
 *
 * @param name       the release's name
 * @param properties pinned properties, read by {@code needed} and {@code when} predicates
 * @param versions   description name to the version to write it at
 */
public record Profile(String name, Map<String, String> properties, Map<String, Integer> versions) {

    public Profile {
        properties = Map.copyOf(properties);
        versions = Map.copyOf(versions);
    }
}
