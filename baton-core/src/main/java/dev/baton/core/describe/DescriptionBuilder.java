package dev.baton.core.describe;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.BiPredicate;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.IntFunction;
import java.util.function.ObjDoubleConsumer;
import java.util.function.ObjIntConsumer;
import java.util.function.ObjLongConsumer;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.function.ToDoubleFunction;
import java.util.function.ToIntFunction;
import java.util.function.ToLongFunction;

/**
 * Builds a {@link StateDescription} as a table: one call per field, in wire order, each naming
 * the field, its kind and its accessors; {@link #since}, {@link #when}, {@link #mustExist},
 * {@link #equal} and {@link #check} qualify the field added last.
 *
 * <pre>{@code
 * StateDescription<Counter> COUNTER = StateDescription.<Counter>builder("counter", Counter::new)
 *     .version(3).minimumVersion(1)
 *     .u32("hits", c -> c.hits, (c, v) -> c.hits = v)
 *     .u64("total", c -> c.total, (c, v) -> c.total = v).since(2)
 *     .string("owner", c -> c.owner, (c, v) -> c.owner = v).when("owner-known", c -> c.owner != null)
 *     .subsection(COUNTER_HISTORY, (c, ctx) -> ctx.enabled("counter.history") && c.history != null)
 *     .build();
 * }</pre>
 *
 * @param <T> the type of the described object
 */
public final class DescriptionBuilder<T> {
    final String name;
    final Supplier<T> factory;
    int version = 1;
    int minimumVersion = 1;
    int priority;
    final List<Field<T>> fields = new ArrayList<>();
    final List<Subsection<T, ?>> subsections = new ArrayList<>();
    Consumer<T> preSave;
    Consumer<T> postSave;
    Consumer<T> preLoad;
    ObjIntConsumer<T> postLoad;
    final List<StateDescription.Validation<T>> validations = new ArrayList<>();
    /** Subsection name to the property that gates it, for subsections declared with one. */
    final Map<String, String> gates = new java.util.HashMap<>();
    /** For a description derived from a record ({@link Derivation}): how its objects are made; else null. */
    Construction<T> construction;

    /** The field under construction, whose qualifiers may still change. */
    private String pendingName;
    private FieldKind pendingKind;
    private Codec<T> pendingCodec;
    private int since;
    private String whenLabel;
    private BiPredicate<T, Context> when;
    private boolean mustExist;
    private boolean equal;
    private String equalValue;
    private Predicate<T> check;
    private String checkMessage;

    DescriptionBuilder(String name, Supplier<T> factory) {
        if (name == null || name.isEmpty() || name.length() > StateDescription.MAX_NAME) {
            throw new IllegalArgumentException("a description needs a name of 1 to " + StateDescription.MAX_NAME + " characters");
        }
        this.name = name;
        this.factory = factory;
    }

    /** The version this build writes (default 1). */
    public DescriptionBuilder<T> version(int v) {
        this.version = v;
        return this;
    }

    /** The lowest version this build loads (default 1). */
    public DescriptionBuilder<T> minimumVersion(int v) {
        this.minimumVersion = v;
        return this;
    }

    /** Sections of higher priority are saved first (default 0). */
    public DescriptionBuilder<T> priority(int p) {
        this.priority = p;
        return this;
    }

    // ---- scalars -----------------------------------------------------------------------------------

    public DescriptionBuilder<T> bool(String field, Predicate<T> get, ObjBoolConsumer<T> set) {
        return add(field, FieldKind.BOOL, Codecs.bool(get, set));
    }

    public DescriptionBuilder<T> u8(String field, ToIntFunction<T> get, ObjIntConsumer<T> set) {
        return intField(field, FieldKind.U8, get, set);
    }

    public DescriptionBuilder<T> s8(String field, ToIntFunction<T> get, ObjIntConsumer<T> set) {
        return intField(field, FieldKind.S8, get, set);
    }

    public DescriptionBuilder<T> u16(String field, ToIntFunction<T> get, ObjIntConsumer<T> set) {
        return intField(field, FieldKind.U16, get, set);
    }

    public DescriptionBuilder<T> s16(String field, ToIntFunction<T> get, ObjIntConsumer<T> set) {
        return intField(field, FieldKind.S16, get, set);
    }

    public DescriptionBuilder<T> s32(String field, ToIntFunction<T> get, ObjIntConsumer<T> set) {
        return add(field, FieldKind.S32, Codecs.smallInteger(field, FieldKind.S32, get, set));
    }

