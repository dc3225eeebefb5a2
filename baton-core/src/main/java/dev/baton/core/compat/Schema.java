package dev.baton.core.compat;

import dev.baton.core.json.JsonParser;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A description document (what {@code baton schema} prints, docs/FORMAT.md section 12) read
 * for comparison: every description as a plain model, the release profiles when the document
 * has them, and which descriptions are sections (those no other description nests).
 */
public final class Schema {
    /** A description as its JSON says. */
    public record Description(String name, int version, int minimumVersion, String gate, List<Field> fields,
            List<Description> subsections) {
        /** The fields on the wire at {@code v} ({@code when} fields included: they may be). */
        List<Field> at(int v) {
            return fields.stream().filter(f -> f.since() <= v).toList();
        }

        Description subsection(String subName) {
            for (Description d : subsections) {
                if (d.name().equals(subName)) {
                    return d;
                }
            }
            return null;
        }
    }

    /** A field as its JSON says; absent keys are null (or 0 for {@code since}). */
    public record Field(String name, String kind, int since, String when, Long size, Long count, String countField,
            String element, String description, String key, String equalValue) {
    }

    /** A release profile as the document lists it (already chained). */
    public record ProfileModel(Map<String, String> properties, Map<String, Integer> versions) {
    }

    private final Map<String, Description> descriptions;
    private final Map<String, ProfileModel> profiles;
    private final Set<String> sections;

    private Schema(Map<String, Description> descriptions, Map<String, ProfileModel> profiles) {
        this.descriptions = descriptions;
        this.profiles = profiles;
        Set<String> nested = new HashSet<>();
        for (Description d : descriptions.values()) {
            collectNested(d, nested);
        }
        Set<String> roots = new java.util.LinkedHashSet<>(descriptions.keySet());
        roots.removeAll(nested);
        this.sections = roots;
    }

    private static void collectNested(Description d, Set<String> into) {
        for (Field f : d.fields()) {
            if (f.description() != null) {
                into.add(f.description());
            }
        }
        for (Description s : d.subsections()) {
            collectNested(s, into);
        }
    }

    public Map<String, Description> descriptions() {
        return descriptions;
    }

    public Map<String, ProfileModel> profiles() {
        return profiles;
    }

    /** Names of the descriptions no other one nests: the sections. */
    public Set<String> sections() {
        return sections;
    }

    /**
     * Reads a description document.
     *
     * @throws IllegalArgumentException when it is not one, saying what is wrong
     */
    @SuppressWarnings("unchecked")
    public static Schema parse(String json) throws JsonParser.JsonException {
        Object root = JsonParser.parse(json);
        if (!(root instanceof Map<?, ?> doc) || !(doc.get("descriptions") instanceof Map<?, ?> ds)) {
            throw new IllegalArgumentException("not a description document: no \"descriptions\" object");
        }
        Map<String, Description> descriptions = new LinkedHashMap<>();
        for (Map.Entry<?, ?> e : ds.entrySet()) {
            descriptions.put((String) e.getKey(), description((Map<String, Object>) e.getValue()));
        }
        Map<String, ProfileModel> profiles = new LinkedHashMap<>();
        if (doc.get("profiles") instanceof Map<?, ?> ps) {
            for (Map.Entry<?, ?> e : ps.entrySet()) {
                Map<String, Object> p = (Map<String, Object>) e.getValue();
                Map<String, String> props = new LinkedHashMap<>();
                Map<String, Integer> versions = new LinkedHashMap<>();
                if (p.get("properties") instanceof Map<?, ?> m) {
                    m.forEach((k, v) -> props.put((String) k, String.valueOf(v)));
                }
                if (p.get("versions") instanceof Map<?, ?> m) {
                    m.forEach((k, v) -> versions.put((String) k, ((Number) v).intValue()));
                }
                profiles.put((String) e.getKey(), new ProfileModel(props, versions));
            }
        }
        return new Schema(descriptions, profiles);
    }

    @SuppressWarnings("unchecked")
    private static Description description(Map<String, Object> m) {
        List<Field> fields = new ArrayList<>();
        if (m.get("fields") instanceof List<?> fs) {
            for (Object o : fs) {
                Map<String, Object> f = (Map<String, Object>) o;
                fields.add(new Field(str(f, "name"), str(f, "kind"), (int) num(f, "since", 0), str(f, "when"),
                        optNum(f, "size"), optNum(f, "count"), str(f, "countField"), str(f, "element"),
                        str(f, "description"), str(f, "key"), str(f, "equalValue")));
            }
        }
        List<Description> subs = new ArrayList<>();
        if (m.get("subsections") instanceof List<?> ss) {
            for (Object o : ss) {
                subs.add(description((Map<String, Object>) o));
            }
        }
        String name = str(m, "name");
        if (name == null) {
            throw new IllegalArgumentException("a description has no \"name\"");
        }
        return new Description(name, (int) num(m, "version", 1), (int) num(m, "minimumVersion", 0), str(m, "gate"),
                fields, subs);
    }

    private static String str(Map<String, Object> m, String key) {
        Object v = m.get(key);
        return v == null ? null : String.valueOf(v);
    }

    private static long num(Map<String, Object> m, String key, long absent) {
        Object v = m.get(key);
        return v instanceof Number n ? n.longValue() : absent;
    }

    private static Long optNum(Map<String, Object> m, String key) {
        Object v = m.get(key);
        return v instanceof Number n ? n.longValue() : null;
    }
}
