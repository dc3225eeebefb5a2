package dev.baton.bench.values;

import dev.baton.core.describe.annotation.EnumId;
import dev.baton.core.describe.annotation.Nullable;
import java.util.Objects;

/** A picture shown with a {@link Media}; {@code title} may be null. */
public final class Image {
    public enum Size {
        @EnumId(0) SMALL, @EnumId(1) LARGE
    }

    public String uri;
    /** May be null. */
    @Nullable
    public String title;
    public int width;
    public int height;
    public Size size;

    public Image() {
    }

    public Image(String uri, String title, int width, int height, Size size) {
        this.uri = uri;
        this.title = title;
        this.width = width;
        this.height = height;
        this.size = size;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Image i && width == i.width && height == i.height && Objects.equals(uri, i.uri)
                && Objects.equals(title, i.title) && size == i.size;
    }

    @Override
    public int hashCode() {
        return Objects.hash(uri, title, width, height, size);
    }

    @Override
    public String toString() {
        return "Image[uri=" + uri + ", title=" + title + ", width=" + width + ", height=" + height + ", size="
                + size + "]";
    }
}
