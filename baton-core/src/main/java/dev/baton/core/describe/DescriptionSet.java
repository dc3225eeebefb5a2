package dev.baton.core.describe;

import dev.baton.core.json.JsonWriter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The descriptions an application provides, by name, with every description they nest. Its JSON
 * form, {@code {"descriptions": {name: {...}}}}, is what {@code baton schema} prints, what
 * {@code baton check} compares, and the core of the stream's DESCRIPTION record
 * (docs/FORMAT.md, "Description schema").
 */
public final class DescriptionSet {
    /** The descriptions given, by name; {@link #byName} adds those they nest. */
    private final Map<String, StateDescription<?>> given;
    private final Map<String, StateDescription<?>> byName;

    private DescriptionSet(Map<String, StateDescription<?>> given, Map<String, StateDescription<?>> byName) {
        this.given = given;
        this.byName = byName;
    }

    /**
     * The given descriptions and everything they nest; two different descriptions may not share a
     * name. Two objects with the same table (the same JSON: two derivations of one record, say)
     * are one description, described once.
     */
    public static DescriptionSet of(Collection<? extends StateDescription<?>> descriptions) {
        Map<String, StateDescription<?>> all = new LinkedHashMap<>();
        for (StateDescription<?> d : descriptions) {
            StateDescription<?> old = all.putIfAbsent(d.name(), d);
            if (old != null && !sameTable(old, d)) {
                throw new IllegalArgumentException("two different descriptions are named '" + d.name() + "'");
            }
        }
        Map<String, StateDescription<?>> given = new LinkedHashMap<>(all);
        // Collect nested ones by writing them once to a throwaway buffer.
        writeAll(new JsonWriter(new StringBuilder()), all, Pins.NONE);
        return new DescriptionSet(given, all);
    }

    /** Whether two descriptions of one name are one table: the same object, or the same JSON. */
    private static boolean sameTable(StateDescription<?> a, StateDescription<?> b) {
        return a == b || json(a).equals(json(b));
    }

    private static String json(StateDescription<?> d) {
        StringBuilder sb = new StringBuilder();
        d.describe(new JsonWriter(sb), new LinkedHashMap<>());
        return sb.toString();
    }

    public Map<String, StateDescription<?>> byName() {
        return java.util.Collections.unmodifiableMap(byName);
    }

    public StateDescription<?> get(String name) {
        return byName.get(name);
    }

    /** {@code {"format": "baton-descriptions/1", "descriptions": {...}}}. */
    public String toJson() {
        StringBuilder sb = new StringBuilder();
        JsonWriter json = new JsonWriter(sb).beginObject().field("format", "baton-descriptions/1");
        writeMember(json);
        json.endObject();
        return sb.toString();
    }

    /** Writes the {@code "descriptions": {name: {...}}} member into an object the caller is writing. */
    public void writeMember(JsonWriter json) {
        writeMember(json, Pins.NONE);
    }

    /**
     * Writes the {@code "descriptions"} member as a stream written under {@code pins} carries the
     * descriptions: each at the version it is written at, with that version's fields, and the
     * descriptions those fields nest ({@link StateDescription#describe(JsonWriter, Map, Pins)}).
     */
    public void writeMember(JsonWriter json, Pins pins) {
        json.name("descriptions").beginObject();
        writeAll(json, new LinkedHashMap<>(given), pins);
        json.endObject();
    }

    /** Writes {@code name: description} members for every description in {@code all} and those they nest (added to it). */
    static void writeAll(JsonWriter json, Map<String, StateDescription<?>> all, Pins pins) {
        List<StateDescription<?>> work = new ArrayList<>(all.values());
        for (int i = 0; i < work.size(); i++) {
            StateDescription<?> d = work.get(i);
            Map<String, StateDescription<?>> refs = new LinkedHashMap<>();
            json.name(d.name());
            d.describe(json, refs, pins);
            for (StateDescription<?> r : refs.values()) {
                StateDescription<?> old = all.putIfAbsent(r.name(), r);
                if (old == null) {
                    work.add(r);
                } else if (!sameTable(old, r)) {
                    throw new IllegalArgumentException("two different descriptions are named '" + r.name() + "'");
                }
            }
        }
    }
}
