package dev.baton.cli.docs.snippets;

import dev.baton.core.describe.StateDescription;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * What docs/DESCRIPTIONS.md's Java fragments use without declaring it (DocsJavaTest): an
 * application's classes, with the Java types the field kinds take (a {@code u16} is an
 * {@code int}, a {@code u32} or {@code u64} a {@code long}), its other descriptions, and the
 * objects and path it saves.
 */
abstract class DescriptionsContext {
    static class Extent {
        long start;
        long length;
    }

    static class Owner {
        String name = "";
    }

    enum Mode {
        READ_ONLY(1), READ_WRITE(2);

        final int id;

        Mode(int id) {
            this.id = id;
        }

        static Mode byId(int id) {
            return id == 1 ? READ_ONLY : id == 2 ? READ_WRITE : null;
        }
    }

    static class Disk {
        long id;
        int sectorSize;
        String name = "";
        long size;
        int extentCount;
        List<Extent> extents = new ArrayList<>();
        Owner owner;
        Mode mode = Mode.READ_WRITE;
        long iops;
        String label = "";
        boolean hasLabel;
        long cacheSize;

        void reopen() {
        }
    }

    static class Config {
        String machine = "";
    }

    static final StateDescription<Owner> OWNER = StateDescription.<Owner>builder("owner", Owner::new)
            .string("name", o -> o.name, (o, v) -> o.name = v)
            .build();

    static final StateDescription<Disk> DISK_CACHE = StateDescription.<Disk>builder("disk/cache")
            .u64("cacheSize", d -> d.cacheSize, (d, v) -> d.cacheSize = v)
            .build();

    static final StateDescription<Config> CONFIG = StateDescription.<Config>builder("config")
            .string("machine", c -> c.machine, (c, v) -> c.machine = v)
            .build();

    protected Config config = new Config();
    protected Disk disk = new Disk();
    protected Path path;
}
