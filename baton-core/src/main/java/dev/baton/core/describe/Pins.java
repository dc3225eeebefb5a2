package dev.baton.core.describe;

import java.util.HashMap;
import java.util.Map;

/**
 * What a release profile pins (docs/COMPATIBILITY.md): the properties that {@code needed} and
 * {@code when} predicates read ({@code disk.cache=off}), and the older versions that descriptions
 * are written at for a release that reads only up to them ({@code disk=1}). The one home of that
 * pair: a {@code Profile} names it, a {@link DescriptionContext} answers predicates from it, a
 * DESCRIPTION record describes the descriptions at its versions.
 *
 * @param properties pinned properties, by name
 * @param versions   description name to the version to write it at; descriptions not named are
 *                   written at their own version
 */
public record Pins(Map<String, String> properties, Map<String, Integer> versions) {
    /** No pins: every property unset, every description at its own version. */
    public static final Pins NONE = new Pins(Map.of(), Map.of());

    public Pins {
        properties = Map.copyOf(properties);
        versions = Map.copyOf(versions);
    }

    /** The same pins with {@code property} set to {@code value}. */
    public Pins withProperty(String property, String value) {
        Map<String, String> p = new HashMap<>(properties);
        p.put(property, value);
        return new Pins(p, versions);
    }

    /** The same pins with description {@code name} written at {@code version}. */
    public Pins withVersion(String name, int version) {
        Map<String, Integer> v = new HashMap<>(versions);
        v.put(name, version);
        return new Pins(properties, v);
    }

    /** These pins with {@code over}'s on top: where both pin the same name, {@code over} wins. */
    public Pins under(Pins over) {
        Map<String, String> p = new HashMap<>(properties);
        p.putAll(over.properties);
        Map<String, Integer> v = new HashMap<>(versions);
        v.putAll(over.versions);
        return new Pins(p, v);
    }

    /**
     * The version {@code d} is written at: its pinned version, or its own.
     *
     * @throws IllegalArgumentException when the pin lies outside the description's window
     */
    public int writeVersion(StateDescription<?> d) {
        Integer pinned = versions.isEmpty() ? null : versions.get(d.name());
        if (pinned == null) {
            return d.version();
        }
        if (pinned < d.minimumVersion() || pinned > d.version()) {
            throw new IllegalArgumentException("'" + d.name() + "' cannot be written at version " + pinned
                    + ": this build writes versions " + d.minimumVersion() + " to " + d.version());
        }
        return pinned;
    }
}
