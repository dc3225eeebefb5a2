package dev.baton.migrate.precopy;

import dev.baton.core.wire.Plural;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.atomic.LongAdder;

/**
 * One bit per page: set when the application changes the page, taken and cleared by the
 * pre-copy pass that sends it.
 *
 * <p>The order that makes this safe: the application writes the page, then marks it; the pass
 * takes and clears the bits, then reads the pages. Marking is an atomic OR and taking an atomic
 * exchange on the same word, so either the pass takes a bit set after the write (and its read
 * sees the write), or the mark comes after the take and the page goes again in the next pass.
 */
public final class DirtyBitmap {
    private static final VarHandle WORDS = MethodHandles.arrayElementVarHandle(long[].class);

    private final long pages;
    private final long[] words;
    /** Pages that went from clean to dirty: the dirty rate is measured from it. */
    private final LongAdder newlyDirty = new LongAdder();

    public DirtyBitmap(long pages) {
        if (pages < 0 || (pages + 63) / 64 > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("cannot track " + Plural.count(pages, "page"));
        }
        this.pages = pages;
        this.words = new long[(int) ((pages + 63) / 64)];
    }

    public long pages() {
        return pages;
    }

    /** Marks one page dirty. */
    public void mark(long page) {
        if (page < 0 || page >= pages) {
            throw new IndexOutOfBoundsException("page " + page + " of " + pages);
        }
        long bit = 1L << page;
        long old = (long) WORDS.getAndBitwiseOr(words, (int) (page >>> 6), bit);
        if ((old & bit) == 0) {
            newlyDirty.increment();
        }
    }

    /** Marks pages {@code [from, to)} dirty. */
    public void markRange(long from, long to) {
        if (from < 0 || to > pages || from > to) {
            throw new IndexOutOfBoundsException("pages [" + from + ", " + to + ") of " + pages);
        }
        long p = from;
        while (p < to) {
            int w = (int) (p >>> 6);
            int lo = (int) (p & 63);
            int hi = (int) Math.min(64, lo + (to - p));
            long bits = hi == 64 ? -1L << lo : ((1L << hi) - 1) & (-1L << lo);
            long old = (long) WORDS.getAndBitwiseOr(words, w, bits);
            int added = Long.bitCount(bits & ~old);
            if (added != 0) {
                newlyDirty.add(added);
            }
            p += hi - lo;
        }
    }

    /** Marks every page dirty: a new session sends everything once. */
    public void markAll() {
        markRange(0, pages);
    }

    /** Words of 64 pages, for {@link #take}. */
    int words() {
        return words.length;
    }

    /** Takes and clears the bits of word {@code w}: bit {@code i} is page {@code 64 * w + i}. */
    long take(int w) {
        long bits = (long) WORDS.getAcquire(words, w);
        return bits == 0 ? 0 : (long) WORDS.getAndSet(words, w, 0L);
    }

    /** Pages dirty now; a moment's count while the application runs. */
    public long count() {
        long n = 0;
        for (int w = 0; w < words.length; w++) {
            n += Long.bitCount((long) WORDS.getOpaque(words, w));
        }
        return n;
    }

    /** Pages that went from clean to dirty since the bitmap was made. */
    public long newlyDirtied() {
        return newlyDirty.sum();
    }

    /** Whether page {@code page} is marked. */
    public boolean isMarked(long page) {
        return ((long) WORDS.getOpaque(words, (int) (page >>> 6)) & (1L << page)) != 0;
    }
}
