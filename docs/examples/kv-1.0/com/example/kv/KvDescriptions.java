package com.example.kv;

import dev.baton.core.describe.StateDescription;
import dev.baton.core.engine.DescriptionProvider;
import java.util.Collection;
import java.util.List;

/** Release 1.0's state descriptions. */
public final class KvDescriptions implements DescriptionProvider {
    public static final StateDescription<Kv.Entry> ENTRY = StateDescription.<Kv.Entry>builder("kv.entry", Kv.Entry::new)
            .string("key", e -> e.key, (e, v) -> e.key = v)
            .string("value", e -> e.value, (e, v) -> e.value = v)
            .build();

    public static final StateDescription<Kv.Store> STORE = StateDescription.<Kv.Store>builder("kv.store")
            .string("name", s -> s.name, (s, v) -> s.name = v)
            .list("entries", ENTRY, s -> s.entries, (s, v) -> s.entries = v)
            .u64("writes", s -> s.writes, (s, v) -> s.writes = v)
            .build();

    @Override
    public Collection<StateDescription<?>> descriptions() {
        return List.of(STORE);
    }
}
