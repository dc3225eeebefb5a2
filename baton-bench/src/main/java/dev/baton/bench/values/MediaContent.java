package dev.baton.bench.values;

import java.util.List;
import java.util.Objects;

/**
 * The jvm-serializers benchmark value: one {@link Media} and the {@link Image}s shown with it.
 * Plain mutable fields and a no-argument constructor, as every library here needs; the field
 * names and types follow jvm-serializers' {@code data.media} model.
 */
public final class MediaContent {
    public Media media;
    public List<Image> images;

    public MediaContent() {
    }

    public MediaContent(Media media, List<Image> images) {
        this.media = media;
        this.images = images;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof MediaContent m && Objects.equals(media, m.media) && Objects.equals(images, m.images);
    }

    @Override
    public int hashCode() {
        return Objects.hash(media, images);
    }

    @Override
    public String toString() {
        return "MediaContent[media=" + media + ", images=" + images + "]";
    }
}
