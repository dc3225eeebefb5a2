package dev.baton.core.compat;

import dev.baton.core.compat.Schema.Description;
import dev.baton.core.describe.DescriptionContext;
import dev.baton.core.describe.GenericDescriptions;
import dev.baton.core.describe.GenericState;
import dev.baton.core.describe.Pins;
import dev.baton.core.describe.SectionInput;
import dev.baton.core.describe.StateDescription;
import dev.baton.core.describe.UndecidableFieldException;
import dev.baton.core.engine.Part;
import dev.baton.core.engine.Profile;
import dev.baton.core.engine.SectionRegistry;
import dev.baton.core.engine.SelfDescription;
import dev.baton.core.engine.StateSaver;
import dev.baton.core.json.JsonFields;
import dev.baton.core.json.JsonParser;
import dev.baton.core.wire.Plural;
import dev.baton.core.wire.RecordReader;
import dev.baton.core.wire.RecordType;
import dev.baton.core.wire.RecordWriter;
import dev.baton.core.wire.SectionHeader;
import dev.baton.core.wire.StreamFormatException;
import dev.baton.core.wire.StreamHeader;
import dev.baton.core.wire.StreamRecord;
import dev.baton.core.wire.WriterOptions;
import java.io.IOException;
import java.nio.channels.WritableByteChannel;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Converts a stream written by one release into the stream another release reads, offline
 * (Flink's State Processor API, Xen's convert-legacy-stream): every section is decoded with the
 * descriptions of the release that wrote it ({@code from}), its values are carried by field name
 * into the descriptions of the other release ({@code to}), and the whole is saved for a release
 * profile, as that release would save it.
 *
 * <p>Both releases are description documents ({@code baton schema}'s). Nothing is lost without a
 * word: what the other release cannot hold is a {@link ConversionException} naming the section
 * and the field (a field or subsection it lacks, a value outside its kind's range, an enum
 * constant it has no id for, a field it carries at the stream's version that the stream's data
 * lacks), and the stream is not written. Left out, and said so in {@link Result#leftOut()}, is
 * only what the profile itself leaves out: fields after the version it pins a description at,
 * and subsections whose gate it turns off, as the writing release would have left them out. A
 * field the other release adds in a later version than the stream's gets its kind's zero, as that
 * release loading the stream would keep its default.
 *
 * <p>The state is decoded whole before a single octet is written, so a conversion that fails
 * leaves the output untouched. Records the stream's application wrote itself (a migration's
 * pages, say) have no description to convert them by: a mandatory one fails the conversion, an
 * optional one is left out and counted. A field whose presence a {@code when} predicate decides
 * cannot be converted without the release's code, and fails it too.
 */
public final class StreamConverter {
    /** The producer a converted stream names, whose version is the input's producer. */
    public static final String PRODUCER = "baton-convert";

    private final Release from;
    private final Release to;

    private StreamConverter(Release from, Release to) {
        this.from = from;
        this.to = to;
    }

    /** A release: its name, for messages, and its description document, parsed twice over (a schema and generic descriptions). */
    public record Release(String name, Schema schema, Map<String, StateDescription<GenericState>> descriptions) {

        /**
         * Parses a description document ({@code baton schema}'s JSON).
         *
         * @throws JsonParser.JsonException   when it is not JSON
         * @throws IllegalArgumentException when it is not a description document, saying why
         */
        public static Release of(String name, String document) throws JsonParser.JsonException {
            Map<String, Object> doc = JsonFields.object(JsonParser.parse(document), "the document");
            Map<String, StateDescription<GenericState>> generic = GenericDescriptions.fromJson(
                    JsonFields.object(doc.get("descriptions"), "not a description document: \"descriptions\""));
            return new Release(name, Schema.parse(document), generic);
        }
    }

    /**
     * What a conversion did.
     *
     * @param profile  the release profile written for ("" for none)
     * @param sections sections converted
     * @param records  records of the stream read, END included
     * @param octets   octets of the converted stream written
     * @param leftOut  what the profile left out, each once ({@code kv.store/0 readOnly: ...})
     * @param skipped  optional records of the application's own, left out
     */
    public record Result(String profile, int sections, long records, long octets, List<String> leftOut, long skipped) {
        public Result {
            leftOut = List.copyOf(leftOut);
        }
    }

    /** Converts streams of release {@code from} into streams release {@code to} reads. */
    public static StreamConverter between(Release from, Release to) {
        return new StreamConverter(from, to);
    }

    /**
     * The profile to write for: {@code name} with what both releases' documents pin for it, the
     * target release's pin winning where both pin the same name; with {@code name} null, the
     * target release's newest so pinned, or none when it lists no releases.
     *
     * <p>Both count because a newer release defines the profiles of older ones: release 1.0's own
     * profile "1.0" pins nothing (1.0 knows no newer state to leave out), while 2.0's profile
     * "1.0" turns off what 1.0 cannot read. Converting 2.0's stream for 1.0 needs 2.0's pins.
     *
     * @return the profile, or null for none
     * @throws IllegalArgumentException when neither release knows {@code name}
     */
    public Profile profile(String name) {
        Map<String, Pins> ours = to.schema().profiles();
        if (name == null) {
            String newest = null;
            for (String n : ours.keySet()) {
                newest = n;
            }
            return newest == null ? null : profile(newest);
        }
        Pins theirs = from.schema().profiles().get(name);
        Pins pins = ours.containsKey(name) ? (theirs == null ? ours.get(name) : theirs.under(ours.get(name))) : theirs;
        if (pins == null) {
            throw new IllegalArgumentException("no release profile '" + name + "': " + known(to) + ", " + known(from));
        }
        return new Profile(name, pins);
    }

    private static String known(Release r) {
        return r.schema().profiles().isEmpty() ? r.name() + " defines none"
                : r.name() + " defines " + r.schema().profiles().keySet();
    }

    /** A section as the stream holds it, decoded with the source release's description. */
    private record Decoded(SectionHeader header, Part part, String description, GenericState state) {
    }

    /**
     * Reads {@code in} to its END, converts it whole, then writes the converted stream to
     * {@code out}, for {@code profile} (null: none): the same byte order and checksums as the
     * input. The producer is {@code baton-convert}, its version the input's producer: a quirk
     * keyed to the input's producer says how that producer laid a section out, which the
     * converted stream no longer does, so it must not apply to it.
     *
     * @throws ConversionException   when a section cannot be represented in the other release; nothing is written
     * @throws StreamFormatException when the stream does not decode with the source release's descriptions
     */
    public Result convert(RecordReader in, Profile profile, WritableByteChannel out)
            throws IOException, ConversionException {
        Pins pins = profile == null ? Pins.NONE : profile.pins();
        SelfDescription described = null; // the stream's, which names each section's description
        List<Decoded> sections = new ArrayList<>();
        long skipped = 0;
        for (StreamRecord r = in.next(); r != null; r = in.next()) {
            switch (r.type()) {
                case RecordType.DESCRIPTION -> described = SelfDescription.read(r);
                case RecordType.SECTION -> sections.add(decode(r, described));
                case RecordType.STATIC_DATA_END, RecordType.END -> {
                    // written again by the save
                }
                default -> {
                    if (!RecordType.isOptional(r.type())) {
                        throw new ConversionException("record #" + r.index() + " (" + r.typeName() + ") at offset "
                                + r.offset() + " is the application's own, which no description converts: baton "
                                + "convert converts sections");
                    }
                    skipped++;
                }
            }
        }
        Walk walk = new Walk(pins);
        SectionRegistry registry = new SectionRegistry();
        for (Decoded d : sections) {
            String section = d.header().name();
            StateDescription<GenericState> target = to.descriptions().get(d.description());
            Description toSchema = to.schema().descriptions().get(d.description());
            if (target == null || toSchema == null) {
                throw new ConversionException("section " + section + ": release " + to.name() + " has no description '"
                        + d.description() + "', so it has no place for the section");
            }
            GenericState converted = walk.object(from.schema().descriptions().get(d.description()),
                    d.header().version(), toSchema, d.state(), new Path(section, ""));
            registry.register(d.header().idstr(), d.header().instanceId(), target, converted, d.part());
        }
        StreamHeader h = in.header();
        WriterOptions options = WriterOptions.defaults().withByteOrder(h.byteOrder()).withChecksums(h.checksums())
                .withProducer(PRODUCER, h.producer())
                .withProfile(profile == null ? "" : profile.name());
        StateSaver saver = profile == null ? StateSaver.of(registry) : StateSaver.of(registry).forProfile(profile);
        RecordWriter w = RecordWriter.open(out, options);
        try {
            saver.save(w);
        } catch (UndecidableFieldException | IllegalArgumentException e) { // the walk refuses what a save would
            throw new ConversionException("the converted state cannot be saved: " + e.getMessage());
        }
        w.flush();
        return new Result(profile == null ? "" : profile.name(), sections.size(), in.records(), w.offset(),
                List.copyOf(walk.leftOut), skipped);
    }

    /**
     * Decodes a SECTION with the source release's description of it, to its last octet: the one
     * the stream's DESCRIPTION names, else the one named as the section's idstr.
     */
    private Decoded decode(StreamRecord r, SelfDescription described) throws IOException, ConversionException {
        SectionHeader h = r.sectionHeader();
        String named = described == null ? null : described.descriptionName(h.idstr(), h.instanceId());
        String name = named != null ? named : h.idstr();
        StateDescription<GenericState> d = from.descriptions().get(name);
        if (d == null || !from.schema().descriptions().containsKey(name)) {
            throw new ConversionException("section " + h.name() + ": release " + from.name() + " has no description '"
                    + name + "': is it the release that wrote the stream?");
        }
        GenericState state = new GenericState();
        SectionInput input = new SectionInput(r.sectionData(), r.offset() + 8 + h.dataOffset(), r.index(), r.type());
        try {
            d.load(state, input, h.version(), DescriptionContext.empty());
            if (input.remaining() != 0) {
                throw input.error(Plural.count(input.remaining(), "octet") + " of section data left over after release "
                        + from.name() + "'s description: is it the release that wrote the stream?");
            }
        } catch (UndecidableFieldException e) {
            throw new ConversionException("section " + h.name() + ": " + e.getMessage() + " (only release "
                    + from.name() + "'s code can decide it)");
        } catch (StreamFormatException e) {
            throw e.withContext("section " + h.name() + (e.context() == null ? "" : ", field " + e.context()));
        }
        return new Decoded(h, r.dynamic() ? Part.DYNAMIC : Part.STATIC, name, state);
    }

    /** Where a value is: its section, and its field path within it. */
    private record Path(String section, String field) {
        Path field(String name) {
            return new Path(section, field.isEmpty() || field.endsWith("/") ? field + name : field + "." + name);
        }

        Path index(Object i) {
            return new Path(section, field + "[" + i + "]");
        }

        Path subsection(String name) {
            return new Path(section, (field.isEmpty() ? "" : field + "/") + "(" + name + ")/");
        }

        ConversionException error(String problem) {
            String f = field.endsWith("/") ? field.substring(0, field.length() - 1) : field;
            String where = f.isEmpty() ? "" : f.startsWith("(") && f.indexOf(')') == f.length() - 1
                    ? ", subsection " + f.substring(1, f.length() - 1) : ", field " + f;
            return new ConversionException("section " + section + where + ": " + problem);
        }

        /** The path with its indexes left out, for notes that hold for every element alike. */
        String general() {
            String f = field.endsWith("/") ? field.substring(0, field.length() - 1) : field;
            return section + (f.isEmpty() ? "" : " " + f.replaceAll("\\[[^\\]]*]", "[]"));
        }
    }

    /** One conversion's walk from the source release's values to the target release's, under the profile's pins. */
    private final class Walk {
        private final Pins pins;
        final Set<String> leftOut = new LinkedHashSet<>();

        Walk(Pins pins) {
            this.pins = pins;
        }

        /** The version the target release writes {@code d} at under the profile. */
        private int writeVersion(Description d, Path at) throws ConversionException {
            Integer pinned = pins.versions().get(d.name());
            if (pinned == null) {
                return d.version();
            }
            if (pinned < d.minimumVersion() || pinned > d.version()) {
                throw at.error("the profile writes '" + d.name() + "' at version " + pinned + ", and release " + to.name()
                        + " writes versions " + d.minimumVersion() + " to " + d.version());
            }
            return pinned;
        }

        /**
         * The state {@code toD} saves for {@code state}, decoded with {@code fromD} at {@code fromVersion}.
         */
        GenericState object(Description fromD, int fromVersion, Description toD, GenericState state, Path at)
                throws ConversionException {
            int toVersion = writeVersion(toD, at);
            GenericState out = new GenericState();
            Set<String> written = new LinkedHashSet<>();
            for (Schema.Field f : toD.fields()) {
                if (f.since() > toVersion || f.kind().equals("unused")) {
                    continue;
                }
                Path here = at.field(f.name());
                if (f.when() != null) {
                    throw here.error("it is on the wire when '" + f.when() + "' holds, which only release " + to.name()
                            + "'s code can decide");
                }
                written.add(f.name());
                Schema.Field source = field(fromD, f.name());
                if (state.containsKey(f.name())) {
                    out.put(f.name(), value(source, f, state.get(f.name()), here));
                } else if (f.since() > fromVersion) {
                    out.put(f.name(), zero(f, here)); // as release `to` loading the stream would leave it
                } else {
                    throw here.error("release " + to.name() + " carries it in '" + toD.name() + "' at version "
                            + fromVersion + ", which the stream's data (release " + from.name() + ") lacks");
                }
            }
            for (Map.Entry<String, Object> e : state.entrySet()) {
                String key = e.getKey();
                if (written.contains(key)) {
                    continue;
                }
                Description fromSub = fromD.subsection(key);
                if (fromSub != null) {
                    subsection(fromD, fromSub, toD, (GenericState) e.getValue(), out, at);
                    continue;
                }
                Schema.Field theirs = field(toD, key);
                Path here = at.field(key);
                if (theirs != null && theirs.since() > toVersion) {
                    leftOut.add(here.general() + ": the profile writes '" + toD.name() + "' at version " + toVersion
                            + ", before the field");
                } else if (pins.versions().containsKey(fromD.name()) && field(fromD, key).since()
                        > pins.versions().get(fromD.name())) {
                    leftOut.add(here.general() + ": the profile writes '" + fromD.name() + "' at version "
                            + pins.versions().get(fromD.name()) + ", before the field");
                } else {
                    throw here.error("release " + to.name() + "'s '" + toD.name() + "' has no such field: its value "
                            + "would be lost");
                }
            }
            for (Schema.Field f : toD.fields()) { // counts follow what they count
                if (f.countField() != null && written.contains(f.name()) && out.get(f.countField()) instanceof Long n
                        && n != length(out.get(f.name()))) {
                    throw at.field(f.name()).error("holds " + length(out.get(f.name())) + " elements but its count, '"
                            + f.countField() + "', says " + n);
                }
            }
            return out;
        }

        private void subsection(Description fromD, Description fromSub, Description toD, GenericState state,
                GenericState out, Path at) throws ConversionException {
            Description toSub = toD.subsection(fromSub.name());
            String gate = toSub != null && toSub.gate() != null ? toSub.gate() : fromSub.gate();
            Path here = at.subsection(fromSub.name());
            if (gate != null && "off".equals(pins.properties().get(gate))) {
                leftOut.add(here.general() + ": the profile turns its gate '" + gate + "' off");
            } else if (toSub == null) {
                throw here.error("release " + to.name() + "'s '" + toD.name() + "' has no such subsection: what it "
                        + "holds would be lost");
            } else {
                out.put(fromSub.name(), object(fromSub, fromSub.version(), toSub, state, here));
            }
        }

        /** {@code v}, a value of {@code source}'s kind, as {@code target} holds it. */
        private Object value(Schema.Field source, Schema.Field target, Object v, Path at) throws ConversionException {
            String sk = source.kind();
            String tk = target.kind();
            if (v == null) {
                if (tk.equals("nstring") || tk.equals("nullable")) {
                    return null;
                }
                throw at.error("it is null in the stream, which a '" + tk + "' cannot hold");
            }
            if (Kinds.integer(tk) && Kinds.integer(sk)) {
                return Kinds.fit((Long) v, sk, tk, at, to.name());
            }
            switch (tk) {
                case "bool" -> {
                    if (sk.equals("bool")) {
                        return v;
                    }
                }
                case "f32", "f64" -> {
                    if (sk.equals("f32") || sk.equals("f64")) {
                        double d = (Double) v;
                        if (tk.equals("f32") && (double) (float) d != d && !Double.isNaN(d)) {
                            throw at.error("value " + d + " is no f32");
                        }
                        return v;
                    }
                }
                case "string", "nstring" -> {
                    if (sk.equals("string") || sk.equals("nstring")) {
                        return v;
                    }
                }
                case "strings" -> {
                    if (sk.equals("strings")) {
                        return v;
                    }
                }
                case "bytes", "vbytes" -> {
                    if (sk.equals("bytes") || sk.equals("vbytes")) {
                        byte[] b = (byte[]) v;
                        if (tk.equals("bytes") && target.size() != null && b.length != target.size()) {
                            throw at.error(Plural.count(b.length, "octet") + " in the stream, and release " + to.name()
                                    + " holds exactly " + target.size());
                        }
                        return v;
                    }
                }
                case "enum" -> {
                    if (sk.equals("enum")) {
                        if (target.values() != null && !target.values().containsKey((String) v)) {
                            throw at.error("constant " + v + " has no id in release " + to.name() + " (it knows "
                                    + target.values().keySet() + ")");
                        }
                        return v;
                    }
                }
                case "struct", "vstruct", "nullable" -> {
                    if (sk.equals("struct") || sk.equals("vstruct") || sk.equals("nullable")) {
                        return object(nested(from, source), nested(from, source).version(), nested(to, target),
                                (GenericState) v, at);
                    }
                }
                case "list", "array", "varray" -> {
                    if (target.element() != null) {
                        return scalars(source, target, v, at);
                    }
                    if ((sk.equals("list") || sk.equals("array") || sk.equals("varray")) && source.element() == null) {
                        List<?> list = (List<?>) v;
                        if (tk.equals("array") && target.count() != null && list.size() != target.count()) {
                            throw at.error(Plural.count(list.size(), "element") + " in the stream, and release "
                                    + to.name() + " holds exactly " + target.count());
                        }
                        List<GenericState> out = new ArrayList<>(list.size());
                        Description fd = nested(from, source);
                        Description td = nested(to, target);
                        for (int i = 0; i < list.size(); i++) {
                            out.add(object(fd, fd.version(), td, (GenericState) list.get(i), at.index(i)));
                        }
                        return out;
                    }
                }
                case "map" -> {
                    if (sk.equals("map") && String.valueOf(source.key()).equals(String.valueOf(target.key()))) {
                        Map<Object, GenericState> out = new LinkedHashMap<>();
                        Description fd = nested(from, source);
                        Description td = nested(to, target);
                        for (Map.Entry<?, ?> e : ((Map<?, ?>) v).entrySet()) {
                            out.put(e.getKey(), object(fd, fd.version(), td, (GenericState) e.getValue(),
                                    at.index(e.getKey())));
                        }
                        return out;
                    }
                }
                default -> {
                    // below
                }
            }
            throw at.error("it is a '" + describe(source) + "' in release " + from.name() + " and a '" + describe(target)
                    + "' in release " + to.name());
        }

        /** An array of scalars, element by element. */
        private Object scalars(Schema.Field source, Schema.Field target, Object v, Path at) throws ConversionException {
            String te = target.element();
            String se = source.element();
            if (se == null || Kinds.integer(te) != Kinds.integer(se) || !(v instanceof long[] || v instanceof double[])) {
                throw at.error("it is a '" + describe(source) + "' in release " + from.name() + " and a '"
                        + describe(target) + "' in release " + to.name());
            }
            int n = v instanceof long[] l ? l.length : ((double[]) v).length;
            if (target.kind().equals("array") && target.count() != null && n != target.count()) {
                throw at.error(Plural.count(n, "element") + " in the stream, and release " + to.name()
                        + " holds exactly " + target.count());
            }
            if (v instanceof long[] longs) {
                for (int i = 0; i < longs.length; i++) {
                    Kinds.fit(longs[i], se, te, at.index(i), to.name());
                }
            } else if (te.equals("f32")) {
                double[] doubles = (double[]) v;
                for (int i = 0; i < doubles.length; i++) {
                    if ((double) (float) doubles[i] != doubles[i] && !Double.isNaN(doubles[i])) {
                        throw at.index(i).error("value " + doubles[i] + " is no f32");
                    }
                }
            }
            return v;
        }

        /** What a field the stream's data does not carry holds: its kind's zero. */
        private Object zero(Schema.Field f, Path at) throws ConversionException {
            return switch (f.kind()) {
                case "bool" -> Boolean.FALSE;
                case "f32", "f64" -> 0.0;
                case "string" -> "";
                case "nstring", "nullable" -> null;
                case "strings" -> new ArrayList<String>();
                case "bytes" -> new byte[f.size() == null ? 0 : Math.toIntExact(f.size())];
                case "vbytes" -> new byte[0];
                case "list", "map" -> f.kind().equals("map") ? new LinkedHashMap<>() : new ArrayList<GenericState>();
                case "varray" -> f.element() == null ? new ArrayList<GenericState>()
                        : Kinds.integer(f.element()) ? new long[0] : new double[0];
                case "array" -> {
                    int n = f.count() == null ? 0 : Math.toIntExact(f.count());
                    if (f.element() != null) {
                        yield Kinds.integer(f.element()) ? new long[n] : new double[n];
                    }
                    List<GenericState> zeros = new ArrayList<>(n);
                    for (int i = 0; i < n; i++) {
                        zeros.add(zeroObject(nested(to, f), at.index(i)));
                    }
                    yield zeros;
                }
                case "struct", "vstruct" -> zeroObject(nested(to, f), at);
                case "enum" -> {
                    if (f.values() != null) {
                        for (Map.Entry<String, Long> e : f.values().entrySet()) {
                            if (e.getValue() == 0) {
                                yield e.getKey();
                            }
                        }
                    }
                    throw at.error("the stream's data (release " + from.name() + ") has no value for it, and it has "
                            + "no constant of id 0 to start from");
                }
                default -> {
                    if (Kinds.integer(f.kind())) {
                        yield 0L;
                    }
                    throw at.error("the stream's data (release " + from.name() + ") has no value for it");
                }
            };
        }

        private GenericState zeroObject(Description d, Path at) throws ConversionException {
            GenericState out = new GenericState();
            int v = writeVersion(d, at);
            for (Schema.Field f : d.fields()) {
                if (f.since() <= v && !f.kind().equals("unused")) {
                    out.put(f.name(), zero(f, at.field(f.name())));
                }
            }
            return out;
        }
    }

    private static Schema.Field field(Description d, String name) {
        for (Schema.Field f : d.fields()) {
            if (f.name().equals(name)) {
                return f;
            }
        }
        return null;
    }

    private static Description nested(Release r, Schema.Field f) {
        Description d = r.schema().descriptions().get(f.description());
        if (d == null) {
            throw new IllegalArgumentException("release " + r.name() + ": field '" + f.name() + "' nests description '"
                    + f.description() + "', which its document lacks");
        }
        return d;
    }

    private static int length(Object v) {
        return switch (v) {
            case byte[] b -> b.length;
            case long[] l -> l.length;
            case double[] d -> d.length;
            case List<?> l -> l.size();
            default -> -1;
        };
    }

    private static String describe(Schema.Field f) {
        return f.element() != null ? f.kind() + " of " + f.element() : f.kind();
    }

    /** The integer kinds, their ranges, and whether a value of one fits another. */
    private static final class Kinds {
        private Kinds() {
        }

        static boolean integer(String kind) {
            return switch (kind) {
                case "u8", "s8", "u16", "s16", "u32", "s32", "u64", "s64" -> true;
                default -> false;
            };
        }

        /**
         * {@code v}, read as a {@code from}, as a {@code to} holds it: the same number, or an error
         * when {@code to}'s range lacks it. A u64 is held in a long: negative means 2^63 or more.
         */
        static Long fit(long v, String from, String to, Path at, String release) throws ConversionException {
            boolean huge = from.equals("u64") && v < 0;
            boolean fits = switch (to) {
                case "u8" -> !huge && v >= 0 && v <= 0xFF;
                case "s8" -> !huge && v >= Byte.MIN_VALUE && v <= Byte.MAX_VALUE;
                case "u16" -> !huge && v >= 0 && v <= 0xFFFF;
                case "s16" -> !huge && v >= Short.MIN_VALUE && v <= Short.MAX_VALUE;
                case "u32" -> !huge && v >= 0 && v <= 0xFFFF_FFFFL;
                case "s32" -> !huge && v >= Integer.MIN_VALUE && v <= Integer.MAX_VALUE;
                case "u64" -> huge || v >= 0;
                default -> !huge; // s64
            };
            if (!fits) {
                throw at.error("value " + (huge ? Long.toUnsignedString(v) : Long.toString(v)) + " does not fit release "
                        + release + "'s " + to + " (it is a " + from + " in the stream)");
            }
            return v;
        }
    }
}
