package dev.baton.core.describe;

import dev.baton.core.json.JsonFields;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Rebuilds descriptions from their JSON form, over {@link GenericState}, so that tools decode
 * section data through the very same load path with no producer code (QEMU's
 * analyze-migration.py does the same with vmdesc), and save a {@link GenericState} back through
 * the same save path (baton convert, baton encode): a subsection is written when the state holds
 * it and the profile does not turn its gate off, and descriptions keep their priority, so
 * sections are saved in their release's order. Whether a field gated by a {@code when} predicate
 * is on the wire only the producer's code can tell; a {@link Presence} says what the rebuilt
 * description does instead.
 */
public final class GenericDescriptions {
    /**
     * Decides, for a description rebuilt from JSON, whether a field gated by a {@code when}
     * predicate is on the wire: the predicate itself is code, which the JSON names by its label only.
     */
    @FunctionalInterface
    public interface Presence {
        /**
         * Undecided: loading or saving such a field throws {@link UndecidableFieldException}; a
         * tool shows the fields before it (inspect, verify), and convert refuses the section.
         */
        Presence UNDECIDABLE = (state, field, label) -> {
            throw new UndecidableFieldException(field, label);
        };

        /** The field is on the wire when the state holds a value for it: for saving a state back. */
        Presence AS_HELD = (state, field, label) -> state.containsKey(field);

        /**
         * @param state the object being saved or loaded (on load, the fields before this one)
         * @param field the field's name
         * @param label its predicate's label
         */
        boolean present(GenericState state, String field, String label);
    }

    private final Map<String, Object> json;
    private final Presence presence;
    private final Map<String, StateDescription<GenericState>> built = new LinkedHashMap<>();
    private final Set<String> building = new HashSet<>();

    private GenericDescriptions(Map<String, Object> json, Presence presence) {
        this.json = json;
        this.presence = presence;
    }

    /**
     * The descriptions, by name, with {@code when} fields {@link Presence#UNDECIDABLE}.
     *
     * @param descriptions the {@code "descriptions"} object of a description document
     * @throws IllegalArgumentException when the JSON is not a valid description document
     */
    public static Map<String, StateDescription<GenericState>> fromJson(Map<String, Object> descriptions) {
        return fromJson(descriptions, Presence.UNDECIDABLE);
    }

    /**
     * The descriptions, by name, deciding {@code when} fields with {@code presence}. They save a
     * state as they load it: the values {@link GenericState} lists, a subsection when the state
     * holds its nested state.
     *
     * @param descriptions the {@code "descriptions"} object of a description document
     * @throws IllegalArgumentException when the JSON is not a valid description document
     */
    public static Map<String, StateDescription<GenericState>> fromJson(Map<String, Object> descriptions,
            Presence presence) {
        GenericDescriptions g = new GenericDescriptions(descriptions, presence);
        for (String name : descriptions.keySet()) {
            g.description(name);
        }
        return g.built;
    }

    private StateDescription<GenericState> description(String name) {
        StateDescription<GenericState> d = built.get(name);
        if (d != null) {
            return d;
        }
        if (!building.add(name)) {
            throw new IllegalArgumentException("description '" + name + "' contains itself");
        }
        if (building.size() > dev.baton.core.json.JsonParser.MAX_DEPTH) {
            throw new IllegalArgumentException("descriptions nest deeper than " + dev.baton.core.json.JsonParser.MAX_DEPTH);
        }
        Object node = json.get(name);
        if (!(node instanceof Map<?, ?> m)) {
            throw new IllegalArgumentException("no description named '" + name + "'");
        }
        d = build(asObject(m, name));
        built.put(name, d);
        building.remove(name);
        return d;
    }

    private StateDescription<GenericState> build(Map<String, Object> m) {
        String name = text(m, "name");
        DescriptionBuilder<GenericState> b = StateDescription.builder(name, GenericState::new)
                .version(integer(m, "version", 1)).minimumVersion(integer(m, "minimumVersion", 0))
                .priority(priority(m));
        for (Object f : list(m, "fields")) {
            field(b, asObject(f, name + " field"));
        }
        for (Object s : list(m, "subsections")) {
            Map<String, Object> sub = asObject(s, name + " subsection");
            StateDescription<GenericState> sd = build(sub);
            String subName = sd.name();
            String gate = JsonFields.optionalString(sub, "gate");
            // saved when the state holds it: loading puts it there when the stream has it
            if (gate == null) {
                b.subsection(sd, o -> o.child(subName), (o, ctx) -> o.get(subName) instanceof GenericState);
            } else {
                b.subsection(sd, o -> o.child(subName), null, gate,
                        (o, ctx) -> o.get(subName) instanceof GenericState);
            }
        }
        return b.build();
    }

