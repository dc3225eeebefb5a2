package dev.baton.core.describe;

import dev.baton.core.json.JsonWriter;
import dev.baton.core.wire.BodyWriter;
import dev.baton.core.wire.Plural;
import dev.baton.core.wire.StreamFormatException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.BiConsumer;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.IntFunction;
import java.util.function.ObjDoubleConsumer;
import java.util.function.ObjIntConsumer;
import java.util.function.ObjLongConsumer;
import java.util.function.ToDoubleFunction;
import java.util.function.ToIntFunction;
import java.util.function.ToLongFunction;

/**
 * The codec of every field kind. Each saves without allocating and loads with every count checked.
 * They are records because the JIT trusts a record's fields as constants: from a description's
 * compiled steps ({@link StepCompiler}) it then inlines a codec's accessors as well.
 */
final class Codecs {
    private Codecs() {
    }

    /** Where a sequence's element count comes from. */
    sealed interface Count<T> {
        /** The count is a u32 on the wire before the elements. */
        record OnWire<T>() implements Count<T> {
        }

        /** The count is fixed by the description. */
        record Fixed<T>(int n) implements Count<T> {
        }

        /** The count is the value of an earlier integer field. */
        record FromField<T>(Field<T> field) implements Count<T> {
        }

        default void describe(JsonWriter json) {
            switch (this) {
                case Fixed<T> f -> json.field("count", f.n());
                case FromField<T> f -> json.field("countField", f.field().name());
                case OnWire<T> w -> {
                }
            }
        }

        /** Writes the count when it goes on the wire, or checks the object agrees with it. */
        default void save(T obj, int actual, String name, BodyWriter out) {
            switch (this) {
                case OnWire<T> w -> out.putInt(actual);
                case Fixed<T> f -> {
                    if (actual != f.n()) {
                        throw new IllegalStateException("field '" + name + "' holds "
                                + Plural.count(actual, "element") + "; its description fixes "
                                + f.n());
                    }
                }
                case FromField<T> f -> {
                    long expected = f.field().codec.count(obj);
                    if (actual != expected) {
                        throw new IllegalStateException("field '" + name + "' holds "
                                + Plural.count(actual, "element") + " but its count field '" + f.field().name()
                                + "' says " + expected);
                    }
                }
            }
        }

        default int load(T obj, SectionInput in, int minElementSize, String name) throws StreamFormatException {
            long n = switch (this) {
                case OnWire<T> w -> in.u32();
                case Fixed<T> f -> f.n();
                case FromField<T> f -> f.field().codec.count(obj);
            };
            return in.fieldCount(n, minElementSize, name);
        }
    }

    // ---- scalars -----------------------------------------------------------------------------------

    static <T> Codec<T> integer(String name, FieldKind kind, ToLongFunction<T> get, ObjLongConsumer<T> set) {
        return new IntegerCodec<>(name, kind, get, set);
    }

    record IntegerCodec<T>(String name, FieldKind kind, ToLongFunction<T> get,
            ObjLongConsumer<T> set) implements FixedSizeCodec<T> {
        @Override
        public void save(T obj, BodyWriter out, DescriptionContext ctx) {
            long v = get.applyAsLong(obj);
            Scalars.write(out, kind, Scalars.checked(name, kind, v));
        }

        @Override
        public void saveAt(T obj, BodyWriter out, int at) {
            long v = get.applyAsLong(obj);
            Scalars.writeAt(out, kind, at, Scalars.checked(name, kind, v));
        }

        @Override
        public void loadAt(T obj, SectionInput in, int at) throws StreamFormatException {
            set.accept(obj, in.integerAt(kind, at));
        }

        @Override
        public void load(T obj, SectionInput in, DescriptionContext ctx) throws StreamFormatException {
            set.accept(obj, in.integer(kind));
        }

        @Override
        public String compare(T obj, SectionInput in, DescriptionContext ctx) throws StreamFormatException {
            return Scalars.mismatch(kind, in.integer(kind), get.applyAsLong(obj));
        }

        @Override
        public long count(T obj) {
            return get.applyAsLong(obj);
        }

        @Override
        public int minSize() {
            return kind.size();
        }
    }

