package dev.baton.qemu.vmstate;

import dev.baton.core.compat.Schema;
import dev.baton.core.json.JsonFields;
import dev.baton.core.json.JsonParser;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

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

    /** Whether a parsed JSON document is a QEMU vmstate dump rather than a Baton description document. */
    public static boolean isDump(Object root) {
        if (!(root instanceof Map<?, ?> m) || m.containsKey("descriptions")) {
            return false;
        }
        if (m.containsKey(MACHINE)) {
            return true;
        }
        return !m.isEmpty() && m.values().stream().allMatch(v -> v instanceof Map<?, ?> e && e.containsKey("Description"));
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
            if (e.getKey().equals(MACHINE)) {
                machine = JsonFields.optionalString(entry, "Name");
                continue;
            }
            Object d = entry.get("Description");
            if (d == null) {
                throw new IllegalArgumentException("section " + e.getKey() + " has no \"Description\"");
            }
            sections.put(e.getKey(), description(JsonFields.object(d, "section " + e.getKey() + "'s Description"), all, 0));
        }
        return new VmstateDump(Schema.of(sections, all, true), machine);
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
        Schema.Description d = new Schema.Description(name, JsonFields.count(m, "version_id", 0),
                JsonFields.count(m, "minimum_version_id", 0), null, fields, subsections);
        all.putIfAbsent(name, d);
        return d;
    }
}
