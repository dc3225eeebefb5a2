package dev.baton.core.json;

import dev.baton.core.wire.Printable;

/**
 * A JSON document that parses but does not hold what belongs where it says: a member missing or
 * of the wrong type, a number out of range, a name no description has. The message is one line:
 * the place as a {@link JsonPath}, then what was expected there
 * ({@code $.records[3].fields.volume: expected a u16, a whole number from 0 to 65535, not 70000}).
 */
public final class JsonInputException extends Exception {
    private static final long serialVersionUID = 1L;

    private final String path;
    private final String problem;

    public JsonInputException(String path, String problem) {
        super(path + ": " + problem);
        this.path = path;
        this.problem = problem;
    }

    /**
     * {@code PATH: expected WHAT, not VALUE}, the value as the document has it, briefly: numbers
     * and strings (cut at 40 characters) as written, containers by their kind.
     */
    public static JsonInputException expected(String path, String what, Object value) {
        return new JsonInputException(path, "expected " + what + ", not " + shown(value));
    }

    private static String shown(Object v) {
        return switch (v) {
            case null -> "null";
            case String s -> "\"" + Printable.of(s.length() > 40 ? s.substring(0, 40) + "..." : s) + "\"";
            case java.util.Map<?, ?> m -> "an object";
            case java.util.List<?> l -> "an array";
            default -> String.valueOf(v);
        };
    }

    /** Where, as a {@link JsonPath}. */
    public String path() {
        return path;
    }

    /** What was wrong there, without the place. */
    public String problem() {
        return problem;
    }
}
