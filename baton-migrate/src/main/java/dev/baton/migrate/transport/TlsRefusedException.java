package dev.baton.migrate.transport;

import java.io.IOException;

/** A TLS handshake failed: a certificate was missing, not trusted, or did not name the host. */
public final class TlsRefusedException extends IOException {
    private static final long serialVersionUID = 1L;

    public TlsRefusedException(String message, Throwable cause) {
        super(message, cause);
    }
}
