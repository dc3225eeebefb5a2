package dev.baton.qemu.analyze;

import java.util.HashMap;
import java.util.Map;

/**
 * One bit per page of a block, held in chunks made only for pages that are touched, so that a
 * huge (or hostile) block length costs nothing until its pages arrive.
 */
final class PageBits {
    private static final int CHUNK_PAGES_LOG = 16; // 65536 pages per chunk: 8 KiB of bits

    private final Map<Long, long[]> chunks = new HashMap<>();
    /** The chunk used last: pages come mostly in order, so this spares a map look-up per page. */
    private long lastKey = -1;
    private long[] last;

    private long[] chunk(long key) {
        if (key != lastKey) {
            last = chunks.get(key);
            lastKey = last == null ? -1 : key;
        }
        return last;
    }

    boolean get(long page) {
        long[] c = chunk(page >>> CHUNK_PAGES_LOG);
        if (c == null) {
            return false;
        }
        int i = (int) (page & ((1 << CHUNK_PAGES_LOG) - 1));
        return (c[i >>> 6] & 1L << i) != 0;
    }

    void set(long page, boolean on) {
        long key = page >>> CHUNK_PAGES_LOG;
        long[] c = chunk(key);
        if (c == null) {
            if (!on) {
                return;
            }
            c = new long[1 << (CHUNK_PAGES_LOG - 6)];
            chunks.put(key, c);
            lastKey = key;
            last = c;
        }
        int i = (int) (page & ((1 << CHUNK_PAGES_LOG) - 1));
        if (on) {
            c[i >>> 6] |= 1L << i;
        } else {
            c[i >>> 6] &= ~(1L << i);
        }
    }
}
