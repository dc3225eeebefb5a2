package dev.baton.core.engine;

import dev.baton.core.json.JsonFields;
import dev.baton.core.json.JsonParser;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The quirks a reader knows (see {@link Quirk}). Also read from JSON, so that tools apply them
 * without the application's code: {@code [{"producer", "fromVersion", "toVersion", "idstr",
 * "declaredVersion", "actualVersion", "reason"}]}.
 */
public final class Quirks {
    private final List<Quirk> quirks = new ArrayList<>();

    public static Quirks none() {
        return new Quirks();
    }

    public Quirks add(Quirk q) {
        quirks.add(q);
        return this;
    }

    public List<Quirk> all() {
        return List.copyOf(quirks);
    }

    /** The quirk for this section of this producer's stream, or null. */
    public Quirk find(String producerName, String producerVersion, String idstr, int declaredVersion) {
        for (Quirk q : quirks) {
            if (q.matches(producerName, producerVersion, idstr, declaredVersion)) {
                return q;
            }
        }
        return null;
    }

    /** Parses a JSON array of quirks (fix-up hooks are code, so JSON quirks only remap versions). */
    public static Quirks fromJson(String json) throws JsonParser.JsonException {
        Object root = JsonParser.parse(json);
        if (!(root instanceof List<?> list)) {
            throw new IllegalArgumentException("quirks must be a JSON array");
        }
        Quirks out = new Quirks();
        for (Object o : list) {
            Map<String, Object> m = JsonFields.object(o, "a quirk");
            String reason = JsonFields.optionalString(m, "reason");
            out.add(new Quirk(JsonFields.string(m, "producer"), JsonFields.string(m, "fromVersion"),
                    JsonFields.string(m, "toVersion"), JsonFields.string(m, "idstr"),
                    JsonFields.count(m, "declaredVersion", -1), JsonFields.count(m, "actualVersion", -1),
                    reason == null ? "" : reason, null));
        }
        return out;
    }
}
