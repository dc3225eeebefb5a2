package dev.baton.core.describe;

import dev.baton.core.json.JsonFields;
import dev.baton.core.json.JsonInputException;
import dev.baton.core.json.JsonPath;
import dev.baton.core.wire.Plural;
import dev.baton.core.wire.Printable;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The values of a {@link GenericState} as JSON values (the Java objects of
 * {@link dev.baton.core.json.JsonWriter#value(Object)}) and back, typed by the description
 * document that describes them: the {@code "fields"} of a section in {@code baton decode}'s
 * document, which {@code baton encode} reads back. Every kind has one form:
 *
 * <ul>
 * <li>{@code bool}: {@code true} or {@code false}; the integer kinds: a whole number in the kind's
 *     range ({@code u64} up to 2^64 - 1); {@code f32}, {@code f64}: a number, or the strings
 *     {@code "NaN"}, {@code "Infinity"}, {@code "-Infinity"} (an {@code f32} printed as the float's
 *     shortest text, {@code 0.1});
 * <li>{@code string}: a string; {@code nstring}: a string or null; {@code strings}: an array of
 *     strings; {@code bytes}, {@code vbytes}: the octets as a string of hex digits;
 * <li>{@code array}, {@code varray}: an array of numbers, or of objects for nested descriptions;
 *     {@code struct}, {@code vstruct}: an object; {@code nullable}: an object or null;
 *     {@code list}: an array of objects; {@code map}: an object whose names are the keys (an
 *     {@code s64} key in decimal); {@code enum}: the constant's name; {@code unused}: nothing.
 * </ul>
 *
 * A description's object holds its fields that are on the wire, in order, then each subsection
 * that is, under the subsection's name. A field whose {@code when} does not hold is left out.
 */
public final class GenericValues {
    private static final BigInteger TWO_TO_64 = BigInteger.ONE.shiftLeft(64);

    private final Map<String, Object> descriptions;

    /** @param descriptions the {@code "descriptions"} object of a description document */
    public GenericValues(Map<String, Object> descriptions) {
        this.descriptions = descriptions;
    }

    // ---- state to JSON -----------------------------------------------------------------------------

    /** The JSON object of {@code state}, which description {@code name} loaded. */
    public Map<String, Object> toJson(String name, GenericState state) {
        return toJson(description(name), state);
    }

    private Map<String, Object> toJson(Map<String, Object> d, GenericState state) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (Object o : JsonFields.list(d, "fields")) {
            Map<String, Object> f = JsonFields.object(o, "a field");
            String n = JsonFields.string(f, "name");
            if (state.containsKey(n)) {
                out.put(n, valueToJson(f, state.get(n)));
            }
        }
        putSubsections(d, state, out, this::toJson);
        return out;
    }

    /** Puts into {@code out} each subsection of description {@code d} that {@code state} holds, as {@code each} makes it. */
    private static void putSubsections(Map<String, Object> d, GenericState state, Map<String, Object> out,
            java.util.function.BiFunction<Map<String, Object>, GenericState, Object> each) {
        for (Object o : JsonFields.list(d, "subsections")) {
            Map<String, Object> sub = JsonFields.object(o, "a subsection");
            String n = JsonFields.string(sub, "name");
            if (state.get(n) instanceof GenericState s) {
                out.put(n, each.apply(sub, s));
            }
        }
    }

    private Object valueToJson(Map<String, Object> f, Object v) {
        FieldKind kind = kind(f);
        return switch (kind) {
            case U64 -> unsigned((Long) v);
            case F32 -> f32ToJson(((Number) v).doubleValue());
            case F64 -> f64ToJson(((Number) v).doubleValue());
            case BYTES, VBYTES -> HexFormat.of().formatHex((byte[]) v);
            case ARRAY, VARRAY -> arrayToJson(f, v);
            case STRUCT, VSTRUCT, NULLABLE -> v == null ? null : toJson(nested(f), (GenericState) v);
            case LIST -> objectsToJson(nested(f), (List<?>) v);
            case MAP -> {
                Map<String, Object> m = new LinkedHashMap<>();
                for (Map.Entry<?, ?> e : ((Map<?, ?>) v).entrySet()) {
                    m.put(String.valueOf(e.getKey()), toJson(nested(f), (GenericState) e.getValue()));
                }
                yield m;
            }
            default -> v; // bool, the other integers, strings, enums: already what JSON holds
        };
    }

    // ---- state as it is shown ----------------------------------------------------------------------

    /**
     * {@code state}, which description {@code name} loaded, with each {@code u64} value (a field,
     * an array's elements, in nested states too) as the number it stands for, a {@code Long} or
     * above 2^63 - 1 a {@code BigInteger}, instead of the long whose bits the codec holds; every
     * other value as it is. For a tool that shows a decoded state: a u64 of 2^64 - 1 is not -1.
     */
    public GenericState withUnsignedU64(String name, GenericState state) {
        return withUnsignedU64(description(name), state);
    }

    private GenericState withUnsignedU64(Map<String, Object> d, GenericState state) {
        GenericState out = new GenericState();
        out.putAll(state);
        for (Object o : JsonFields.list(d, "fields")) {
            Map<String, Object> f = JsonFields.object(o, "a field");
            String n = JsonFields.string(f, "name");
            Object v = state.get(n);
            if (v == null) {
                continue;
            }
            switch (kind(f)) {
                case U64 -> out.put(n, unsigned((Long) v));
                case ARRAY, VARRAY -> {
                    if (v instanceof long[] a && element(f) == FieldKind.U64) {
                        List<Object> numbers = new ArrayList<>(a.length);
                        for (long e : a) {
                            numbers.add(unsigned(e));
                        }
                        out.put(n, numbers);
                    } else if (v instanceof List<?> l && element(f) == null) {
                        out.put(n, eachState(l, e -> withUnsignedU64(nested(f), e)));
                    }
                }
                case STRUCT, VSTRUCT, NULLABLE -> out.put(n, withUnsignedU64(nested(f), (GenericState) v));
                case LIST -> out.put(n, eachState((List<?>) v, e -> withUnsignedU64(nested(f), e)));
                case MAP -> {
                    Map<Object, Object> m = new LinkedHashMap<>();
                    for (Map.Entry<?, ?> e : ((Map<?, ?>) v).entrySet()) {
                        m.put(e.getKey(), withUnsignedU64(nested(f), (GenericState) e.getValue()));
                    }
                    out.put(n, m);
                }
                default -> {
                    // the other kinds hold what they stand for
                }
            }
        }
        putSubsections(d, state, out, this::withUnsignedU64);
        return out;
    }

    private Object arrayToJson(Map<String, Object> f, Object v) {
        List<Object> out = new ArrayList<>();
        switch (v) {
            case long[] a -> {
                boolean u64 = element(f) == FieldKind.U64;
                for (long e : a) {
                    out.add(u64 ? unsigned(e) : (Object) e);
                }
            }
            case double[] a -> {
                boolean f32 = element(f) == FieldKind.F32;
                for (double e : a) {
                    out.add(f32 ? f32ToJson(e) : f64ToJson(e));
                }
            }
            default -> {
                return objectsToJson(nested(f), (List<?>) v);
            }
        }
        return out;
    }

    private List<Object> objectsToJson(Map<String, Object> d, List<?> states) {
        return eachState(states, s -> toJson(d, s));
    }

    /** {@code each} of the states in {@code states}, in order. */
    private static List<Object> eachState(List<?> states, java.util.function.Function<GenericState, Object> each) {
        List<Object> out = new ArrayList<>(states.size());
        for (Object s : states) {
            out.add(each.apply((GenericState) s));
        }
        return out;
    }

    private static Object unsigned(long v) {
        return v >= 0 ? (Object) v : BigInteger.valueOf(v).add(TWO_TO_64);
    }

    private static Object f32ToJson(double v) {
        return Double.isFinite(v) ? (Object) (float) v : nonFinite(v);
    }

    private static Object f64ToJson(double v) {
        return Double.isFinite(v) ? (Object) v : nonFinite(v);
    }

    private static String nonFinite(double v) {
        return Double.isNaN(v) ? "NaN" : v > 0 ? "Infinity" : "-Infinity";
    }

    // ---- JSON to state -----------------------------------------------------------------------------

    /**
     * The state that the JSON object {@code json}, found at {@code path}, gives for description
     * {@code name} written at {@code version}: every field that version carries, but those with
     * {@code when} that the object leaves out; no member the description lacks.
     *
     * @throws JsonInputException naming the place and what was expected there
     */
    public GenericState fromJson(String name, int version, Object json, String path) throws JsonInputException {
        return fromJson(description(name), version, json, path);
    }

    private GenericState fromJson(Map<String, Object> d, int version, Object json, String path)
            throws JsonInputException {
        String name = JsonFields.string(d, "name");
        if (!(json instanceof Map<?, ?> members)) {
            throw JsonInputException.expected(path, "an object of the fields of '" + name + "'", json);
        }
        GenericState state = new GenericState();
        Map<String, Map<String, Object>> fields = new LinkedHashMap<>();
        for (Object o : JsonFields.list(d, "fields")) {
            Map<String, Object> f = JsonFields.object(o, "a field");
            fields.put(JsonFields.string(f, "name"), f);
        }
        Map<String, Map<String, Object>> subsections = new LinkedHashMap<>();
        for (Object o : JsonFields.list(d, "subsections")) {
            Map<String, Object> sub = JsonFields.object(o, "a subsection");
            subsections.put(JsonFields.string(sub, "name"), sub);
        }
        for (Object key : members.keySet()) {
            String k = (String) key;
            Map<String, Object> f = fields.get(k);
            if (f == null && !subsections.containsKey(k)) {
                throw new JsonInputException(JsonPath.member(path, k), "'" + name + "' has no field or subsection "
                        + "of this name (it has " + names(fields, subsections) + ")");
            }
            if (f != null && since(f) > version) {
                throw new JsonInputException(JsonPath.member(path, k), "'" + name + "' version " + version
                        + " has no field '" + Printable.of(k) + "': it is there since version " + since(f));
            }
            if (f != null && kind(f) == FieldKind.UNUSED) {
                throw new JsonInputException(JsonPath.member(path, k), "'" + Printable.of(k) + "' is "
                        + Plural.count(JsonFields.count(f, "size", 0), "octet") + " of unused padding, which has no "
                        + "value: leave it out");
            }
        }
        for (Map<String, Object> f : fields.values()) {
            String n = JsonFields.string(f, "name");
            if (since(f) > version || kind(f) == FieldKind.UNUSED) {
                continue;
            }
            if (!members.containsKey(n)) {
                if (JsonFields.optionalString(f, "when") != null) {
                    continue; // its predicate did not hold: not on the wire
                }
                throw new JsonInputException(path, "expected a member \"" + Printable.of(n) + "\": '" + name
                        + "' version " + version + " writes field '" + Printable.of(n) + "' (" + what(f) + ")");
            }
            state.put(n, valueFromJson(f, members.get(n), JsonPath.member(path, n)));
        }
        for (Map<String, Object> f : fields.values()) {
            if (state.containsKey(JsonFields.string(f, "name"))) {
                checkCount(f, state, path);
            }
        }
        for (Map.Entry<String, Map<String, Object>> sub : subsections.entrySet()) {
            if (members.containsKey(sub.getKey())) {
                Map<String, Object> s = sub.getValue();
                state.put(sub.getKey(), fromJson(s, JsonFields.count(s, "version", 1), members.get(sub.getKey()),
                        JsonPath.member(path, sub.getKey())));
            }
        }
        return state;
    }

    /** A sized field's elements or octets agree with its fixed count or its count field. */
    private static void checkCount(Map<String, Object> f, GenericState state, String path) throws JsonInputException {
        FieldKind kind = kind(f);
        if (kind != FieldKind.ARRAY && kind != FieldKind.VARRAY && kind != FieldKind.BYTES
                && kind != FieldKind.VBYTES) {
            return;
        }
        String n = JsonFields.string(f, "name");
        Object v = state.get(n);
        int actual = switch (v) {
            case byte[] b -> b.length;
            case long[] a -> a.length;
            case double[] a -> a.length;
            default -> ((List<?>) v).size();
        };
        String unit = v instanceof byte[] ? "octet" : "element";
        String countField = JsonFields.optionalString(f, "countField");
        if (countField == null) {
            int fixed = JsonFields.count(f, kind == FieldKind.ARRAY ? "count" : "size", 0);
            if (actual != fixed) {
                throw new JsonInputException(JsonPath.member(path, n), "expected " + Plural.count(fixed, unit)
                        + ", as its description fixes, not " + actual);
            }
            return;
        }
        if (!(state.get(countField) instanceof Long count)) {
            throw new JsonInputException(path, "expected a member \"" + Printable.of(countField) + "\": it counts '"
                    + Printable.of(n) + "'");
        }
        if (count != actual) {
            throw new JsonInputException(JsonPath.member(path, n), "holds " + Plural.count(actual, unit)
                    + " but its count field '" + Printable.of(countField) + "' says " + count);
        }
    }

    private Object valueFromJson(Map<String, Object> f, Object v, String path) throws JsonInputException {
        FieldKind kind = kind(f);
        switch (kind) {
            case BOOL -> {
                if (!(v instanceof Boolean)) {
                    throw JsonInputException.expected(path, "true or false (a bool)", v);
                }
                return v;
            }
            case U8, S8, U16, S16, U32, S32, U64, S64 -> {
                return integer(kind, v, path);
            }
            case F32, F64 -> {
                return floating(kind, v, path);
            }
            case STRING -> {
                return string(v, path);
            }
            case NSTRING -> {
                return v == null ? null : string(v, path);
            }
            case STRINGS -> {
                if (!(v instanceof List<?> l)) {
                    throw JsonInputException.expected(path, "an array of strings", v);
                }
                List<String> out = new ArrayList<>(l.size());
                for (int i = 0; i < l.size(); i++) {
                    out.add(string(l.get(i), JsonPath.element(path, i)));
                }
                return out;
            }
            case BYTES, VBYTES -> {
                return octets(v, path);
            }
            case ENUM -> {
                Map<String, Object> values = JsonFields.object(f.get("values"), "an enum's values");
                if (!(v instanceof String s) || !values.containsKey(s)) {
                    throw JsonInputException.expected(path, "one of " + String.join(", ", values.keySet()) + " (an enum)", v);
                }
                return s;
            }
            case ARRAY, VARRAY -> {
                return array(f, v, path);
            }
            case STRUCT, VSTRUCT -> {
                return nestedFromJson(f, v, path);
            }
            case NULLABLE -> {
                return v == null ? null : nestedFromJson(f, v, path);
            }
            case LIST -> {
                return objects(f, v, path);
            }
            case MAP -> {
                return map(f, v, path);
            }
            default -> throw new IllegalStateException("no value for a field of kind " + kind);
        }
    }

    private Object array(Map<String, Object> f, Object v, String path) throws JsonInputException {
        FieldKind element = element(f);
        if (element == null) {
            return objects(f, v, path);
        }
        if (!(v instanceof List<?> l)) {
            throw JsonInputException.expected(path, "an array of " + element.jsonName() + " values", v);
        }
        if (element == FieldKind.F32 || element == FieldKind.F64) {
            double[] out = new double[l.size()];
            for (int i = 0; i < out.length; i++) {
                out[i] = floating(element, l.get(i), JsonPath.element(path, i));
            }
            return out;
        }
        long[] out = new long[l.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = integer(element, l.get(i), JsonPath.element(path, i));
        }
        return out;
    }

    private List<GenericState> objects(Map<String, Object> f, Object v, String path) throws JsonInputException {
        if (!(v instanceof List<?> l)) {
            throw JsonInputException.expected(path, "an array of objects of '" + JsonFields.string(f, "description") + "'", v);
        }
        List<GenericState> out = new ArrayList<>(l.size());
        for (int i = 0; i < l.size(); i++) {
            out.add(nestedFromJson(f, l.get(i), JsonPath.element(path, i)));
        }
        return out;
    }

    private Map<Object, GenericState> map(Map<String, Object> f, Object v, String path) throws JsonInputException {
        if (!(v instanceof Map<?, ?> m)) {
            throw JsonInputException.expected(path, "an object whose members are the map's entries", v);
        }
        boolean longKeys = "s64".equals(JsonFields.optionalString(f, "key"));
        Map<Object, GenericState> out = new LinkedHashMap<>();
        for (Map.Entry<?, ?> e : m.entrySet()) {
            String k = (String) e.getKey();
            String at = JsonPath.member(path, k);
            Object key = k;
            if (longKeys) {
                try {
                    key = Long.parseLong(k);
                } catch (NumberFormatException ex) {
                    throw new JsonInputException(at, "expected a key of kind s64, a whole number in decimal");
                }
                if (!k.equals(key.toString())) {
                    throw new JsonInputException(at, "expected a key of kind s64 written as " + key);
                }
            }
            out.put(key, nestedFromJson(f, e.getValue(), at));
        }
        return out;
    }

    private GenericState nestedFromJson(Map<String, Object> f, Object v, String path) throws JsonInputException {
        Map<String, Object> d = nested(f);
        return fromJson(d, JsonFields.count(d, "version", 1), v, path);
    }

    /** A whole number of {@code kind}, as the long the description's codec holds (a u64 as its bits). */
    private static long integer(FieldKind kind, Object v, String path) throws JsonInputException {
        BigInteger n = switch (v) {
            case Long l -> BigInteger.valueOf(l);
            case Integer i -> BigInteger.valueOf(i);
            case BigInteger b -> b;
            case null, default -> null;
        };
        boolean unsigned = kind.jsonName().startsWith("u");
        int bits = kind.size() * 8;
        BigInteger min = unsigned ? BigInteger.ZERO : BigInteger.ONE.shiftLeft(bits - 1).negate();
        BigInteger max = BigInteger.ONE.shiftLeft(unsigned ? bits : bits - 1).subtract(BigInteger.ONE);
        if (n == null || n.compareTo(min) < 0 || n.compareTo(max) > 0) {
            throw JsonInputException.expected(path, "a whole number from " + min + " to " + max + " (" + kind.jsonName() + ")", v);
        }
        return n.longValue();
    }

    private static double floating(FieldKind kind, Object v, String path) throws JsonInputException {
        double d;
        switch (v) {
            case Number n when !(n instanceof BigInteger) -> d = n.doubleValue();
            case BigInteger b -> d = b.doubleValue();
            case String s when s.equals("NaN") -> d = Double.NaN;
            case String s when s.equals("Infinity") -> d = Double.POSITIVE_INFINITY;
            case String s when s.equals("-Infinity") -> d = Double.NEGATIVE_INFINITY;
            case null, default -> throw JsonInputException.expected(path, "a number, or \"NaN\", \"Infinity\" or \"-Infinity\" ("
                    + kind.jsonName() + ")", v);
        }
        if (kind == FieldKind.F32 && Double.isFinite(d) && Float.isInfinite((float) d)) {
            throw JsonInputException.expected(path, "a number an f32 holds, at most " + Float.MAX_VALUE + " in magnitude", v);
        }
        return d;
    }

    private static String string(Object v, String path) throws JsonInputException {
        if (!(v instanceof String s)) {
            throw JsonInputException.expected(path, "a string", v);
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                throw new JsonInputException(path, String.format("the string holds an unpaired surrogate \\u%04x at "
                        + "character %d, which UTF-8 cannot encode", (int) c, i));
            }
        }
        return s;
    }

    private static byte[] octets(Object v, String path) throws JsonInputException {
        if (v instanceof String s && s.length() % 2 == 0) {
            try {
                return HexFormat.of().parseHex(s);
            } catch (IllegalArgumentException e) {
                // said below
            }
        }
        throw JsonInputException.expected(path, "octets as a string of hex digits, two an octet", v);
    }

    // ---- the description's JSON ----------------------------------------------------------------------

    private Map<String, Object> description(String name) {
        return JsonFields.object(descriptions.get(name), "description '" + name + "'");
    }

    private Map<String, Object> nested(Map<String, Object> f) {
        return description(JsonFields.string(f, "description"));
    }

    private static FieldKind kind(Map<String, Object> f) {
        return FieldKind.ofJson(JsonFields.string(f, "kind"));
    }

    /** The scalar kind of an array's elements, or null for elements of a nested description. */
    private static FieldKind element(Map<String, Object> f) {
        String e = JsonFields.optionalString(f, "element");
        return e == null ? null : FieldKind.ofJson(e);
    }

    private static int since(Map<String, Object> f) {
        return JsonFields.count(f, "since", 0);
    }

    /** A field's kind in words, for a message: "a u16", "a list of 'sample.perm'". */
    private static String what(Map<String, Object> f) {
        String kind = JsonFields.string(f, "kind");
        String nested = JsonFields.optionalString(f, "description");
        return "kind " + kind + (nested != null ? " of '" + nested + "'" : "");
    }

    private static String names(Map<String, ?> fields, Map<String, ?> subsections) {
        List<String> all = new ArrayList<>(fields.keySet());
        all.addAll(subsections.keySet());
        return all.isEmpty() ? "none" : Printable.of(String.join(", ", all));
    }
}