    /**
     * An integer kind held in an {@code int} (u8, s8, u16, s16, s32): the accessors are called
     * directly, not through a widening lambda, so a field costs one call to its getter or setter.
     */
    static <T> Codec<T> smallInteger(String name, FieldKind kind, ToIntFunction<T> get, ObjIntConsumer<T> set) {
        return new SmallIntegerCodec<>(name, kind, get, set);
    }

    record SmallIntegerCodec<T>(String name, FieldKind kind, ToIntFunction<T> get,
            ObjIntConsumer<T> set) implements FixedSizeCodec<T> {
        @Override
        public void save(T obj, BodyWriter out, DescriptionContext ctx) {
            int v = get.applyAsInt(obj);
            Scalars.write(out, kind, Scalars.checked(name, kind, v));
        }

        @Override
        public void saveAt(T obj, BodyWriter out, int at) {
            int v = get.applyAsInt(obj);
            Scalars.writeAt(out, kind, at, Scalars.checked(name, kind, v));
        }

        @Override
        public void loadAt(T obj, SectionInput in, int at) throws StreamFormatException {
            set.accept(obj, (int) in.integerAt(kind, at));
        }

        @Override
        public void load(T obj, SectionInput in, DescriptionContext ctx) throws StreamFormatException {
            set.accept(obj, (int) in.integer(kind));
        }

        @Override
        public String compare(T obj, SectionInput in, DescriptionContext ctx) throws StreamFormatException {
            return Scalars.mismatch(kind, in.integer(kind), get.applyAsInt(obj));
        }

        @Override
        public long count(T obj) {
            return get.applyAsInt(obj);
        }

        @Override
        public int minSize() {
            return kind.size();
        }
    }

    /** A bool held in a {@code boolean}: one octet, 0 or 1. */
    static <T> Codec<T> bool(Predicate<T> get, ObjBoolConsumer<T> set) {
        return new BoolCodec<>(get, set);
    }

    record BoolCodec<T>(Predicate<T> get, ObjBoolConsumer<T> set) implements FixedSizeCodec<T> {
        @Override
        public void save(T obj, BodyWriter out, DescriptionContext ctx) {
            out.putU8(get.test(obj) ? 1 : 0);
        }

        @Override
        public void saveAt(T obj, BodyWriter out, int at) {
            out.putU8At(at, get.test(obj) ? 1 : 0);
        }

        @Override
        public void loadAt(T obj, SectionInput in, int at) throws StreamFormatException {
            set.accept(obj, in.integerAt(FieldKind.BOOL, at) != 0);
        }

        @Override
        public void load(T obj, SectionInput in, DescriptionContext ctx) throws StreamFormatException {
            set.accept(obj, in.integer(FieldKind.BOOL) != 0);
        }

        @Override
        public String compare(T obj, SectionInput in, DescriptionContext ctx) throws StreamFormatException {
            boolean theirs = in.integer(FieldKind.BOOL) != 0;
            boolean ours = get.test(obj);
            return theirs == ours ? null : "stream has " + theirs + ", this build has " + ours;
        }

        @Override
        public long count(T obj) {
            return get.test(obj) ? 1 : 0;
        }

        @Override
        public int minSize() {
            return 1;
        }
    }

    static <T> Codec<T> floating(String name, FieldKind kind, ToDoubleFunction<T> get, ObjDoubleConsumer<T> set) {
        return new FloatingCodec<>(name, kind, get, set);
    }

