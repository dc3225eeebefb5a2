package dev.baton.core.describe;

import java.util.ArrayList;
import java.util.List;

/**
 * The test model of the cross-version matrix: a disk as release 1 and release 3 describe it.
 * Release 3 adds a {@code since(2)} field, a {@code when} field and a subsection.
 */
public final class Disk {
    enum Mode {
        RO(1), RW(2);

        final int id;

        Mode(int id) {
            this.id = id;
        }

        static Mode byId(int id) {
            for (Mode m : values()) {
                if (m.id == id) {
                    return m;
                }
            }
            return null;
        }
    }

    public static final class Extent {
        public long start;
        public long length;

        Extent() {
        }

        Extent(long start, long length) {
            this.start = start;
            this.length = length;
        }
    }

    static final class Owner {
        String user;
        int uid;
    }

    long id;
    int sectorSize = 512;
    public String name = "";
    long size;
    int[] lbaFormats = new int[4];
    int extentCount;
    public List<Extent> extents = new ArrayList<>();
    int keyLength;
    byte[] key = new byte[0];
    Owner owner;
    Mode mode = Mode.RO;
    long iops;
    public boolean hasLabel;
    String label;
    int cacheSize;
    double cacheRatio;
    public final List<String> log = new ArrayList<>();

    /** A disk with every field set, as release 3 knows it. */
    public static Disk full() {
        Disk d = new Disk();
        d.id = 0xCAFE_F00DL;
        d.name = "vda";
        d.size = 8L << 30;
        d.lbaFormats = new int[] {512, 4096, 0, 65535};
        d.extents = new ArrayList<>(List.of(new Extent(0, 1 << 20), new Extent(1 << 21, 4096)));
        d.extentCount = d.extents.size();
        d.key = new byte[] {1, 2, 3};
        d.keyLength = d.key.length;
        d.owner = new Owner();
        d.owner.user = "qemu";
        d.owner.uid = 107;
        d.mode = Mode.RW;
        d.iops = 5000;
        d.hasLabel = true;
        d.label = "boot";
        d.cacheSize = 64;
        d.cacheRatio = 0.5;
        return d;
    }

    static final StateDescription<Extent> EXTENT = StateDescription.<Extent>builder("extent", Extent::new)
            .u64("start", e -> e.start, (e, v) -> e.start = v)
            .u64("length", e -> e.length, (e, v) -> e.length = v)
            .build();

    static final StateDescription<Owner> OWNER = StateDescription.<Owner>builder("owner", Owner::new)
            .string("user", o -> o.user, (o, v) -> o.user = v)
            .s32("uid", o -> o.uid, (o, v) -> o.uid = v)
            .build();

    static final StateDescription<Disk> CACHE = StateDescription.<Disk>builder("disk/cache")
            .u32("cacheSize", d -> d.cacheSize, (d, v) -> d.cacheSize = (int) v)
            .f64("cacheRatio", d -> d.cacheRatio, (d, v) -> d.cacheRatio = v)
            .preLoad(d -> d.log.add("cache.preLoad"))
            .postLoad((d, v) -> d.log.add("cache.postLoad(" + v + ")"))
            .build();

    /** The disk's releases: 1.0 reads disk version 1 and knows no cache subsection. */
    public static final dev.baton.core.engine.ReleaseProfiles RELEASES = dev.baton.core.engine.ReleaseProfiles.builder()
            .release("1.0").pin("disk.cache", "off").pinVersion("disk", 1)
            .release("3.0")
            .build();

    /** Release 1's description. */
    public static final StateDescription<Disk> V1 = common(StateDescription.<Disk>builder("disk").version(1)).build();

    /** Release 3's description: version 3, still loads version 1. */
    public static final StateDescription<Disk> V3 = common(StateDescription.<Disk>builder("disk").version(3).minimumVersion(1))
            .u32("iops", d -> d.iops, (d, v) -> d.iops = v).since(2)
            .bool("hasLabel", d -> d.hasLabel, (d, v) -> d.hasLabel = v).since(3)
            .string("label", d -> d.label, (d, v) -> d.label = v)
                    .when("labelled", (d, ctx) -> ctx.version() >= 3 && d.hasLabel)
            .subsection(CACHE, "disk.cache", (d, ctx) -> d.cacheSize > 0)
            .build();

    private static dev.baton.core.describe.DescriptionBuilder<Disk> common(
            dev.baton.core.describe.DescriptionBuilder<Disk> b) {
        return b
                .u32("id", d -> d.id, (d, v) -> d.id = v)
                .u16("sectorSize", d -> d.sectorSize, (d, v) -> d.sectorSize = v).equalTo(512)
                .string("name", d -> d.name, (d, v) -> d.name = v)
                .u64("size", d -> d.size, (d, v) -> d.size = v).check(d -> d.size % 512 == 0, "size is a multiple of 512")
                .intArray("lbaFormats", FieldKind.U16, 4, d -> d.lbaFormats, (d, v) -> d.lbaFormats = v)
                .u16("extentCount", d -> d.extentCount, (d, v) -> d.extentCount = v)
                .structVarray("extents", EXTENT, "extentCount", d -> d.extents, (d, v) -> d.extents = v)
                .u8("keyLength", d -> d.keyLength, (d, v) -> d.keyLength = v)
                .vbytes("key", "keyLength", d -> d.key, (d, v) -> d.key = v)
                .nullable("owner", OWNER, d -> d.owner, (d, v) -> d.owner = v)
                .enumeration("mode", Mode.class, m -> m.id, Mode::byId, d -> d.mode, (d, v) -> d.mode = v)
                .unused(4)
                .preSave(d -> d.log.add("preSave"))
                .postSave(d -> d.log.add("postSave"))
                .preLoad(d -> d.log.add("preLoad"))
                .postLoad((d, v) -> d.log.add("postLoad(" + v + ")"))
                .validate(d -> d.extents.stream().allMatch(e -> e.length > 0), "every extent has a length");
    }

    private Disk() {
    }

    public static Disk empty() {
        return new Disk();
    }
}
