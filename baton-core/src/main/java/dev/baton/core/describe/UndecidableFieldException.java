package dev.baton.core.describe;

/**
 * A tool decoding without the producer's code met a field whose presence only the producer's
 * {@code when} predicate decides; the rest of the section cannot be decoded field by field.
 */
public final class UndecidableFieldException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public UndecidableFieldException(String field, String label) {
        super("field '" + field + "' is on the wire only when '" + label
                + "' holds, which only the producer's code can tell");
    }
}
