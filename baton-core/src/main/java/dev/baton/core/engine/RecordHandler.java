package dev.baton.core.engine;

import dev.baton.core.wire.StreamRecord;
import java.io.IOException;

/**
 * Receives the records a {@link StateLoader} does not consume itself: application records and
 * DESCRIPTION. A session protocol that carries its own records in the stream (baton-migrate's
 * pages, for one) reads them here while the loader loads the sections around them. Throwing
 * stops the load.
 */
@FunctionalInterface
public interface RecordHandler {
    void handle(StreamRecord record) throws IOException;

    /** Ignores every record. */
    static RecordHandler ignore() {
        return record -> {
        };
    }
}
