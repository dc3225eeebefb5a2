package dev.baton.core.compat;

import dev.baton.core.describe.Pins;
import dev.baton.core.json.JsonFields;
import dev.baton.core.json.JsonParser;
import java.util.ArrayList;
import java.util.Collections;
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
    /**
     * An entry a document may lack where a description should have it: QEMU's
     * {@code -dump-vmstate} leaves out {@code Fields} and {@code Subsections} when there are none,
     * and a dump may lack a section's {@code Description}. QEMU's vmstate-static-checker.py reports
     * an entry the source has and the destination lacks; so does {@link CompatibilityChecker}.
     */
    public enum Entry {
        DESCRIPTION("Description"), FIELDS("Fields"), SUBSECTIONS("Subsections");

        private final String key;

        Entry(String key) {
            this.key = key;
        }

        /** The key as the document spells it. */
        public String key() {
            return key;
        }
    }

    /**
     * A description as its JSON says.
     *
     * @param missing the entries the document lacks for it (only QEMU dumps lack any): a missing
     *                {@code Fields} or {@code Subsections} means none, a missing {@code Description}
     *                that only the section's versions are known
     */
    public record Description(String name, int version, int minimumVersion, String gate, List<Field> fields,
            List<Description> subsections, Set<Entry> missing) {

        public Description {
            missing = missing.isEmpty() ? Set.of() : Set.copyOf(missing);
        }

        /** A description that lacks no entry. */
        public Description(String name, int version, int minimumVersion, String gate, List<Field> fields,
                List<Description> subsections) {
            this(name, version, minimumVersion, gate, fields, subsections, Set.of());
        }

        /** Whether the document lacks {@code entry} for it. */
        public boolean lacks(Entry entry) {
            return missing.contains(entry);
        }

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

    /**
     * A field as its JSON says; absent keys are null (or 0 for {@code since}).
     *
     * @param values an enum's constants by name with their ids on the wire, in the document's
     *               order; null for other kinds
     */
    public record Field(String name, String kind, int since, String when, Long size, Long count, String countField,
            String element, String description, String key, String equalValue, Map<String, Long> values) {

        public Field {
            values = values == null ? null : Collections.unmodifiableMap(new LinkedHashMap<>(values));
        }

        /** A field that is not an enum. */
        public Field(String name, String kind, int since, String when, Long size, Long count, String countField,
                String element, String description, String key, String equalValue) {
            this(name, kind, since, when, size, count, countField, element, description, key, equalValue, null);
        }
    }

    private final Map<String, Description> descriptions;
    private final Map<String, Pins> profiles;
    private final Map<String, Description> sections;
    private final boolean inlineStructs;

    private Schema(Map<String, Description> descriptions, Map<String, Pins> profiles) {
        this.descriptions = descriptions;
        this.profiles = profiles;
        this.inlineStructs = false;
        Set<String> nested = new HashSet<>();
        for (Description d : descriptions.values()) {
            collectNested(d, nested);
        }
        this.sections = new LinkedHashMap<>();
        for (Map.Entry<String, Description> e : descriptions.entrySet()) {
            if (!nested.contains(e.getKey())) {
                sections.put(e.getKey(), e.getValue());
            }
        }
    }

    private Schema(Map<String, Description> sections, Map<String, Description> descriptions, boolean inlineStructs) {
        this.descriptions = descriptions;
        this.profiles = Map.of();
        this.sections = sections;
        this.inlineStructs = inlineStructs;
    }

    /**
     * A schema of another origin (QEMU's {@code -dump-vmstate}): its sections by name, every
     * description by name, and whether nested structs are inline on the wire (QEMU's are: a
     * struct's fields are written in place, so moving fields into a struct changes nothing).
     */
    public static Schema of(Map<String, Description> sections, Map<String, Description> descriptions,
            boolean inlineStructs) {
        return new Schema(new LinkedHashMap<>(sections), new LinkedHashMap<>(descriptions), inlineStructs);
    }

    /** Whether nested structs are written inline, with no framing of their own. */
    public boolean inlineStructs() {
        return inlineStructs;
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

    public Map<String, Pins> profiles() {
        return profiles;
    }

    /** The sections by name: for Baton's documents, the descriptions no other one nests. */
    public Map<String, Description> sections() {
        return sections;
    }

    /**
     * Reads a description document.
     *
     * @throws IllegalArgumentException when it is not one, saying what is wrong
     */
    public static Schema parse(String json) throws JsonParser.JsonException {
        Map<String, Object> doc = JsonFields.object(JsonParser.parse(json), "the document");
        Map<String, Object> ds = JsonFields.object(doc.get("descriptions"),
                "not a description document: \"descriptions\"");
        Map<String, Description> descriptions = new LinkedHashMap<>();
        for (Map.Entry<String, Object> e : ds.entrySet()) {
            descriptions.put(e.getKey(), description(JsonFields.object(e.getValue(), "description " + e.getKey()), 0));
        }
        Map<String, Pins> profiles = new LinkedHashMap<>();
        if (doc.get("profiles") != null) {
            for (Map.Entry<String, Object> e : JsonFields.object(doc.get("profiles"), "\"profiles\"").entrySet()) {
                Map<String, Object> p = JsonFields.object(e.getValue(), "profile " + e.getKey());
                Map<String, String> props = new LinkedHashMap<>();
                Map<String, Integer> versions = new LinkedHashMap<>();
                if (p.get("properties") != null) {
                    Map<String, Object> m = JsonFields.object(p.get("properties"), "\"properties\"");
                    for (String k : m.keySet()) {
                        props.put(k, JsonFields.string(m, k));
                    }
                }
                if (p.get("versions") != null) {
                    Map<String, Object> m = JsonFields.object(p.get("versions"), "\"versions\"");
                    for (String k : m.keySet()) {
                        versions.put(k, JsonFields.count(m, k, 0));
                    }
                }
                profiles.put(e.getKey(), new Pins(props, versions));
            }
        }
        return new Schema(descriptions, profiles);
    }

    /** An enum field's {@code "values"}, constant name to id, or null when the field has none. */
    private static Map<String, Long> values(Map<String, Object> f, String field) {
        if (f.get("values") == null) {
            return null;
        }
        Map<String, Object> m = JsonFields.object(f.get("values"), "\"values\" of field " + field);
        Map<String, Long> out = new LinkedHashMap<>();
        for (String constant : m.keySet()) {
            Long id = JsonFields.optionalLong(m, constant);
            if (id == null) {
                throw new IllegalArgumentException("\"values\" of field " + field + ": constant " + constant
                        + " has no id");
            }
            out.put(constant, id);
        }
        return out;
    }

    private static Description description(Map<String, Object> m, int depth) {
        if (depth > JsonParser.MAX_DEPTH) {
            throw new IllegalArgumentException("subsections nest deeper than " + JsonParser.MAX_DEPTH);
        }
        List<Field> fields = new ArrayList<>();
        for (Object o : JsonFields.list(m, "fields")) {
            Map<String, Object> f = JsonFields.object(o, "a field");
            Long since = JsonFields.optionalLong(f, "since");
            String name = JsonFields.string(f, "name");
            fields.add(new Field(name, JsonFields.string(f, "kind"),
                    since == null ? 0 : (int) Math.max(0, Math.min(since, Integer.MAX_VALUE)),
                    JsonFields.optionalString(f, "when"), JsonFields.optionalLong(f, "size"),
                    JsonFields.optionalLong(f, "count"), JsonFields.optionalString(f, "countField"),
                    JsonFields.optionalString(f, "element"), JsonFields.optionalString(f, "description"),
                    JsonFields.optionalString(f, "key"), JsonFields.optionalString(f, "equalValue"), values(f, name)));
        }
        List<Description> subs = new ArrayList<>();
        for (Object o : JsonFields.list(m, "subsections")) {
            subs.add(description(JsonFields.object(o, "a subsection"), depth + 1));
        }
        return new Description(JsonFields.string(m, "name"), JsonFields.count(m, "version", 1),
                JsonFields.count(m, "minimumVersion", 0), JsonFields.optionalString(m, "gate"), fields, subs);
    }
}
