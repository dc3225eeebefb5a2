package dev.baton.bench.values;

import java.util.List;
import java.util.Objects;

/**
 * Many {@link MediaContent} values in one object, as a user keeps them: the value of issue 19's
 * list benchmark, one section (or message, or object graph) holding 10,000 of them.
 */
public final class MediaList {
    public List<MediaContent> items;

    public MediaList() {
    }

    public MediaList(List<MediaContent> items) {
        this.items = items;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof MediaList l && Objects.equals(items, l.items);
    }

    @Override
    public int hashCode() {
        return Objects.hashCode(items);
    }

    @Override
    public String toString() {
        return "MediaList[" + (items == null ? "null" : items.size() + " items") + "]";
    }
}
