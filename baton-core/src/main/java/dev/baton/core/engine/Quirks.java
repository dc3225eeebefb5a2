package dev.baton.core.engine;

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
    @SuppressWarnings("unchecked")
    public static Quirks fromJson(String json) throws JsonParser.JsonException {
        Object root = JsonParser.parse(json);
        if (!(root instanceof List<?> list)) {
            throw new IllegalArgumentException("quirks must be a JSON array");
        }
        Quirks out = new Quirks();
        for (Object o : list) {
            if (!(o instanceof Map<?, ?>)) {
                throw new IllegalArgumentException("each quirk must be a JSON object");
            }
            Map<String, Object> m = (Map<String, Object>) o;
            out.add(new Quirk(text(m, "producer"), text(m, "fromVersion"), text(m, "toVersion"), text(m, "idstr"),
                    number(m, "declaredVersion"), number(m, "actualVersion"),
                    m.get("reason") instanceof String r ? r : "", null));
        }
        return out;
    }

    private static String text(Map<String, Object> m, String key) {
        if (!(m.get(key) instanceof String s)) {
            throw new IllegalArgumentException("quirk needs a string \"" + key + "\"");
        }
        return s;
    }

    private static int number(Map<String, Object> m, String key) {
        if (!(m.get(key) instanceof Long l) || l < 0 || l > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("quirk needs a version number \"" + key + "\"");
        }
        return l.intValue();
    }
}