    /** An unsigned 32-bit field, held in a long (0 to 2^32-1). */
    public DescriptionBuilder<T> u32(String field, ToLongFunction<T> get, ObjLongConsumer<T> set) {
        return add(field, FieldKind.U32, Codecs.integer(field, FieldKind.U32, get, set));
    }

    /** An unsigned 64-bit field, held in a long's bits. */
    public DescriptionBuilder<T> u64(String field, ToLongFunction<T> get, ObjLongConsumer<T> set) {
        return add(field, FieldKind.U64, Codecs.integer(field, FieldKind.U64, get, set));
    }

    public DescriptionBuilder<T> s64(String field, ToLongFunction<T> get, ObjLongConsumer<T> set) {
        return add(field, FieldKind.S64, Codecs.integer(field, FieldKind.S64, get, set));
    }

    public DescriptionBuilder<T> f32(String field, ToDoubleFunction<T> get, ObjDoubleConsumer<T> set) {
        return add(field, FieldKind.F32, Codecs.floating(field, FieldKind.F32, get, set));
    }

    public DescriptionBuilder<T> f64(String field, ToDoubleFunction<T> get, ObjDoubleConsumer<T> set) {
        return add(field, FieldKind.F64, Codecs.floating(field, FieldKind.F64, get, set));
    }

    /** A UTF-8 string: u32 length, then its octets. Never null (see {@link #nullableString}). */
    public DescriptionBuilder<T> string(String field, Function<T, String> get, BiConsumer<T, String> set) {
        return add(field, FieldKind.STRING, Codecs.string(field, get, set));
    }

    /**
     * A UTF-8 string that may be null: a u8 null marker, {@code 0} for null, else {@code 1} and
     * the string as {@link #string} writes it.
     *
     * @param field the field's name
     * @param get   returns the object's string, or null
     * @param set   receives the loaded string, or null
     */
    public DescriptionBuilder<T> nullableString(String field, Function<T, String> get, BiConsumer<T, String> set) {
        return add(field, FieldKind.NSTRING, Codecs.nullableString(field, get, set));
    }

    /**
     * A list of UTF-8 strings: u32 count, then each string as {@link #string} writes it. Neither
     * the list nor its elements may be null on save; loading sets a new {@link ArrayList}.
     *
     * @param field the field's name
     * @param get   returns the object's list
     * @param set   receives the loaded list
     */
    public DescriptionBuilder<T> strings(String field, Function<T, List<String>> get,
            BiConsumer<T, List<String>> set) {
        return add(field, FieldKind.STRINGS, Codecs.strings(field, get, set));
    }

    /** An enum written as its stable numeric id; an unknown id fails the load. */
    public <E extends Enum<E>> DescriptionBuilder<T> enumeration(String field, Class<E> type, ToIntFunction<E> id,
            IntFunction<E> byId, Function<T, E> get, BiConsumer<T, E> set) {
        return add(field, FieldKind.ENUM, Codecs.enumeration(field, type, id, byId, get, set));
    }

    /** {@code size} zero octets written, skipped on read: room left by a removed field. */
    public DescriptionBuilder<T> unused(int size) {
        flush();
        return add("unused" + fields.size(), FieldKind.UNUSED, Codecs.unused(size)); // named by its row
    }

    // ---- octets and arrays -------------------------------------------------------------------------

    /** Exactly {@code size} octets. */
    public DescriptionBuilder<T> bytes(String field, int size, Function<T, byte[]> get, BiConsumer<T, byte[]> set) {
        return add(field, FieldKind.BYTES, Codecs.bytes(field, new Codecs.Count.Fixed<>(size), get, set));
    }

    /** Octets whose number is the value of the earlier integer field {@code countField}. */
    public DescriptionBuilder<T> vbytes(String field, String countField, Function<T, byte[]> get,
            BiConsumer<T, byte[]> set) {
        return add(field, FieldKind.VBYTES, Codecs.bytes(field, countFrom(countField), get, set));
    }

    /** A fixed number of integer scalars of kind {@code element}, held in an int[]. */
    public DescriptionBuilder<T> intArray(String field, FieldKind element, int count, Function<T, int[]> get,
            BiConsumer<T, int[]> set) {
        return scalarArray(field, FieldKind.ARRAY, element, new Codecs.Count.Fixed<>(count), get, set, int[]::new);
    }

