package dev.baton.core.wire;

import java.util.Objects;
import java.util.function.Consumer;

/**
 * What a reader or verifier does with a problem it finds (docs/FORMAT.md, sections 14 and 16.2):
 * {@link #stop()} at the first, or {@link #collect} every recoverable one and go on, so that a
 * verifier reports all of a stream's problems in one pass. A {@link FatalFormatException} stops
 * reading either way.
 *
 * <p>The one model of every reader and verifier in Baton: Baton's own ({@link ReaderOptions#problems()}),
 * Xen's libxc, libxl and xenstore readers and QEMU's savevm reader. Immutable; a collecting
 * instance is as thread-safe as its sink.
 */
public final class Problems {
    private static final Problems STOP = new Problems(null);

    /** Where recoverable problems go; null when the first one stops reading. */
    private final Consumer<StreamFormatException> sink;

    private Problems(Consumer<StreamFormatException> sink) {
        this.sink = sink;
    }

    /** Strict: the first problem is thrown. */
    public static Problems stop() {
        return STOP;
    }

    /** Recoverable problems go to {@code sink}, in the order they are found, and reading goes on. */
    public static Problems collect(Consumer<StreamFormatException> sink) {
        return new Problems(Objects.requireNonNull(sink, "sink"));
    }

    /** Whether recoverable problems are collected rather than thrown. */
    public boolean collecting() {
        return sink != null;
    }

    /**
     * Reports a problem. It is thrown when this stops at the first or when it is
     * {@linkplain FatalFormatException fatal}; otherwise it goes to the sink and the caller goes on.
     */
    public void report(StreamFormatException problem) throws StreamFormatException {
        if (sink == null || problem instanceof FatalFormatException) {
            throw problem;
        }
        sink.accept(problem);
    }
}
