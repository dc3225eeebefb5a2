package dev.baton.cli;

import dev.baton.core.describe.StateDescription;
import dev.baton.core.engine.Part;
import dev.baton.core.engine.RegisteredSection;
import dev.baton.core.engine.SectionRegistry;
import dev.baton.core.engine.StateSaver;
import dev.baton.core.wire.RecordWriter;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The demonstration stream of {@code baton sample}: a small key-value store described with
 * Baton descriptions, saved with its DESCRIPTION so that {@code inspect} decodes every field, plus
 * one record of every other type, so that a reader of the tour sees the whole grammar.
 */
final class SampleStream {
    /** An application-defined optional record: readers that do not know it skip it. */
    static final int NOTE = 0xC000_0001;

    /** Static configuration: what the target checks before any state arrives. */
    static final class Config {
        String machine = "sample-store";
        int maxNodes = 1000;
    }

    /** One permission entry of a node, as in xenstore. */
    static final class Perm {
        int domid;
        Access access = Access.READ;

        Perm() {
        }

        Perm(int domid, Access access) {
            this.domid = domid;
            this.access = access;
        }
    }

    enum Access {
        NONE(0), READ(1), WRITE(2), BOTH(3);

        final int id;

        Access(int id) {
            this.id = id;
        }

        static Access byId(int id) {
            for (Access a : values()) {
                if (a.id == id) {
                    return a;
                }
            }
            return null;
        }
    }

    /** A node of the store. */
    static final class Node {
        String path = "";
        String value = "";
        long generation;
        List<Perm> perms = new ArrayList<>();
    }

    static final class Counters {
        long writes;
        long watchEvents;
        double hitRatio;
    }

    static final StateDescription<Config> CONFIG = StateDescription.<Config>builder("sample.config")
            .version(2)
            .string("machine", c -> c.machine, (c, v) -> c.machine = v)
            .u32("maxNodes", c -> c.maxNodes, (c, v) -> c.maxNodes = (int) v).since(2)
            .build();

    static final StateDescription<Perm> PERM = StateDescription.<Perm>builder("sample.perm", Perm::new)
            .u16("domid", p -> p.domid, (p, v) -> p.domid = v)
            .enumeration("access", Access.class, a -> a.id, Access::byId, p -> p.access, (p, v) -> p.access = v)
            .build();

    static final StateDescription<Node> NODE_GENERATION = StateDescription.<Node>builder("sample.node/generation")
            .u64("generation", n -> n.generation, (n, v) -> n.generation = v)
            .build();

    static final StateDescription<Node> NODE = StateDescription.<Node>builder("sample.node", Node::new)
            .string("path", n -> n.path, (n, v) -> n.path = v)
            .string("value", n -> n.value, (n, v) -> n.value = v)
            .list("perms", PERM, n -> n.perms, (n, v) -> n.perms = v)
            .subsection(NODE_GENERATION, (n, ctx) -> ctx.enabled("sample.generation") && n.generation != 0)
            .build();

    static final StateDescription<Counters> COUNTERS = StateDescription.<Counters>builder("sample.counters")
            .u64("writes", c -> c.writes, (c, v) -> c.writes = v)
            .u64("watchEvents", c -> c.watchEvents, (c, v) -> c.watchEvents = v)
            .f64("hitRatio", c -> c.hitRatio, (c, v) -> c.hitRatio = v)
            .build();

    private static final String[][] NODES = {
        {"/local/domain/0/name", "Domain-0"},
        {"/local/domain/1/name", "guest-1"},
        {"/local/domain/1/memory/target", "524288"},
        {"/vm/4f6c/uuid", "4f6c8a6e-9d1e-4c2b-9a53-2b1d7a0e6f11"},
    };

    private SampleStream() {
    }

    /** The sample's sections: its configuration (static), its nodes and counters (dynamic). */
    static SectionRegistry registry() {
        SectionRegistry registry = new SectionRegistry();
        registry.register("sample.config", 0, CONFIG, new Config(), Part.STATIC);
        for (int i = 0; i < NODES.length; i++) {
            Node n = new Node();
            n.path = NODES[i][0];
            n.value = NODES[i][1];
            n.generation = i % 2 == 0 ? 1000L + i : 0; // odd nodes leave the subsection out
            n.perms = List.of(new Perm(0, Access.BOTH), new Perm(i, Access.READ));
            registry.register("sample.node", i, NODE, n);
        }
        Counters c = new Counters();
        c.writes = 42;
        c.watchEvents = 7;
        c.hitRatio = 0.25;
        registry.register("sample.counters", 0, COUNTERS, c);
        return registry;
    }

    static void write(RecordWriter w) throws IOException {
        write(w, Map.of());
    }

    /**
     * Writes the stream, declaring each section of {@code declared} (by idstr) at the version
     * given while its data keeps the layout of the version it is saved at: the mistake a quirk
     * corrects (docs/COMPATIBILITY.md).
     *
     * @throws IllegalArgumentException for a section the stream does not have, or a version that is its own or below 1
     */
    static void write(RecordWriter w, Map<String, Integer> declared) throws IOException {
        SectionRegistry registry = registry();
        check(declared);
        StateSaver.Save save = StateSaver.of(registry).start(w);
        save.description();
        sections(save, registry, Part.STATIC, declared);
        save.staticDataEnd();
        sections(save, registry, Part.DYNAMIC, declared);
        w.begin(NOTE).putUtf8("written by baton sample; readers that do not know this record skip it").end();
        w.writeEnd();
    }

    private static void sections(StateSaver.Save save, SectionRegistry registry, Part part, Map<String, Integer> declared) {
        for (RegisteredSection<?> s : registry.inSaveOrder()) {
            if (s.part() != part) {
                continue;
            }
            Integer version = declared.get(s.idstr());
            if (version == null) {
                save.section(s);
            } else {
                mislabelled(save, s, version);
            }
        }
    }

    /** A SECTION whose header says {@code version} while its data is saved at the description's own. */
    private static <T> void mislabelled(StateSaver.Save save, RegisteredSection<T> s, int version) {
        var body = save.writer().beginSection(s.idstr(), s.instanceId(), version);
        s.description().save(s.object(), body, save.context());
        body.end();
    }

    /**
     * Checks what {@link #write(RecordWriter, Map)} is to declare.
     *
     * @throws IllegalArgumentException for a section the stream does not have, or a version that is its own or below 1
     */
    static void check(Map<String, Integer> declared) {
        SectionRegistry registry = registry();
        for (Map.Entry<String, Integer> e : declared.entrySet()) {
            RegisteredSection<?> s = registry.sections().stream().filter(r -> r.idstr().equals(e.getKey())).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("the stream has no section '" + e.getKey()
                            + "': it has " + registry.sections().stream().map(RegisteredSection::idstr).distinct()
                            .toList()));
            if (e.getValue() < 1 || e.getValue() == s.description().version()) {
                throw new IllegalArgumentException("section '" + e.getKey() + "' is written at version "
                        + s.description().version() + ": declare it at another version, 1 or more");
            }
        }
    }
}
