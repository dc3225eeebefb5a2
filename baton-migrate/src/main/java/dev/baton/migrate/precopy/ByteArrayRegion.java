package dev.baton.migrate.precopy;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Objects;

/** A paged region over a {@code byte[]}, with write-through helpers that mark what they change. */
public final class ByteArrayRegion extends PagedRegion {
    private final byte[] octets;
    private final ByteBuffer little;

    public ByteArrayRegion(String name, byte[] octets, int pageSize) {
        super(name, octets.length, pageSize);
        this.octets = octets;
        this.little = ByteBuffer.wrap(octets).order(ByteOrder.LITTLE_ENDIAN);
    }

    public ByteArrayRegion(String name, byte[] octets) {
        this(name, octets, DEFAULT_PAGE);
    }

    /** The array itself. Mark what you change with {@link #markDirty}. */
    public byte[] array() {
        return octets;
    }

    /** Copies {@code src} to {@code offset} and marks the pages. */
    public void write(long offset, byte[] src, int from, int length) {
        Objects.checkFromIndexSize(from, length, src.length);
        System.arraycopy(src, from, octets, Math.toIntExact(offset), length);
        markDirty(offset, length);
    }

    /** Stores a little-endian {@code long} at {@code offset} and marks its page(s). */
    public void putLong(long offset, long value) {
        little.putLong(Math.toIntExact(offset), value);
        markDirty(offset, 8);
    }

    public long getLong(long offset) {
        return little.getLong(Math.toIntExact(offset));
    }

    @Override
    ByteBuffer view(long offset, int length) {
        return ByteBuffer.wrap(octets, Math.toIntExact(offset), length).slice();
    }
}
