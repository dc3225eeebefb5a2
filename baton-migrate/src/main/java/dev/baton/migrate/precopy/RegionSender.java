package dev.baton.migrate.precopy;

import dev.baton.core.describe.DescriptionContext;
import dev.baton.core.wire.RecordWriter;
import dev.baton.migrate.MigrationClock;
import dev.baton.migrate.RecordTypes;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.function.LongConsumer;

/**
 * Sends what is dirty in the regions, as PAGES, OBJECT and OBJECT_REMOVED records: one pass.
 * Consecutive dirty pages go together, up to {@link #MAX_RUN} octets a record, so that a first
 * pass over a large region costs a record header per 128 KiB and the reader's buffer holds each
 * record whole.
 *
 * <p>Pages are copied into the writer's buffer before the record's checksum is computed over the
 * copy, so a page the application changes while it is sent goes out torn but consistent with its
 * checksum, and is marked to go again.
 *
 * <p>With {@link ChannelSenders}, the runs of pages go to the extra channels in turn instead
 * of this writer, objects stay on it, and each pass ends with the channels' sync.
 *
 * <p>A pass held to a bandwidth limit waits, after each record, until the time its octets take at
 * that rate has passed on its {@link MigrationClock}.
 */
public final class RegionSender {
    /** Most octets of pages in one PAGES record. */
    public static final int MAX_RUN = 128 * 1024;
    /** PAGES body before the data: region, page count, first page. */
    static final int PAGES_HEADER = 16;

    private final List<Region> regions;
    private final RecordWriter writer;
    private final DescriptionContext context;
    private final LongConsumer progress;
    private final MigrationClock clock;
    private final ChannelSenders channels;
    private long limit;
    private long passStartNanos;
    private long passStartOffset;
    private long pages;
    private long objects;

    /**
     * @param progress told the writer's offset after each record, for a progress bar
     * @param clock    what the bandwidth limit's waits read and wait on: {@link MigrationClock#system()}
     *                 but in tests
     */
    public RegionSender(List<Region> regions, RecordWriter writer, DescriptionContext context, LongConsumer progress,
            MigrationClock clock) {
        this(regions, writer, context, progress, clock, null);
    }

    /**
     * @param channels where the runs of pages go, or {@code null} for {@code writer}
     */
    public RegionSender(List<Region> regions, RecordWriter writer, DescriptionContext context, LongConsumer progress,
            MigrationClock clock, ChannelSenders channels) {
        this.regions = List.copyOf(regions);
        this.writer = writer;
        this.context = context;
        this.progress = progress;
        this.clock = clock;
        this.channels = channels;
    }

    /** Pages sent by the last pass. */
    public long pages() {
        return pages;
    }

    /** Objects (and removals) sent by the last pass. */
    public long objects() {
        return objects;
    }

    /**
     * Sends everything dirty now, clearing it as it goes.
     *
     * @param bandwidthLimit octets per second, 0 for no limit
     * @return octets written, the channels' included
     */
    public long pass(long bandwidthLimit) throws IOException {
        this.limit = bandwidthLimit;
        this.passStartNanos = clock.nanoTime();
        this.passStartOffset = octets();
        pages = 0;
        objects = 0;
        for (int i = 0; i < regions.size(); i++) {
            switch (regions.get(i)) {
                case PagedRegion p -> sendPages(i, p);
                case ObjectCollectionRegion<?> o -> sendObjects(i, o);
            }
        }
        if (channels != null) {
            channels.sync();
        }
        return octets() - passStartOffset;
    }

    /** Octets of the stream and of the channels' streams so far. */
    private long octets() {
        return channels == null ? writer.offset() : writer.offset() + channels.octets();
    }

    private void sendPages(int index, PagedRegion r) throws IOException {
        DirtyBitmap dirty = r.dirty();
        int maxPages = Math.max(1, MAX_RUN / r.pageSize());
        long runStart = -1;
        int runLength = 0;
        int words = dirty.words();
        for (int w = 0; w < words; w++) {
            long bits = dirty.take(w);
            while (bits != 0) {
                long page = ((long) w << 6) + Long.numberOfTrailingZeros(bits);
                bits &= bits - 1;
                if (runLength > 0 && page == runStart + runLength && runLength < maxPages) {
                    runLength++;
                    continue;
                }
                if (runLength > 0) {
                    sendRun(index, r, runStart, runLength);
                }
                runStart = page;
                runLength = 1;
            }
        }
        if (runLength > 0) {
            sendRun(index, r, runStart, runLength);
        }
    }

    private void sendRun(int index, PagedRegion r, long first, int count) throws IOException {
        long offset = first * r.pageSize();
        int length = (int) Math.min((long) count * r.pageSize(), r.size() - offset);
        pages += count;
        if (channels != null) {
            channels.send(index, r, first, count, length);
        } else {
            ByteBuffer data = r.view(offset, length);
            writer.begin(RecordTypes.PAGES).putInt(index).putInt(count).putLong(first).put(data).end();
        }
        sent();
    }

    private <T> void sendObjects(int index, ObjectCollectionRegion<T> r) throws IOException {
        r.drainDirty(id -> {
            T object = r.current(id);
            if (object == null) {
                writer.begin(RecordTypes.OBJECT_REMOVED).putInt(index).putInt(0).putLong(id).end();
            } else {
                var body = writer.begin(RecordTypes.OBJECT).putInt(index)
                        .putInt(context.writeVersion(r.description())).putLong(id);
                r.save(object, body, context);
                body.end();
            }
            objects++;
            sent();
        });
    }

    /** After each record: report progress, and wait when ahead of the bandwidth limit. */
    private void sent() {
        long offset = octets();
        progress.accept(offset);
        if (limit > 0) {
            long due = passStartNanos + (long) ((offset - passStartOffset) * 1e9 / limit);
            clock.sleep(due - clock.nanoTime());
        }
    }
}
