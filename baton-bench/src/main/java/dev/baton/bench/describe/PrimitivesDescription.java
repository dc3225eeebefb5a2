package dev.baton.bench.describe;

import dev.baton.bench.values.Primitives;
import dev.baton.core.describe.Derivation;
import dev.baton.core.describe.SectionInput;
import dev.baton.core.describe.StateDescription;
import dev.baton.core.wire.BodyWriter;
import dev.baton.core.wire.StreamFormatException;
import java.lang.invoke.MethodHandles;

/**
 * {@link Primitives} as Baton describes it (one row per field: s32, s64, f64, bool), and the
 * same octets written and read by hand through {@link BodyWriter} and {@link SectionInput}, the
 * "wire only" baseline that shows what the description's table costs.
 */
public final class PrimitivesDescription {
    private PrimitivesDescription() {
    }

    public static final StateDescription<Primitives> DESCRIPTION = StateDescription
            .<Primitives>builder("primitives", Primitives::new)
            .s32("f00", p -> p.f00, (p, v) -> p.f00 = v)
            .s64("f01", p -> p.f01, (p, v) -> p.f01 = v)
            .f64("f02", p -> p.f02, (p, v) -> p.f02 = v)
            .bool("f03", p -> p.f03, (p, v) -> p.f03 = v)
            .s32("f04", p -> p.f04, (p, v) -> p.f04 = v)
            .s64("f05", p -> p.f05, (p, v) -> p.f05 = v)
            .f64("f06", p -> p.f06, (p, v) -> p.f06 = v)
            .bool("f07", p -> p.f07, (p, v) -> p.f07 = v)
            .s32("f08", p -> p.f08, (p, v) -> p.f08 = v)
            .s64("f09", p -> p.f09, (p, v) -> p.f09 = v)
            .f64("f10", p -> p.f10, (p, v) -> p.f10 = v)
            .bool("f11", p -> p.f11, (p, v) -> p.f11 = v)
            .s32("f12", p -> p.f12, (p, v) -> p.f12 = v)
            .s64("f13", p -> p.f13, (p, v) -> p.f13 = v)
            .f64("f14", p -> p.f14, (p, v) -> p.f14 = v)
            .bool("f15", p -> p.f15, (p, v) -> p.f15 = v)
            .s32("f16", p -> p.f16, (p, v) -> p.f16 = v)
            .s64("f17", p -> p.f17, (p, v) -> p.f17 = v)
            .f64("f18", p -> p.f18, (p, v) -> p.f18 = v)
            .bool("f19", p -> p.f19, (p, v) -> p.f19 = v)
            .s32("f20", p -> p.f20, (p, v) -> p.f20 = v)
            .s64("f21", p -> p.f21, (p, v) -> p.f21 = v)
            .f64("f22", p -> p.f22, (p, v) -> p.f22 = v)
            .bool("f23", p -> p.f23, (p, v) -> p.f23 = v)
            .s32("f24", p -> p.f24, (p, v) -> p.f24 = v)
            .s64("f25", p -> p.f25, (p, v) -> p.f25 = v)
            .f64("f26", p -> p.f26, (p, v) -> p.f26 = v)
            .bool("f27", p -> p.f27, (p, v) -> p.f27 = v)
            .s32("f28", p -> p.f28, (p, v) -> p.f28 = v)
            .s64("f29", p -> p.f29, (p, v) -> p.f29 = v)
            .f64("f30", p -> p.f30, (p, v) -> p.f30 = v)
            .bool("f31", p -> p.f31, (p, v) -> p.f31 = v)
            .s32("f32", p -> p.f32, (p, v) -> p.f32 = v)
            .s64("f33", p -> p.f33, (p, v) -> p.f33 = v)
            .f64("f34", p -> p.f34, (p, v) -> p.f34 = v)
            .bool("f35", p -> p.f35, (p, v) -> p.f35 = v)
            .s32("f36", p -> p.f36, (p, v) -> p.f36 = v)
            .s64("f37", p -> p.f37, (p, v) -> p.f37 = v)
            .f64("f38", p -> p.f38, (p, v) -> p.f38 = v)
            .bool("f39", p -> p.f39, (p, v) -> p.f39 = v)
            .s32("f40", p -> p.f40, (p, v) -> p.f40 = v)
            .s64("f41", p -> p.f41, (p, v) -> p.f41 = v)
            .f64("f42", p -> p.f42, (p, v) -> p.f42 = v)
            .bool("f43", p -> p.f43, (p, v) -> p.f43 = v)
            .s32("f44", p -> p.f44, (p, v) -> p.f44 = v)
            .s64("f45", p -> p.f45, (p, v) -> p.f45 = v)
            .f64("f46", p -> p.f46, (p, v) -> p.f46 = v)
            .bool("f47", p -> p.f47, (p, v) -> p.f47 = v)
            .s32("f48", p -> p.f48, (p, v) -> p.f48 = v)
            .s64("f49", p -> p.f49, (p, v) -> p.f49 = v)
            .f64("f50", p -> p.f50, (p, v) -> p.f50 = v)
            .bool("f51", p -> p.f51, (p, v) -> p.f51 = v)
            .s32("f52", p -> p.f52, (p, v) -> p.f52 = v)
            .s64("f53", p -> p.f53, (p, v) -> p.f53 = v)
            .f64("f54", p -> p.f54, (p, v) -> p.f54 = v)
            .bool("f55", p -> p.f55, (p, v) -> p.f55 = v)
            .s32("f56", p -> p.f56, (p, v) -> p.f56 = v)
            .s64("f57", p -> p.f57, (p, v) -> p.f57 = v)
            .f64("f58", p -> p.f58, (p, v) -> p.f58 = v)
            .bool("f59", p -> p.f59, (p, v) -> p.f59 = v)
            .s32("f60", p -> p.f60, (p, v) -> p.f60 = v)
            .s64("f61", p -> p.f61, (p, v) -> p.f61 = v)
            .f64("f62", p -> p.f62, (p, v) -> p.f62 = v)
            .bool("f63", p -> p.f63, (p, v) -> p.f63 = v)
            .s32("f64", p -> p.f64, (p, v) -> p.f64 = v)
            .s64("f65", p -> p.f65, (p, v) -> p.f65 = v)
            .f64("f66", p -> p.f66, (p, v) -> p.f66 = v)
            .bool("f67", p -> p.f67, (p, v) -> p.f67 = v)
            .s32("f68", p -> p.f68, (p, v) -> p.f68 = v)
            .s64("f69", p -> p.f69, (p, v) -> p.f69 = v)
            .f64("f70", p -> p.f70, (p, v) -> p.f70 = v)
            .bool("f71", p -> p.f71, (p, v) -> p.f71 = v)
            .s32("f72", p -> p.f72, (p, v) -> p.f72 = v)
            .s64("f73", p -> p.f73, (p, v) -> p.f73 = v)
            .f64("f74", p -> p.f74, (p, v) -> p.f74 = v)
            .bool("f75", p -> p.f75, (p, v) -> p.f75 = v)
            .s32("f76", p -> p.f76, (p, v) -> p.f76 = v)
            .s64("f77", p -> p.f77, (p, v) -> p.f77 = v)
            .f64("f78", p -> p.f78, (p, v) -> p.f78 = v)
            .bool("f79", p -> p.f79, (p, v) -> p.f79 = v)
            .s32("f80", p -> p.f80, (p, v) -> p.f80 = v)
            .s64("f81", p -> p.f81, (p, v) -> p.f81 = v)
            .f64("f82", p -> p.f82, (p, v) -> p.f82 = v)
            .bool("f83", p -> p.f83, (p, v) -> p.f83 = v)
            .s32("f84", p -> p.f84, (p, v) -> p.f84 = v)
            .s64("f85", p -> p.f85, (p, v) -> p.f85 = v)
            .f64("f86", p -> p.f86, (p, v) -> p.f86 = v)
            .bool("f87", p -> p.f87, (p, v) -> p.f87 = v)
            .s32("f88", p -> p.f88, (p, v) -> p.f88 = v)
            .s64("f89", p -> p.f89, (p, v) -> p.f89 = v)
            .f64("f90", p -> p.f90, (p, v) -> p.f90 = v)
            .bool("f91", p -> p.f91, (p, v) -> p.f91 = v)
            .s32("f92", p -> p.f92, (p, v) -> p.f92 = v)
            .s64("f93", p -> p.f93, (p, v) -> p.f93 = v)
            .f64("f94", p -> p.f94, (p, v) -> p.f94 = v)
            .bool("f95", p -> p.f95, (p, v) -> p.f95 = v)
            .s32("f96", p -> p.f96, (p, v) -> p.f96 = v)
            .s64("f97", p -> p.f97, (p, v) -> p.f97 = v)
            .f64("f98", p -> p.f98, (p, v) -> p.f98 = v)
            .bool("f99", p -> p.f99, (p, v) -> p.f99 = v)
            .build();

