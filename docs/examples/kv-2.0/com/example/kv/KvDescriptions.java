package com.example.kv;

import dev.baton.core.describe.StateDescription;
import dev.baton.core.engine.DescriptionProvider;
import dev.baton.core.engine.ReleaseProfiles;
import java.util.Collection;
import java.util.List;

/**
 * Release 2.0's state descriptions: an entry's expiry travels in a subsection gated by
 * {@code kv.ttl}, the store's read-only flag from version 2. The 1.0 profile pins the gate off and
 * the store at version 1, so what 2.0 writes for 1.0 loads there.
 */
public final class KvDescriptions implements DescriptionProvider {
    public static final ReleaseProfiles RELEASES = ReleaseProfiles.builder()
            .release("1.0").pin("kv.ttl", "off").pinVersion("kv.store", 1)
            .release("2.0")
            .build();

    public static final StateDescription<Kv.Entry> ENTRY_TTL = StateDescription.<Kv.Entry>builder("kv.entry/ttl")
            .u64("expiresAt", e -> e.expiresAt, (e, v) -> e.expiresAt = v)
            .build();

    public static final StateDescription<Kv.Entry> ENTRY = StateDescription.<Kv.Entry>builder("kv.entry", Kv.Entry::new)
            .string("key", e -> e.key, (e, v) -> e.key = v)
            .string("value", e -> e.value, (e, v) -> e.value = v)
            .subsection(ENTRY_TTL, "kv.ttl", (e, ctx) -> e.expiresAt != 0)
            .build();

    public static final StateDescription<Kv.Store> STORE = StateDescription.<Kv.Store>builder("kv.store")
            .version(2).minimumVersion(1)
            .string("name", s -> s.name, (s, v) -> s.name = v)
            .list("entries", ENTRY, s -> s.entries, (s, v) -> s.entries = v)
            .u64("writes", s -> s.writes, (s, v) -> s.writes = v)
            .bool("readOnly", s -> s.readOnly, (s, v) -> s.readOnly = v).since(2)
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
