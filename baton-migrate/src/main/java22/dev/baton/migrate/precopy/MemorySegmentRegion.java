package dev.baton.migrate.precopy;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteBuffer;

/**
 * A paged region over a {@link MemorySegment}, off-heap memory of any size (beyond 2 GiB too),
 * with write-through helpers that mark what they change.
 *
 * <p>Built for JDK 22 and newer, where {@code java.lang.foreign} is final; a build on JDK 21
 * leaves this class out (docs/MIGRATION.md).
 */
public final class MemorySegmentRegion extends PagedRegion {
    private static final ValueLayout.OfLong LONG = ValueLayout.JAVA_LONG_UNALIGNED.withOrder(java.nio.ByteOrder.LITTLE_ENDIAN);

    private final MemorySegment segment;

    public MemorySegmentRegion(String name, MemorySegment segment, int pageSize) {
        super(name, segment.byteSize(), pageSize);
        this.segment = segment;
    }

    public MemorySegmentRegion(String name, MemorySegment segment) {
        this(name, segment, DEFAULT_PAGE);
    }

    /** The segment itself. Mark what you change with {@link #markDirty}. */
    public MemorySegment segment() {
        return segment;
    }

    /** Stores a little-endian {@code long} at {@code offset} and marks its page(s). */
    public void putLong(long offset, long value) {
        segment.set(LONG, offset, value);
        markDirty(offset, 8);
    }

    public long getLong(long offset) {
        return segment.get(LONG, offset);
    }

    /** Copies {@code src} to {@code offset} and marks the pages. */
    public void write(long offset, MemorySegment src) {
        MemorySegment.copy(src, 0, segment, offset, src.byteSize());
        markDirty(offset, src.byteSize());
    }

    @Override
    ByteBuffer view(long offset, int length) {
        return segment.asSlice(offset, length).asByteBuffer();
    }
}
