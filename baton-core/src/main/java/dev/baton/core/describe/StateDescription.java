package dev.baton.core.describe;

import dev.baton.core.json.JsonWriter;
import dev.baton.core.wire.BodyWriter;
import dev.baton.core.wire.Plural;
import dev.baton.core.wire.Printable;
import dev.baton.core.wire.StreamFormatException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.ObjIntConsumer;
import java.util.function.Supplier;

/**
 * How the state of a {@code T} is saved and loaded: a table of fields with their versions, the
 * subsections that may follow them, and hooks. The same description saves the object, loads it
 * (from streams of older and newer releases within {@code [minimumVersion, version]}), exports
 * itself as JSON, and lets tools decode the stream without the producer's code.
 *
 * <p>Build one with {@link #builder}, or derive one from a record or class with {@link Derivation}
 * (which builds it with the builder: the same table). On the wire (docs/FORMAT.md, "Section data") a description
 * writes its present fields in order, then each needed subsection as
 * {@code u8 1, u16 name_len, name, u32 version, u32 length, body}, then {@code u8 0}.
 *
 * <p>Hooks run in QEMU's order: preSave, fields, subsections, postSave (which also runs when
 * saving failed after preSave); preLoad, fields, subsections, validations, postLoad(version).
 *
 * @param <T> the type of the described object
 */
public final class StateDescription<T> {
    static final int MARK_END = 0;
    static final int MARK_SUBSECTION = 1;
    /** Longest subsection name accepted on read. */
    static final int MAX_NAME = 256;

    final String name;
    final int version;
    final int minimumVersion;
    final int priority;
    final Supplier<T> factory;
    final List<Field<T>> fields;
    /** Saves and loads {@link #fields}: one class per description, so the JIT inlines every field. */
    private final Step<T> fieldSteps;
    final List<Subsection<T, ?>> subsections;
    final Consumer<T> preSave;
    final Consumer<T> postSave;
    final Consumer<T> preLoad;
    final ObjIntConsumer<T> postLoad;
    final List<Validation<T>> validations;
    final Map<String, String> gates;
    /** For a description derived from a record: how its objects are made from their loaded fields; else null. */
    final Construction<T> construction;

    /**
     * A check that must hold after load, failing with its message.
     *
     * @param problem null when the object passes; else what failed, or "" when the check cannot say
     */
    record Validation<T>(Function<T, String> problem, String message) {
    }

    StateDescription(DescriptionBuilder<T> b) {
        this.name = b.name;
        this.version = b.version;
        this.minimumVersion = b.minimumVersion;
        this.priority = b.priority;
        this.factory = b.factory;
        this.fields = List.copyOf(b.fields);
        this.fieldSteps = StepCompiler.compile(FixedRun.plan(fields));
        this.subsections = List.copyOf(b.subsections);
        this.preSave = b.preSave;
        this.postSave = b.postSave;
        this.preLoad = b.preLoad;
        this.postLoad = b.postLoad;
        this.validations = List.copyOf(b.validations);
        this.gates = Map.copyOf(b.gates);
        this.construction = b.construction;
    }

    /** Starts a description of objects that are loaded in place (never created by Baton). */
    public static <T> DescriptionBuilder<T> builder(String name) {
        return new DescriptionBuilder<>(name, null);
    }

    /** Starts a description whose objects Baton creates with {@code factory} when nested in lists or maps. */
    public static <T> DescriptionBuilder<T> builder(String name, Supplier<T> factory) {
        return new DescriptionBuilder<>(name, factory);
    }

    /** The steps that save and load {@link #fields}. */
    Step<T> fieldSteps() {
        return fieldSteps;
    }

    public String name() {
        return name;
    }

    /** The version this build writes. */
    public int version() {
        return version;
    }

    /** The lowest stream version this build loads. */
    public int minimumVersion() {
        return minimumVersion;
    }

    /** Sections of higher priority are saved first. */
    public int priority() {
        return priority;
    }

    public List<Field<T>> fields() {
        return fields;
    }

    public List<Subsection<T, ?>> subsections() {
        return subsections;
    }

    /** A new object, for descriptions built with a factory. */
    public T newInstance() {
        if (construction != null) {
            throw loadsAsNew();
        }
        if (factory == null) {
            throw new IllegalStateException("description '" + name + "' has no factory: objects must exist before load");
        }
        return factory.get();
    }

    // ---- save ------------------------------------------------------------------------------------

    /**
     * Writes the object's state at the version the context asks for (this build's version unless
     * a release profile pins an older one): the fields that version carries, then needed subsections.
     */
    public void save(T obj, BodyWriter out, DescriptionContext ctx) {
        save(obj, out, ctx, fieldSteps);
    }

    /** {@link #save}, running {@code steps} (this description's own): see {@link Nested}. */
    void save(T obj, BodyWriter out, DescriptionContext ctx, Step<T> steps) {
        int outer = ctx.enter(ctx.writeVersion(this));
        try {
            if (preSave != null) {
                preSave.accept(obj);
            }
            try {
                saveBody(obj, out, ctx, steps);
            } finally {
                if (postSave != null) {
                    postSave.accept(obj);
                }
            }
        } finally {
            ctx.leave(outer);
        }
    }

