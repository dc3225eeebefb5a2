package dev.baton.xen.stream;

import dev.baton.core.wire.StreamFormatException;
import java.util.function.Consumer;

/**
 * Where a checker's findings go. Strict (no sink): the first problem is thrown. Collecting: every
 * problem that leaves the framing intact goes to the sink and checking goes on; a problem that
 * loses the framing is always thrown.
 */
public final class Problems {
    private final Consumer<StreamFormatException> sink;
    private int count;

    private Problems(Consumer<StreamFormatException> sink) {
        this.sink = sink;
    }

    /** The first problem is thrown. */
    public static Problems strict() {
        return new Problems(null);
    }

    /** Problems that leave the framing intact go to {@code sink}. */
    public static Problems collect(Consumer<StreamFormatException> sink) {
        return new Problems(sink);
    }

    /** Reports a problem the framing survives. */
    public void report(StreamFormatException e) throws StreamFormatException {
        count++;
        if (sink == null) {
            throw e;
        }
        sink.accept(e);
    }

    /** Problems reported so far. */
    public int count() {
        return count;
    }
}
