package dev.baton.core.describe;

import dev.baton.core.describe.FieldAccessors.Conversion;
import dev.baton.core.describe.annotation.CountField;
import dev.baton.core.describe.annotation.Equal;
import dev.baton.core.describe.annotation.MustExist;
import dev.baton.core.describe.annotation.Nullable;
import dev.baton.core.describe.annotation.Since;
import dev.baton.core.describe.annotation.Size;
import dev.baton.core.describe.annotation.Unsigned;
import dev.baton.core.describe.annotation.Width;
import java.lang.annotation.Annotation;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.Field;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One field of a derived description: the builder's kind for a member's Java type and
 * annotations (docs/DESCRIPTIONS.md, "Derived descriptions"), and the codec the builder's method
 * of that kind makes, over either side's accessors ({@link Holder}). The rules of kinds live
 * here; a rule broken is a {@link DerivationException} naming the member.
 */
final class DerivedField {

    /**
     * A record component or class field: its name, Java type, annotations, handles
     * {@code (Declaring) Type} and {@code (Declaring, Type) void} (null for a record's component),
     * and the field that holds it with a lookup in the field's class (for {@link FieldAccessors}).
     */
    record Member(String name, Class<?> type, Type generic, AnnotatedElement annotated, MethodHandle get,
            MethodHandle set, Field field, MethodHandles.Lookup lookup) {

        /** The getter and setter (null for a record) as {@code holder} takes them, with {@code conversion}. */
        Holder.Accessors accessors(Holder holder, Conversion conversion, MethodHandle getter, MethodHandle setter) {
            Holder.Accessors a = FieldAccessors.of(lookup, field, holder, conversion, set != null);
            return a != null ? a : holder.handles(getter, setter);
        }

        /** A boolean member's getter. */
        java.util.function.Predicate<Object> booleanGetter() {
            return accessors(Holder.BOOL, Conversion.NONE,
                    get.asType(MethodType.methodType(boolean.class, Object.class)), null).get();
        }

        /** A reference member's getter and (for a class) setter. */
        Holder.Accessors references() {
            return accessors(Holder.REF, Conversion.NONE, get.asType(Holder.REF.getter()),
                    set == null ? null : set.asType(Holder.REF.setter()));
        }
    }

    /** A scalar kind, and how a member's Java type holds it. */
    private record Scalar(FieldKind kind, Holder holder, Conversion conversion) {
    }

    /** Makes the codec of the field over one side's accessors, in that side's builder (for count fields). */
    interface CodecMaker {
        Codec<Object> make(Holder.Accessors a, DescriptionBuilder<Object> b);
    }

    final Member member;
    final FieldKind kind;
    final Holder holder;
    final CodecMaker codec;
    final int since;
    final String when;
    final boolean mustExist;
    final boolean equal;
    private final Conversion conversion;

    private DerivedField(Member member, FieldKind kind, Holder holder, Conversion conversion, CodecMaker codec,
            int since, String when, boolean mustExist, boolean equal) {
        this.member = member;
        this.kind = kind;
        this.holder = holder;
        this.conversion = conversion;
        this.codec = codec;
        this.since = since;
        this.when = when;
        this.mustExist = mustExist;
        this.equal = equal;
    }

    /** The annotations of this package on a member, and which of them a rule has used. */
    static final class Marks {
        private final AnnotatedElement on;
        private final Set<Class<? extends Annotation>> unused = new LinkedHashSet<>();

        Marks(AnnotatedElement on) {
            this.on = on;
            for (Annotation a : on.getAnnotations()) {
                if (a.annotationType().getPackage() == Since.class.getPackage()) {
                    unused.add(a.annotationType());
                }
            }
        }

        /** The annotation, or null; either way it has been considered. */
        <A extends Annotation> A take(Class<A> type) {
            unused.remove(type);
            return on.getAnnotation(type);
        }

        /** The first annotation no rule used, or null. */
        Class<? extends Annotation> firstUnused() {
            return unused.isEmpty() ? null : unused.iterator().next();
        }
    }

