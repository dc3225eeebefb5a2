package dev.baton.store.quota;

import java.util.EnumMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Quota limits: a store-wide value for each {@link Quota}, and per-domain overrides. Usage is
 * counted where it lives (nodes owned in the tree, watches and transactions on connections);
 * this class only answers "may this domain have {@code n}?". Changes happen under the store's
 * lock; reads may come from socket writers too.
 */
public final class Quotas {
    private final EnumMap<Quota, Long> global = new EnumMap<>(Quota.class);
    private final Map<Integer, EnumMap<Quota, Long>> perDomain = new ConcurrentHashMap<>();

    /** Every quota at its default. */
    public Quotas() {
        for (Quota q : Quota.values()) {
            global.put(q, q.defaultValue());
        }
    }

    /** The limit for {@code domid}: its override, or the store-wide value; 0 means unlimited. */
    public long limit(Quota q, int domid) {
        EnumMap<Quota, Long> own = perDomain.get(domid);
        Long v = own == null ? null : own.get(q);
        return v != null ? v : global.get(q);
    }

    /** The store-wide value. */
    public long global(Quota q) {
        return global.get(q);
    }

    /** Sets the store-wide value (0: unlimited). */
    public void setGlobal(Quota q, long value) {
        global.put(q, check(value));
    }

    /** Sets a domain's own value (0: unlimited). */
    public void setForDomain(Quota q, int domid, long value) {
        perDomain.computeIfAbsent(domid, d -> new EnumMap<>(Quota.class)).put(q, check(value));
    }

    /** Whether {@code domid} may have {@code wanted} of {@code q}: privileged domains always may, except for the output quota. */
    public boolean allows(Quota q, int domid, long wanted) {
        if (domid == 0 && !q.bindsPrivileged()) {
            return true;
        }
        long limit = limit(q, domid);
        return limit == 0 || wanted <= limit;
    }

    /** The per-domain overrides: domid to quota to value. */
    public Map<Integer, Map<Quota, Long>> overrides() {
        Map<Integer, Map<Quota, Long>> out = new TreeMap<>();
        perDomain.forEach((d, m) -> out.put(d, Map.copyOf(m)));
        return out;
    }

    /** Drops every override and resets the store-wide values to their defaults. */
    public void reset() {
        perDomain.clear();
        for (Quota q : Quota.values()) {
            global.put(q, q.defaultValue());
        }
    }

    private static long check(long value) {
        if (value < 0 || value > 0xFFFF_FFFFL) {
            throw new IllegalArgumentException("a quota is 0 (unlimited) to 4294967295, not " + value);
        }
        return value;
    }
}
