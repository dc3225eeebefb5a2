package dev.baton.core.engine;

import dev.baton.core.wire.SectionHeader;
import dev.baton.core.wire.StreamFormatException;
import dev.baton.core.wire.StreamRecord;

/**
 * What a {@link StateLoader} tells about each SECTION it meets: that it loaded, or why it did not.
 * By default a failure stops the load (it is thrown on); a rehearsal that wants every section's
 * outcome returns from {@link #failed} instead, and the load goes on with the next record. That is
 * safe because a section's data is bounded by its record: a section that fails leaves the
 * reader at the next record, and only that section's object half-loaded.
 */
public interface SectionOutcomes {

    /** The section loaded from {@code record}. */
    default void loaded(StreamRecord record, SectionHeader section) throws java.io.IOException {
    }

    /**
     * The section of {@code record} did not load: unknown, a second time, or its data refused.
     * Throw (the default: {@code failure} itself) to stop the load; return to go on.
     */
    default void failed(StreamRecord record, SectionHeader section, StreamFormatException failure)
            throws StreamFormatException {
        throw failure;
    }

    /** Stops at the first failure. */
    static SectionOutcomes stopAtFirstFailure() {
        return new SectionOutcomes() {
        };
    }
}