    /** The same description derived from the class: its fields' Java types say every kind. */
    public static final StateDescription<Primitives> DERIVED = Derivation.with(MethodHandles.lookup())
            .derive(Primitives.class);

    /** The octets {@link #DESCRIPTION} writes, by hand. */
    public static void save(Primitives p, BodyWriter out) {
        out.putInt(p.f00);
        out.putLong(p.f01);
        out.putDouble(p.f02);
        out.putBoolean(p.f03);
        out.putInt(p.f04);
        out.putLong(p.f05);
        out.putDouble(p.f06);
        out.putBoolean(p.f07);
        out.putInt(p.f08);
        out.putLong(p.f09);
        out.putDouble(p.f10);
        out.putBoolean(p.f11);
        out.putInt(p.f12);
        out.putLong(p.f13);
        out.putDouble(p.f14);
        out.putBoolean(p.f15);
        out.putInt(p.f16);
        out.putLong(p.f17);
        out.putDouble(p.f18);
        out.putBoolean(p.f19);
        out.putInt(p.f20);
        out.putLong(p.f21);
        out.putDouble(p.f22);
        out.putBoolean(p.f23);
        out.putInt(p.f24);
        out.putLong(p.f25);
        out.putDouble(p.f26);
        out.putBoolean(p.f27);
        out.putInt(p.f28);
        out.putLong(p.f29);
        out.putDouble(p.f30);
        out.putBoolean(p.f31);
        out.putInt(p.f32);
        out.putLong(p.f33);
        out.putDouble(p.f34);
        out.putBoolean(p.f35);
        out.putInt(p.f36);
        out.putLong(p.f37);
        out.putDouble(p.f38);
        out.putBoolean(p.f39);
        out.putInt(p.f40);
        out.putLong(p.f41);
        out.putDouble(p.f42);
        out.putBoolean(p.f43);
        out.putInt(p.f44);
        out.putLong(p.f45);
        out.putDouble(p.f46);
        out.putBoolean(p.f47);
        out.putInt(p.f48);
        out.putLong(p.f49);
        out.putDouble(p.f50);
        out.putBoolean(p.f51);
        out.putInt(p.f52);
        out.putLong(p.f53);
        out.putDouble(p.f54);
        out.putBoolean(p.f55);
        out.putInt(p.f56);
        out.putLong(p.f57);
        out.putDouble(p.f58);
        out.putBoolean(p.f59);
        out.putInt(p.f60);
        out.putLong(p.f61);
        out.putDouble(p.f62);
        out.putBoolean(p.f63);
        out.putInt(p.f64);
        out.putLong(p.f65);
        out.putDouble(p.f66);
        out.putBoolean(p.f67);
        out.putInt(p.f68);
        out.putLong(p.f69);
        out.putDouble(p.f70);
        out.putBoolean(p.f71);
        out.putInt(p.f72);
        out.putLong(p.f73);
        out.putDouble(p.f74);
        out.putBoolean(p.f75);
        out.putInt(p.f76);
        out.putLong(p.f77);
        out.putDouble(p.f78);
        out.putBoolean(p.f79);
        out.putInt(p.f80);
        out.putLong(p.f81);
        out.putDouble(p.f82);
        out.putBoolean(p.f83);
        out.putInt(p.f84);
        out.putLong(p.f85);
        out.putDouble(p.f86);
        out.putBoolean(p.f87);
        out.putInt(p.f88);
        out.putLong(p.f89);
        out.putDouble(p.f90);
        out.putBoolean(p.f91);
        out.putInt(p.f92);
        out.putLong(p.f93);
        out.putDouble(p.f94);
        out.putBoolean(p.f95);
        out.putInt(p.f96);
        out.putLong(p.f97);
        out.putDouble(p.f98);
        out.putBoolean(p.f99);
        out.putU8(0); // end of the description: no subsections
    }

