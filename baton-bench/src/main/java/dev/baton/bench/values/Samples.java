package dev.baton.bench.values;

import java.util.ArrayList;
import java.util.List;

/** The values the state-description benchmarks save and load. */
public final class Samples {
    private Samples() {
    }

    /**
     * The standard value of jvm-serializers, its tpc/data/media.1.json: a Media with two persons
     * (the second name ends in U+C2A4, a Hangul syllable, so one string is not ASCII), a bitrate,
     * no copyright, and two Images. Lists are ArrayLists, as the libraries load them.
     */
    public static MediaContent mediaContent() {
        Media m = new Media();
        m.uri = "http://javaone.com/keynote.mpg";
        m.title = "Javaone Keynote";
        m.width = 640;
        m.height = 480;
        m.format = "video/mpg4";
        m.duration = 18_000_000;
        m.size = 58_982_400;
        m.bitrate = 262_144;
        m.hasBitrate = true;
        m.persons = new ArrayList<>(List.of("Bill Gates", "Steve Jobs\uC2A4"));
        m.player = Media.Player.JAVA;
        m.copyright = null;
        List<Image> images = new ArrayList<>(List.of(
                new Image("http://javaone.com/keynote_large.jpg", "Javaone Keynote", 1024, 768, Image.Size.LARGE),
                new Image("http://javaone.com/keynote_small.jpg", "Javaone Keynote", 320, 240, Image.Size.SMALL)));
        return new MediaContent(m, images);
    }

    /**
     * {@code n} values like {@link #mediaContent()}, each its own objects and strings: the i-th
     * has {@code i} in its uris (before the extension) and adds {@code i} to its duration, so the
     * strings are 1 to 5 octets longer than the sample's and no two values are equal.
     */
    public static MediaList mediaList(int n) {
        List<MediaContent> items = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            MediaContent c = mediaContent();
            c.media.uri = numbered(c.media.uri, i);
            c.media.duration += i;
            c.media.persons = new ArrayList<>(c.media.persons.stream().map(String::new).toList());
            c.media.title = new String(c.media.title);
            c.media.format = new String(c.media.format);
            for (Image image : c.images) {
                image.uri = numbered(image.uri, i);
                image.title = new String(image.title);
            }
            items.add(c);
        }
        return new MediaList(items);
    }

    /** {@code uri} with {@code i} before its extension. */
    private static String numbered(String uri, int i) {
        int dot = uri.lastIndexOf('.');
        return uri.substring(0, dot) + i + uri.substring(dot);
    }

    /** The struct of 100 primitive fields, {@link Primitives#sample()}. */
    public static Primitives primitives() {
        return Primitives.sample();
    }
}
