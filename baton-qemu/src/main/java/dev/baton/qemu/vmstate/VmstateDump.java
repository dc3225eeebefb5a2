package dev.baton.qemu.vmstate;

import dev.baton.core.compat.Schema;
import dev.baton.core.json.JsonFields;
import dev.baton.core.json.JsonParser;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * QEMU's {@code -dump-vmstate} JSON (every device's VMStateDescription: {@code version_id},
 * {@code minimum_version_id}, Fields with {@code field}/{@code version_id}/{@code field_exists}/
 * {@code size} and nested {@code Description}s, Subsections), read as a {@link Schema} so that
 * {@code baton check} compares two QEMU releases with the same checker it uses for Baton's own
 * descriptions.
 *
 * <p>QEMU writes a nested struct's fields in place, with no framing, so the schema says its
 * structs are inline: fields moved into or out of a struct change nothing on the wire and are
 * not reported. Field types are not in the dump, only sizes: a field is its size in octets, and
 * {@code unused} padding balances fields of the same total size. A field with
 * {@code field_exists} is conditional (QEMU's {@code _TEST}).
 */
public final class VmstateDump {
    /** The key QEMU uses for the machine type the dump was made with. */
    public static final String MACHINE = "vmschkmachine";

    private final Schema schema;
    private final String machine;

    private VmstateDump(Schema schema, String machine) {
        this.schema = schema;
        this.machine = machine;
    }

    public Schema schema() {
        return schema;
    }

    /** The machine type the dump was made with, or null. */
    public String machine() {
        return machine;
    }

    /**
     * Whether a parsed JSON document is a QEMU vmstate dump rather than a Baton description
     * document: an object of objects (sections, and the machine type), without Baton's
     * {@code descriptions}.
     */
    public static boolean isDump(Object root) {
        if (!(root instanceof Map<?, ?> m) || m.containsKey("descriptions")) {
            return false;
        }
        return !m.isEmpty() && m.values().stream().allMatch(v -> v instanceof Map<?, ?>);
    }

    /**
     * Reads a dump.
     *
     * @throws IllegalArgumentException when the JSON is not a vmstate dump, saying where
     */
    public static VmstateDump parse(String json) throws JsonParser.JsonException {
        Map<String, Object> root = JsonFields.object(JsonParser.parse(json), "the vmstate dump");
        Map<String, Schema.Description> sections = new LinkedHashMap<>();
        Map<String, Schema.Description> all = new LinkedHashMap<>();
        String machine = null;
        for (Map.Entry<String, Object> e : root.entrySet()) {
            Map<String, Object> entry = JsonFields.object(e.getValue(), "section " + e.getKey());
            try {
                if (e.getKey().equals(MACHINE)) {
                    machine = JsonFields.optionalString(entry, "Name");
                    continue;
                }
                sections.put(e.getKey(), section(e.getKey(), entry, all));
            } catch (IllegalArgumentException problem) {
                throw new IllegalArgumentException("section " + e.getKey() + ": " + problem.getMessage(), problem);
            }
        }
        return new VmstateDump(Schema.of(sections, all, true), machine);
    }

    /**
     * A section's description; without one (a dump may lack it, and vmstate-static-checker.py
     * then compares only the section's versions) a description of the section's own name and
     * versions, with no fields, that says it lacks its Description.
     */
    private static Schema.Description section(String key, Map<String, Object> entry,
            Map<String, Schema.Description> all) {
        Object d = entry.get("Description");
        if (d != null) {
            return description(JsonFields.object(d, "its \"Description\""), all, 0);
        }
        String name = JsonFields.optionalString(entry, "Name");
        return new Schema.Description(name != null ? name : key, JsonFields.count(entry, "version_id", 0),
                JsonFields.count(entry, "minimum_version_id", 0), null, List.of(), List.of(),
                EnumSet.allOf(Schema.Entry.class));
    }

    private static Schema.Description description(Map<String, Object> m, Map<String, Schema.Description> all, int depth) {
        if (depth > JsonParser.MAX_DEPTH) {
            throw new IllegalArgumentException("descriptions nest deeper than " + JsonParser.MAX_DEPTH);
        }
        String name = JsonFields.string(m, "name");
        List<Schema.Field> fields = new ArrayList<>();
        for (Object o : JsonFields.list(m, "Fields")) {
            Map<String, Object> f = JsonFields.object(o, "a field of " + name);
            String field = JsonFields.string(f, "field");
            int since = JsonFields.count(f, "version_id", 0);
            boolean conditional = Boolean.TRUE.equals(f.get("field_exists"));
            Long size = JsonFields.optionalLong(f, "size");
            String nested = null;
            String kind;
            if (f.get("Description") != null) {
                Schema.Description d = description(JsonFields.object(f.get("Description"), "field " + field), all,
                        depth + 1);
                nested = d.name();
                kind = "struct";
            } else {
                kind = field.startsWith("unused") ? "unused" : "bytes";
            }
            fields.add(new Schema.Field(field, kind, since, conditional ? "field_exists" : null,
                    "struct".equals(kind) ? null : size, null, null, null, nested, null, null));
        }
        List<Schema.Description> subsections = new ArrayList<>();
        for (Object o : JsonFields.list(m, "Subsections")) {
            subsections.add(description(JsonFields.object(o, "a subsection of " + name), all, depth + 1));
        }
        Set<Schema.Entry> missing = EnumSet.noneOf(Schema.Entry.class);
        for (Schema.Entry e : List.of(Schema.Entry.FIELDS, Schema.Entry.SUBSECTIONS)) {
            if (!m.containsKey(e.key())) {
                missing.add(e); // QEMU writes neither when there are none
            }
        }
        Schema.Description d = new Schema.Description(name, JsonFields.count(m, "version_id", 0),
                JsonFields.count(m, "minimum_version_id", 0), null, fields, subsections, missing);
        all.putIfAbsent(name, d);
        return d;
    }
}
