package dev.baton.bench.describe;

import com.google.protobuf.Message;
import com.google.protobuf.Parser;
import dev.baton.bench.proto.MediaProto;
import dev.baton.bench.proto.PrimitivesProto;
import dev.baton.bench.values.Image;
import dev.baton.bench.values.Media;
import dev.baton.bench.values.MediaContent;
import dev.baton.bench.values.MediaList;
import dev.baton.bench.values.Primitives;
import dev.baton.bench.values.Samples;
import dev.baton.core.describe.SectionInput;
import dev.baton.core.describe.StateDescription;
import dev.baton.core.wire.BodyWriter;
import dev.baton.core.wire.StreamFormatException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;

/**
 * One value of the state-description benchmarks with everything each library needs to save and
 * load it: the object, its Baton description and hand-written codec, its protobuf message, and
 * the classes the other libraries register.
 *
 * @param name        the benchmark parameter naming it
 * @param value       the object saved
 * @param description its Baton description, written with the builder
 * @param derived     the same description derived from the value's classes and their annotations
 * @param saveByHand  writes the same octets as the description, by hand
 * @param loadByHand  reads them back by hand
 * @param proto       the same value as a protobuf message
 * @param protoParser parses that message
 * @param classes     the classes Fory and Kryo register, in one fixed order
 */
public record Subject<T>(String name, T value, StateDescription<T> description, StateDescription<T> derived,
        BiConsumer<T, BodyWriter> saveByHand,
        Loader<T> loadByHand, Message proto, Parser<? extends Message> protoParser, List<Class<?>> classes) {

    /** The names {@link #named} knows, as the benchmark's parameter lists them. */
    public static final String MEDIA = "mediaContent";
    public static final String PRIMITIVES = "primitives100";
    /** Issue 19: {@value #LIST_LENGTH} MediaContent values in one list (not in the default parameters). */
    public static final String MEDIA_LIST = "mediaList10k";
    public static final int LIST_LENGTH = 10_000;

    /** A hand-written loader. */
    public interface Loader<T> {
        T load(SectionInput in) throws StreamFormatException;
    }

    public static Subject<?> named(String name) {
        return switch (name) {
            case MEDIA -> media();
            case PRIMITIVES -> primitives();
            case MEDIA_LIST -> mediaList();
            default -> throw new IllegalArgumentException("no benchmark value named '" + name + "'");
        };
    }

    public static Subject<MediaContent> media() {
        MediaContent value = Samples.mediaContent();
        return new Subject<>(MEDIA, value, MediaDescription.DESCRIPTION, MediaDescription.DERIVED, MediaDescription::save,
                MediaDescription::load, ProtoValues.toProto(value), MediaProto.MediaContent.parser(),
                List.of(MediaContent.class, Media.class, Image.class, Media.Player.class, Image.Size.class,
                        ArrayList.class));
    }

    /** {@link Samples#mediaList} of {@link #LIST_LENGTH} values, in one section, message or object. */
    public static Subject<MediaList> mediaList() {
        MediaList value = Samples.mediaList(LIST_LENGTH);
        return new Subject<>(MEDIA_LIST, value, MediaListDescription.DESCRIPTION, MediaListDescription.DERIVED,
                MediaListDescription::save, MediaListDescription::load, ProtoValues.toProto(value),
                MediaProto.MediaContentList.parser(),
                List.of(MediaContent.class, Media.class, Image.class, Media.Player.class, Image.Size.class,
                        ArrayList.class, MediaList.class));
    }

    public static Subject<Primitives> primitives() {
        Primitives value = Samples.primitives();
        return new Subject<>(PRIMITIVES, value, PrimitivesDescription.DESCRIPTION, PrimitivesDescription.DERIVED,
                PrimitivesDescription::save,
                PrimitivesDescription::load, ProtoValues.toProto(value), PrimitivesProto.Primitives.parser(),
                List.of(Primitives.class));
    }
}