    /** Integer scalars counted by the earlier field {@code countField}, held in an int[]. */
    public DescriptionBuilder<T> intVarray(String field, FieldKind element, String countField, Function<T, int[]> get,
            BiConsumer<T, int[]> set) {
        return scalarArray(field, FieldKind.VARRAY, element, countFrom(countField), get, set, int[]::new);
    }

    public DescriptionBuilder<T> longArray(String field, FieldKind element, int count, Function<T, long[]> get,
            BiConsumer<T, long[]> set) {
        return scalarArray(field, FieldKind.ARRAY, element, new Codecs.Count.Fixed<>(count), get, set, long[]::new);
    }

    public DescriptionBuilder<T> longVarray(String field, FieldKind element, String countField,
            Function<T, long[]> get, BiConsumer<T, long[]> set) {
        return scalarArray(field, FieldKind.VARRAY, element, countFrom(countField), get, set, long[]::new);
    }

    public DescriptionBuilder<T> doubleArray(String field, FieldKind element, int count, Function<T, double[]> get,
            BiConsumer<T, double[]> set) {
        return scalarArray(field, FieldKind.ARRAY, element, new Codecs.Count.Fixed<>(count), get, set, double[]::new);
    }

    public DescriptionBuilder<T> doubleVarray(String field, FieldKind element, String countField,
            Function<T, double[]> get, BiConsumer<T, double[]> set) {
        return scalarArray(field, FieldKind.VARRAY, element, countFrom(countField), get, set, double[]::new);
    }

    // ---- nested descriptions -----------------------------------------------------------------------

    /** A nested description, read with its local version (no version on the wire). */
    public <N> DescriptionBuilder<T> struct(String field, StateDescription<N> d, Function<T, N> get,
            BiConsumer<T, N> set) {
        return add(field, FieldKind.STRUCT, Codecs.struct(field, d, Codecs.Nesting.PLAIN, get, set));
    }

    /** A nested description that carries its version (u32), loaded if in its window. */
    public <N> DescriptionBuilder<T> versionedStruct(String field, StateDescription<N> d, Function<T, N> get,
            BiConsumer<T, N> set) {
        return add(field, FieldKind.VSTRUCT, Codecs.struct(field, d, Codecs.Nesting.VERSIONED, get, set));
    }

    /** A reference that may be null: u8 0 for null, else 1 and the nested description. */
    public <N> DescriptionBuilder<T> nullable(String field, StateDescription<N> d, Function<T, N> get,
            BiConsumer<T, N> set) {
        return add(field, FieldKind.NULLABLE, Codecs.struct(field, d, Codecs.Nesting.NULLABLE, get, set));
    }

    /** A fixed number of nested descriptions. */
    public <N> DescriptionBuilder<T> structArray(String field, StateDescription<N> d, int count,
            Function<T, List<N>> get, BiConsumer<T, List<N>> set) {
        return add(field, FieldKind.ARRAY, Codecs.structList(field, d, new Codecs.Count.Fixed<>(count), get, set));
    }

    /** Nested descriptions counted by the earlier field {@code countField}. */
    public <N> DescriptionBuilder<T> structVarray(String field, StateDescription<N> d, String countField,
            Function<T, List<N>> get, BiConsumer<T, List<N>> set) {
        return add(field, FieldKind.VARRAY, Codecs.structList(field, d, countFrom(countField), get, set));
    }

    /** A list of nested descriptions: u32 count, then the elements. */
    public <N> DescriptionBuilder<T> list(String field, StateDescription<N> d, Function<T, List<N>> get,
            BiConsumer<T, List<N>> set) {
        return add(field, FieldKind.LIST, Codecs.structList(field, d, new Codecs.Count.OnWire<>(), get, set));
    }

    /** A map from strings to nested descriptions: u32 count, then key and value pairs in iteration order. */
    public <N> DescriptionBuilder<T> map(String field, StateDescription<N> d, Function<T, Map<String, N>> get,
            BiConsumer<T, Map<String, N>> set) {
        return add(field, FieldKind.MAP, Codecs.map(field, FieldKind.STRING, d, get, set));
    }

    /** A map from s64 keys to nested descriptions. */
    public <N> DescriptionBuilder<T> longMap(String field, StateDescription<N> d, Function<T, Map<Long, N>> get,
            BiConsumer<T, Map<Long, N>> set) {
        return add(field, FieldKind.MAP, Codecs.map(field, FieldKind.S64, d, get, set));
    }

