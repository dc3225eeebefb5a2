package dev.baton.bench.describe;

import dev.baton.bench.values.MediaContent;
import dev.baton.bench.values.MediaList;
import dev.baton.core.describe.Derivation;
import dev.baton.core.describe.SectionInput;
import dev.baton.core.describe.StateDescription;
import dev.baton.core.wire.BodyWriter;
import dev.baton.core.wire.StreamFormatException;
import java.lang.invoke.MethodHandles;
import java.util.ArrayList;
import java.util.List;

/**
 * {@link MediaList} as a user describes it: one {@code list} field of {@link MediaDescription}'s
 * MediaContent, so a section holds a u32 count, each value's section data, and the end marker.
 * And the same octets by hand, as {@link MediaDescription}'s hand-written codec puts each value.
 */
public final class MediaListDescription {
    private MediaListDescription() {
    }

    public static final StateDescription<MediaList> DESCRIPTION = StateDescription
            .<MediaList>builder("mediaList", MediaList::new)
            .list("items", MediaDescription.DESCRIPTION, l -> l.items, (l, v) -> l.items = v)
            .build();

    /** The same description derived from {@link MediaList}'s one field. */
    public static final StateDescription<MediaList> DERIVED = Derivation.with(MethodHandles.lookup())
            .derive(MediaList.class);

    /** The octets {@link #DESCRIPTION} writes, by hand. */
    public static void save(MediaList l, BodyWriter out) {
        List<MediaContent> items = l.items;
        int n = items.size();
        out.putInt(n);
        for (int i = 0; i < n; i++) {
            MediaDescription.save(items.get(i), out);
        }
        out.putU8(0);
    }

    /** Reads what {@link #save} wrote into new objects, checking as the description does. */
    public static MediaList load(SectionInput in) throws StreamFormatException {
        int n = in.count(in.u32(), 1, "items");
        List<MediaContent> items = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            items.add(MediaDescription.load(in));
        }
        Wire.end(in);
        return new MediaList(items);
    }
}
