package dev.baton.core.engine;

import java.io.IOException;

/** The target refused the stream (for example at STATIC_DATA_END), with its reason. */
public final class StreamRefusedException extends IOException {
    private static final long serialVersionUID = 1L;

    public StreamRefusedException(String reason) {
        super(reason);
    }
}
