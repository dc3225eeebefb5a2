package dev.baton.store.xen;

/**
 * A store state that xenstore's format cannot hold (a value longer than 65535 octets), or a
 * xenstore image a store cannot take (a node beyond the store's limits, a path the store refuses).
 * The message names the node or record.
 */
public final class XenstoreConversionException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public XenstoreConversionException(String message) {
        super(message);
    }
}