    private void saveBody(T obj, BodyWriter out, DescriptionContext ctx, Step<T> steps) {
        steps.save(obj, out, ctx);
        List<Subsection<T, ?>> subs = subsections;
        for (int i = 0, n = subs.size(); i < n; i++) {
            saveSubsection(subs.get(i), obj, out, ctx);
        }
        out.putU8(MARK_END);
    }

    private static <T, S> void saveSubsection(Subsection<T, S> sub, T obj, BodyWriter out, DescriptionContext ctx) {
        if (!sub.needed.test(obj, ctx)) {
            return;
        }
        StateDescription<S> d = sub.description;
        out.putU8(MARK_SUBSECTION).putU16(sub.nameUtf8.length).put(sub.nameUtf8).putInt(ctx.writeVersion(d));
        int lengthAt = out.length();
        out.putInt(0);
        d.save(sub.view.apply(obj), out, ctx);
        out.patchInt(lengthAt, out.length() - lengthAt - 4);
    }

    // ---- load ------------------------------------------------------------------------------------

    /**
     * Loads the object's state from data written at {@code streamVersion}.
     *
     * @throws StreamFormatException when the version is outside {@code [minimumVersion, version]},
     *         the data is malformed, or a check fails; the context names the field path
     * @throws IllegalStateException for a description derived from a record, which {@link #loadNew} loads
     */
    public void load(T obj, SectionInput in, int streamVersion, DescriptionContext ctx) throws StreamFormatException {
        load(obj, in, streamVersion, ctx, fieldSteps);
    }

    /**
     * Loads a new object from data written at {@code streamVersion}: for a description derived
     * from a record, its fields and then its canonical constructor; for others, a
     * {@link #newInstance()} loaded as {@link #load} does.
     *
     * @throws StreamFormatException as {@link #load} does, and when a record's constructor refuses the values
     */
    public T loadNew(SectionInput in, int streamVersion, DescriptionContext ctx) throws StreamFormatException {
        if (construction != null) {
            return construction.load(this, in, streamVersion, ctx);
        }
        T obj = newInstance();
        load(obj, in, streamVersion, ctx);
        return obj;
    }

    /** {@link #load}, running {@code steps} (this description's own): see {@link Nested}. */
    void load(T obj, SectionInput in, int streamVersion, DescriptionContext ctx, Step<T> steps)
            throws StreamFormatException {
        if (construction != null) {
            throw loadsAsNew();
        }
        checkVersion(streamVersion, in);
        int outer = ctx.enter(streamVersion);
        try {
            if (preLoad != null) {
                preLoad.accept(obj);
            }
            steps.load(obj, in, ctx);
            loadSubsections(obj, in, ctx);
            afterLoad(obj, in, streamVersion);
        } finally {
            ctx.leave(outer);
        }
    }

    /** The end of a load, once the object holds its fields and subsections: validations, then postLoad. */
    void afterLoad(T obj, SectionInput in, int streamVersion) throws StreamFormatException {
        for (int i = 0, n = validations.size(); i < n; i++) { // no iterator: loading allocates only what it loads
            Validation<T> v = validations.get(i);
            String problem = v.problem().apply(obj);
            if (problem != null) {
                throw in.error("validation failed in '" + name + "': "
                        + (problem.isEmpty() ? v.message() : problem + " (" + v.message() + ")"));
            }
        }
        if (postLoad != null) {
            postLoad.accept(obj, streamVersion);
        }
    }

    /** Why a description derived from a record cannot load into an existing object. */
    private IllegalStateException loadsAsNew() {
        return new IllegalStateException("'" + name + "' is derived from record " + construction.type().getName()
                + ", which loads as a new object through its canonical constructor (loadNew, or nested in a field,"
                + " list, map or subsection), never into an existing one");
    }

    /** Refuses a stream version this build cannot load, naming the description and both versions. */
    public void checkVersion(int streamVersion, SectionInput in) throws StreamFormatException {
        if (Integer.compareUnsigned(streamVersion, version) > 0) {
            throw in.error("'" + name + "' version " + Integer.toUnsignedString(streamVersion)
                    + " is too new: this build loads versions " + minimumVersion + " to " + version);
        }
        if (streamVersion < minimumVersion) {
            throw in.error("'" + name + "' version " + streamVersion + " is too old: this build loads versions "
                    + minimumVersion + " to " + version);
        }
    }

