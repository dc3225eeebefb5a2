package dev.baton.bench.describe;

import dev.baton.bench.values.Image;
import dev.baton.bench.values.Media;
import dev.baton.bench.values.MediaContent;
import dev.baton.core.describe.SectionInput;
import dev.baton.core.describe.StateDescription;
import dev.baton.core.wire.BodyWriter;
import dev.baton.core.wire.StreamFormatException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * {@link MediaContent} as Baton describes it, and the same octets written and read by hand
 * through {@link BodyWriter} and {@link SectionInput} (the "wire only" baseline).
 *
 * <p>Two things the description table has no kind for yet are spelled with the kinds it has,
 * putting on the wire what such a kind would:
 * <ul>
 * <li>a string that may be null ({@code title}, {@code copyright}): a bool "present" field, then
 *     the string {@code when} it is present. On load the bool sets the field to {@code ""} (present,
 *     not yet read) or {@code null}, so that the same {@code when} test decides both ways.
 * <li>a list of strings ({@code persons}): a u32 count, then that many strings. Without a
 *     list-of-strings kind the strings are {@link #MAX_PERSONS} {@code when}-gated string rows; the
 *     count's setter makes a list of that many empty slots, which the rows fill.
 * </ul>
 */
public final class MediaDescription {
    /** Most persons one Media may name in this description (rows person0 to person3). */
    static final int MAX_PERSONS = 4;

    private static final Media.Player[] PLAYERS = Media.Player.values();
    private static final Image.Size[] SIZES = Image.Size.values();

    private MediaDescription() {
    }

    public static final StateDescription<Image> IMAGE = StateDescription.<Image>builder("image", Image::new)
            .string("uri", i -> i.uri, (i, v) -> i.uri = v)
            .bool("hasTitle", i -> i.title != null, (i, v) -> i.title = v ? "" : null)
            .string("title", i -> i.title, (i, v) -> i.title = v).when("hasTitle", i -> i.title != null)
            .s32("width", i -> i.width, (i, v) -> i.width = v)
            .s32("height", i -> i.height, (i, v) -> i.height = v)
            .enumeration("size", Image.Size.class, Enum::ordinal, id -> byId(SIZES, id), i -> i.size,
                    (i, v) -> i.size = v)
            .build();

    public static final StateDescription<Media> MEDIA = persons(StateDescription.<Media>builder("media", Media::new)
            .string("uri", m -> m.uri, (m, v) -> m.uri = v)
            .bool("hasTitle", m -> m.title != null, (m, v) -> m.title = v ? "" : null)
            .string("title", m -> m.title, (m, v) -> m.title = v).when("hasTitle", m -> m.title != null)
            .s32("width", m -> m.width, (m, v) -> m.width = v)
            .s32("height", m -> m.height, (m, v) -> m.height = v)
            .string("format", m -> m.format, (m, v) -> m.format = v)
            .s64("duration", m -> m.duration, (m, v) -> m.duration = v)
            .s64("size", m -> m.size, (m, v) -> m.size = v)
            .bool("hasBitrate", m -> m.hasBitrate, (m, v) -> m.hasBitrate = v)
            .s32("bitrate", m -> m.bitrate, (m, v) -> m.bitrate = v).when("hasBitrate", m -> m.hasBitrate)
            .u32("personCount", m -> personCount(m), (m, v) -> m.persons = Arrays.asList(
                    new String[(int) Math.min(v, MAX_PERSONS + 1)]))
                    .check(m -> m.persons.size() <= MAX_PERSONS, "at most " + MAX_PERSONS + " persons"))
            .enumeration("player", Media.Player.class, Enum::ordinal, id -> byId(PLAYERS, id), m -> m.player,
                    (m, v) -> m.player = v)
            .bool("hasCopyright", m -> m.copyright != null, (m, v) -> m.copyright = v ? "" : null)
            .string("copyright", m -> m.copyright, (m, v) -> m.copyright = v)
                    .when("hasCopyright", m -> m.copyright != null)
            .build();

    public static final StateDescription<MediaContent> DESCRIPTION = StateDescription
            .<MediaContent>builder("mediaContent", MediaContent::new)
            .struct("media", MEDIA, c -> c.media, (c, v) -> c.media = v)
            .list("images", IMAGE, c -> c.images, (c, v) -> c.images = v)
            .build();

    /** The rows person0 to person3, each on the wire when the list reaches it. */
    private static dev.baton.core.describe.DescriptionBuilder<Media> persons(
            dev.baton.core.describe.DescriptionBuilder<Media> b) {
        for (int i = 0; i < MAX_PERSONS; i++) {
            int index = i;
            b.string("person" + i, m -> m.persons.get(index), (m, v) -> m.persons.set(index, v))
                    .when("person" + i, m -> m.persons.size() > index);
        }
        return b;
    }

    private static long personCount(Media m) {
        int n = m.persons.size();
        if (n > MAX_PERSONS) {
            throw new IllegalArgumentException(n + " persons; this description holds at most " + MAX_PERSONS);
        }
        return n;
    }

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