    /** Reads what {@link #save} wrote into a new object, checking as the description does. */
    public static Primitives load(SectionInput in) throws StreamFormatException {
        Primitives p = new Primitives();
        p.f00 = in.s32();
        p.f01 = in.s64();
        p.f02 = in.f64();
        p.f03 = Wire.bool(in);
        p.f04 = in.s32();
        p.f05 = in.s64();
        p.f06 = in.f64();
        p.f07 = Wire.bool(in);
        p.f08 = in.s32();
        p.f09 = in.s64();
        p.f10 = in.f64();
        p.f11 = Wire.bool(in);
        p.f12 = in.s32();
        p.f13 = in.s64();
        p.f14 = in.f64();
        p.f15 = Wire.bool(in);
        p.f16 = in.s32();
        p.f17 = in.s64();
        p.f18 = in.f64();
        p.f19 = Wire.bool(in);
        p.f20 = in.s32();
        p.f21 = in.s64();
        p.f22 = in.f64();
        p.f23 = Wire.bool(in);
        p.f24 = in.s32();
        p.f25 = in.s64();
        p.f26 = in.f64();
        p.f27 = Wire.bool(in);
        p.f28 = in.s32();
        p.f29 = in.s64();
        p.f30 = in.f64();
        p.f31 = Wire.bool(in);
        p.f32 = in.s32();
        p.f33 = in.s64();
        p.f34 = in.f64();
        p.f35 = Wire.bool(in);
        p.f36 = in.s32();
        p.f37 = in.s64();
        p.f38 = in.f64();
        p.f39 = Wire.bool(in);
        p.f40 = in.s32();
        p.f41 = in.s64();
        p.f42 = in.f64();
        p.f43 = Wire.bool(in);
        p.f44 = in.s32();
        p.f45 = in.s64();
        p.f46 = in.f64();
        p.f47 = Wire.bool(in);
        p.f48 = in.s32();
        p.f49 = in.s64();
        p.f50 = in.f64();
        p.f51 = Wire.bool(in);
        p.f52 = in.s32();
        p.f53 = in.s64();
        p.f54 = in.f64();
        p.f55 = Wire.bool(in);
        p.f56 = in.s32();
        p.f57 = in.s64();
        p.f58 = in.f64();
        p.f59 = Wire.bool(in);
        p.f60 = in.s32();
        p.f61 = in.s64();
        p.f62 = in.f64();
        p.f63 = Wire.bool(in);
        p.f64 = in.s32();
        p.f65 = in.s64();
        p.f66 = in.f64();
        p.f67 = Wire.bool(in);
        p.f68 = in.s32();
        p.f69 = in.s64();
        p.f70 = in.f64();
        p.f71 = Wire.bool(in);
        p.f72 = in.s32();
        p.f73 = in.s64();
        p.f74 = in.f64();
        p.f75 = Wire.bool(in);
        p.f76 = in.s32();
        p.f77 = in.s64();
        p.f78 = in.f64();
        p.f79 = Wire.bool(in);
        p.f80 = in.s32();
        p.f81 = in.s64();
        p.f82 = in.f64();
        p.f83 = Wire.bool(in);
        p.f84 = in.s32();
        p.f85 = in.s64();
        p.f86 = in.f64();
        p.f87 = Wire.bool(in);
        p.f88 = in.s32();
        p.f89 = in.s64();
        p.f90 = in.f64();
        p.f91 = Wire.bool(in);
        p.f92 = in.s32();
        p.f93 = in.s64();
        p.f94 = in.f64();
        p.f95 = Wire.bool(in);
        p.f96 = in.s32();
        p.f97 = in.s64();
        p.f98 = in.f64();
        p.f99 = Wire.bool(in);
        Wire.end(in);
        return p;
    }
}
