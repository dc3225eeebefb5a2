package dev.baton.core.describe;

import dev.baton.core.describe.annotation.AsSubsection;
import dev.baton.core.describe.annotation.Description;
import dev.baton.core.describe.annotation.Validate;
import java.lang.annotation.Annotation;
import java.lang.invoke.LambdaMetafactory;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.BiPredicate;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Derives a {@link StateDescription} from a record or a class: one field per record component
 * or class field, in declaration order, of the kind its Java type says, qualified by the
 * annotations of {@link dev.baton.core.describe.annotation} where the type does not say enough
 * (docs/DESCRIPTIONS.md, "Derived descriptions", has the table). The result is built by
 * {@link DescriptionBuilder}, so it is the same table, the same compiled steps and the same
 * octets as the description one would write by hand.
 *
 * <pre>{@code
 * record Extent(@Unsigned long start, @Unsigned long length) {}
 *
 * @Description(version = 2)
 * record Disk(@Unsigned @Width(32) long id, String name, List<Extent> extents,
 *             @Since(2) @Unsigned @Width(32) long iops) {}
 *
 * static final StateDescription<Disk> DISK = Derivation.with(MethodHandles.lookup()).derive(Disk.class);
 * }</pre>
 *
 * <p>A record loads through its canonical constructor: its fields are read into slots, then the
 * constructor makes it, so immutable state works, and its compact constructor sees every value.
 * A class loads in place: it needs a constructor without parameters, and fields that are not
 * final ({@code static} and {@code transient} fields are not state); a class's fields are taken
 * as the JVM lists them, which for javac's classes on HotSpot is the order of the source, the
 * superclass's first. Records and classes nest: as fields, nullable, and in {@code List}s,
 * {@code Map}s and arrays, each derived once per derivation and shared.
 *
 * <p>Everything is reached through method handles from the caller's {@link MethodHandles.Lookup}
 * (no {@code setAccessible}): the lookup of a class that can see the types, usually
 * {@code MethodHandles.lookup()} of the class that calls this. Types that annotations cannot
 * describe are described with the builder and given by {@link #describing}; a builder's
 * description can hold a derived one like any other.
 *
 * <p>A type that breaks a rule throws a {@link DerivationException} naming the type, the
 * component or field, and the rule. A derivation may be shared by threads (one derives at a time);
 * the descriptions it makes are immutable.
 */
public final class Derivation {
    private final MethodHandles.Lookup caller;
    private final Map<Class<?>, StateDescription<?>> given = new HashMap<>();
    private final Map<Class<?>, StateDescription<Object>> derived = new HashMap<>();
    /** Description names taken, by the type that took them. */
    private final Map<String, Class<?>> names = new HashMap<>();
    private final Map<Class<?>, EnumIds<?>> enums = new HashMap<>();
    /** The types being derived, outermost first: a type met again contains itself. */
    private final List<Class<?>> deriving = new ArrayList<>();

    private Derivation(MethodHandles.Lookup caller) {
        this.caller = Objects.requireNonNull(caller, "lookup");
    }

    /**
     * A derivation that reaches the types' members through {@code lookup}: pass
     * {@code MethodHandles.lookup()}, whose class can see the types (or {@code privateLookupIn}
     * of one that can).
     */
    public static Derivation with(MethodHandles.Lookup lookup) {
        return new Derivation(lookup);
    }

    /**
     * Describes {@code type} wherever a derived description holds it (a field, an element, a
     * map's value) by {@code description}, written with the builder: for what annotations cannot
     * say.
     */
    public synchronized <N> Derivation describing(Class<N> type, StateDescription<N> description) {
        claim(description.name(), type);
        given.put(type, description);
        return this;
    }

    /**
     * The description of a record or class, derived once by this derivation (or given to
     * {@link #describing}).
     *
     * @throws DerivationException when the type, one of its members or a type they hold breaks a rule
     */
    @SuppressWarnings("unchecked")
    public synchronized <T> StateDescription<T> derive(Class<T> type) {
        StateDescription<?> g = given.get(type);
        if (g != null) {
            return (StateDescription<T>) g;
        }
        StateDescription<Object> d = derived.get(type);
        if (d == null) {
            d = deriveType(type, null);
            derived.put(type, d);
        }
        return (StateDescription<T>) (StateDescription<?>) d;
    }

    // ---- for DerivedField --------------------------------------------------------------------------

    /** Whether a member of this type is a nested description: given, a record, or a class that may derive. */
    boolean describes(Class<?> t) {
        if (given.containsKey(t) || t.isRecord()) {
            return true;
        }
        return !t.isPrimitive() && !t.isArray() && !t.isInterface() && !t.isEnum()
                && !Modifier.isAbstract(t.getModifiers()) && !jdk(t);
    }

    /** The description of a nested type, held by {@code member} of {@code owner}. */
    @SuppressWarnings("unchecked")
    StateDescription<Object> nested(Class<?> t, Class<?> owner, String member) {
        try {
            return (StateDescription<Object>) derive(t);
        } catch (DerivationException e) {
            throw e.via(owner, member);
        }
    }

    EnumIds<?> enumIds(Class<?> t, Class<?> owner, String member) {
        EnumIds<?> ids = enums.get(t);
        if (ids == null) {
            try {
                ids = enumIdsOf(t.asSubclass(Enum.class));
            } catch (DerivationException e) {
                throw e.via(owner, member);
            }
            enums.put(t, ids);
        }
        return ids;
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static EnumIds<?> enumIdsOf(Class<? extends Enum> t) {
        return EnumIds.of((Class) t);
    }

    // ---- one type ----------------------------------------------------------------------------------

    /** A new description of {@code type}, named {@code name} (null: as its annotation or its name says). */
    private StateDescription<Object> deriveType(Class<?> type, String name) {
        refuseShape(type);
        if (deriving.contains(type)) {
            throw new DerivationException(type, null, "it contains itself (through " + deriving.get(
                    deriving.size() - 1).getSimpleName() + "), and a description cannot nest its own: describe"
                    + " the recursion with the builder");
        }
        deriving.add(type);
        try {
            return new OneType(type, name).build();
        } finally {
            deriving.remove(deriving.size() - 1);
        }
    }

    private static void refuseShape(Class<?> type) {
        String rule = null;
        if (type.isInterface() || type.isPrimitive() || type.isArray() || type.isEnum()) {
            rule = "only records and classes are derived (an enum or an array is a field's kind)";
        } else if (Modifier.isAbstract(type.getModifiers())) {
            rule = "an abstract class has no objects to load: derive its concrete classes";
        } else if (type.isAnonymousClass() || type.isLocalClass()
                || type.isMemberClass() && !Modifier.isStatic(type.getModifiers())) {
            rule = "an inner, local or anonymous class needs an enclosing instance: make it a static nested class";
        } else if (jdk(type)) {
            rule = "a JDK class has no state of ours to derive";
        }
        if (rule != null) {
            throw new DerivationException(type, null, rule);
        }
    }

    private static boolean jdk(Class<?> t) {
        String n = t.getName();
        return n.startsWith("java.") || n.startsWith("javax.") || n.startsWith("jdk.") || n.startsWith("sun.")
                || n.startsWith("com.sun.");
    }

    private void claim(String name, Class<?> type) {
        Class<?> other = names.putIfAbsent(name, type);
        if (other != null && other != type) {
            throw new DerivationException(type, null, "its description name '" + name + "' is " + other.getName()
                    + "'s too: name one with @Description(name = \"...\")");
        }
    }

    /** A lookup with the access of the caller's, in {@code c}: private access where the caller has it. */
    private MethodHandles.Lookup lookup(Class<?> c) {
        try {
            return MethodHandles.privateLookupIn(c, caller);
        } catch (IllegalAccessException e) {
            try {
                caller.accessClass(c); // the caller sees the class: its own access may reach the members it needs
                return caller;
            } catch (IllegalAccessException e2) {
                throw new DerivationException(c, null, "the lookup of " + caller.lookupClass().getName()
                        + " cannot see it: pass MethodHandles.lookup() of a class that can (in its package, or"
                        + " one its module opens the package to)");
            }
        }
    }

    /** The derivation of one record or class: its members, fields, subsections and validations. */
    private final class OneType {
        private final Class<?> type;
        private final boolean record;
        private final MethodHandles.Lookup lookup;
        private final String name;
        private final int version;
        private final DescriptionBuilder<Object> own;
        /** For a record: the same table over its {@link Components}. */
        private final DescriptionBuilder<Object> slots;
        private final List<DerivedField.Member> members;
        /** Per member: its holder and its slot (for a record). */
        private final Holder[] holders;
        private final int[] slot;
        private int bits;
        private int refs;

        OneType(Class<?> type, String givenName) {
            this.type = type;
            this.record = type.isRecord();
            this.lookup = lookup(type);
            Description ann = type.getAnnotation(Description.class);
            this.name = givenName != null ? givenName : ann != null && !ann.name().isEmpty() ? ann.name()
                    : Character.toLowerCase(type.getSimpleName().charAt(0)) + type.getSimpleName().substring(1);
            this.version = ann == null ? 1 : ann.version();
            int minimum = ann == null ? 1 : ann.minimumVersion();
            if (version < 1 || minimum < 0 || minimum > version) {
                throw new DerivationException(type, null, "@Description(version = " + version + ", minimumVersion = "
                        + minimum + ") needs 0 <= minimumVersion <= version and version >= 1");
            }
            if (givenName == null) {
                claim(name, type);
            }
            int priority = ann == null ? 0 : ann.priority();
            this.own = new DescriptionBuilder<>(name, record ? null : factory());
            own.version(version).minimumVersion(minimum).priority(priority);
            this.slots = record ? new DescriptionBuilder<>(name, null) : null;
            if (record) {
                slots.version(version).minimumVersion(minimum).priority(priority);
            }
            this.members = record ? components() : fields();
            this.holders = new Holder[members.size()];
            this.slot = new int[members.size()];
        }

        StateDescription<Object> build() {
            Map<String, FieldKind> earlier = new HashMap<>();
            List<Integer> subsections = new ArrayList<>();
            for (int i = 0; i < members.size(); i++) {
                DerivedField.Member m = members.get(i);
                if (m.annotated().isAnnotationPresent(AsSubsection.class)) {
                    take(i, Holder.REF);
                    subsections.add(i);
                    continue;
                }
                DerivedField f = DerivedField.of(Derivation.this, type, m, earlier, version);
                int k = take(i, f.holder);
                BiPredicate<Object, Context>[] when = f.when == null ? tests(null, null) : test(i, f.when, true);
                add(own, f, f.accessors(), when[0]);
                if (record) {
                    add(slots, f, f.holder.slot(k), when[1]);
                }
                earlier.put(m.name(), f.kind);
            }
            for (int i : subsections) {
                subsection(i);
            }
            validations();
            try {
                if (record) {
                    @SuppressWarnings("unchecked")
                    StateDescription<Components> loader = (StateDescription<Components>) (StateDescription<?>) slots
                            .build();
                    own.construction = new Construction<>(loader, loader.fieldSteps(), bits, refs, constructor(),
                            type);
                }
                return own.build();
            } catch (IllegalArgumentException | IllegalStateException e) {
                if (e instanceof DerivationException d) {
                    throw d;
                }
                throw new DerivationException(type, null, e.getMessage());
            }
        }

        /** Gives member {@code i} a slot of the holder's kind; returns it. */
        private int take(int i, Holder h) {
            holders[i] = h;
            slot[i] = h == Holder.REF ? refs++ : bits++;
            return slot[i];
        }

        private void add(DescriptionBuilder<Object> b, DerivedField f, Holder.Accessors a,
                BiPredicate<Object, Context> when) {
            String field = f.member.name();
            try {
                b.add(field, f.kind, f.codec.make(a, b));
            } catch (IllegalArgumentException e) {
                throw new DerivationException(type, field, e.getMessage());
            }
            if (f.since > 0) {
                b.since(f.since);
            }
            if (when != null) {
                b.when(f.when, when);
            }
            if (f.mustExist) {
                b.mustExist();
            }
            if (f.equal) {
                b.equal();
            }
        }

        // ---- members ------------------------------------------------------------------------------

        private List<DerivedField.Member> components() {
            List<DerivedField.Member> list = new ArrayList<>();
            for (RecordComponent rc : type.getRecordComponents()) {
                MethodHandle get;
                Field field;
                try {
                    get = lookup.unreflect(rc.getAccessor());
                    field = type.getDeclaredField(rc.getName()); // the component's state, which the accessor returns
                } catch (IllegalAccessException e) {
                    throw cannotAccess(rc.getName(), e);
                } catch (NoSuchFieldException e) {
                    throw new IllegalStateException("a record without its component's field: " + rc, e);
                }
                list.add(new DerivedField.Member(rc.getName(), rc.getType(), rc.getGenericType(), rc, get, null,
                        field, lookup));
            }
            return list;
        }

        private List<DerivedField.Member> fields() {
            List<Class<?>> chain = new ArrayList<>();
            for (Class<?> c = type; c != null && c != Object.class && !jdk(c); c = c.getSuperclass()) {
                chain.add(0, c);
            }
            List<DerivedField.Member> list = new ArrayList<>();
            Map<String, Class<?>> seen = new HashMap<>();
            for (Class<?> c : chain) {
                MethodHandles.Lookup l = c == type ? lookup : lookup(c);
                for (Field f : c.getDeclaredFields()) {
                    int mod = f.getModifiers();
                    if (Modifier.isStatic(mod) || Modifier.isTransient(mod) || f.isSynthetic()) {
                        continue;
                    }
                    if (Modifier.isFinal(mod)) {
                        throw new DerivationException(c, f.getName(), "a class loads in place, and a final field"
                                + " cannot be set: make it not final (or transient, if it is not state), or derive"
                                + " a record");
                    }
                    Class<?> hidden = seen.put(f.getName(), c);
                    if (hidden != null) {
                        throw new DerivationException(c, f.getName(), "it hides the field of " + hidden.getName()
                                + " of the same name: two fields of a description need two names");
                    }
                    try {
                        list.add(new DerivedField.Member(f.getName(), f.getType(), f.getGenericType(), f,
                                l.unreflectGetter(f), l.unreflectSetter(f), f, l));
                    } catch (IllegalAccessException e) {
                        throw new DerivationException(c, f.getName(), "the lookup of "
                                + caller.lookupClass().getName() + " cannot access it (" + e.getMessage() + ")");
                    }
                }
            }
            return list;
        }

        /**
         * The constructor without parameters as a {@code Supplier}: a lambda made by
         * {@link LambdaMetafactory}, as {@code Type::new} would be, where the lookup has the
         * access for it, so that a {@code newInstance()} reached from no constant (the caller's
         * own) is inlined as the builder's factory is; else a method handle behind it.
         */
        private Supplier<Object> factory() {
            MethodHandle ctor;
            try {
                ctor = lookup.findConstructor(type, MethodType.methodType(void.class));
            } catch (NoSuchMethodException e) {
                throw new DerivationException(type, null, "a class loads in place, into an object made by a"
                        + " constructor without parameters, which it does not have (or derive a record)");
            } catch (IllegalAccessException e) {
                throw cannotAccess(null, e);
            }
            if (lookup.hasFullPrivilegeAccess() && lookup.lookupClass() == type) {
                try {
                    @SuppressWarnings("unchecked")
                    Supplier<Object> lambda = (Supplier<Object>) LambdaMetafactory.metafactory(lookup, "get",
                            MethodType.methodType(Supplier.class), MethodType.methodType(Object.class), ctor,
                            MethodType.methodType(type)).getTarget().invoke();
                    return lambda;
                } catch (Throwable e) {
                    // a lookup that may not define the lambda's class: the handle does the same, slower when not constant
                }
            }
            return new Handles.Factory(ctor.asType(MethodType.methodType(Object.class)));
        }

        /** {@code (Components) Object}: the canonical constructor over the members' slots. */
        private MethodHandle constructor() {
            Class<?>[] params = members.stream().map(DerivedField.Member::type).toArray(Class<?>[]::new);
            MethodHandle ctor;
            try {
                ctor = lookup.findConstructor(type, MethodType.methodType(void.class, params));
            } catch (NoSuchMethodException e) {
                throw new IllegalStateException("a record without its canonical constructor: " + type, e);
            } catch (IllegalAccessException e) {
                throw cannotAccess(null, e);
            }
            MethodHandle[] fromSlots = new MethodHandle[params.length];
            for (int i = 0; i < params.length; i++) {
                fromSlots[i] = holders[i] == Holder.REF ? Components.refAs(slot[i], params[i])
                        : Components.bitAs(slot[i], holders[i], params[i]);
            }
            MethodHandle spread = MethodHandles.filterArguments(ctor, 0, fromSlots);
            return MethodHandles.permuteArguments(spread, MethodType.methodType(type, Components.class),
                    new int[params.length]).asType(MethodType.methodType(Object.class, Components.class));
        }

        // ---- when and needed: a boolean member or a method ------------------------------------------------

        /**
         * The test that {@code label} names for member {@code i}: for its own side and for a
         * record's slots. With {@code load}, the test also runs on load ({@code when}): a member
         * must come before {@code i}, and a record's must be a component or a static method.
         */
        private BiPredicate<Object, Context>[] test(int i, String label, boolean load) {
            String what = load ? "@When(\"" + label + "\")" : "needed = \"" + label + "\"";
            String member = members.get(i).name();
            for (int j = 0; j < members.size(); j++) {
                DerivedField.Member b = members.get(j);
                if (!b.name().equals(label)) {
                    continue;
                }
                if (b.type() != boolean.class) {
                    throw new DerivationException(type, member, what + " names " + b.name() + ", of type "
                            + b.type().getSimpleName() + ", not boolean");
                }
                if (load && j >= i) {
                    throw new DerivationException(type, member, what + " names " + b.name() + ", which is not"
                            + " declared before it: on load it would not be loaded yet");
                }
                int k = slot[j];
                java.util.function.Predicate<Object> on = b.booleanGetter();
                return tests((o, ctx) -> on.test(o), (c, ctx) -> ((Components) c).bits[k] != 0);
            }
            List<Method> named = methods(label);
            for (Method m : named) {
                Class<?>[] p = m.getParameterTypes();
                boolean takesContext = p.length == 1 && p[0] == Context.class;
                if (m.getReturnType() != boolean.class || !(p.length == 0 || takesContext)
                        || Modifier.isStatic(m.getModifiers()) && !takesContext) {
                    continue;
                }
                MethodHandle h = unreflect(m, member);
                if (Modifier.isStatic(m.getModifiers())) {
                    Handles.Condition c = new Handles.Condition(MethodHandles.dropArguments(h, 0, Object.class));
                    return tests(c, c);
                }
                if (record && load) {
                    throw new DerivationException(type, member, what + " names the method " + label + "(), but a"
                            + " record does not exist while it loads: name a boolean component declared before it,"
                            + " or a static boolean " + label + "(Context)");
                }
                if (!takesContext) {
                    h = MethodHandles.dropArguments(h, 1, Context.class);
                }
                return tests(new Handles.Condition(h.asType(MethodType.methodType(boolean.class, Object.class,
                        Context.class))), null);
            }
            throw new DerivationException(type, member, what + (named.isEmpty() ? " names no "
                    + (load ? (record ? "component" : "field") + " or " : "") + "method of " + type.getSimpleName()
                    : " names a method of the wrong signature") + ": it needs " + (load ? "a boolean "
                    + (record ? "component" : "field") + " declared before it, " : "") + "boolean " + label
                    + "(), boolean " + label + "(Context) or static boolean " + label + "(Context)");
        }

        @SuppressWarnings({"unchecked", "rawtypes"})
        private static BiPredicate<Object, Context>[] tests(BiPredicate<Object, Context> own,
                BiPredicate<Object, Context> slots) {
            return new BiPredicate[] {own, slots};
        }

        /** The methods of that name the type declares or inherits from its own superclasses. */
        private List<Method> methods(String methodName) {
            List<Method> found = new ArrayList<>();
            for (Class<?> c = type; c != null && c != Object.class && !jdk(c); c = c.getSuperclass()) {
                for (Method m : c.getDeclaredMethods()) {
                    if (m.getName().equals(methodName) && !m.isSynthetic() && !m.isBridge()) {
                        found.add(m);
                    }
                }
            }
            return found;
        }

        private MethodHandle unreflect(Method m, String member) {
            try {
                return (m.getDeclaringClass() == type ? lookup : lookup(m.getDeclaringClass())).unreflect(m);
            } catch (IllegalAccessException e) {
                throw cannotAccess(member, e);
            }
        }

        // ---- subsections and validations ----------------------------------------------------------

        /** Member {@code i}, marked {@link AsSubsection}: a subsection named {@code name/member}. */
        private void subsection(int i) {
            DerivedField.Member m = members.get(i);
            DerivedField.Marks marks = new DerivedField.Marks(m.annotated());
            AsSubsection as = marks.take(AsSubsection.class);
            Class<? extends Annotation> other = marks.firstUnused();
            if (other != null) {
                throw new DerivationException(type, m.name(), "@" + other.getSimpleName() + " does not apply to a"
                        + " subsection (it has its own version, in its type's @Description)");
            }
            Class<?> st = m.type();
            if (!describes(st) || st.isArray()) {
                throw new DerivationException(type, m.name(), "a subsection is a record or a class, not a "
                        + st.getSimpleName());
            }
            String subName = name + "/" + m.name();
            @SuppressWarnings("unchecked")
            StateDescription<Object> sd = (StateDescription<Object>) given.get(st);
            if (sd == null) {
                try {
                    sd = deriveType(st, subName);
                } catch (DerivationException e) {
                    throw e.via(type, m.name());
                }
            } else if (!sd.name().equals(subName)) {
                throw new DerivationException(type, m.name(), "as a subsection it is named '" + subName + "', and the"
                        + " description given for " + st.getSimpleName() + " is named '" + sd.name() + "'");
            }
            BiPredicate<Object, Context> needed = as.needed().isEmpty() ? null : test(i, as.needed(), false)[0];
            Holder.Accessors a = m.references();
            Function<Object, Object> view = a.get();
            java.util.function.BiConsumer<Object, Object> set = a.set();
            BiPredicate<Object, Context> written = needed == null ? (o, ctx) -> view.apply(o) != null
                    : (o, ctx) -> view.apply(o) != null && needed.test(o, ctx);
            try {
                if (as.gate().isEmpty()) {
                    own.subsection(sd, view, set, written);
                } else {
                    own.subsection(sd, view, set, as.gate(), written);
                }
            } catch (IllegalArgumentException e) {
                throw new DerivationException(type, m.name(), e.getMessage());
            }
            if (record) {
                Holder.Accessors s = Holder.REF.slot(slot[i]);
                Function<Object, Object> slotView = s.get();
                java.util.function.BiConsumer<Object, Object> slotSet = s.set();
                slots.subsection(sd, slotView, slotSet, (o, ctx) -> false); // only loads
            }
        }

        private void validations() {
            for (Validate v : type.getAnnotationsByType(Validate.class)) {
                Method found = null;
                for (Method m : methods(v.method())) {
                    if (m.getParameterCount() == 0 && !Modifier.isStatic(m.getModifiers())
                            && (m.getReturnType() == boolean.class || m.getReturnType() == String.class)) {
                        found = m;
                        break;
                    }
                }
                if (found == null) {
                    throw new DerivationException(type, null, "@Validate(method = \"" + v.method() + "\") needs a"
                            + " method boolean " + v.method() + "() or String " + v.method() + "() of "
                            + type.getSimpleName());
                }
                MethodHandle h = unreflect(found, null);
                if (found.getReturnType() == boolean.class) {
                    Handles.BoolGetter test = new Handles.BoolGetter(h.asType(MethodType.methodType(boolean.class,
                            Object.class)));
                    own.validate(test, v.message());
                } else {
                    Handles.Getter problem = new Handles.Getter(h.asType(MethodType.methodType(Object.class,
                            Object.class)));
                    own.validateExplained(o -> (String) problem.apply(o), v.message());
                }
            }
        }

        private DerivationException cannotAccess(String member, IllegalAccessException e) {
            return new DerivationException(type, member, "the lookup of " + caller.lookupClass().getName()
                    + " cannot access it (" + e.getMessage() + ")");
        }
    }
}
