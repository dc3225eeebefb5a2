package dev.baton.core.describe;

import java.util.function.BiPredicate;
import java.util.function.Predicate;

/**
 * One row of a description's table: a named field, its kind, when it is on the wire, and how it
 * is read from and written to the object. Built by {@link DescriptionBuilder}; immutable.
 *
 * @param <T> the type of the object the field belongs to
 */
public final class Field<T> {
    /** {@link #op}: save and load go through {@link #codec}. */
    static final int CODEC = 0;
    /** {@link #op}: an s32 in an int, {@link #get} a ToIntFunction and {@link #set} an ObjIntConsumer. */
    static final int S32 = 1;
    /** {@link #op}: an s64 or u64 in a long (every long fits), ToLongFunction and ObjLongConsumer. */
    static final int S64 = 2;
    /** {@link #op}: an f64 in a double, ToDoubleFunction and ObjDoubleConsumer. */
    static final int F64 = 3;
    /** {@link #op}: a bool in a boolean, Predicate and ObjBoolConsumer. */
    static final int BOOL = 4;

    final String name;
    final FieldKind kind;
    final int since;
    final String whenLabel;
    final BiPredicate<T, Context> when;
    final boolean mustExist;
    final boolean equal;
    final String equalValue;
    final Predicate<T> check;
    final String checkMessage;
    final Codec<T> codec;
    /**
     * How save and load move the value: through {@link #codec}, or, for the commonest scalars,
     * straight from the accessor to the wire. A description is a table of lambdas, so every field
     * costs a call that the JIT cannot inline (one target per field); the op saves a second such
     * call, to the codec, for the fields where the codec adds nothing but that call. Both ways
     * put the same octets on the wire.
     */
    final int op;
    final Object get;
    final Object set;

    Field(String name, FieldKind kind, int since, String whenLabel, BiPredicate<T, Context> when,
            boolean mustExist, boolean equal, String equalValue, Predicate<T> check, String checkMessage,
            Codec<T> codec, int op, Object get, Object set) {
        this.name = name;
        this.kind = kind;
        this.since = since;
        this.whenLabel = whenLabel;
        this.when = when;
        this.mustExist = mustExist;
        this.equal = equal;
        this.equalValue = equalValue;
        this.check = check;
        this.checkMessage = checkMessage;
        this.codec = codec;
        this.op = op;
        this.get = get;
        this.set = set;
    }

    public String name() {
        return name;
    }

    public FieldKind kind() {
        return kind;
    }

    /** Lowest section version that carries the field. */
    public int since() {
        return since;
    }

    /** The label of the field's {@code when} predicate, or {@code null} when it has none. */
    public String whenLabel() {
        return whenLabel;
    }

    public boolean mustExist() {
        return mustExist;
    }

    public boolean equal() {
        return equal;
    }

    /** Whether the field is on the wire for this object at this version. */
    boolean present(T obj, DescriptionContext ctx) {
        return ctx.version() >= since && (when == null || when.test(obj, ctx));
    }

    @Override
    public String toString() {
        return name + ":" + kind.jsonName();
    }
}
