package dev.baton.bench.describe;

import dev.baton.bench.values.Image;
import dev.baton.bench.values.Media;
import dev.baton.bench.values.MediaContent;
import dev.baton.core.describe.Derivation;
import dev.baton.core.describe.SectionInput;
import dev.baton.core.describe.StateDescription;
import dev.baton.core.wire.BodyWriter;
import dev.baton.core.wire.StreamFormatException;
import java.lang.invoke.MethodHandles;
import java.util.ArrayList;
import java.util.List;

/**
 * {@link MediaContent} as Baton describes it, and the same octets written and read by hand
 * through {@link BodyWriter} and {@link SectionInput} (the "wire only" baseline).
 *
 * <p>The strings that may be null ({@code title}, {@code copyright}) are {@code nstring} fields:
 * a 0 or 1 marker, then the string when it is 1. {@code persons} is a {@code strings} field: a
 * u32 count, then that many strings. The hand-written code puts the same octets, the marker as a
 * bool ({@link Wire#optionalString}).
 */
public final class MediaDescription {
    private static final Media.Player[] PLAYERS = Media.Player.values();
    private static final Image.Size[] SIZES = Image.Size.values();

    private MediaDescription() {
    }

    public static final StateDescription<Image> IMAGE = StateDescription.<Image>builder("image", Image::new)
            .string("uri", i -> i.uri, (i, v) -> i.uri = v)
            .nullableString("title", i -> i.title, (i, v) -> i.title = v)
            .s32("width", i -> i.width, (i, v) -> i.width = v)
            .s32("height", i -> i.height, (i, v) -> i.height = v)
            .enumeration("size", Image.Size.class, Enum::ordinal, id -> byId(SIZES, id), i -> i.size,
                    (i, v) -> i.size = v)
            .build();

    public static final StateDescription<Media> MEDIA = StateDescription.<Media>builder("media", Media::new)
            .string("uri", m -> m.uri, (m, v) -> m.uri = v)
            .nullableString("title", m -> m.title, (m, v) -> m.title = v)
            .s32("width", m -> m.width, (m, v) -> m.width = v)
            .s32("height", m -> m.height, (m, v) -> m.height = v)
            .string("format", m -> m.format, (m, v) -> m.format = v)
            .s64("duration", m -> m.duration, (m, v) -> m.duration = v)
            .s64("size", m -> m.size, (m, v) -> m.size = v)
            .bool("hasBitrate", m -> m.hasBitrate, (m, v) -> m.hasBitrate = v)
            .s32("bitrate", m -> m.bitrate, (m, v) -> m.bitrate = v).when("hasBitrate", m -> m.hasBitrate)
            .strings("persons", m -> m.persons, (m, v) -> m.persons = v)
            .enumeration("player", Media.Player.class, Enum::ordinal, id -> byId(PLAYERS, id), m -> m.player,
                    (m, v) -> m.player = v)
            .nullableString("copyright", m -> m.copyright, (m, v) -> m.copyright = v)
            .build();

    public static final StateDescription<MediaContent> DESCRIPTION = StateDescription
            .<MediaContent>builder("mediaContent", MediaContent::new)
            .struct("media", MEDIA, c -> c.media, (c, v) -> c.media = v)
            .list("images", IMAGE, c -> c.images, (c, v) -> c.images = v)
            .build();

    /**
     * The same description derived from the classes: their fields in order, {@code @Nullable}
     * strings, {@code @When("hasBitrate")} and the enums' {@code @EnumId}s say what the builder's
     * calls above say.
     */
    public static final StateDescription<MediaContent> DERIVED = Derivation.with(MethodHandles.lookup())
            .derive(MediaContent.class);

    private static <E> E byId(E[] constants, int id) {
        return id >= 0 && id < constants.length ? constants[id] : null;
    }

    /** The octets {@link #DESCRIPTION} writes, by hand. */
    public static void save(MediaContent c, BodyWriter out) {
        Media m = c.media;
        Wire.string(out, m.uri);
        Wire.optionalString(out, m.title);
        out.putInt(m.width).putInt(m.height);
        Wire.string(out, m.format);
        out.putLong(m.duration).putLong(m.size).putBoolean(m.hasBitrate);
        if (m.hasBitrate) {
            out.putInt(m.bitrate);
        }
        List<String> persons = m.persons;
        int n = persons.size();
        out.putInt(n);
        for (int i = 0; i < n; i++) {
            Wire.string(out, persons.get(i));
        }
        out.putInt(m.player.ordinal());
        Wire.optionalString(out, m.copyright);
        out.putU8(0);
        List<Image> images = c.images;
        out.putInt(images.size());
        for (int i = 0, k = images.size(); i < k; i++) {
            Image image = images.get(i);
            Wire.string(out, image.uri);
            Wire.optionalString(out, image.title);
            out.putInt(image.width).putInt(image.height).putInt(image.size.ordinal());
            out.putU8(0);
        }
        out.putU8(0);
    }

    /** Reads what {@link #save} wrote into new objects, checking as the description does. */
    public static MediaContent load(SectionInput in) throws StreamFormatException {
        Media m = new Media();
        m.uri = in.string();
        m.title = Wire.optionalString(in);
        m.width = in.s32();
        m.height = in.s32();
        m.format = in.string();
        m.duration = in.s64();
        m.size = in.s64();
        m.hasBitrate = Wire.bool(in);
        if (m.hasBitrate) {
            m.bitrate = in.s32();
        }
        int n = in.count(in.u32(), 4, "persons");
        List<String> persons = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            persons.add(in.string());
        }
        m.persons = persons;
        m.player = Wire.enumeration(in, PLAYERS);
        m.copyright = Wire.optionalString(in);
        Wire.end(in);
        int k = in.count(in.u32(), 1, "images");
        List<Image> images = new ArrayList<>(k);
        for (int i = 0; i < k; i++) {
            Image image = new Image();
            image.uri = in.string();
            image.title = Wire.optionalString(in);
            image.width = in.s32();
            image.height = in.s32();
            image.size = Wire.enumeration(in, SIZES);
            Wire.end(in);
            images.add(image);
        }
        Wire.end(in);
        return new MediaContent(m, images);
    }
}
