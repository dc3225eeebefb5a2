package dev.baton.cli;

import dev.baton.core.describe.StateDescription;
import dev.baton.core.engine.Part;
import dev.baton.core.engine.SectionRegistry;
import dev.baton.core.engine.StateSaver;
import dev.baton.core.wire.RecordWriter;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

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
        StateSaver.of(registry()).writeSections(w);
        w.begin(NOTE).putUtf8("written by baton sample; readers that do not know this record skip it").end();
        w.writeEnd();
    }
}
