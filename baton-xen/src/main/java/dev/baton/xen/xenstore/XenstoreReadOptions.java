package dev.baton.xen.xenstore;

import dev.baton.core.wire.StreamFormatException;
import java.util.Objects;
import java.util.Set;
import java.util.function.Consumer;

/**
 * How a {@link XenstoreReader} reads.
 *
 * @param maxRecordLength largest {@code len} accepted before anything is read (default 64 MiB)
 * @param knownNodes      committed nodes the target already has, so a stream may hold their
 *                        children without them (default: just the root, {@code "/"})
 * @param problems        when non-null, problems that leave the framing intact go here and reading
 *                        goes on (a record that cannot be represented is then skipped); when null,
 *                        the first problem is thrown
 */
public record XenstoreReadOptions(int maxRecordLength, Set<String> knownNodes,
        Consumer<StreamFormatException> problems) {

    public static final int DEFAULT_MAX_RECORD_LENGTH = 64 << 20;

    public XenstoreReadOptions {
        if (maxRecordLength < 0) {
            throw new IllegalArgumentException("maxRecordLength " + maxRecordLength);
        }
        knownNodes = Set.copyOf(Objects.requireNonNull(knownNodes, "knownNodes"));
    }

    /** Strict reading: the first problem is thrown. */
    public static XenstoreReadOptions defaults() {
        return new XenstoreReadOptions(DEFAULT_MAX_RECORD_LENGTH, Set.of("/"), null);
    }

    public XenstoreReadOptions withMaxRecordLength(int length) {
        return new XenstoreReadOptions(length, knownNodes, problems);
    }

    public XenstoreReadOptions withKnownNodes(Set<String> nodes) {
        return new XenstoreReadOptions(maxRecordLength, nodes, problems);
    }

    /** Collects problems that leave the framing intact into {@code sink} instead of throwing them. */
    public XenstoreReadOptions withProblems(Consumer<StreamFormatException> sink) {
        return new XenstoreReadOptions(maxRecordLength, knownNodes, sink);
    }
}
