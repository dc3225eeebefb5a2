package dev.baton.core.document;

import dev.baton.core.describe.GenericDescriptions;
import dev.baton.core.describe.GenericState;
import dev.baton.core.describe.GenericValues;
import dev.baton.core.describe.StateDescription;
import dev.baton.core.engine.SelfDescription;
import dev.baton.core.json.JsonInputException;
import dev.baton.core.json.JsonPath;
import dev.baton.core.wire.BodyWriter;
import dev.baton.core.wire.RecordWriter;
import dev.baton.core.wire.SectionHeader;
import dev.baton.core.wire.StreamFormatException;
import dev.baton.core.wire.StreamRecord;
import java.io.IOException;
import java.util.Map;

/**
 * A stream's sections as JSON values and back, through the stream's own DESCRIPTION: decoding
 * keeps a section's fields only when they encode back to the very octets the stream holds, so a
 * document of the fields rebuilds the stream octet for octet; encoding saves the values through
 * the same descriptions.
 */
final class DescribedSections {
    private final WhenGuesses guesses = new WhenGuesses();
    /** Decodes, deciding {@code when} fields by {@link #guesses}. */
    private final SelfDescription decoding;
    /** Saves, a {@code when} field being on the wire when the state holds it. */
    private final SelfDescription saving;
    private final GenericValues values;

    /**
     * @param document the DESCRIPTION's JSON, as {@link dev.baton.core.json.JsonParser} parses it
     * @throws IllegalArgumentException when it is not a description document
     */
    DescribedSections(Object document) {
        this.decoding = SelfDescription.of(document, guesses);
        this.saving = SelfDescription.of(document, GenericDescriptions.Presence.AS_HELD);
        this.values = saving.values();
    }

    /** What decoding a section gave: its fields as JSON values, or null and why not. */
    record Decoded(Map<String, Object> fields, String undecoded) {
    }

    /**
     * Decodes the SECTION record {@code r} into its fields, when they encode back to its data
     * octet for octet; otherwise says why not, and the caller keeps the data as octets.
     */
    Decoded decode(StreamRecord r, SectionOctets check) throws IOException {
        SectionHeader h = r.sectionHeader();
        String name = decoding.descriptionName(h.idstr(), h.instanceId());
        if (name == null) {
            return new Decoded(null, "the DESCRIPTION does not describe this section");
        }
        guesses.reset();
        Decoded first = null;
        do {
            Decoded d = attempt(r, h, name, check);
            if (d.fields() != null) {
                return d;
            }
            if (first == null) {
                first = d; // the reason of the first attempt, every when field present, says most
            }
        } while (guesses.asked() && guesses.next());
        return first;
    }

    /** One attempt at decoding with the current guesses, the fields checked by encoding them back. */
    private Decoded attempt(StreamRecord r, SectionHeader h, String name, SectionOctets check) throws IOException {
        Map<String, Object> fields;
        try {
            fields = values.toJson(name, decoding.decode(r).state());
        } catch (StreamFormatException e) {
            return new Decoded(null, e.getMessage());
        }
        // through the JSON values and back, as the document will carry them
        StateDescription<GenericState> saver = saving.describing(h.idstr(), h.instanceId());
        try {
            GenericState again = values.fromJson(name, h.version(), fields, JsonPath.ROOT);
            if (!check.same(saver, again, h.version(), r.sectionData())) {
                return new Decoded(null, "its fields do not encode back to the same octets");
            }
        } catch (JsonInputException | IllegalArgumentException | IllegalStateException e) {
            return new Decoded(null, "its fields do not encode back: " + e.getMessage());
        }
        return new Decoded(fields, null);
    }

    /**
     * Writes a SECTION record whose data is {@code fields}, the record at {@code path}'s member
     * {@code "fields"}, through the description of section {@code idstr/instance} at {@code version}.
     *
     * @throws JsonInputException when the DESCRIPTION does not describe the section at that
     *                            version, or the values are not those of its description there
     */
    void encode(String idstr, int instance, int version, Object fields, String path, RecordWriter writer)
            throws JsonInputException {
        String name = saving.descriptionName(idstr, instance);
        if (name == null) {
            throw new JsonInputException(JsonPath.member(path, "fields"), "the DESCRIPTION does not describe section "
                    + idstr + "/" + Integer.toUnsignedString(instance) + ": give its data as hex in \"data\"");
        }
        StateDescription<GenericState> d = saving.describing(idstr, instance);
        if (version < d.minimumVersion() || version > d.version()) {
            throw new JsonInputException(JsonPath.member(path, "version"), "the DESCRIPTION describes '" + name
                    + "' at versions " + d.minimumVersion() + " to " + d.version() + ", not "
                    + Integer.toUnsignedString(version) + ": give the data of another version as hex in \"data\"");
        }
        GenericState state = values.fromJson(name, version, fields, JsonPath.member(path, "fields"));
        BodyWriter body = writer.beginSection(idstr, instance, version);
        SectionOctets.save(d, state, version, body);
        body.end();
    }
}
