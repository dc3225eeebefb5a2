package dev.baton.cli.docs.snippets;

import dev.baton.core.describe.StateDescription;
import dev.baton.core.engine.SectionRegistry;
import dev.baton.core.wire.RecordReader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * What docs/COMPATIBILITY.md's Java fragments use without declaring it (DocsJavaTest): the text
 * says what each is. The store and its registries stand for the golden-stream kit's example
 * (baton-testkit's {@code dev.baton.testkit.example}).
 */
abstract class CompatibilityContext {
    protected Path path;
    protected SectionRegistry registry;
    protected RecordReader reader;

    /** An application's object whose stream a quirk repairs. */
    static class Disk {
        void fixAfterQuirk() {
        }
    }

    /** The example's key-value store. */
    static class Store {
        String name = "";
        List<String> entries = new ArrayList<>();
    }

    private static final StateDescription<Store> STORE = StateDescription.<Store>builder("kv.store")
            .string("name", s -> s.name, (s, v) -> s.name = v)
            .strings("entries", s -> s.entries, (s, v) -> s.entries = v)
            .build();

    static SectionRegistry registry(Store store) {
        return new SectionRegistry().register("kv.store", 0, STORE, store);
    }

    static SectionRegistry release1Registry(Store store) {
        return registry(store);
    }

    static Store sampleStore() {
        Store s = new Store();
        s.name = "orders";
        s.entries = List.of("a", "b", "c");
        return s;
    }

    static Store storeIn(SectionRegistry registry) {
        return (Store) registry.find("kv.store", 0).object();
    }
}