    private void loadSubsections(T obj, SectionInput in, DescriptionContext ctx) throws StreamFormatException {
        while (true) {
            int mark = in.u8();
            if (mark == MARK_END) {
                return;
            }
            if (mark != MARK_SUBSECTION) {
                throw in.error("bad subsection marker " + mark + " after the fields of '" + name + "' (0 or 1 expected)");
            }
            int nameLength = in.u16();
            if (nameLength == 0 || nameLength > MAX_NAME) {
                throw in.error("subsection name length " + nameLength + " is not in [1, " + MAX_NAME + "]");
            }
            long at = in.offset();
            String subName = in.utf8(nameLength);
            if (subName == null) {
                throw in.errorAt(at, "subsection name is not valid UTF-8");
            }
            int subVersion = in.s32();
            int length = in.count(in.u32(), 1, "subsection '" + subName + "' length");
            Subsection<T, ?> sub = find(subName);
            if (sub == null) {
                throw in.errorAt(at, "unknown subsection '" + printable(subName) + "' of '" + name
                        + "': this build cannot load it (its producer needed it; write for this build's profile)");
            }
            int end = in.position() + length;
            try {
                loadSubsection(sub, obj, in, subVersion, ctx);
            } catch (StreamFormatException e) {
                throw e.atPath("(" + subName + ")");
            }
            if (in.position() != end) {
                throw in.error("subsection '" + subName + "' is " + Plural.count(length, "octet")
                        + " but its description read "
                        + (in.position() - (end - length)));
            }
        }
    }

    private static <T, S> void loadSubsection(Subsection<T, S> sub, T obj, SectionInput in, int v,
            DescriptionContext ctx) throws StreamFormatException {
        if (sub.set != null) {
            sub.set.accept(obj, sub.description.loadNew(in, v, ctx));
        } else {
            sub.description.load(sub.view.apply(obj), in, v, ctx);
        }
    }

    private Subsection<T, ?> find(String subName) {
        for (Subsection<T, ?> s : subsections) {
            if (s.name().equals(subName)) {
                return s;
            }
        }
        return null;
    }

    // ---- JSON ------------------------------------------------------------------------------------

    /** Writes this description's JSON object; descriptions it nests are collected in {@code refs}. */
    public void describe(JsonWriter json, Map<String, StateDescription<?>> refs) {
        describe(json, refs, Pins.NONE, null);
    }

    /**
     * Writes this description's JSON object as a stream written under {@code pins} carries it: at
     * the version it is written at ({@link Pins#writeVersion}), with the fields of that version
     * only, and its subsections likewise. Descriptions it nests are collected in {@code refs}.
     */
    public void describe(JsonWriter json, Map<String, StateDescription<?>> refs, Pins pins) {
        describe(json, refs, pins, null);
    }

    private void describe(JsonWriter json, Map<String, StateDescription<?>> refs, Pins pins, String gate) {
        int at = pins.writeVersion(this);
        json.beginObject();
        json.field("name", name).field("version", at).field("minimumVersion", minimumVersion);
        if (gate != null) {
            json.field("gate", gate);
        }
        if (priority != 0) {
            json.field("priority", priority);
        }
        json.name("fields").beginArray();
        for (Field<T> f : fields) {
            if (f.since > at) {
                continue; // not in the version written: a pinned description is described as the older release has it
            }
            json.beginObject().field("name", f.name).field("kind", f.kind.jsonName());
            f.codec.describe(json, refs);
            if (f.since > 0) {
                json.field("since", f.since);
            }
            if (f.whenLabel != null) {
                json.field("when", f.whenLabel);
            }
            if (f.mustExist) {
                json.field("mustExist", true);
            }
            if (f.equal) {
                json.field("equal", true);
            }
            if (f.equalValue != null) {
                json.field("equalValue", f.equalValue);
            }
            if (f.checkMessage != null) {
                json.field("check", f.checkMessage);
            }
            json.endObject();
        }
        json.endArray();
        if (!subsections.isEmpty()) {
            json.name("subsections").beginArray();
            for (Subsection<T, ?> s : subsections) {
                s.description.describe(json, refs, pins, gates.get(s.name()));
            }
            json.endArray();
        }
        if (!validations.isEmpty()) {
            json.name("validations").beginArray();
            for (Validation<T> v : validations) {
                json.value(v.message());
            }
            json.endArray();
        }
        json.endObject();
    }

    /** This description and every one it nests, as one JSON document: {"descriptions": {name: {...}}}. */
    public String toJson() {
        Map<String, StateDescription<?>> all = new LinkedHashMap<>();
        all.put(name, this);
        StringBuilder sb = new StringBuilder();
        JsonWriter json = new JsonWriter(sb).beginObject().name("descriptions").beginObject();
        DescriptionSet.writeAll(json, all, Pins.NONE);
        json.endObject().endObject();
        return sb.toString();
    }

    @Override
    public String toString() {
        return "StateDescription[" + name + " v" + version + " (min " + minimumVersion + "), "
                + Plural.count(fields.size(), "field") + ", " + Plural.count(subsections.size(), "subsection") + "]";
    }

    /** Keeps hostile names short and printable in messages. */
    static String printable(String s) {
        return s.length() > 80 ? Printable.of(s.substring(0, 80)) + "..." : Printable.of(s);
    }
}
