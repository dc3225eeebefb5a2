package dev.baton.core.describe;

import dev.baton.core.wire.StreamFormatException;
import java.lang.invoke.MethodHandle;

/**
 * How a description derived from a record loads: its fields are loaded into {@link Components}
 * by {@code components}, a description with the record's own table whose accessors are the
 * components' slots, then {@code construct}, the record's canonical constructor over those
 * slots, makes the record, and the record's validations run. A record so never exists half
 * loaded, and its compact constructor sees every value, as in any other construction.
 *
 * @param components the record's table over {@link Components}: the same fields, subsections
 *                   and versions
 * @param steps      {@code components}' compiled steps, a constant here (see {@link Nested})
 * @param bits       primitive slots
 * @param refs       reference slots
 * @param construct  {@code (Components) Object}: the canonical constructor over the slots
 * @param type       the record class, for messages
 */
record Construction<T>(StateDescription<Components> components, Step<Components> steps, int bits, int refs,
        MethodHandle construct, Class<?> type) {

    /** Loads the record {@code d} describes from data of {@code version}. */
    T load(StateDescription<T> d, SectionInput in, int version, DescriptionContext ctx) throws StreamFormatException {
        Components c = new Components(bits, refs);
        components.load(c, in, version, ctx, steps);
        Object made;
        try {
            made = (Object) construct.invokeExact(c);
        } catch (RuntimeException e) {
            // the record's compact constructor refused what the stream holds
            throw in.error("the constructor of " + type.getSimpleName() + " refused the loaded values: " + e);
        } catch (Throwable t) {
            throw Handles.rethrow(t);
        }
        @SuppressWarnings("unchecked")
        T obj = (T) made;
        d.afterLoad(obj, in, version);
        return obj;
    }
}
