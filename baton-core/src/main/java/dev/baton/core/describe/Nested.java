package dev.baton.core.describe;

import dev.baton.core.wire.BodyWriter;
import dev.baton.core.wire.StreamFormatException;
import java.util.function.Supplier;

/**
 * A nested description as the codecs of struct, list and map fields call it. Its compiled steps
 * and its factory are record components here, constants to the JIT, so that a nested save or
 * load is inlined like the parent's own fields; reached through the description's own fields
 * (a class whose fields the JIT does not trust) each would be one call shared by every
 * description, with as many targets. A description derived from a record has a
 * {@link Construction} (else null): its objects are made by {@link #loadNew}, never loaded in place.
 */
record Nested<N>(StateDescription<N> d, Step<N> steps, Supplier<N> factory, Construction<N> construction) {

    static <N> Nested<N> of(StateDescription<N> d) {
        return new Nested<>(d, d.fieldSteps(), d.factory, d.construction);
    }

    void save(N n, BodyWriter out, DescriptionContext ctx) {
        d.save(n, out, ctx, steps);
    }

    void load(N n, SectionInput in, int version, DescriptionContext ctx) throws StreamFormatException {
        d.load(n, in, version, ctx, steps);
    }

    /** A new object loaded from the data: see {@link StateDescription#loadNew}. */
    N loadNew(SectionInput in, int version, DescriptionContext ctx) throws StreamFormatException {
        if (construction != null) {
            return construction.load(d, in, version, ctx);
        }
        N n = newInstance();
        d.load(n, in, version, ctx, steps);
        return n;
    }

    /** Element {@code i} of a sequence, loaded as a new object at the local version; an error names its index. */
    N loadElement(SectionInput in, int i, DescriptionContext ctx) throws StreamFormatException {
        try {
            return loadNew(in, ctx.readVersion(d), ctx);
        } catch (StreamFormatException e) {
            throw e.atPath("[" + i + "]");
        }
    }

    /** A new object for the nested description, or the description's error when it has no factory. */
    N newInstance() {
        return factory != null ? factory.get() : d.newInstance();
    }
}
