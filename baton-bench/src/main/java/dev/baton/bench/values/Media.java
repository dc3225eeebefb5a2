package dev.baton.bench.values;

import dev.baton.core.describe.annotation.EnumId;
import dev.baton.core.describe.annotation.Nullable;
import dev.baton.core.describe.annotation.When;
import java.util.List;
import java.util.Objects;

/**
 * A video and who is in it; {@code title}, {@code bitrate} and {@code copyright} may be unset. The
 * annotations (Baton's, for its derived description) say so; the fields are in Baton's wire order.
 */
public final class Media {
    public enum Player {
        @EnumId(0) JAVA, @EnumId(1) FLASH
    }

    public String uri;
    /** May be null. */
    @Nullable
    public String title;
    public int width;
    public int height;
    public String format;
    public long duration;
    public long size;
    public boolean hasBitrate;
    /** Meaningful only when {@link #hasBitrate}. */
    @When("hasBitrate")
    public int bitrate;
    public List<String> persons;
    public Player player;
    /** May be null. */
    @Nullable
    public String copyright;

    public Media() {
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Media m && width == m.width && height == m.height && duration == m.duration
                && size == m.size && bitrate == m.bitrate && hasBitrate == m.hasBitrate && Objects.equals(uri, m.uri)
                && Objects.equals(title, m.title) && Objects.equals(format, m.format)
                && Objects.equals(persons, m.persons) && player == m.player && Objects.equals(copyright, m.copyright);
    }

    @Override
    public int hashCode() {
        return Objects.hash(uri, title, width, height, format, duration, size, bitrate, hasBitrate, persons, player,
                copyright);
    }

    @Override
    public String toString() {
        return "Media[uri=" + uri + ", title=" + title + ", width=" + width + ", height=" + height + ", format="
                + format + ", duration=" + duration + ", size=" + size + ", bitrate=" + bitrate + ", hasBitrate="
                + hasBitrate + ", persons=" + persons + ", player=" + player + ", copyright=" + copyright + "]";
    }
}