    /**
     * The field of {@code m}.
     *
     * @param owner   the record or class, for messages
     * @param earlier the kinds of the fields before it, by name (for {@link CountField})
     * @param version the description's version (for {@link Since})
     */
    static DerivedField of(Derivation derivation, Class<?> owner, Member m, Map<String, FieldKind> earlier,
            int version) {
        Marks marks = new Marks(m.annotated());
        Since since = marks.take(Since.class);
        if (since != null && (since.value() < 1 || since.value() > version)) {
            throw error(owner, m, "@Since(" + since.value() + ") is outside the description's versions 1 to "
                    + version + " (raise @Description(version = ...))");
        }
        dev.baton.core.describe.annotation.When when = marks.take(dev.baton.core.describe.annotation.When.class);
        boolean mustExist = marks.take(MustExist.class) != null;
        boolean equal = marks.take(Equal.class) != null;
        DerivedField f = kindOf(derivation, owner, m, marks, earlier);
        if (equal) {
            if (owner.isRecord()) {
                throw error(owner, m, "@Equal compares with the object's own value, and a record has none before it"
                        + " loads (derive a class, or describe it with the builder)");
            }
            if (!f.kind.isScalar() && f.kind != FieldKind.STRING && f.kind != FieldKind.NSTRING
                    && f.kind != FieldKind.ENUM) {
                throw error(owner, m, "@Equal applies to scalar, string and enum fields, not " + f.kind.jsonName());
            }
        }
        Class<? extends Annotation> unused = marks.firstUnused();
        if (unused != null) {
            throw error(owner, m, "@" + unused.getSimpleName() + " does not apply to " + what(m) + " (kind "
                    + f.kind.jsonName() + ")");
        }
        return new DerivedField(m, f.kind, f.holder, f.conversion, f.codec, since == null ? 0 : since.value(),
                when == null ? null : when.value(), mustExist, equal);
    }

    /** The field's kind, holder and codec from the member's Java type and its kind annotations. */
    private static DerivedField kindOf(Derivation derivation, Class<?> owner, Member m, Marks marks,
            Map<String, FieldKind> earlier) {
        Class<?> t = m.type();
        String name = m.name();
        if (t.isPrimitive()) {
            Scalar s = scalar(owner, m, t, marks);
            CodecMaker c = switch (s.holder()) {
                case BOOL -> (a, b) -> Codecs.bool(a.get(), a.set());
                case INT -> (a, b) -> Codecs.smallInteger(name, s.kind(), a.get(), a.set());
                case LONG -> (a, b) -> Codecs.integer(name, s.kind(), a.get(), a.set());
                case DOUBLE -> (a, b) -> Codecs.floating(name, s.kind(), a.get(), a.set());
                case REF -> throw new IllegalStateException("a primitive is not a reference");
            };
            return plain(m, s.kind(), s.holder(), s.conversion(), c);
        }
        if (t == String.class) {
            if (marks.take(Nullable.class) != null) {
                return plain(m, FieldKind.NSTRING, Holder.REF, Conversion.NONE,
                        (a, b) -> Codecs.nullableString(name, a.get(), a.set()));
            }
            return plain(m, FieldKind.STRING, Holder.REF, Conversion.NONE,
                    (a, b) -> Codecs.string(name, a.get(), a.set()));
        }
        if (t.isEnum()) {
            EnumIds<?> ids = derivation.enumIds(t, owner, name);
            return plain(m, FieldKind.ENUM, Holder.REF, Conversion.NONE, (a, b) -> ids.codec(name, a));
        }
        if (t.isArray()) {
            return array(derivation, owner, m, marks, earlier);
        }
        if (t == List.class) {
            Class<?> e = typeArgument(owner, m, 0);
            if (e == String.class) {
                return plain(m, FieldKind.STRINGS, Holder.REF, Conversion.NONE,
                        (a, b) -> Codecs.strings(name, a.get(), a.set()));
            }
            requireNested(derivation, owner, m, e, "a List's elements");
            StateDescription<Object> d = derivation.nested(e, owner, name);
            Count count = count(owner, m, marks, earlier, FieldKind.LIST);
            return plain(m, count.kind, Holder.REF, Conversion.NONE,
                    (a, b) -> Codecs.structList(name, d, count.of(b), a.get(), a.set()));
        }
        if (t == Map.class) {
            Class<?> k = typeArgument(owner, m, 0);
            Class<?> v = typeArgument(owner, m, 1);
            if (k != String.class && k != Long.class) {
                throw error(owner, m, "a Map's keys are String or Long (map, longMap), not " + k.getName());
            }
            requireNested(derivation, owner, m, v, "a Map's values");
            StateDescription<Object> d = derivation.nested(v, owner, name);
            FieldKind keyKind = k == String.class ? FieldKind.STRING : FieldKind.S64;
            return plain(m, FieldKind.MAP, Holder.REF, Conversion.NONE,
                    (a, b) -> Codecs.map(name, keyKind, d, a.get(), a.set()));
        }
        if (java.util.Collection.class.isAssignableFrom(t) || java.util.Map.class.isAssignableFrom(t)) {
            throw error(owner, m, "declare it as List or Map, not " + t.getSimpleName()
                    + " (loading makes an ArrayList or a LinkedHashMap)");
        }
        requireNested(derivation, owner, m, t, "its type");
        StateDescription<Object> d = derivation.nested(t, owner, name);
        boolean nullable = marks.take(Nullable.class) != null;
        Codecs.Nesting nesting = nullable ? Codecs.Nesting.NULLABLE : Codecs.Nesting.PLAIN;
        return plain(m, nullable ? FieldKind.NULLABLE : FieldKind.STRUCT, Holder.REF, Conversion.NONE,
                (a, b) -> Codecs.struct(name, d, nesting, a.get(), a.set()));
    }