    // ---- qualifiers of the last field ----------------------------------------------------------------

    /** The last field is on the wire only in section versions {@code >= v}. */
    public DescriptionBuilder<T> since(int v) {
        requirePending("since");
        since = v;
        return this;
    }

    /** The last field is on the wire only when {@code test} holds (QEMU's _TEST); the label names it in JSON. */
    public DescriptionBuilder<T> when(String label, BiPredicate<T, Context> test) {
        requirePending("when");
        whenLabel = label;
        when = test;
        return this;
    }

    public DescriptionBuilder<T> when(String label, Predicate<T> test) {
        return when(label, (o, ctx) -> test.test(o));
    }

    /** Loading fails when the last field is absent from the stream. */
    public DescriptionBuilder<T> mustExist() {
        requirePending("mustExist");
        mustExist = true;
        return this;
    }

    /** Loading fails when the stream's value of the last field differs from the object's. */
    public DescriptionBuilder<T> equal() {
        requirePending("equal");
        if (!pendingKind.isScalar() && pendingKind != FieldKind.STRING && pendingKind != FieldKind.NSTRING
                && pendingKind != FieldKind.ENUM) {
            throw new IllegalStateException("equal applies to scalar, string, nstring and enum fields, not "
                    + pendingKind);
        }
        equal = true;
        return this;
    }

    /**
     * As {@link #equal()}, declaring the constant the object holds, so that {@code baton check}
     * can compare it between releases.
     */
    public DescriptionBuilder<T> equalTo(Object constant) {
        equal();
        equalValue = String.valueOf(constant);
        return this;
    }

    /** After the last field is loaded, {@code test} must hold, or loading fails with {@code message}. */
    public DescriptionBuilder<T> check(Predicate<T> test, String message) {
        requirePending("check");
        check = test;
        checkMessage = message;
        return this;
    }

    // ---- subsections, hooks, validations ---------------------------------------------------------

    /** A subsection on the same object, written when {@code needed} holds. */
    public DescriptionBuilder<T> subsection(StateDescription<T> sub, BiPredicate<T, Context> needed) {
        return subsection(sub, Function.identity(), needed);
    }

    public DescriptionBuilder<T> subsection(StateDescription<T> sub, Predicate<T> needed) {
        return subsection(sub, Function.identity(), (o, ctx) -> needed.test(o));
    }

    /**
     * A subsection gated by a feature property: written only when the release profile leaves
     * {@code property} on and {@code needed} holds. The gate is part of the JSON description,
     * so that {@code baton check} knows which profiles leave the subsection out.
     */
    public DescriptionBuilder<T> subsection(StateDescription<T> sub, String property, BiPredicate<T, Context> needed) {
        return subsection(sub, Function.identity(), null, property, needed);
    }

    /**
     * The subsection of {@link #subsection(StateDescription, Function, BiConsumer, BiPredicate)}
     * ({@code set} may be null: then the view is loaded in place), gated by {@code property} as
     * {@link #subsection(StateDescription, String, BiPredicate)} is.
     */
    public <S> DescriptionBuilder<T> subsection(StateDescription<S> sub, Function<T, S> view, BiConsumer<T, S> set,
            String property, BiPredicate<T, Context> needed) {
        subsection(sub, view, set, (o, ctx) -> ctx.enabled(property) && needed.test(o, ctx));
        gates.put(sub.name(), property);
        return this;
    }

    /** A subsection on a part of the object, which {@code view} returns. */
    public <S> DescriptionBuilder<T> subsection(StateDescription<S> sub, Function<T, S> view,
            BiPredicate<T, Context> needed) {
        return subsection(sub, view, null, needed);
    }

    /**
     * A subsection on a part of the object that is loaded as a new object and handed to
     * {@code set}, rather than loaded into what {@code view} returns: for a part that is a
     * record (a {@link Derivation derived} description of one loads only so), or that may be null.
     */
    public <S> DescriptionBuilder<T> subsection(StateDescription<S> sub, Function<T, S> view, BiConsumer<T, S> set,
            BiPredicate<T, Context> needed) {
        flush();
        if (!sub.name().startsWith(name + "/")) {
            throw new IllegalArgumentException("subsection '" + sub.name() + "' must be named '" + name + "/...'");
        }
        for (Subsection<T, ?> s : subsections) {
            if (s.name().equals(sub.name())) {
                throw new IllegalArgumentException("two subsections named '" + sub.name() + "'");
            }
        }
        subsections.add(new Subsection<>(sub, view, set, needed));
        return this;
    }

