package dev.baton.cli.store;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.baton.store.live.StoreProcess;
import java.util.Locale;

/** How {@code store live-update} and {@code demo} report a live update that succeeded, in words and in JSON. */
public final class LiveUpdateSummary {
    private LiveUpdateSummary() {
    }

    /**
     * {@code 20632 nodes, 1.4 MB in 4 passes, 763 ms in all, downtime 160.5 ms}, and {@code ,
     * clients throttled up to 30 %} when the old process throttled them (--on-limit throttle).
     */
    public static String text(StoreProcess.Result r) {
        return String.format(Locale.ROOT, "%d nodes, %.1f MB in %d %s, %.0f ms in all, downtime %.1f ms", r.nodes(),
                r.octets() / 1e6, r.iterations(), r.iterations() == 1 ? "pass" : "passes", r.totalMillis(),
                r.downtimeMillis()) + (r.throttlePercent() > 0 ? ", clients throttled up to " + r.throttlePercent()
                        + " %" : "");
    }

    /**
     * Adds {@code profile, nodes, octets, passes, totalMillis, downtimeMillis} to {@code o}, and
     * {@code throttlePercent} (the highest step) when the old process throttled its clients.
     */
    public static ObjectNode json(ObjectNode o, StoreProcess.Result r) {
        o.put("profile", r.profile()).put("nodes", r.nodes()).put("octets", r.octets())
                .put("passes", r.iterations()).put("totalMillis", r.totalMillis())
                .put("downtimeMillis", r.downtimeMillis());
        return r.throttlePercent() > 0 ? o.put("throttlePercent", r.throttlePercent()) : o;
    }
}
