package dev.baton.migrate.precopy;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/** A paged region over a {@link ByteBuffer}'s octets 0 to its capacity (heap or direct). */
public final class ByteBufferRegion extends PagedRegion {
    private final ByteBuffer octets;

    public ByteBufferRegion(String name, ByteBuffer octets, int pageSize) {
        super(name, octets.capacity(), pageSize);
        this.octets = octets.duplicate().clear().order(ByteOrder.LITTLE_ENDIAN);
    }

    public ByteBufferRegion(String name, ByteBuffer octets) {
        this(name, octets, DEFAULT_PAGE);
    }

    /** Stores a little-endian {@code long} at {@code offset} and marks its page(s). */
    public void putLong(long offset, long value) {
        octets.putLong(Math.toIntExact(offset), value);
        markDirty(offset, 8);
    }

    public long getLong(long offset) {
        return octets.getLong(Math.toIntExact(offset));
    }

    /** Copies {@code src}'s remaining octets to {@code offset} and marks the pages. */
    public void write(long offset, ByteBuffer src) {
        int n = src.remaining();
        octets.put(Math.toIntExact(offset), src, src.position(), n);
        markDirty(offset, n);
    }

    @Override
    ByteBuffer view(long offset, int length) {
        return octets.slice(Math.toIntExact(offset), length);
    }
}
