package dev.baton.store.protocol;

/** A request the store refused, with the protocol's error code and a message. */
public class StoreException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final ErrorCode code;

    public StoreException(ErrorCode code, String message) {
        super(code + ": " + message);
        this.code = code;
    }

    public StoreException(ErrorCode code, String message, Throwable cause) {
        super(code + ": " + message, cause);
        this.code = code;
    }

    public ErrorCode code() {
        return code;
    }

    /** The message without the code. */
    public String detail() {
        String m = getMessage();
        return m.substring(code.name().length() + 2);
    }
}
