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

    /** The struct of 100 primitive fields, {@link Primitives#sample()}. */
    public static Primitives primitives() {
        return Primitives.sample();
    }
}
