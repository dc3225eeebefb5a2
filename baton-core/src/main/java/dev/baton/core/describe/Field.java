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

    Field(String name, FieldKind kind, int since, String whenLabel, BiPredicate<T, Context> when,
            boolean mustExist, boolean equal, String equalValue, Predicate<T> check, String checkMessage,
            Codec<T> codec) {
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

    @Override
    public String toString() {
        return name + ":" + kind.jsonName();
    }
}
