package dev.baton.migrate.transport;

import java.io.IOException;

/** A read or write waited longer than the transport's timeout without any progress. */
public final class TransportStalledException extends IOException {
    private static final long serialVersionUID = 1L;

    public TransportStalledException(String message, Throwable cause) {
        super(message, cause);
    }
}
