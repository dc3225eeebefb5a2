package dev.baton.migrate.precopy;

import java.nio.ByteBuffer;
import java.security.MessageDigest;

/**
 * Bulk memory in pages with a dirty bitmap. The subclasses hold the octets: {@link ByteArrayRegion},
 * {@link ByteBufferRegion}, and on JDK 22 or newer {@code MemorySegmentRegion}.
 */
public abstract non-sealed class PagedRegion implements Region {
    /** Default page size: 4 KiB, like the memory the octets usually live in. */
    public static final int DEFAULT_PAGE = 4096;

    private final String name;
    private final long size;
    private final int pageSize;
    private final DirtyBitmap dirty;

    PagedRegion(String name, long size, int pageSize) {
        if (name == null || name.isEmpty()) {
            throw new IllegalArgumentException("a region needs a name");
        }
        if (pageSize < 512 || Integer.bitCount(pageSize) != 1 || pageSize > (1 << 20)) {
            throw new IllegalArgumentException("page size " + pageSize + " is not a power of two from 512 to 1 MiB");
        }
        this.name = name;
        this.size = size;
        this.pageSize = pageSize;
        this.dirty = new DirtyBitmap((size + pageSize - 1) / pageSize);
    }

    @Override
    public final String name() {
        return name;
    }

    /** Octets of the region. */
    public final long size() {
        return size;
    }

    public final int pageSize() {
        return pageSize;
    }

    public final long pages() {
        return dirty.pages();
    }

    /** The dirty bitmap, for applications that mark pages themselves. */
    public final DirtyBitmap dirty() {
        return dirty;
    }

    /** Marks the pages that octets {@code [offset, offset + length)} touch. Call it after writing them. */
    public final void markDirty(long offset, long length) {
        if (offset < 0 || length < 0 || offset + length > size) {
            throw new IndexOutOfBoundsException("octets [" + offset + ", " + (offset + length) + ") of " + size);
        }
        if (length > 0) {
            dirty.markRange(offset / pageSize, (offset + length - 1) / pageSize + 1);
        }
    }

    @Override
    public final long dirtyBytes() {
        return Math.min(size, dirty.count() * pageSize);
    }

    @Override
    public final long totalBytes() {
        return size;
    }

    @Override
    public final void markAllDirty() {
        dirty.markAll();
    }

    @Override
    public final long newlyDirtied() {
        return dirty.newlyDirtied();
    }

    @Override
    public final long unitBytes() {
        return pageSize;
    }

    /** Octets of page {@code page}: the page size, or less for the last page of an odd-sized region. */
    public final int pageLength(long page) {
        return (int) Math.min(pageSize, size - page * pageSize);
    }

    /**
     * A buffer over octets {@code [offset, offset + length)} of the region, positioned at 0,
     * through which pages are read (source) and written (target). No copy.
     */
    abstract ByteBuffer view(long offset, int length);

    /** Adds the region's octets to a digest (for tests and the CLI's state hash). */
    public void digest(MessageDigest md) {
        for (long off = 0; off < size; off += 1 << 20) {
            md.update(view(off, (int) Math.min(1 << 20, size - off)));
        }
    }
}
