package com.example.kv;

import dev.baton.core.describe.StateDescription;
import dev.baton.core.engine.DescriptionProvider;
import dev.baton.core.engine.ReleaseProfiles;
import java.util.Collection;
import java.util.List;

/**
 * Release 3.0's state descriptions: the store's read count travels in a subsection gated by
 * {@code kv.stats}, which the 2.0 profile pins off. 3.0 no longer loads the store's version 1, nor
 * writes for 1.0: a 1.0 service updates to 2.0 first.
 */
public final class KvDescriptions implements DescriptionProvider {
    public static final ReleaseProfiles RELEASES = ReleaseProfiles.builder()
            .release("2.0").pin("kv.stats", "off")
            .release("3.0")
            .build();

    public static final StateDescription<Kv.Entry> ENTRY_TTL = StateDescription.<Kv.Entry>builder("kv.entry/ttl")
            .u64("expiresAt", e -> e.expiresAt, (e, v) -> e.expiresAt = v)
            .build();

    public static final StateDescription<Kv.Entry> ENTRY = StateDescription.<Kv.Entry>builder("kv.entry", Kv.Entry::new)
            .string("key", e -> e.key, (e, v) -> e.key = v)
            .string("value", e -> e.value, (e, v) -> e.value = v)
            .subsection(ENTRY_TTL, "kv.ttl", (e, ctx) -> e.expiresAt != 0)
            .build();

    public static final StateDescription<Kv.Store> STORE_STATS = StateDescription.<Kv.Store>builder("kv.store/stats")
            .u64("reads", s -> s.reads, (s, v) -> s.reads = v)
            .build();

    public static final StateDescription<Kv.Store> STORE = StateDescription.<Kv.Store>builder("kv.store")
            .version(2).minimumVersion(2)
            .string("name", s -> s.name, (s, v) -> s.name = v)
            .list("entries", ENTRY, s -> s.entries, (s, v) -> s.entries = v)
            .u64("writes", s -> s.writes, (s, v) -> s.writes = v)
            .bool("readOnly", s -> s.readOnly, (s, v) -> s.readOnly = v).since(2)
            .subsection(STORE_STATS, "kv.stats", (s, ctx) -> s.reads != 0)
            .build();

    @Override
    public Collection<StateDescription<?>> descriptions() {
        return List.of(STORE);
    }

    @Override
    public ReleaseProfiles profiles() {
        return RELEASES;
    }
}