    private static DerivedField plain(Member m, FieldKind kind, Holder holder, Conversion conversion, CodecMaker c) {
        return new DerivedField(m, kind, holder, conversion, c, 0, null, false, false);
    }

    /** byte[] (bytes, vbytes), int[], long[] and double[] (array, varray), or an array of nested descriptions. */
    private static DerivedField array(Derivation derivation, Class<?> owner, Member m, Marks marks,
            Map<String, FieldKind> earlier) {
        Class<?> e = m.type().getComponentType();
        String name = m.name();
        if (e == byte.class) {
            Count count = count(owner, m, marks, earlier, null);
            FieldKind kind = count.kind == FieldKind.ARRAY ? FieldKind.BYTES : FieldKind.VBYTES;
            return plain(m, kind, Holder.REF, Conversion.NONE,
                    (a, b) -> Codecs.bytes(name, count.of(b), a.get(), a.set()));
        }
        if (e == int.class || e == long.class || e == double.class) {
            Scalar s = scalar(owner, m, e, marks);
            if (e == int.class && s.holder() == Holder.LONG) {
                throw error(owner, m, "an int[] holds u8, s8, u16, s16 and s32 elements: u32 elements need a long[]");
            }
            Count count = count(owner, m, marks, earlier, null);
            FieldKind element = s.kind();
            java.util.function.IntFunction<Object> create = e == int.class ? int[]::new
                    : e == long.class ? long[]::new : double[]::new;
            return plain(m, count.kind, Holder.REF, Conversion.NONE,
                    (a, b) -> Codecs.scalarArray(name, element, count.of(b), a.get(), a.set(), create));
        }
        if (e.isPrimitive()) {
            throw error(owner, m, e.getName() + "[] has no kind: arrays of scalars are int[], long[] and"
                    + " double[] (with @Width for narrower elements), octets a byte[]");
        }
        requireNested(derivation, owner, m, e, "an array's elements");
        StateDescription<Object> d = derivation.nested(e, owner, name);
        Count count = count(owner, m, marks, earlier, FieldKind.LIST);
        java.util.function.IntFunction<Object[]> create = n -> (Object[]) java.lang.reflect.Array.newInstance(e, n);
        return plain(m, count.kind, Holder.REF, Conversion.NONE,
                (a, b) -> Codecs.structArray(name, d, count.of(b), a.get(), a.set(), create));
    }

    /** Where a sequence's count comes from: {@link Size}, {@link CountField}, or (for {@code onWire} kinds) the wire. */
    private record Count(FieldKind kind, int size, String field) {
        Codecs.Count<Object> of(DescriptionBuilder<Object> b) {
            return switch (kind) {
                case ARRAY -> new Codecs.Count.Fixed<>(size);
                case VARRAY -> b.countFrom(field);
                default -> new Codecs.Count.OnWire<>();
            };
        }
    }

    private static Count count(Class<?> owner, Member m, Marks marks, Map<String, FieldKind> earlier,
            FieldKind onWire) {
        Size size = marks.take(Size.class);
        CountField field = marks.take(CountField.class);
        if (size != null && field != null) {
            throw error(owner, m, "@Size and @CountField both count it: keep one");
        }
        if (size != null) {
            if (size.value() < 0) {
                throw error(owner, m, "@Size(" + size.value() + ") is negative");
            }
            return new Count(FieldKind.ARRAY, size.value(), null);
        }
        if (field != null) {
            FieldKind k = earlier.get(field.value());
            if (k == null) {
                throw error(owner, m, "@CountField(\"" + field.value() + "\") names no field declared before it");
            }
            if (!k.isInteger()) {
                throw error(owner, m, "@CountField(\"" + field.value() + "\") names a " + k.jsonName()
                        + " field, not an integer");
            }
            return new Count(FieldKind.VARRAY, 0, field.value());
        }
        if (onWire == null) {
            throw error(owner, m, m.type().getSimpleName() + " needs @Size(n) or @CountField(\"field\")");
        }
        return new Count(onWire, 0, null);
    }

