package dev.baton.migrate.precopy;

import dev.baton.core.wire.BodyWriter;
import dev.baton.core.wire.StreamFormatException;
import dev.baton.core.wire.StreamRecord;
import dev.baton.core.wire.Utf8;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * The regions a source will send, in the MIGRATION_SESSION record, so that the target can
 * check them against its own before any page arrives. Each entry, in the stream's byte order:
 *
 * <pre>
 *   u8 kind (1 pages, 2 objects) | u8 0 | u16 name_len | name | u32 page_size | u64 size
 *   | u16 description_len | description          (description: objects only; 0 length for pages)
 * </pre>
 */
public record RegionManifest(List<Entry> entries) {
    static final int PAGES = 1;
    static final int OBJECTS = 2;
    /** Most regions a stream may declare. */
    public static final int MAX_REGIONS = 4096;

    public RegionManifest {
        entries = List.copyOf(entries);
    }

    /**
     * One region.
     *
     * @param objects     true for an object collection, false for pages
     * @param name        the region's name
     * @param pageSize    octets per page (pages), 0 (objects)
     * @param size        octets of the region (pages), 0 (objects)
     * @param description the objects' description name (objects), empty (pages)
     */
    public record Entry(boolean objects, String name, int pageSize, long size, String description) {
    }

    public static RegionManifest of(List<Region> regions) {
        List<Entry> entries = new ArrayList<>();
        for (Region r : regions) {
            entries.add(switch (r) {
                case PagedRegion p -> new Entry(false, p.name(), p.pageSize(), p.size(), "");
                case ObjectCollectionRegion<?> o -> new Entry(true, o.name(), 0, 0, o.description().name());
            });
        }
        return new RegionManifest(entries);
    }

    public void write(BodyWriter out) {
        out.putInt(entries.size());
        for (Entry e : entries) {
            out.putU8(e.objects() ? OBJECTS : PAGES).putU8(0).putU16(Utf8.encodedLength(e.name())).putUtf8(e.name())
                    .putInt(e.pageSize()).putLong(e.size()).putU16(Utf8.encodedLength(e.description()))
                    .putUtf8(e.description());
        }
    }

    /** Reads a manifest from {@code body} at its position, checking every length against what remains. */
    public static RegionManifest read(ByteBuffer body, StreamRecord r) throws StreamFormatException {
        Fields in = new Fields(body, r);
        long count = in.u32("region count");
        if (count > MAX_REGIONS) {
            throw r.error("region count " + count + " exceeds the limit of " + MAX_REGIONS, body.position() - 4);
        }
        List<Entry> entries = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            int at = body.position();
            int kind = in.u8("region kind");
            if (kind != PAGES && kind != OBJECTS) {
                throw r.error("region #" + i + " has kind " + kind + " (1 pages, 2 objects)", at);
            }
            if (in.u8("reserved") != 0) {
                throw r.error("region #" + i + ": reserved octet is not zero", at + 1);
            }
            String name = in.string("region name");
            int pageSize = (int) in.u32("page size");
            long size = in.u64("region size");
            String description = in.string("description name");
            if (kind == PAGES && (pageSize < 512 || Integer.bitCount(pageSize) != 1 || pageSize > (1 << 20) || size < 0)) {
                throw r.error("region '" + name + "': page size " + Integer.toUnsignedString(pageSize)
                        + " or size " + Long.toUnsignedString(size) + " is not valid", at);
            }
            entries.add(new Entry(kind == OBJECTS, name, pageSize, size, description));
        }
        return new RegionManifest(entries);
    }

    /** Field reads over a record body that fail as format errors, never as buffer errors. */
    record Fields(ByteBuffer b, StreamRecord r) {
        private void need(int n, String what) throws StreamFormatException {
            if (b.remaining() < n) {
                throw r.error(what + " runs past the end of the body (" + b.limit() + " octets)", b.position());
            }
        }

        int u8(String what) throws StreamFormatException {
            need(1, what);
            return b.get() & 0xFF;
        }

        int u16(String what) throws StreamFormatException {
            need(2, what);
            return b.getShort() & 0xFFFF;
        }

        long u32(String what) throws StreamFormatException {
            need(4, what);
            return b.getInt() & 0xFFFF_FFFFL;
        }

        long u64(String what) throws StreamFormatException {
            need(8, what);
            return b.getLong();
        }

        String string(String what) throws StreamFormatException {
            int n = u16(what + " length");
            need(n, what);
            int at = b.position();
            if (Utf8.containsNul(b, at, n)) {
                throw r.error(what + " contains a NUL octet", at);
            }
            String s = Utf8.decode(b, at, n);
            if (s == null) {
                throw r.error(what + " is not valid UTF-8", at);
            }
            b.position(at + n);
            return s;
        }
    }
}
