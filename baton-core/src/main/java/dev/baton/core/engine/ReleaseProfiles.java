package dev.baton.core.engine;

import dev.baton.core.describe.Pins;
import dev.baton.core.json.JsonWriter;
import java.util.ArrayList;
import java.util.List;

/**
 * An application's releases, oldest first, and what each one pins so that this build writes
 * streams that release reads (QEMU's machine types and their {@code hw_compat_*} tables).
 *
 * <p>A release pins <em>properties</em> that {@code needed} and {@code when} predicates read
 * ({@code disk.cache=off}), and <em>versions</em> of descriptions it reads only up to
 * ({@code disk=1}). What a release pins describes what changed after it; so the profile for
 * release R applies the pins of R and of every later release, R's own winning where they overlap.
 */
public final class ReleaseProfiles {
    /** Each release with its own pins, unchained, oldest first. */
    private final List<Profile> releases;

    private ReleaseProfiles(List<Profile> releases) {
        this.releases = List.copyOf(releases);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Builds the list of releases, oldest first. */
    public static final class Builder {
        private final List<Profile> releases = new ArrayList<>();

        /** Adds the next release; the pins that follow belong to it. */
        public Builder release(String name) {
            if (name == null || name.isEmpty()) {
                throw new IllegalArgumentException("a release needs a name");
            }
            for (Profile r : releases) {
                if (r.name().equals(name)) {
                    throw new IllegalArgumentException("release '" + name + "' is listed twice");
                }
            }
            releases.add(new Profile(name, Pins.NONE));
            return this;
        }

        /** The release added last sets {@code property} to {@code value} (e.g. {@code off}). */
        public Builder pin(String property, String value) {
            Profile last = last();
            releases.set(releases.size() - 1, new Profile(last.name(), last.pins().withProperty(property, value)));
            return this;
        }

        /** The release added last reads description {@code name} only up to {@code version}. */
        public Builder pinVersion(String description, int version) {
            Profile last = last();
            releases.set(releases.size() - 1, new Profile(last.name(), last.pins().withVersion(description, version)));
            return this;
        }

        public ReleaseProfiles build() {
            if (releases.isEmpty()) {
                throw new IllegalStateException("no releases");
            }
            return new ReleaseProfiles(releases);
        }

        private Profile last() {
            if (releases.isEmpty()) {
                throw new IllegalStateException("add a release before pinning");
            }
            return releases.getLast();
        }
    }

    /** The releases' names, oldest first. */
    public List<String> names() {
        return releases.stream().map(Profile::name).toList();
    }

    /** Whether {@code name} is one of the releases. */
    public boolean knows(String name) {
        return indexOf(name) >= 0;
    }

    /** The newest release's profile: what this build writes by default. */
    public Profile current() {
        return profile(releases.getLast().name());
    }

    /**
     * The profile for writing streams that release {@code name} reads.
     *
     * @throws IllegalArgumentException naming the known releases when there is no such release
     */
    public Profile profile(String name) {
        int at = indexOf(name);
        if (at < 0) {
            throw new IllegalArgumentException("unknown release profile '" + name + "': this build knows " + names());
        }
        Pins pins = Pins.NONE;
        for (int i = releases.size() - 1; i >= at; i--) { // later releases first, so R's own pins win
            pins = pins.under(releases.get(i).pins());
        }
        return new Profile(name, pins);
    }

    /** {@code {"1.0": {"properties": {...}, "versions": {...}}, ...}}, each already chained. */
    public void describe(JsonWriter json) {
        json.beginObject();
        for (Profile r : releases) {
            Pins p = profile(r.name()).pins();
            json.name(r.name()).beginObject().name("properties").beginObject();
            p.properties().forEach(json::field);
            json.endObject().name("versions").beginObject();
            p.versions().forEach((k, v) -> json.field(k, v));
            json.endObject().endObject();
        }
        json.endObject();
    }

    private int indexOf(String name) {
        for (int i = 0; i < releases.size(); i++) {
            if (releases.get(i).name().equals(name)) {
                return i;
            }
        }
        return -1;
    }
}