    /** The scalar kind of a primitive (or an array's primitive elements) with {@link Unsigned} and {@link Width}. */
    private static Scalar scalar(Class<?> owner, Member m, Class<?> t, Marks marks) {
        boolean unsigned = marks.take(Unsigned.class) != null;
        Width w = marks.take(Width.class);
        int width = w == null ? 0 : w.value();
        if (t == boolean.class) {
            if (unsigned || w != null) {
                throw error(owner, m, "boolean is bool: @Unsigned and @Width do not apply");
            }
            return new Scalar(FieldKind.BOOL, Holder.BOOL, Conversion.NONE);
        }
        int bits = t == byte.class ? 8 : t == short.class || t == char.class ? 16
                : t == int.class || t == float.class ? 32 : 64;
        if (w != null && (width != 8 && width != 16 && width != 32 && width != 64)) {
            throw error(owner, m, "@Width(" + width + ") is not 8, 16, 32 or 64");
        }
        if (width > bits) {
            throw error(owner, m, "@Width(" + width + ") is wider than " + t.getName() + " (" + bits + " bits)");
        }
        int at = width == 0 ? bits : width;
        if (t == float.class || t == double.class) {
            if (unsigned || at == 16 || at == 8) {
                throw error(owner, m, t.getName() + " is f32 or f64: " + (unsigned ? "@Unsigned" : "@Width("
                        + at + ")") + " does not apply");
            }
            return new Scalar(at == 32 ? FieldKind.F32 : FieldKind.F64, Holder.DOUBLE, Conversion.NONE);
        }
        boolean u = unsigned || t == char.class;
        FieldKind kind = switch (at) {
            case 8 -> u ? FieldKind.U8 : FieldKind.S8;
            case 16 -> u ? FieldKind.U16 : FieldKind.S16;
            case 32 -> u ? FieldKind.U32 : FieldKind.S32;
            default -> u ? FieldKind.U64 : FieldKind.S64;
        };
        if (t == long.class) {
            return new Scalar(kind, Holder.LONG, Conversion.NONE); // every kind from a long, as u32 and s64 are
        }
        // an int read as u32 needs a long; narrower unsigned kinds are range-checked on save as they are
        Conversion c = !unsigned ? Conversion.NONE : t == byte.class ? Conversion.BYTE_UNSIGNED
                : t == short.class ? Conversion.SHORT_UNSIGNED : kind == FieldKind.U32 ? Conversion.INT_UNSIGNED
                : Conversion.NONE;
        return new Scalar(kind, kind == FieldKind.U32 ? Holder.LONG : Holder.INT, c);
    }

    private static Class<?> typeArgument(Class<?> owner, Member m, int i) {
        if (m.generic() instanceof ParameterizedType p && p.getActualTypeArguments()[i] instanceof Class<?> c) {
            return c;
        }
        throw error(owner, m, m.type().getSimpleName() + " needs its type arguments as classes"
                + " (List<Extent>, Map<String, Extent>), not " + m.generic().getTypeName());
    }

    private static void requireNested(Derivation derivation, Class<?> owner, Member m, Class<?> t, String what) {
        if (!derivation.describes(t)) {
            throw error(owner, m, what + " (" + t.getName() + ") has no kind: derived descriptions hold scalars,"
                    + " String, List<String>, enums, byte[], int[], long[], double[], and records and classes"
                    + " (as fields, nullable, in List, Map and arrays); describe others with the builder"
                    + " and pass them to Derivation.describing");
        }
    }

    private static String what(Member m) {
        return m.generic().getTypeName().replaceAll("[a-z0-9_]+\\.", "").replace('$', '.');
    }

    static DerivationException error(Class<?> owner, Member m, String rule) {
        return new DerivationException(owner, m.name(), rule);
    }

    // ---- the own side's accessors ------------------------------------------------------------------

    /** The getter and (for a class) setter of the member in the holder's types: its own class, or handles. */
    Holder.Accessors accessors() {
        return member.accessors(holder, conversion, getter(), setter());
    }

    /** {@code (Object) holder}: the member's value as the builder's getter returns it. */
    private MethodHandle getter() {
        MethodHandle g = member.get();
        try {
            MethodHandles.Lookup l = MethodHandles.lookup();
            g = switch (conversion) {
                case NONE -> g;
                case BYTE_UNSIGNED -> MethodHandles.filterReturnValue(g,
                        l.findStatic(Byte.class, "toUnsignedInt", MethodType.methodType(int.class, byte.class)));
                case SHORT_UNSIGNED -> MethodHandles.filterReturnValue(g,
                        l.findStatic(Short.class, "toUnsignedInt", MethodType.methodType(int.class, short.class)));
                case INT_UNSIGNED -> MethodHandles.filterReturnValue(g,
                        l.findStatic(Integer.class, "toUnsignedLong", MethodType.methodType(long.class, int.class)));
            };
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
        return holder == Holder.REF ? g.asType(holder.getter())
                : MethodHandles.explicitCastArguments(g, holder.getter());
    }

    /** {@code (Object, holder) void}, or null for a record's component. */
    private MethodHandle setter() {
        return member.set() == null ? null : MethodHandles.explicitCastArguments(member.set(), holder.setter());
    }
}