    public DescriptionBuilder<T> preSave(Consumer<T> hook) {
        this.preSave = hook;
        return this;
    }

    /** Runs after saving, also when saving failed after preSave. */
    public DescriptionBuilder<T> postSave(Consumer<T> hook) {
        this.postSave = hook;
        return this;
    }

    public DescriptionBuilder<T> preLoad(Consumer<T> hook) {
        this.preLoad = hook;
        return this;
    }

    /** Runs last on load, with the version the data was written at. */
    public DescriptionBuilder<T> postLoad(ObjIntConsumer<T> hook) {
        this.postLoad = hook;
        return this;
    }

    /** After fields and subsections are loaded, {@code test} must hold, or loading fails with {@code message}. */
    public DescriptionBuilder<T> validate(Predicate<T> test, String message) {
        validations.add(new StateDescription.Validation<>(o -> test.test(o) ? null : "", message));
        return this;
    }

    /**
     * As {@link #validate}, for a check that can say what failed: after fields and subsections
     * are loaded, {@code problem} returns null when the object holds together, or else which part
     * of it broke which rule (e.g. {@code node /a/b: its parent /a did not come before it}); loading
     * then fails with that and {@code message}, the rules in general, which the description's JSON
     * lists as for {@link #validate}.
     */
    public DescriptionBuilder<T> validateExplained(Function<T, String> problem, String message) {
        validations.add(new StateDescription.Validation<>(problem, message));
        return this;
    }

    public StateDescription<T> build() {
        flush();
        if (version < 0 || minimumVersion < 0 || minimumVersion > version) {
            throw new IllegalArgumentException("'" + name + "': minimum version " + minimumVersion
                    + " must lie in [0, version " + version + "]");
        }
        for (Field<T> f : fields) {
            if (f.since > version) {
                throw new IllegalArgumentException("'" + name + "': field '" + f.name + "' since " + f.since
                        + " is above the description's version " + version);
            }
        }
        return new StateDescription<>(this);
    }

    // ---- internals ---------------------------------------------------------------------------------

    private DescriptionBuilder<T> intField(String field, FieldKind kind, ToIntFunction<T> get, ObjIntConsumer<T> set) {
        return add(field, kind, Codecs.smallInteger(field, kind, get, set));
    }

    private <A> DescriptionBuilder<T> scalarArray(String field, FieldKind kind, FieldKind element, Codecs.Count<T> count,
            Function<T, A> get, BiConsumer<T, A> set, IntFunction<A> create) {
        if (!element.isScalar()) {
            throw new IllegalArgumentException("array elements must be scalars, not " + element);
        }
        return add(field, kind, Codecs.scalarArray(field, element, count, get, set, create));
    }

    Codecs.Count<T> countFrom(String countField) {
        flush();
        for (Field<T> f : fields) {
            if (f.name.equals(countField)) {
                if (!f.kind.isInteger()) {
                    throw new IllegalArgumentException("count field '" + countField + "' is " + f.kind + ", not an integer");
                }
                return new Codecs.Count.FromField<>(f);
            }
        }
        throw new IllegalArgumentException("count field '" + countField + "' must be an earlier field of '" + name + "'");
    }

    /** Adds a field, which the qualifiers that follow may qualify. */
    DescriptionBuilder<T> add(String field, FieldKind kind, Codec<T> codec) {
        flush();
        for (Field<T> f : fields) {
            if (f.name.equals(field)) {
                throw new IllegalArgumentException("'" + name + "' has two fields named '" + field + "'");
            }
        }
        pendingName = field;
        pendingKind = kind;
        pendingCodec = codec;
        return this;
    }

    private void requirePending(String what) {
        if (pendingName == null) {
            throw new IllegalStateException(what + " qualifies a field: add one first");
        }
    }

    /** Turns the field under construction into an immutable {@link Field}. */
    private void flush() {
        if (pendingName == null) {
            return;
        }
        fields.add(new Field<>(pendingName, pendingKind, since, whenLabel, when, mustExist, equal, equalValue, check,
                checkMessage, pendingCodec));
        pendingName = null;
        pendingKind = null;
        pendingCodec = null;
        since = 0;
        whenLabel = null;
        when = null;
        mustExist = false;
        equal = false;
        equalValue = null;
        check = null;
        checkMessage = null;
    }
}
