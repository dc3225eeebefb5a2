package dev.baton.core.describe;

import dev.baton.core.json.JsonWriter;
import dev.baton.core.wire.BodyWriter;
import dev.baton.core.wire.StreamFormatException;
import java.util.Map;

/** How one field of a {@code T} goes to and comes from the wire. One implementation per kind. */
interface Codec<T> {

    void save(T obj, BodyWriter out, DescriptionContext ctx);

    void load(T obj, SectionInput in, DescriptionContext ctx) throws StreamFormatException;

    /**
     * For {@code equal} fields: reads the stream's value and returns {@code null} when it equals
     * the object's, else a sentence saying both values.
     */
    default String compare(T obj, SectionInput in, DescriptionContext ctx) throws StreamFormatException {
        throw new UnsupportedOperationException("equal is only for scalar and string fields");
    }

    /** The field's value, for fields that other fields take their count from. */
    default long count(T obj) {
        throw new UnsupportedOperationException("not an integer field");
    }

    /** Fewest octets one value takes on the wire, to bound element counts before allocating. */
    int minSize();

    /**
     * Kind-specific keys of the field's JSON; nested descriptions go into {@code refs} by name.
     * Scalars and strings have none: their kind says it all.
     */
    default void describe(JsonWriter json, Map<String, StateDescription<?>> refs) {
    }
}
