package dev.baton.core.engine;

import dev.baton.core.describe.DescriptionContext;
import dev.baton.core.describe.GenericDescriptions;
import dev.baton.core.describe.GenericState;
import dev.baton.core.describe.GenericValues;
import dev.baton.core.describe.SectionInput;
import dev.baton.core.describe.StateDescription;
import dev.baton.core.describe.UndecidableFieldException;
import dev.baton.core.json.JsonFields;
import dev.baton.core.json.JsonParser;
import dev.baton.core.wire.Plural;
import dev.baton.core.wire.RecordType;
import dev.baton.core.wire.SectionHeader;
import dev.baton.core.wire.StreamFormatException;
import dev.baton.core.wire.StreamRecord;
import dev.baton.core.wire.Utf8;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A stream's DESCRIPTION record, read back: the descriptions of its sections rebuilt over
 * {@link GenericState}, so that a tool decodes every section field by field with no producer
 * code, through the same load path the producer's own descriptions use.
 */
public final class SelfDescription {
    /** Sections larger than this are not decoded, by inspect or verify: decoding holds a section in memory. */
    public static final int LARGEST_DECODED = 16 << 20;

    /** Description names by section instance ({@code idstr/instance}) and by idstr alone. */
    private final Map<String, String> byIdstr;
    private final Map<String, StateDescription<GenericState>> byName;
    private final Map<String, Object> descriptions;

    /** A decoded section: its state, and when decoding had to stop early, why and where. */
    public record Decoded(SectionHeader header, GenericState state, String stoppedAt) {
        public boolean complete() {
            return stoppedAt == null;
        }
    }

    /**
     * Reads the DESCRIPTION record the reader is on. Its body must be UTF-8, JSON, and a
     * description document; each failure is a record error that says which, located at the body
     * (a JSON syntax error at its octet).
     */
    public static SelfDescription read(StreamRecord description) throws IOException {
        if (description.type() != RecordType.DESCRIPTION) {
            throw new IllegalArgumentException("record #" + description.index() + " is not a DESCRIPTION");
        }
        ByteBuffer body = description.body();
        String text = Utf8.decode(body, body.position(), body.remaining());
        if (text == null) {
            throw description.error("DESCRIPTION is not valid UTF-8", 0);
        }
        Object json;
        try {
            json = JsonParser.parse(text);
        } catch (JsonParser.JsonException e) {
            int at = Math.min(e.offset(), text.length());
            throw description.error("DESCRIPTION is not valid JSON: " + e.getMessage(),
                    Utf8.encodedLength(text.substring(0, at)));
        }
        try {
            return of(json, GenericDescriptions.Presence.UNDECIDABLE);
        } catch (IllegalArgumentException e) {
            throw description.error("DESCRIPTION is not a valid description document: " + e.getMessage(), 0);
        }
    }

    /** Parses a description document (docs/FORMAT.md, "Description schema"). */
    public static SelfDescription parse(String json) throws JsonParser.JsonException {
        return of(JsonParser.parse(json), GenericDescriptions.Presence.UNDECIDABLE);
    }

    /**
     * A parsed description document, its {@code when} fields decided by {@code presence}
     * ({@link GenericDescriptions.Presence}). Members it lacks are empty: a document without
     * {@code "sections"} or {@code "descriptions"} describes no section.
     *
     * @param json the document as {@link JsonParser} parses it
     * @throws IllegalArgumentException when it is not a description document
     */
    public static SelfDescription of(Object json, GenericDescriptions.Presence presence) {
        Map<String, Object> doc = JsonFields.object(json, "the description document");
        Object described = doc.get("descriptions");
        Map<String, Object> descriptions = described == null ? Map.of()
                : JsonFields.object(described, "\"descriptions\"");
        Map<String, StateDescription<GenericState>> all = GenericDescriptions.fromJson(descriptions, presence);
        Map<String, String> byIdstr = new HashMap<>();
        for (Object o : JsonFields.list(doc, "sections")) {
            Map<String, Object> s = JsonFields.object(o, "a section entry");
            String idstr = JsonFields.string(s, "idstr");
            String name = JsonFields.string(s, "description");
            if (!all.containsKey(name)) {
                throw new IllegalArgumentException("section " + idstr + " names no known description");
            }
            Long instance = JsonFields.optionalLong(s, "instance");
            byIdstr.put(idstr + "/" + (instance == null ? 0 : instance), name);
            byIdstr.putIfAbsent(idstr, name);
        }
        return new SelfDescription(byIdstr, all, descriptions);
    }

    private SelfDescription(Map<String, String> byIdstr, Map<String, StateDescription<GenericState>> byName,
            Map<String, Object> descriptions) {
        this.byIdstr = byIdstr;
        this.byName = byName;
        this.descriptions = descriptions;
    }

    /** The description of a section instance, or null when the document does not describe it. */
    public StateDescription<GenericState> describing(String idstr, int instanceId) {
        String name = descriptionName(idstr, instanceId);
        return name == null ? null : byName.get(name);
    }

    /** The name of the description of a section instance, or null when the document does not describe it. */
    public String descriptionName(String idstr, int instanceId) {
        String name = byIdstr.get(idstr + "/" + Integer.toUnsignedString(instanceId));
        return name != null ? name : byIdstr.get(idstr);
    }

    /** The sections' values as JSON and back, typed by this document's descriptions. */
    public GenericValues values() {
        return new GenericValues(descriptions);
    }

    /**
     * Decodes a SECTION record field by field, to its last octet. Malformed data, and data left
     * over after the description, throw a problem located at the octet, in the context
     * {@code section IDSTR/INSTANCE vVERSION, field PATH}; a field only the producer's code could
     * decide stops decoding with the fields read so far and the reason.
     *
     * @return the decoded section, or null when the document does not describe it
     */
    public Decoded decode(StreamRecord r) throws IOException {
        return decode(r, r.sectionHeader().version());
    }

    /** As {@link #decode(StreamRecord)}, reading the data at {@code version} (a quirk's actual version). */
    public Decoded decode(StreamRecord r, int version) throws IOException {
        SectionHeader h = r.sectionHeader();
        StateDescription<GenericState> d = describing(h.idstr(), h.instanceId());
        if (d == null) {
            return null;
        }
        GenericState state = new GenericState();
        SectionInput in = new SectionInput(r.sectionData(), r.offset() + 8 + h.dataOffset(), r.index(), r.type());
        try {
            d.load(state, in, version, DescriptionContext.empty());
            if (in.remaining() != 0) {
                throw in.error(Plural.count(in.remaining(), "octet")
                        + " of section data left over after its description");
            }
            return new Decoded(h, state, null);
        } catch (UndecidableFieldException e) {
            return new Decoded(h, state, e.getMessage());
        } catch (StreamFormatException e) {
            throw e.withContext("section " + h.name() + " v" + Integer.toUnsignedString(h.version())
                    + (e.context() == null ? "" : ", field " + e.context()));
        }
    }
}
