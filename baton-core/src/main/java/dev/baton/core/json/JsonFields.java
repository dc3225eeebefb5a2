package dev.baton.core.json;

import java.util.List;
import java.util.Map;

/**
 * Typed access to the members of parsed JSON ({@link JsonParser}'s maps and lists) for documents
 * that arrive from outside: a member of the wrong type is an {@link IllegalArgumentException}
 * saying which, never a {@code ClassCastException} or a null surprise. Every reader of Baton's
 * JSON documents goes through here.
 */
public final class JsonFields {
    private JsonFields() {
    }

    /** {@code value} as a JSON object, or an error naming {@code what}. */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> object(Object value, String what) {
        if (!(value instanceof Map<?, ?>)) {
            throw new IllegalArgumentException(what + " is not a JSON object");
        }
        return (Map<String, Object>) value;
    }

    /** The array member {@code key}, empty when absent. */
    public static List<?> list(Map<String, Object> m, String key) {
        Object v = m.get(key);
        if (v == null) {
            return List.of();
        }
        if (!(v instanceof List<?> l)) {
            throw new IllegalArgumentException("\"" + key + "\" is not a JSON array");
        }
        return l;
    }

    /** The string member {@code key}, which must be present. */
    public static String string(Map<String, Object> m, String key) {
        if (!(m.get(key) instanceof String s)) {
            throw new IllegalArgumentException("\"" + key + "\" is missing or not a string");
        }
        return s;
    }

    /** The string member {@code key}, or null when absent; any other type is an error. */
    public static String optionalString(Map<String, Object> m, String key) {
        Object v = m.get(key);
        if (v != null && !(v instanceof String)) {
            throw new IllegalArgumentException("\"" + key + "\" is not a string");
        }
        return (String) v;
    }

    /** The whole-number member {@code key} in {@code [0, Integer.MAX_VALUE]}, or {@code absent}. */
    public static int count(Map<String, Object> m, String key, int absent) {
        Object v = m.get(key);
        if (v == null) {
            return absent;
        }
        if (!(v instanceof Long l) || l < 0 || l > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("\"" + key + "\" is not a whole number from 0 to " + Integer.MAX_VALUE);
        }
        return l.intValue();
    }

    /** The whole-number member {@code key} as a Long, or null when absent. */
    public static Long optionalLong(Map<String, Object> m, String key) {
        Object v = m.get(key);
        if (v != null && !(v instanceof Long)) {
            throw new IllegalArgumentException("\"" + key + "\" is not a whole number");
        }
        return (Long) v;
    }
}
