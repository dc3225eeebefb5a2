package dev.baton.core.engine;

import dev.baton.core.describe.DescriptionSet;
import dev.baton.core.describe.StateDescription;
import dev.baton.core.json.JsonWriter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * The document {@code baton schema} prints and {@code baton check} compares:
 * {@code {"format": "baton-descriptions/1", "descriptions": {...}, "profiles": {...}}}
 * (docs/FORMAT.md section 12), the profiles present when the application lists its releases.
 */
public final class SchemaDocument {
    private SchemaDocument() {
    }

    public static String of(Collection<? extends StateDescription<?>> descriptions, ReleaseProfiles profiles) {
        StringBuilder sb = new StringBuilder();
        JsonWriter json = new JsonWriter(sb).beginObject().field("format", "baton-descriptions/1");
        DescriptionSet.of(descriptions).writeMember(json);
        if (profiles != null) {
            json.name("profiles");
            profiles.describe(json);
        }
        json.endObject();
        return sb.toString();
    }

    /** Every provider's descriptions and the first provider's profiles, as one document. */
    public static String of(Collection<DescriptionProvider> providers) {
        List<StateDescription<?>> all = new ArrayList<>();
        ReleaseProfiles profiles = null;
        for (DescriptionProvider p : providers) {
            all.addAll(p.descriptions());
            if (profiles == null) {
                profiles = p.profiles();
            }
        }
        return of(all, profiles);
    }
}