    record FloatingCodec<T>(String name, FieldKind kind, ToDoubleFunction<T> get,
            ObjDoubleConsumer<T> set) implements FixedSizeCodec<T> {
        @Override
        public void save(T obj, BodyWriter out, DescriptionContext ctx) {
            double v = get.applyAsDouble(obj);
            if (kind == FieldKind.F32) {
                out.putFloat((float) v);
            } else {
                out.putDouble(v);
            }
        }

        @Override
        public void saveAt(T obj, BodyWriter out, int at) {
            double v = get.applyAsDouble(obj);
            if (kind == FieldKind.F32) {
                out.putFloatAt(at, (float) v);
            } else {
                out.putDoubleAt(at, v);
            }
        }

        @Override
        public void loadAt(T obj, SectionInput in, int at) {
            set.accept(obj, kind == FieldKind.F32 ? in.f32At(at) : in.f64At(at));
        }

        @Override
        public void load(T obj, SectionInput in, DescriptionContext ctx) throws StreamFormatException {
            set.accept(obj, kind == FieldKind.F32 ? in.f32() : in.f64());
        }

        @Override
        public String compare(T obj, SectionInput in, DescriptionContext ctx) throws StreamFormatException {
            double theirs = kind == FieldKind.F32 ? in.f32() : in.f64();
            double ours = kind == FieldKind.F32 ? (float) get.applyAsDouble(obj) : get.applyAsDouble(obj);
            return Double.compare(theirs, ours) == 0 ? null : "stream has " + theirs + ", this build has " + ours;
        }

        @Override
        public int minSize() {
            return kind.size();
        }
    }

    static <T> Codec<T> string(String name, Function<T, String> get, BiConsumer<T, String> set) {
        return new StringCodec<>(name, get, set);
    }

    record StringCodec<T>(String name, Function<T, String> get, BiConsumer<T, String> set) implements Codec<T> {
        @Override
        public void save(T obj, BodyWriter out, DescriptionContext ctx) {
            String s = get.apply(obj);
            if (s == null) {
                throw new NullPointerException("field '" + name + "' is null; use nullableString");
            }
            out.putUtf8WithLength(s);
        }

        @Override
        public void load(T obj, SectionInput in, DescriptionContext ctx) throws StreamFormatException {
            set.accept(obj, in.string());
        }

        @Override
        public String compare(T obj, SectionInput in, DescriptionContext ctx) throws StreamFormatException {
            return mismatch(in.string(), get.apply(obj));
        }

        @Override
        public int minSize() {
            return 4;
        }
    }

    /** Null when the two strings (either may be null) are equal, else a sentence quoting both. */
    private static String mismatch(String theirs, String ours) {
        return Objects.equals(theirs, ours) ? null
                : "stream has " + quoted(theirs) + ", this build has " + quoted(ours);
    }

    private static String quoted(String s) {
        return s == null ? "null" : "\"" + s + "\"";
    }

    /** Reads a null marker: true for 1 (a value follows), false for 0 (null); any other octet is an error. */
    private static boolean present(SectionInput in) throws StreamFormatException {
        int marker = in.u8();
        if (marker > 1) { // the offset only when it is needed: every load of the field passes here
            throw in.errorAt(in.offset() - 1, "null marker is " + marker + ", not 0 or 1");
        }
        return marker == 1;
    }

    static <T> Codec<T> nullableString(String name, Function<T, String> get, BiConsumer<T, String> set) {
        return new NullableStringCodec<>(name, get, set);
    }

    /** A string that may be null: a u8 null marker, then for 1 the string as {@link StringCodec} writes it. */
    record NullableStringCodec<T>(String name, Function<T, String> get, BiConsumer<T, String> set)
            implements Codec<T> {
        @Override
        public void save(T obj, BodyWriter out, DescriptionContext ctx) {
            String s = get.apply(obj);
            out.putU8(s == null ? 0 : 1);
            if (s != null) {
                out.putUtf8WithLength(s);
            }
        }

        @Override
        public void load(T obj, SectionInput in, DescriptionContext ctx) throws StreamFormatException {
            set.accept(obj, present(in) ? in.string() : null);
        }

        @Override
        public String compare(T obj, SectionInput in, DescriptionContext ctx) throws StreamFormatException {
            return mismatch(present(in) ? in.string() : null, get.apply(obj));
        }

        @Override
        public int minSize() {
            return 1;
        }
    }

    static <T> Codec<T> strings(String name, Function<T, List<String>> get, BiConsumer<T, List<String>> set) {
        return new StringListCodec<>(name, get, set);
    }

