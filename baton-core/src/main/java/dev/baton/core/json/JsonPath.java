package dev.baton.core.json;

import dev.baton.core.wire.Printable;

/**
 * Places in a JSON document as messages name them: {@code $} the document, {@code .name} a
 * member, {@code [3]} an element, and a member whose name is not a plain word in brackets and
 * quotes ({@code $.fields['sample.node/generation']}). Names are printed safely
 * ({@link Printable}): a path is part of a one-line error.
 */
public final class JsonPath {
    /** The whole document. */
    public static final String ROOT = "$";

    private JsonPath() {
    }

    /** The member {@code name} of the object at {@code path}. */
    public static String member(String path, String name) {
        if (isWord(name)) {
            return path + "." + name;
        }
        return path + "['" + Printable.of(name).replace("'", "\\'") + "']";
    }

    /** Element {@code index} of the array at {@code path}. */
    public static String element(String path, long index) {
        return path + "[" + index + "]";
    }

    private static boolean isWord(String name) {
        if (name.isEmpty() || !(Character.isLetter(name.charAt(0)) || name.charAt(0) == '_')) {
            return false;
        }
        for (int i = 1; i < name.length(); i++) {
            char c = name.charAt(i);
            if (!(c < 0x80 && (Character.isLetterOrDigit(c) || c == '_'))) {
                return false;
            }
        }
        return name.charAt(0) < 0x80;
    }
}
