package dev.baton.core.wire;

/**
 * A problem after which a reader cannot go on (docs/FORMAT.md, section 16.2): the preamble or a
 * header is wrong, or the framing is lost (a length that cannot be trusted, an input that ends
 * early), so that where the next record starts is no longer known.
 *
 * <p>Every other {@link StreamFormatException} is recoverable: the framing is intact, and a
 * verifier reports it and goes on. {@link Problems#report} throws a fatal problem whether it
 * collects or stops, so a reader or verifier tells the two apart by this type, never by the
 * problem's words.
 */
public final class FatalFormatException extends StreamFormatException {
    private static final long serialVersionUID = 1L;

    /** As {@link StreamFormatException#StreamFormatException(String, long, long, int, String)}. */
    public FatalFormatException(String problem, long offset, long recordIndex, int recordType, String context) {
        super(problem, offset, recordIndex, recordType, context);
    }

    /** The same problem with its context replaced, still fatal. */
    @Override
    public FatalFormatException withContext(String newContext) {
        FatalFormatException e = new FatalFormatException(problem(), offset(), recordIndex(), recordType(), newContext);
        e.setStackTrace(getStackTrace());
        return e;
    }
}
