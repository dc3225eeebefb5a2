package dev.baton.xen.xenstore;

import dev.baton.core.wire.Problems;
import java.util.Objects;
import java.util.Set;

/**
 * How a {@link XenstoreReader} reads.
 *
 * @param maxRecordLength largest {@code len} accepted before anything is read (default 64 MiB)
 * @param knownNodes      committed nodes the target already has, so a stream may hold their
 *                        children without them (default: just the root, {@code "/"})
 * @param problems        what becomes of problems that leave the framing intact: thrown
 *                        ({@link Problems#stop()}, the default), or collected while reading goes on
 *                        (a record that cannot be represented is then skipped)
 */
public record XenstoreReadOptions(int maxRecordLength, Set<String> knownNodes, Problems problems) {

    public static final int DEFAULT_MAX_RECORD_LENGTH = 64 << 20;

    public XenstoreReadOptions {
        if (maxRecordLength < 0) {
            throw new IllegalArgumentException("maxRecordLength " + maxRecordLength);
        }
        knownNodes = Set.copyOf(Objects.requireNonNull(knownNodes, "knownNodes"));
        Objects.requireNonNull(problems, "problems");
    }

    /** Strict reading: the first problem is thrown. */
    public static XenstoreReadOptions defaults() {
        return new XenstoreReadOptions(DEFAULT_MAX_RECORD_LENGTH, Set.of("/"), Problems.stop());
    }

    public XenstoreReadOptions withMaxRecordLength(int length) {
        return new XenstoreReadOptions(length, knownNodes, problems);
    }

    public XenstoreReadOptions withKnownNodes(Set<String> nodes) {
        return new XenstoreReadOptions(maxRecordLength, nodes, problems);
    }

    /** What becomes of problems that leave the framing intact: {@link Problems#collect} them to read on. */
    public XenstoreReadOptions withProblems(Problems p) {
        return new XenstoreReadOptions(maxRecordLength, knownNodes, p);
    }
}
