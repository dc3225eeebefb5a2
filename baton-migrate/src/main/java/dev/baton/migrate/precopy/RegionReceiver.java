package dev.baton.migrate.precopy;

import dev.baton.core.describe.DescriptionContext;
import dev.baton.core.describe.SectionInput;
import dev.baton.core.engine.StreamRefusedException;
import dev.baton.core.wire.Plural;
import dev.baton.core.wire.StreamFormatException;
import dev.baton.core.wire.StreamRecord;
import dev.baton.migrate.RecordTypes;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The target's side of pre-copy: checks the source's regions against its own, then loads each
 * PAGES, OBJECT and OBJECT_REMOVED record into them, checking every index, count and length
 * first. At the end it checks that every page arrived at least once. PAGES may be loaded from
 * several threads at once (a migration's channels), each into other pages.
 */
public final class RegionReceiver {
    private final Map<String, Region> local = new HashMap<>();
    private final List<Region> byIndex = new ArrayList<>();
    private final List<long[]> received = new ArrayList<>();
    private final DescriptionContext context;
    private long pages;
    private long objects;

    public RegionReceiver(List<Region> regions, DescriptionContext context) {
        for (Region r : regions) {
            if (local.put(r.name(), r) != null) {
                throw new IllegalArgumentException("two regions are named '" + r.name() + "'");
            }
        }
        this.context = context;
    }

    /**
     * Matches the source's regions with this target's by name, or refuses: a region missing on
     * either side, of another kind, size or page size.
     */
    public void expect(RegionManifest manifest) throws StreamRefusedException {
        List<String> missing = new ArrayList<>(local.keySet());
        for (RegionManifest.Entry e : manifest.entries()) {
            Region r = local.get(e.name());
            if (r == null) {
                throw new StreamRefusedException("the source sends region '" + e.name() + "', which this target does"
                        + " not have (it has " + new java.util.TreeSet<>(local.keySet()) + ")");
            }
            if (!missing.remove(e.name())) {
                throw new StreamRefusedException("the source declares region '" + e.name() + "' twice");
            }
            switch (r) {
                case PagedRegion p -> {
                    if (e.objects()) {
                        throw new StreamRefusedException("region '" + e.name() + "' holds objects in the source but"
                                + " pages here");
                    }
                    if (p.size() != e.size() || p.pageSize() != e.pageSize()) {
                        throw new StreamRefusedException("region '" + e.name() + "' is "
                                + Plural.count(e.size(), "octet") + " in pages"
                                + " of " + e.pageSize() + " in the source but " + p.size() + " in pages of "
                                + p.pageSize() + " here");
                    }
                    received.add(new long[(int) ((p.pages() + 63) / 64)]);
                }
                case ObjectCollectionRegion<?> o -> {
                    if (!e.objects()) {
                        throw new StreamRefusedException("region '" + e.name() + "' holds pages in the source but"
                                + " objects here");
                    }
                    if (!o.description().name().equals(e.description())) {
                        throw new StreamRefusedException("region '" + e.name() + "' holds '" + e.description()
                                + "' objects in the source but '" + o.description().name() + "' here");
                    }
                    o.clearForLoad();
                    received.add(null);
                }
            }
            byIndex.add(r);
        }
        if (!missing.isEmpty()) {
            throw new StreamRefusedException("the source sends no region " + missing + ", which this target needs");
        }
    }

    /** Loads one PAGES, OBJECT or OBJECT_REMOVED record. */
    public void load(StreamRecord record) throws IOException {
        ByteBuffer body = record.body();
        RegionManifest.Fields in = new RegionManifest.Fields(body, record);
        long index = in.u32("region index");
        if (index >= byIndex.size()) {
            throw record.error("region index " + index + " but the session declared "
                    + Plural.count(byIndex.size(), "region"), 0);
        }
        Region region = byIndex.get((int) index);
        switch (record.type()) {
            case RecordTypes.PAGES -> {
                if (!(region instanceof PagedRegion p)) {
                    throw record.error("PAGES for region '" + region.name() + "', which holds objects", 0);
                }
                pages(record, body, in, p, received.get((int) index));
            }
            case RecordTypes.OBJECT, RecordTypes.OBJECT_REMOVED -> {
                if (!(region instanceof ObjectCollectionRegion<?> o)) {
                    throw record.error(record.typeName() + " for region '" + region.name() + "', which holds pages", 0);
                }
                object(record, body, in, o);
            }
            default -> throw new IllegalArgumentException("not a region record: " + record);
        }
    }

    private void pages(StreamRecord record, ByteBuffer body, RegionManifest.Fields in, PagedRegion p, long[] got)
            throws StreamFormatException {
        long count = in.u32("page count");
        long first = in.u64("first page");
        if (count == 0 || first < 0 || first >= p.pages() || count > p.pages() - first) {
            throw record.error("pages [" + Long.toUnsignedString(first) + ", +" + count + ") are not inside region '"
                    + p.name() + "' of " + Plural.count(p.pages(), "page"), 4);
        }
        long offset = first * p.pageSize();
        long expected = Math.min(count * p.pageSize(), p.size() - offset);
        if (body.remaining() != expected) {
            throw record.error("region '" + p.name() + "': " + Plural.count(count, "page") + " need "
                    + Plural.count(expected, "octet") + ", but the record holds " + body.remaining(),
                    RegionSender.PAGES_HEADER);
        }
        p.view(offset, (int) expected).put(body);
        synchronized (got) { // the channels of a migration load pages from threads of their own
            for (long page = first; page < first + count; page++) {
                got[(int) (page >>> 6)] |= 1L << page;
            }
            pages += count;
        }
    }

    private <T> void object(StreamRecord record, ByteBuffer body, RegionManifest.Fields in, ObjectCollectionRegion<T> o)
            throws IOException {
        long version = in.u32("version");
        long id = in.u64("id");
        if (record.type() == RecordTypes.OBJECT_REMOVED) {
            if (version != 0 || body.hasRemaining()) {
                throw record.error("OBJECT_REMOVED has a non-zero reserved field or octets after its id", 4);
            }
            o.removeLoaded(id);
            objects++;
            return;
        }
        SectionInput data = new SectionInput(body.slice().order(body.order()),
                record.offset() + 8 + body.position(), record.index(), record.type());
        try {
            o.description().checkVersion((int) Math.min(version, Integer.MAX_VALUE), data);
            o.load(id, data, (int) version, context);
            if (data.remaining() != 0) {
                throw data.error(Plural.count(data.remaining(), "octet")
                        + " of object data left over after its description");
            }
        } catch (StreamFormatException e) {
            throw e.withContext("region " + o.name() + ", object " + id
                    + (e.context() == null ? "" : ", field " + e.context()));
        }
        objects++;
    }

    /** Pages loaded so far (pages sent twice count twice). */
    public long pages() {
        return pages;
    }

    public long objects() {
        return objects;
    }

    /** Fails unless every page of every paged region arrived at least once. */
    public void checkComplete() throws StreamRefusedException {
        for (int i = 0; i < byIndex.size(); i++) {
            if (byIndex.get(i) instanceof PagedRegion p) {
                long[] got = received.get(i);
                long have = 0;
                for (long w : got) {
                    have += Long.bitCount(w);
                }
                if (have != p.pages()) {
                    throw new StreamRefusedException("region '" + p.name() + "': only " + have + " of its "
                            + Plural.count(p.pages(), "page") + " arrived");
                }
            }
        }
    }
}