    /** A list of strings: u32 count, then each string as {@link StringCodec} writes it. */
    record StringListCodec<T>(String name, Function<T, List<String>> get, BiConsumer<T, List<String>> set)
            implements Codec<T> {
        @Override
        public void save(T obj, BodyWriter out, DescriptionContext ctx) {
            List<String> list = get.apply(obj);
            if (list == null) {
                throw new NullPointerException("field '" + name + "' is null");
            }
            int n = list.size();
            out.putInt(n);
            for (int i = 0; i < n; i++) { // by index: an iterator would allocate
                String s = list.get(i);
                if (s == null) {
                    throw new NullPointerException("field '" + name + "[" + i + "]' is null");
                }
                out.putUtf8WithLength(s);
            }
        }

        @Override
        public void load(T obj, SectionInput in, DescriptionContext ctx) throws StreamFormatException {
            int n = in.fieldCount(in.u32(), 4, name); // each string takes at least its length
            List<String> list = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                try {
                    list.add(in.string());
                } catch (StreamFormatException ex) {
                    throw ex.atPath("[" + i + "]");
                }
            }
            set.accept(obj, list);
        }

        @Override
        public int minSize() {
            return 4;
        }
    }

    static <T> Codec<T> bytes(String name, Count<T> count, Function<T, byte[]> get, BiConsumer<T, byte[]> set) {
        return new BytesCodec<>(name, count, get, set);
    }

    record BytesCodec<T>(String name, Count<T> count, Function<T, byte[]> get,
            BiConsumer<T, byte[]> set) implements Codec<T> {
        @Override
        public void save(T obj, BodyWriter out, DescriptionContext ctx) {
            byte[] b = get.apply(obj);
            count.save(obj, b.length, name, out);
            out.put(b);
        }

        @Override
        public void load(T obj, SectionInput in, DescriptionContext ctx) throws StreamFormatException {
            set.accept(obj, in.bytes(count.load(obj, in, 1, name)));
        }

        @Override
        public int minSize() {
            return count instanceof Count.Fixed<T> f ? f.n() : 0;
        }

        @Override
        public void describe(JsonWriter json, Map<String, StateDescription<?>> refs) {
            if (count instanceof Count.Fixed<T> f) {
                json.field("size", f.n());
            } else {
                count.describe(json);
            }
        }
    }

    static <T> Codec<T> unused(int size) {
        return new UnusedCodec<>(size);
    }

    record UnusedCodec<T>(int size) implements Codec<T> {
        @Override
        public void save(T obj, BodyWriter out, DescriptionContext ctx) {
            out.putZeros(size);
        }

        @Override
        public void load(T obj, SectionInput in, DescriptionContext ctx) throws StreamFormatException {
            in.skip(size);
        }

        @Override
        public int minSize() {
            return size;
        }

        @Override
        public void describe(JsonWriter json, Map<String, StateDescription<?>> refs) {
            json.field("size", size);
        }
    }

    static <T, E extends Enum<E>> Codec<T> enumeration(String name, Class<E> type, ToIntFunction<E> id,
            IntFunction<E> byId, Function<T, E> get, BiConsumer<T, E> set) {
        return new EnumerationCodec<>(name, type, id, byId, get, set);
    }

    record EnumerationCodec<T, E extends Enum<E>>(String name, Class<E> type, ToIntFunction<E> id,
            IntFunction<E> byId, Function<T, E> get, BiConsumer<T, E> set) implements Codec<T> {
        @Override
        public void save(T obj, BodyWriter out, DescriptionContext ctx) {
            E e = get.apply(obj);
            if (e == null) {
                throw new NullPointerException("field '" + name + "' is null");
            }
            out.putInt(id.applyAsInt(e));
        }

        @Override
        public void load(T obj, SectionInput in, DescriptionContext ctx) throws StreamFormatException {
            int raw = in.s32();
            E e = byId.apply(raw);
            if (e == null) {
                throw in.errorAt(in.offset() - 4, "bad enum id " + Integer.toUnsignedString(raw) + " for " + type.getSimpleName());
            }
            set.accept(obj, e);
        }

        @Override
        public String compare(T obj, SectionInput in, DescriptionContext ctx) throws StreamFormatException {
            int theirs = in.s32();
            int ours = id.applyAsInt(get.apply(obj));
            return theirs == ours ? null : "stream has id " + theirs + ", this build has " + ours;
        }

        @Override
        public int minSize() {
            return 4;
        }

        @Override
        public void describe(JsonWriter json, Map<String, StateDescription<?>> refs) {
            json.name("values").beginObject();
            for (E e : type.getEnumConstants()) {
                json.field(e.name(), id.applyAsInt(e));
            }
            json.endObject();
        }
    }

    /** An enum known only by its JSON "values" (name to id), for tools decoding without producer code. */
    static <T> Codec<T> genericEnum(String name, Map<String, Object> values, Function<T, String> get,
            BiConsumer<T, String> set) {
        Map<Integer, String> byId = new java.util.HashMap<>();
        for (String constant : values.keySet()) {
            byId.put(dev.baton.core.json.JsonFields.count(values, constant, 0), constant);
        }
        return new GenericEnumCodec<>(name, values, get, set, byId);
    }

    record GenericEnumCodec<T>(String name, Map<String, Object> values, Function<T, String> get,
            BiConsumer<T, String> set, Map<Integer, String> byId) implements Codec<T> {
        @Override
        public void save(T obj, BodyWriter out, DescriptionContext ctx) {
            Object id = values.get(get.apply(obj));
            if (id == null) {
                throw new IllegalArgumentException("field '" + name + "' has no id for " + get.apply(obj));
            }
            out.putInt(((Number) id).intValue());
        }

        @Override
        public void load(T obj, SectionInput in, DescriptionContext ctx) throws StreamFormatException {
            int raw = in.s32();
            String e = byId.get(raw);
            if (e == null) {
                throw in.errorAt(in.offset() - 4, "bad enum id " + Integer.toUnsignedString(raw) + " for field '" + name + "'");
            }
            set.accept(obj, e);
        }

        @Override
        public int minSize() {
            return 4;
        }

        @Override
        public void describe(JsonWriter json, Map<String, StateDescription<?>> refs) {
            json.name("values").beginObject();
            values.forEach((k, v) -> json.field(k, ((Number) v).longValue()));
            json.endObject();
        }
    }

    // ---- scalar arrays -----------------------------------------------------------------------------

    /** Arrays of integer or float scalars held in an int[], long[] or double[]. */
    static <T, A> Codec<T> scalarArray(String name, FieldKind element, Count<T> count, Function<T, A> get,
            BiConsumer<T, A> set, IntFunction<A> create) {
        return new ScalarArrayCodec<>(name, element, count, get, set, create);
    }

    record ScalarArrayCodec<T, A>(String name, FieldKind element, Count<T> count, Function<T, A> get,
            BiConsumer<T, A> set, IntFunction<A> create) implements Codec<T> {
        @Override
        public void save(T obj, BodyWriter out, DescriptionContext ctx) {
            A a = get.apply(obj);
            int n = switch (a) {
                case int[] ints -> ints.length;
                case long[] longs -> longs.length;
                case double[] doubles -> doubles.length;
                default -> throw new IllegalStateException("unsupported array " + a.getClass());
            };
            count.save(obj, n, name, out);
            switch (a) {
                case int[] ints -> {
                    for (int v : ints) {
                        checkAndWrite(out, v);
                    }
                }
                case long[] longs -> {
                    for (long v : longs) {
                        checkAndWrite(out, v);
                    }
                }
                case double[] doubles -> {
                    for (double v : doubles) {
                        if (element == FieldKind.F32) {
                            out.putFloat((float) v);
                        } else {
                            out.putDouble(v);
                        }
                    }
                }
                default -> throw new IllegalStateException("unsupported array " + a.getClass());
            }
        }

        private void checkAndWrite(BodyWriter out, long v) {
            if (!Scalars.fits(element, v)) {
                throw new IllegalArgumentException("field '" + name + "' element " + v + " does not fit "
                        + element.jsonName());
            }
            Scalars.write(out, element, v);
        }

        @Override
        public void load(T obj, SectionInput in, DescriptionContext ctx) throws StreamFormatException {
            int n = count.load(obj, in, element.size(), name);
            A a = create.apply(n);
            switch (a) {
                case int[] ints -> {
                    for (int i = 0; i < n; i++) {
                        ints[i] = (int) in.integer(element);
                    }
                }
                case long[] longs -> {
                    for (int i = 0; i < n; i++) {
                        longs[i] = in.integer(element);
                    }
                }
                case double[] doubles -> {
                    for (int i = 0; i < n; i++) {
                        doubles[i] = element == FieldKind.F32 ? in.f32() : in.f64();
                    }
                }
                default -> throw new IllegalStateException("unsupported array " + a.getClass());
            }
            set.accept(obj, a);
        }

        @Override
        public int minSize() {
            return count instanceof Count.Fixed<T> f ? f.n() * element.size() : 0;
        }

        @Override
        public void describe(JsonWriter json, Map<String, StateDescription<?>> refs) {
            json.field("element", element.jsonName());
            count.describe(json);
        }
    }

    // ---- nested descriptions -----------------------------------------------------------------------

    /** How a nested description is framed: plain, with its version, or behind a null marker. */
    enum Nesting { PLAIN, VERSIONED, NULLABLE }

    static <T, N> Codec<T> struct(String name, StateDescription<N> d, Nesting nesting, Function<T, N> get,
            BiConsumer<T, N> set) {
        return new StructCodec<>(name, Nested.of(d), nesting, get, set);
    }

    record StructCodec<T, N>(String name, Nested<N> nested, Nesting nesting, Function<T, N> get,
            BiConsumer<T, N> set) implements Codec<T> {
        @Override
        public void save(T obj, BodyWriter out, DescriptionContext ctx) {
            N n = get.apply(obj);
            switch (nesting) {
                case NULLABLE -> {
                    out.putU8(n == null ? 0 : 1);
                    if (n == null) {
                        return;
                    }
                }
                case VERSIONED -> out.putInt(ctx.writeVersion(nested.d()));
                case PLAIN -> {
                }
            }
            if (n == null) {
                throw new NullPointerException("field '" + name + "' is null; use nullable");
            }
            nested.save(n, out, ctx);
        }

        @Override
        public void load(T obj, SectionInput in, DescriptionContext ctx) throws StreamFormatException {
            int v = ctx.readVersion(nested.d());
            switch (nesting) {
                case NULLABLE -> {
                    if (!present(in)) {
                        set.accept(obj, null);
                        return;
                    }
                }
                case VERSIONED -> v = in.s32();
                case PLAIN -> {
                }
            }
            if (nested.construction() != null) { // a record: made from its loaded fields
                set.accept(obj, nested.loadNew(in, v, ctx));
                return;
            }
            N n = nesting == Nesting.NULLABLE ? null : get.apply(obj);
            if (n == null) {
                n = nested.newInstance();
                set.accept(obj, n);
            }
            nested.load(n, in, v, ctx);
        }

        @Override
        public int minSize() {
            return nesting == Nesting.PLAIN ? 1 : nesting == Nesting.VERSIONED ? 5 : 1;
        }

        @Override
        public void describe(JsonWriter json, Map<String, StateDescription<?>> refs) {
            json.field("description", nested.d().name);
            refs.putIfAbsent(nested.d().name, nested.d());
        }
    }

    /** A sequence of nested descriptions held in a List: counted on the wire, fixed, or counted by a field. */
    static <T, N> Codec<T> structList(String name, StateDescription<N> d, Count<T> count, Function<T, List<N>> get,
            BiConsumer<T, List<N>> set) {
        return new StructListCodec<>(name, Nested.of(d), count, get, set);
    }

    record StructListCodec<T, N>(String name, Nested<N> nested, Count<T> count, Function<T, List<N>> get,
            BiConsumer<T, List<N>> set) implements Sequence<T> {
        @Override
        public void save(T obj, BodyWriter out, DescriptionContext ctx) {
            List<N> list = get.apply(obj);
            int n = list.size();
            count.save(obj, n, name, out);
            for (int i = 0; i < n; i++) {
                nested.save(list.get(i), out, ctx);
            }
        }

        @Override
        public void load(T obj, SectionInput in, DescriptionContext ctx) throws StreamFormatException {
            int n = count.load(obj, in, 1, name);
            List<N> list = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                list.add(nested.loadElement(in, i, ctx));
            }
            set.accept(obj, list);
        }
    }

    /** A sequence of nested descriptions, as a List or an array holds them: its size bound and JSON keys. */
    interface Sequence<T> extends Codec<T> {
        Nested<?> nested();

        Count<T> count();

        @Override
        default int minSize() {
            return count() instanceof Count.OnWire<T> ? 4 : 0;
        }

        @Override
        default void describe(JsonWriter json, Map<String, StateDescription<?>> refs) {
            json.field("description", nested().d().name);
            count().describe(json);
            refs.putIfAbsent(nested().d().name, nested().d());
        }
    }

    /**
     * A sequence of nested descriptions held in an array, {@code N[]}: the octets of
     * {@link StructListCodec}, of the same kinds (list, array, varray).
     */
    static <T, N> Codec<T> structArray(String name, StateDescription<N> d, Count<T> count, Function<T, N[]> get,
            BiConsumer<T, N[]> set, IntFunction<N[]> create) {
        return new StructArrayCodec<>(name, Nested.of(d), count, get, set, create);
    }

    record StructArrayCodec<T, N>(String name, Nested<N> nested, Count<T> count, Function<T, N[]> get,
            BiConsumer<T, N[]> set, IntFunction<N[]> create) implements Sequence<T> {
        @Override
        public void save(T obj, BodyWriter out, DescriptionContext ctx) {
            N[] array = get.apply(obj);
            count.save(obj, array.length, name, out);
            for (N e : array) {
                nested.save(e, out, ctx);
            }
        }

        @Override
        public void load(T obj, SectionInput in, DescriptionContext ctx) throws StreamFormatException {
            int n = count.load(obj, in, 1, name);
            N[] array = create.apply(n);
            for (int i = 0; i < n; i++) {
                array[i] = nested.loadElement(in, i, ctx);
            }
            set.accept(obj, array);
        }
    }

    /** A map from string or s64 keys to nested descriptions: u32 count, then key and value pairs. */
    static <T, K, N> Codec<T> map(String name, FieldKind keyKind, StateDescription<N> d, Function<T, Map<K, N>> get,
            BiConsumer<T, Map<K, N>> set) {
        return new MapCodec<>(name, keyKind, Nested.of(d), get, set);
    }

    record MapCodec<T, K, N>(String name, FieldKind keyKind, Nested<N> nested,
            Function<T, Map<K, N>> get,
            BiConsumer<T, Map<K, N>> set) implements Codec<T> {
        @Override
        public void save(T obj, BodyWriter out, DescriptionContext ctx) {
            Map<K, N> m = get.apply(obj);
            out.putInt(m.size());
            for (Map.Entry<K, N> e : m.entrySet()) {
                if (keyKind == FieldKind.STRING) {
                    out.putUtf8WithLength((String) e.getKey());
                } else {
                    out.putLong((Long) e.getKey());
                }
                nested.save(e.getValue(), out, ctx);
            }
        }

        @Override
        @SuppressWarnings("unchecked")
        public void load(T obj, SectionInput in, DescriptionContext ctx) throws StreamFormatException {
            int n = in.fieldCount(in.u32(), keyKind == FieldKind.STRING ? 5 : 9, name);
            Map<K, N> m = new LinkedHashMap<>();
            for (int i = 0; i < n; i++) {
                long at = in.offset();
                K key = (K) (keyKind == FieldKind.STRING ? in.string() : (Object) in.s64());
                N v;
                try {
                    v = nested.loadNew(in, ctx.readVersion(nested.d()), ctx);
                } catch (StreamFormatException ex) {
                    throw ex.atPath("[" + key + "]");
                }
                if (m.put(key, v) != null) {
                    throw in.errorAt(at, "duplicate key " + key);
                }
            }
            set.accept(obj, m);
        }

        @Override
        public int minSize() {
            return 4;
        }

        @Override
        public void describe(JsonWriter json, Map<String, StateDescription<?>> refs) {
            json.field("key", keyKind.jsonName()).field("description", nested.d().name);
            refs.putIfAbsent(nested.d().name, nested.d());
        }
    }
}
