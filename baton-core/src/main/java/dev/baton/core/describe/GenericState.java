package dev.baton.core.describe;

import java.util.LinkedHashMap;

/**
 * State decoded without the producer's classes: field name to value, in wire order. Integers are
 * {@code Long}, floats {@code Double}, bools {@code Boolean}, strings {@code String} (an
 * {@code nstring} also {@code null}), octets {@code byte[]}, scalar arrays {@code long[]} or
 * {@code double[]}, nested descriptions {@code GenericState}, lists {@code List} (a
 * {@code strings} field a {@code List<String>}), maps {@code Map}, enums their constant's name.
 * A subsection's fields sit in a nested {@code GenericState} under the subsection's name.
 */
public final class GenericState extends LinkedHashMap<String, Object> {
    private static final long serialVersionUID = 1L;

    /** The nested state under {@code key}, created empty if absent. */
    public GenericState child(String key) {
        Object v = get(key);
        if (v instanceof GenericState g) {
            return g;
        }
        GenericState g = new GenericState();
        put(key, g);
        return g;
    }
}
