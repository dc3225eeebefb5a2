package dev.baton.core.engine;

import dev.baton.core.describe.DescriptionContext;
import dev.baton.core.describe.Disk;
import dev.baton.core.describe.FieldKind;
import dev.baton.core.describe.SectionInput;
import dev.baton.core.describe.StateDescription;
import dev.baton.core.wire.StreamFormatException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Descriptions for the fuzz targets: the test disk, and a catalog with every kind the disk lacks. */
public final class FuzzModels {
    private FuzzModels() {
    }

    /** Loads section data into a fresh disk with release 3's description at {@code version}. */
    public static void loadDisk(SectionInput in, int version) throws StreamFormatException {
        Disk.V3.load(Disk.empty(), in, version, DescriptionContext.empty());
    }

    static final class Entry {
        double weight;
        long[] marks = new long[0];
        int markCount;
    }

    static final class Catalog {
        Map<String, Entry> byName = new LinkedHashMap<>();
        Map<Long, Entry> byId = new LinkedHashMap<>();
        List<Entry> fixed = new ArrayList<>(List.of(new Entry(), new Entry()));
        Entry versioned;
        double[] ratios = new double[3];
        byte[] tag = new byte[8];
        boolean on;
        int small;
    }

    static final StateDescription<Entry> ENTRY = StateDescription.<Entry>builder("catalog.entry", Entry::new)
            .version(2)
            .f32("weight", e -> e.weight, (e, v) -> e.weight = v)
            .u8("markCount", e -> e.markCount, (e, v) -> e.markCount = v)
            .longVarray("marks", FieldKind.S64, "markCount", e -> e.marks, (e, v) -> e.marks = v)
            .build();

    static final StateDescription<Catalog> CATALOG = StateDescription.<Catalog>builder("catalog")
            .map("byName", ENTRY, c -> c.byName, (c, v) -> c.byName = v)
            .longMap("byId", ENTRY, c -> c.byId, (c, v) -> c.byId = v)
            .structArray("fixed", ENTRY, 2, c -> c.fixed, (c, v) -> c.fixed = v)
            .versionedStruct("versioned", ENTRY, c -> c.versioned, (c, v) -> c.versioned = v)
            .doubleArray("ratios", FieldKind.F64, 3, c -> c.ratios, (c, v) -> c.ratios = v)
            .bytes("tag", 8, c -> c.tag, (c, v) -> c.tag = v)
            .bool("on", c -> c.on, (c, v) -> c.on = v)
            .s8("small", c -> c.small, (c, v) -> c.small = v)
            .build();

    /** Loads section data into a fresh catalog. */
    public static void loadCatalog(SectionInput in, DescriptionContext ctx) throws StreamFormatException {
        CATALOG.load(new Catalog(), in, 1, ctx);
    }
}
