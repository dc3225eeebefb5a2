package dev.baton.core.describe;

import java.util.function.BiConsumer;
import java.util.function.BiPredicate;
import java.util.function.Function;

/**
 * A subsection: state added without a version bump. It is written only when {@code needed}
 * says so (a release profile can pin the property it reads off), carries its own version, and
 * is loaded when it arrives, into its view of the object or as a new object that it sets; one
 * that does not arrive leaves what {@code preLoad} set.
 *
 * @param <T> the parent's object type
 * @param <S> the subsection's object type: usually the parent's object itself
 */
public final class Subsection<T, S> {
    final StateDescription<S> description;
    final Function<T, S> view;
    final BiPredicate<T, Context> needed;
    /** Receives a new loaded object ({@link StateDescription#loadNew}); null: the view is loaded in place. */
    final BiConsumer<T, S> set;
    final byte[] nameUtf8;

    Subsection(StateDescription<S> description, Function<T, S> view, BiConsumer<T, S> set,
            BiPredicate<T, Context> needed) {
        this.description = description;
        this.view = view;
        this.set = set;
        this.needed = needed;
        this.nameUtf8 = description.name().getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }

    public StateDescription<S> description() {
        return description;
    }

    public String name() {
        return description.name();
    }
}