    private void field(DescriptionBuilder<GenericState> b, Map<String, Object> f) {
        String n = text(f, "name");
        String kindName = text(f, "kind");
        FieldKind kind = FieldKind.ofJson(kindName);
        if (kind == null) {
            throw new IllegalArgumentException("field '" + n + "' has unknown kind '" + kindName + "'");
        }
        switch (kind) {
            case BOOL -> b.bool(n, o -> Boolean.TRUE.equals(o.get(n)), (o, v) -> o.put(n, v));
            case U8, S8, U16, S16, U32, S32, U64, S64 ->
                    b.add(n, kind, Codecs.integer(n, kind, o -> ((Number) o.get(n)).longValue(), (o, v) -> o.put(n, v)));
            case F32 -> b.f32(n, o -> ((Number) o.get(n)).doubleValue(), (o, v) -> o.put(n, v));
            case F64 -> b.f64(n, o -> ((Number) o.get(n)).doubleValue(), (o, v) -> o.put(n, v));
            case STRING -> b.string(n, o -> (String) o.get(n), (o, v) -> o.put(n, v));
            case NSTRING -> b.nullableString(n, o -> (String) o.get(n), (o, v) -> o.put(n, v));
            case STRINGS -> b.strings(n, o -> stringList(o, n), (o, v) -> o.put(n, v));
            case BYTES -> b.bytes(n, integer(f, "size", 0), o -> (byte[]) o.get(n), (o, v) -> o.put(n, v));
            case VBYTES -> b.vbytes(n, text(f, "countField"), o -> (byte[]) o.get(n), (o, v) -> o.put(n, v));
            case UNUSED -> b.add(n, kind, Codecs.unused(integer(f, "size", 0)));
            case ENUM -> b.add(n, kind, Codecs.genericEnum(n, asObject(f.get("values"), n + " values"),
                    o -> (String) o.get(n), (o, v) -> o.put(n, v)));
            case ARRAY, VARRAY -> array(b, n, kind, f);
            case STRUCT -> b.struct(n, nested(f), o -> held(o, n), (o, v) -> o.put(n, v));
            case VSTRUCT -> b.versionedStruct(n, nested(f), o -> held(o, n), (o, v) -> o.put(n, v));
            case NULLABLE -> b.nullable(n, nested(f), o -> held(o, n), (o, v) -> o.put(n, v));
            case LIST -> b.list(n, nested(f), o -> held(o, n), (o, v) -> o.put(n, v));
            case MAP -> {
                if ("s64".equals(JsonFields.optionalString(f, "key"))) {
                    b.longMap(n, nested(f), o -> held(o, n), (o, v) -> o.put(n, v));
                } else {
                    b.map(n, nested(f), o -> held(o, n), (o, v) -> o.put(n, v));
                }
            }
        }
        int since = integer(f, "since", 0);
        if (since > 0) {
            b.since(since);
        }
        String label = JsonFields.optionalString(f, "when");
        if (label != null) {
            Presence p = presence;
            b.when(label, (o, ctx) -> p.present(o, n, label));
        }
    }

    private void array(DescriptionBuilder<GenericState> b, String n, FieldKind kind, Map<String, Object> f) {
        Object element = f.get("element");
        boolean fixed = kind == FieldKind.ARRAY;
        if (element == null) {
            StateDescription<GenericState> d = nested(f);
            if (fixed) {
                b.structArray(n, d, integer(f, "count", 0), o -> held(o, n), (o, v) -> o.put(n, v));
            } else {
                b.structVarray(n, d, text(f, "countField"), o -> held(o, n), (o, v) -> o.put(n, v));
            }
            return;
        }
        FieldKind e = FieldKind.ofJson(String.valueOf(element));
        if (e == null || !e.isScalar()) {
            throw new IllegalArgumentException("field '" + n + "' has elements of unknown kind '" + element + "'");
        }
        if (e == FieldKind.F32 || e == FieldKind.F64) {
            if (fixed) {
                b.doubleArray(n, e, integer(f, "count", 0), o -> (double[]) o.get(n), (o, v) -> o.put(n, v));
            } else {
                b.doubleVarray(n, e, text(f, "countField"), o -> (double[]) o.get(n), (o, v) -> o.put(n, v));
            }
        } else if (fixed) {
            b.longArray(n, e, integer(f, "count", 0), o -> (long[]) o.get(n), (o, v) -> o.put(n, v));
        } else {
            b.longVarray(n, e, text(f, "countField"), o -> (long[]) o.get(n), (o, v) -> o.put(n, v));
        }
    }

    @SuppressWarnings("unchecked") // a strings field holds only what its codec put there
    private static List<String> stringList(GenericState o, String n) {
        return (List<String>) o.get(n);
    }

    /** A description's priority: any whole number (a stream's, however odd, is still read), 0 when absent. */
    private static int priority(Map<String, Object> m) {
        Long p = JsonFields.optionalLong(m, "priority");
        return p == null ? 0 : (int) Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, p));
    }

    /** The nested state, list or map a field of nested descriptions holds, typed as its codec takes it. */
    @SuppressWarnings("unchecked") // such a field holds only what its codec put there, or GenericValues did
    private static <C> C held(GenericState o, String n) {
        return (C) o.get(n);
    }

    private StateDescription<GenericState> nested(Map<String, Object> f) {
        return description(text(f, "description"));
    }

    private static Map<String, Object> asObject(Object o, String what) {
        return JsonFields.object(o, what);
    }

    private static List<?> list(Map<String, Object> m, String key) {
        return JsonFields.list(m, key);
    }

    private static String text(Map<String, Object> m, String key) {
        return JsonFields.string(m, key);
    }

    private static int integer(Map<String, Object> m, String key, int absent) {
        return JsonFields.count(m, key, absent);
    }
}
