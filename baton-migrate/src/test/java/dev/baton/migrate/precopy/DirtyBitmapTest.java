package dev.baton.migrate.precopy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class DirtyBitmapTest {

    private static List<Long> taken(DirtyBitmap b) {
        List<Long> pages = new ArrayList<>();
        for (int w = 0; w < b.words(); w++) {
            long bits = b.take(w);
            while (bits != 0) {
                pages.add(64L * w + Long.numberOfTrailingZeros(bits));
                bits &= bits - 1;
            }
        }
        return pages;
    }

    @Test
    void rangesAcrossWordsAndTakingClears() {
        DirtyBitmap b = new DirtyBitmap(200);
        b.markRange(60, 70);
        b.mark(199);
        b.mark(65); // already dirty: not newly so
        assertThat(b.count()).isEqualTo(11);
        assertThat(b.newlyDirtied()).isEqualTo(11);
        assertThat(taken(b)).containsExactly(60L, 61L, 62L, 63L, 64L, 65L, 66L, 67L, 68L, 69L, 199L);
        assertThat(b.count()).isZero();
        assertThat(taken(b)).isEmpty();
        b.markAll();
        assertThat(b.count()).isEqualTo(200);
        assertThat(b.newlyDirtied()).isEqualTo(211);
        assertThatThrownBy(() -> b.mark(200)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> b.markRange(10, 201)).isInstanceOf(IndexOutOfBoundsException.class);
    }

    @Test
    void marksRacingWithTakesAreAllTakenInTheEnd() throws Exception {
        DirtyBitmap b = new DirtyBitmap(64 * 16);
        Thread writer = Thread.ofPlatform().start(() -> {
            for (int i = 0; i < 200_000; i++) {
                b.mark(i % b.pages());
            }
        });
        long seen = 0;
        while (writer.isAlive()) {
            seen += taken(b).size();
        }
        writer.join();
        seen += taken(b).size();
        // the writer's last pass over the pages marked every one: each was taken at least once
        assertThat(seen).isGreaterThanOrEqualTo(b.pages());
        assertThat(b.count()).isZero();
    }

    @Test
    void regionsMarkWhatTheirHelpersWrite() {
        ByteArrayRegion a = new ByteArrayRegion("a", new byte[10_000], 4096);
        assertThat(a.pages()).isEqualTo(3);
        assertThat(a.pageLength(2)).isEqualTo(10_000 - 8192);
        a.putLong(4092, 42); // spans pages 0 and 1
        assertThat(a.dirty().isMarked(0)).isTrue();
        assertThat(a.dirty().isMarked(1)).isTrue();
        assertThat(a.dirty().isMarked(2)).isFalse();
        assertThat(a.getLong(4092)).isEqualTo(42);
        assertThat(a.dirtyBytes()).isEqualTo(8192);

        ByteBufferRegion d = new ByteBufferRegion("d", java.nio.ByteBuffer.allocateDirect(8192), 4096);
        d.putLong(5000, 7);
        assertThat(d.dirty().isMarked(1)).isTrue();
        assertThat(d.dirty().isMarked(0)).isFalse();
        assertThat(d.getLong(5000)).isEqualTo(7);
        assertThatThrownBy(() -> new ByteArrayRegion("x", new byte[10], 1000)).hasMessageContaining("power of two");
    }
}
