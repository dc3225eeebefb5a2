package dev.baton.core.describe;

import dev.baton.core.describe.annotation.AsSubsection;
import dev.baton.core.describe.annotation.CountField;
import dev.baton.core.describe.annotation.Description;
import dev.baton.core.describe.annotation.EnumId;
import dev.baton.core.describe.annotation.MustExist;
import dev.baton.core.describe.annotation.Nullable;
import dev.baton.core.describe.annotation.Since;
import dev.baton.core.describe.annotation.Size;
import dev.baton.core.describe.annotation.Unsigned;
import dev.baton.core.describe.annotation.Validate;
import dev.baton.core.describe.annotation.When;
import dev.baton.core.describe.annotation.Width;
import java.lang.invoke.MethodHandles;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The test model of derived descriptions: a volume as a record with every annotation and every
 * kind a record derives, and {@link #BY_HAND}, the description one writes for it with the builder,
 * whose octets and JSON the derived one must equal.
 */
final class DerivedVolume {
    private DerivedVolume() {
    }

    enum Mode {
        @EnumId(1) RO, @EnumId(2) RW, @EnumId(70000) SPARSE
    }

    record Extent(@Unsigned long start, @Unsigned @Width(32) long length) {
    }

    record Owner(String user, @Width(16) int uid) {
    }

    @Description(version = 2)
    record Cache(@Unsigned @Width(32) long size, double ratio, @Since(2) @Width(32) double hits) {
    }

    @Description(name = "volume", version = 3, minimumVersion = 1, priority = 5)
    @Validate(method = "extentsHaveLength", message = "every extent has a length")
    @Validate(method = "sizeProblem", message = "size is a multiple of 512")
    record Volume(
            @Unsigned @Width(32) long id,
            @Unsigned @Width(16) int sectorSize,
            String name,
            @Nullable String label,
            List<String> tags,
            @Unsigned long size,
            @Size(4) int[] lbaFormats,
            @Unsigned byte flags,
            @Unsigned short queue,
            char letter,
            short skew,
            float weight,
            boolean readOnly,
            int extentCount,
            @CountField("extentCount") List<Extent> extents,
            @Size(2) Extent[] mirrors,
            Extent[] spares,
            @Width(8) int keyLength,
            @CountField("keyLength") byte[] key,
            @Size(3) byte[] magic,
            @Size(2) @Unsigned @Width(16) long[] ports,
            @Nullable Owner owner,
            Owner creator,
            Mode mode,
            Map<String, Extent> named,
            Map<Long, Extent> byStart,
            @Unsigned int blocks,
            @Since(2) @Unsigned @Width(32) long iops,
            @Since(3) @MustExist int generation,
            boolean hasSerial,
            @When("hasSerial") String serial,
            @When("wide") long wideValue,
            @AsSubsection(needed = "cached", gate = "volume.cache") Cache cache) {

        Volume {
            if (sectorSize == 0) {
                throw new IllegalArgumentException("a volume has sectors of 1 octet or more");
            }
        }

        /** QEMU's _TEST of a version: the field comes in version 3 streams only. */
        static boolean wide(Context ctx) {
            return ctx.version() >= 3;
        }

        boolean cached() {
            return cache.size() > 0;
        }

        boolean extentsHaveLength() {
            return extents.stream().allMatch(e -> e.length() > 0);
        }

        String sizeProblem() {
            return size % 512 == 0 ? null : "size " + size + " is not a multiple of 512";
        }
    }

    static final Derivation DERIVATION = Derivation.with(MethodHandles.lookup());
    static final StateDescription<Volume> DERIVED = DERIVATION.derive(Volume.class);

    /** A volume with every member set, as release 3 knows it. */
    static Volume full() {
        Map<String, Extent> named = new LinkedHashMap<>();
        named.put("boot", new Extent(0, 4096));
        named.put("root", new Extent(8192, 1 << 20));
        Map<Long, Extent> byStart = new LinkedHashMap<>();
        byStart.put(-1L, new Extent(-1L, 0xFFFF_FFFFL));
        return new Volume(0xCAFE_F00DL, 4096, "vda", null, new ArrayList<>(List.of("fast", "스")), 8L << 30,
                new int[] {512, 4096, 0, -1}, (byte) 200, (short) 65535, 'Z', (short) -2, 0.5f, true, 2,
                new ArrayList<>(List.of(new Extent(0, 1 << 20), new Extent(1 << 21, 4096))),
                new Extent[] {new Extent(1, 2), new Extent(3, 4)}, new Extent[] {new Extent(5, 6)}, 3,
                new byte[] {1, 2, 3}, new byte[] {'V', 'O', 'L'}, new long[] {22, 65535}, null,
                new Owner("qemu", -107), Mode.SPARSE, named, byStart, -1, 20_000, 7, true, "SN-1", Long.MIN_VALUE,
                new Cache(1 << 16, 0.25, 3));
    }

    private static <T, V> java.util.function.BiConsumer<T, V> none() {
        return (o, v) -> {
            throw new UnsupportedOperationException("saves only");
        };
    }

    static final StateDescription<Extent> EXTENT = StateDescription.<Extent>builder("extent")
            .u64("start", Extent::start, none()::accept)
            .u32("length", Extent::length, none()::accept)
            .build();

    static final StateDescription<Owner> OWNER = StateDescription.<Owner>builder("owner")
            .string("user", Owner::user, none())
            .s16("uid", Owner::uid, none()::accept)
            .build();

    static final StateDescription<Cache> CACHE = StateDescription.<Cache>builder("volume/cache")
            .version(2)
            .u32("size", Cache::size, none()::accept)
            .f64("ratio", Cache::ratio, none()::accept)
            .f32("hits", Cache::hits, none()::accept).since(2)
            .build();

    private static final Mode[] MODES = Mode.values();

    /** {@link Volume} as one describes it with the builder: the table the derivation must make. */
    static final StateDescription<Volume> BY_HAND = StateDescription.<Volume>builder("volume")
            .version(3).minimumVersion(1).priority(5)
            .u32("id", Volume::id, none()::accept)
            .u16("sectorSize", Volume::sectorSize, none()::accept)
            .string("name", Volume::name, none())
            .nullableString("label", Volume::label, none())
            .strings("tags", Volume::tags, none())
            .u64("size", Volume::size, none()::accept)
            .intArray("lbaFormats", FieldKind.S32, 4, Volume::lbaFormats, none())
            .u8("flags", v -> Byte.toUnsignedInt(v.flags()), none()::accept)
            .u16("queue", v -> Short.toUnsignedInt(v.queue()), none()::accept)
            .u16("letter", Volume::letter, none()::accept)
            .s16("skew", Volume::skew, none()::accept)
            .f32("weight", Volume::weight, none()::accept)
            .bool("readOnly", Volume::readOnly, none()::accept)
            .s32("extentCount", Volume::extentCount, none()::accept)
            .structVarray("extents", EXTENT, "extentCount", Volume::extents, none())
            .structArray("mirrors", EXTENT, 2, v -> List.of(v.mirrors()), none())
            .list("spares", EXTENT, v -> List.of(v.spares()), none())
            .s8("keyLength", Volume::keyLength, none()::accept)
            .vbytes("key", "keyLength", Volume::key, none())
            .bytes("magic", 3, Volume::magic, none())
            .longArray("ports", FieldKind.U16, 2, Volume::ports, none())
            .nullable("owner", OWNER, Volume::owner, none())
            .struct("creator", OWNER, Volume::creator, none())
            .enumeration("mode", Mode.class, m -> m == Mode.RO ? 1 : m == Mode.RW ? 2 : 70000,
                    id -> id == 1 ? MODES[0] : id == 2 ? MODES[1] : id == 70000 ? MODES[2] : null, Volume::mode,
                    none())
            .map("named", EXTENT, Volume::named, none())
            .longMap("byStart", EXTENT, Volume::byStart, none())
            .u32("blocks", v -> Integer.toUnsignedLong(v.blocks()), none()::accept)
            .u32("iops", Volume::iops, none()::accept).since(2)
            .s32("generation", Volume::generation, none()::accept).since(3).mustExist()
            .bool("hasSerial", Volume::hasSerial, none()::accept)
            .string("serial", Volume::serial, none()).when("hasSerial", v -> v.hasSerial())
            .s64("wideValue", Volume::wideValue, none()::accept).when("wide", (v, ctx) -> ctx.version() >= 3)
            .subsection(CACHE, Volume::cache, null, "volume.cache", (v, ctx) -> v.cache() != null && v.cached())
            .validate(Volume::extentsHaveLength, "every extent has a length")
            .validateExplained(Volume::sizeProblem, "size is a multiple of 512")
            .build();
}
