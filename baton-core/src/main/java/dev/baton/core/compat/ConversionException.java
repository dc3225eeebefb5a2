package dev.baton.core.compat;

/**
 * A stream cannot be converted into another release's ({@link StreamConverter}): what that
 * release cannot hold, named by section and field ({@code section kv.store/0, field readOnly:
 * ...}), or a record no description converts.
 */
public final class ConversionException extends Exception {
    private static final long serialVersionUID = 1L;

    public ConversionException(String message) {
        super(message);
    }
}
