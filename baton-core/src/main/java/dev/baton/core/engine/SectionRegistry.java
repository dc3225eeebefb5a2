package dev.baton.core.engine;

import dev.baton.core.describe.DescriptionSet;
import dev.baton.core.describe.Pins;
import dev.baton.core.describe.StateDescription;
import dev.baton.core.json.JsonWriter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The sections an application migrates: (idstr, instance id) to description and object. The
 * save order is static sections first, then dynamic ones, each by descending priority and then
 * in registration order.
 */
public final class SectionRegistry {
    private final List<RegisteredSection<?>> sections = new ArrayList<>();
    private final Map<String, RegisteredSection<?>> byName = new HashMap<>();

    /** Registers a section instance; an (idstr, instance) pair may be registered once. */
    public <T> SectionRegistry register(String idstr, int instanceId, StateDescription<T> description, T object,
            Part part) {
        RegisteredSection<T> s = new RegisteredSection<>(idstr, instanceId, description, object, part);
        if (byName.putIfAbsent(s.name(), s) != null) {
            throw new IllegalArgumentException("section " + s.name() + " is registered twice");
        }
        sections.add(s);
        return this;
    }

    /** Registers a dynamic section instance. */
    public <T> SectionRegistry register(String idstr, int instanceId, StateDescription<T> description, T object) {
        return register(idstr, instanceId, description, object, Part.DYNAMIC);
    }

    /** The section instance of that name, or null. */
    public RegisteredSection<?> find(String idstr, int instanceId) {
        return byName.get(idstr + "/" + Integer.toUnsignedString(instanceId));
    }

    /** Every section, in save order. */
    public List<RegisteredSection<?>> inSaveOrder() {
        List<RegisteredSection<?>> ordered = new ArrayList<>(sections);
        ordered.sort(Comparator.comparing((RegisteredSection<?> s) -> s.part())
                .thenComparing(s -> -s.description().priority()));
        return ordered;
    }

    public List<RegisteredSection<?>> sections() {
        return List.copyOf(sections);
    }

    /** Every description the sections use, and those they nest. */
    public DescriptionSet descriptions() {
        List<StateDescription<?>> ds = new ArrayList<>();
        for (RegisteredSection<?> s : sections) {
            ds.add(s.description());
        }
        return DescriptionSet.of(ds);
    }

    /** The body of the DESCRIPTION record of a stream written under no profile: {@code descriptionJson(Pins.NONE)}. */
    public String descriptionJson() {
        return descriptionJson(Pins.NONE);
    }

    /**
     * The body of the DESCRIPTION record of a stream written under {@code pins}: {@code {"format",
     * "sections": [{"idstr", "instance", "description", "version", "part"}], "descriptions": {...}}}
     * (docs/FORMAT.md, "Description schema"). It describes the sections as the stream carries
     * them: a section's {@code version} is the one its header carries (the version a profile
     * pins, or the description's own), and each description is described at that version.
     */
    public String descriptionJson(Pins pins) {
        DescriptionSet descriptions = descriptions();
        StringBuilder sb = new StringBuilder();
        JsonWriter json = new JsonWriter(sb).beginObject().field("format", "baton-description/1").name("sections")
                .beginArray();
        for (RegisteredSection<?> s : inSaveOrder()) {
            json.beginObject().field("idstr", s.idstr()).field("instance", Integer.toUnsignedLong(s.instanceId()))
                    .field("description", s.description().name()).field("version", pins.writeVersion(s.description()))
                    .field("part", s.part() == Part.STATIC ? "static" : "dynamic").endObject();
        }
        json.endArray();
        descriptions.writeMember(json, pins);
        json.endObject();
        return sb.toString();
    }
}
