package dev.baton.bench.values;

/**
 * The struct of 100 primitive fields of the state-description benchmarks: {@code fNN} is an
 * {@code int}, {@code long}, {@code double} or {@code boolean} for {@code NN % 4} = 0, 1, 2, 3.
 * {@link #sample()} mixes small and large integers, so that variable-length encodings meet
 * both. The same fields are in src/main/protobuf/primitives.proto and
 * {@code dev.baton.bench.describe.PrimitivesDescription}: change all three together.
 */
public final class Primitives {
    public int f00;
    public long f01;
    public double f02;
    public boolean f03;
    public int f04;
    public long f05;
    public double f06;
    public boolean f07;
    public int f08;
    public long f09;
    public double f10;
    public boolean f11;
    public int f12;
    public long f13;
    public double f14;
    public boolean f15;
    public int f16;
    public long f17;
    public double f18;
    public boolean f19;
    public int f20;
    public long f21;
    public double f22;
    public boolean f23;
    public int f24;
    public long f25;
    public double f26;
    public boolean f27;
    public int f28;
    public long f29;
    public double f30;
    public boolean f31;
    public int f32;
    public long f33;
    public double f34;
    public boolean f35;
    public int f36;
    public long f37;
    public double f38;
    public boolean f39;
    public int f40;
    public long f41;
    public double f42;
    public boolean f43;
    public int f44;
    public long f45;
    public double f46;
    public boolean f47;
    public int f48;
    public long f49;
    public double f50;
    public boolean f51;
    public int f52;
    public long f53;
    public double f54;
    public boolean f55;
    public int f56;
    public long f57;
    public double f58;
    public boolean f59;
    public int f60;
    public long f61;
    public double f62;
    public boolean f63;
    public int f64;
    public long f65;
    public double f66;
    public boolean f67;
    public int f68;
    public long f69;
    public double f70;
    public boolean f71;
    public int f72;
    public long f73;
    public double f74;
    public boolean f75;
    public int f76;
    public long f77;
    public double f78;
    public boolean f79;
    public int f80;
    public long f81;
    public double f82;
    public boolean f83;
    public int f84;
    public long f85;
    public double f86;
    public boolean f87;
    public int f88;
    public long f89;
    public double f90;
    public boolean f91;
    public int f92;
    public long f93;
    public double f94;
    public boolean f95;
    public int f96;
    public long f97;
    public double f98;
    public boolean f99;

    public Primitives() {
    }

    /**
     * The benchmark value. With {@code k = NN / 4}: ints are {@code 37(k+1)} for even k and
     * {@code k * 123456789} (wrapped) for odd k; longs {@code 1000(k+1)} and
     * {@code k * 0x0123456789ABCDEF} (wrapped); doubles {@code 1.25k + 0.1}; booleans true for even k.
     */
    public static Primitives sample() {
        Primitives p = new Primitives();
        p.f00 = 37;
        p.f01 = 1000L;
        p.f02 = 0.1;
        p.f03 = true;
        p.f04 = 123456789;
        p.f05 = 81985529216486895L;
        p.f06 = 1.35;
        p.f07 = false;
        p.f08 = 111;
        p.f09 = 3000L;
        p.f10 = 2.6;
        p.f11 = true;
        p.f12 = 370370367;
        p.f13 = 245956587649460685L;
        p.f14 = 3.85;
        p.f15 = false;
        p.f16 = 185;
        p.f17 = 5000L;
        p.f18 = 5.1;
        p.f19 = true;
        p.f20 = 617283945;
        p.f21 = 409927646082434475L;
        p.f22 = 6.35;
        p.f23 = false;
        p.f24 = 259;
        p.f25 = 7000L;
        p.f26 = 7.6;
        p.f27 = true;
        p.f28 = 864197523;
        p.f29 = 573898704515408265L;
        p.f30 = 8.85;
        p.f31 = false;
        p.f32 = 333;
        p.f33 = 9000L;
        p.f34 = 10.1;
        p.f35 = true;
        p.f36 = 1111111101;
        p.f37 = 737869762948382055L;
        p.f38 = 11.35;
        p.f39 = false;
        p.f40 = 407;
        p.f41 = 11000L;
        p.f42 = 12.6;
        p.f43 = true;
        p.f44 = 1358024679;
        p.f45 = 901840821381355845L;
        p.f46 = 13.85;
        p.f47 = false;
        p.f48 = 481;
        p.f49 = 13000L;
        p.f50 = 15.1;
        p.f51 = true;
        p.f52 = 1604938257;
        p.f53 = 1065811879814329635L;
        p.f54 = 16.35;
        p.f55 = false;
        p.f56 = 555;
        p.f57 = 15000L;
        p.f58 = 17.6;
        p.f59 = true;
        p.f60 = 1851851835;
        p.f61 = 1229782938247303425L;
        p.f62 = 18.85;
        p.f63 = false;
        p.f64 = 629;
        p.f65 = 17000L;
        p.f66 = 20.1;
        p.f67 = true;
        p.f68 = 2098765413;
        p.f69 = 1393753996680277215L;
        p.f70 = 21.35;
        p.f71 = false;
        p.f72 = 703;
        p.f73 = 19000L;
        p.f74 = 22.6;
        p.f75 = true;
        p.f76 = -1949288305;
        p.f77 = 1557725055113251005L;
        p.f78 = 23.85;
        p.f79 = false;
        p.f80 = 777;
        p.f81 = 21000L;
        p.f82 = 25.1;
        p.f83 = true;
        p.f84 = -1702374727;
        p.f85 = 1721696113546224795L;
        p.f86 = 26.35;
        p.f87 = false;
        p.f88 = 851;
        p.f89 = 23000L;
        p.f90 = 27.6;
        p.f91 = true;
        p.f92 = -1455461149;
        p.f93 = 1885667171979198585L;
        p.f94 = 28.85;
        p.f95 = false;
        p.f96 = 925;
        p.f97 = 25000L;
        p.f98 = 30.1;
        p.f99 = true;
        return p;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof Primitives p)) {
            return false;
        }
        if (f00 != p.f00) {
            return false;
        }
        if (f01 != p.f01) {
            return false;
        }
        if (Double.compare(f02, p.f02) != 0) {
            return false;
        }
        if (f03 != p.f03) {
            return false;
        }
        if (f04 != p.f04) {
            return false;
        }
        if (f05 != p.f05) {
            return false;
        }
        if (Double.compare(f06, p.f06) != 0) {
            return false;
        }
        if (f07 != p.f07) {
            return false;
        }
        if (f08 != p.f08) {
            return false;
        }
        if (f09 != p.f09) {
            return false;
        }
        if (Double.compare(f10, p.f10) != 0) {
            return false;
        }
        if (f11 != p.f11) {
            return false;
        }
        if (f12 != p.f12) {
            return false;
        }
        if (f13 != p.f13) {
            return false;
        }
        if (Double.compare(f14, p.f14) != 0) {
            return false;
        }
        if (f15 != p.f15) {
            return false;
        }
        if (f16 != p.f16) {
            return false;
        }
        if (f17 != p.f17) {
            return false;
        }
        if (Double.compare(f18, p.f18) != 0) {
            return false;
        }
        if (f19 != p.f19) {
            return false;
        }
        if (f20 != p.f20) {
            return false;
        }
        if (f21 != p.f21) {
            return false;
        }
        if (Double.compare(f22, p.f22) != 0) {
            return false;
        }
        if (f23 != p.f23) {
            return false;
        }
        if (f24 != p.f24) {
            return false;
        }
        if (f25 != p.f25) {
            return false;
        }
        if (Double.compare(f26, p.f26) != 0) {
            return false;
        }
        if (f27 != p.f27) {
            return false;
        }
        if (f28 != p.f28) {
            return false;
        }
        if (f29 != p.f29) {
            return false;
        }
        if (Double.compare(f30, p.f30) != 0) {
            return false;
        }
        if (f31 != p.f31) {
            return false;
        }
        if (f32 != p.f32) {
            return false;
        }
        if (f33 != p.f33) {
            return false;
        }
        if (Double.compare(f34, p.f34) != 0) {
            return false;
        }
        if (f35 != p.f35) {
            return false;
        }
        if (f36 != p.f36) {
            return false;
        }
        if (f37 != p.f37) {
            return false;
        }
        if (Double.compare(f38, p.f38) != 0) {
            return false;
        }
        if (f39 != p.f39) {
            return false;
        }
        if (f40 != p.f40) {
            return false;
        }
        if (f41 != p.f41) {
            return false;
        }
        if (Double.compare(f42, p.f42) != 0) {
            return false;
        }
        if (f43 != p.f43) {
            return false;
        }
        if (f44 != p.f44) {
            return false;
        }
        if (f45 != p.f45) {
            return false;
        }
        if (Double.compare(f46, p.f46) != 0) {
            return false;
        }
        if (f47 != p.f47) {
            return false;
        }
        if (f48 != p.f48) {
            return false;
        }
        if (f49 != p.f49) {
            return false;
        }
        if (Double.compare(f50, p.f50) != 0) {
            return false;
        }
        if (f51 != p.f51) {
            return false;
        }
        if (f52 != p.f52) {
            return false;
        }
        if (f53 != p.f53) {
            return false;
        }
        if (Double.compare(f54, p.f54) != 0) {
            return false;
        }
        if (f55 != p.f55) {
            return false;
        }
        if (f56 != p.f56) {
            return false;
        }
        if (f57 != p.f57) {
            return false;
        }
        if (Double.compare(f58, p.f58) != 0) {
            return false;
        }
        if (f59 != p.f59) {
            return false;
        }
        if (f60 != p.f60) {
            return false;
        }
        if (f61 != p.f61) {
            return false;
        }
        if (Double.compare(f62, p.f62) != 0) {
            return false;
        }
        if (f63 != p.f63) {
            return false;
        }
        if (f64 != p.f64) {
            return false;
        }
        if (f65 != p.f65) {
            return false;
        }
        if (Double.compare(f66, p.f66) != 0) {
            return false;
        }
        if (f67 != p.f67) {
            return false;
        }
        if (f68 != p.f68) {
            return false;
        }
        if (f69 != p.f69) {
            return false;
        }
        if (Double.compare(f70, p.f70) != 0) {
            return false;
        }
        if (f71 != p.f71) {
            return false;
        }
        if (f72 != p.f72) {
            return false;
        }
        if (f73 != p.f73) {
            return false;
        }
        if (Double.compare(f74, p.f74) != 0) {
            return false;
        }
        if (f75 != p.f75) {
            return false;
        }
        if (f76 != p.f76) {
            return false;
        }
        if (f77 != p.f77) {
            return false;
        }
        if (Double.compare(f78, p.f78) != 0) {
            return false;
        }
        if (f79 != p.f79) {
            return false;
        }
        if (f80 != p.f80) {
            return false;
        }
        if (f81 != p.f81) {
            return false;
        }
        if (Double.compare(f82, p.f82) != 0) {
            return false;
        }
        if (f83 != p.f83) {
            return false;
        }
        if (f84 != p.f84) {
            return false;
        }
        if (f85 != p.f85) {
            return false;
        }
        if (Double.compare(f86, p.f86) != 0) {
            return false;
        }
        if (f87 != p.f87) {
            return false;
        }
        if (f88 != p.f88) {
            return false;
        }
        if (f89 != p.f89) {
            return false;
        }
        if (Double.compare(f90, p.f90) != 0) {
            return false;
        }
        if (f91 != p.f91) {
            return false;
        }
        if (f92 != p.f92) {
            return false;
        }
        if (f93 != p.f93) {
            return false;
        }
        if (Double.compare(f94, p.f94) != 0) {
            return false;
        }
        if (f95 != p.f95) {
            return false;
        }
        if (f96 != p.f96) {
            return false;
        }
        if (f97 != p.f97) {
            return false;
        }
        if (Double.compare(f98, p.f98) != 0) {
            return false;
        }
        if (f99 != p.f99) {
            return false;
        }
        return true;
    }

    @Override
    public int hashCode() {
        long h = 1;
        h = 31 * h + f00;
        h = 31 * h + f01;
        h = 31 * h + Double.doubleToLongBits(f02);
        h = 31 * h + (f03 ? 1 : 0);
        h = 31 * h + f04;
        h = 31 * h + f05;
        h = 31 * h + Double.doubleToLongBits(f06);
        h = 31 * h + (f07 ? 1 : 0);
        h = 31 * h + f08;
        h = 31 * h + f09;
        h = 31 * h + Double.doubleToLongBits(f10);
        h = 31 * h + (f11 ? 1 : 0);
        h = 31 * h + f12;
        h = 31 * h + f13;
        h = 31 * h + Double.doubleToLongBits(f14);
        h = 31 * h + (f15 ? 1 : 0);
        h = 31 * h + f16;
        h = 31 * h + f17;
        h = 31 * h + Double.doubleToLongBits(f18);
        h = 31 * h + (f19 ? 1 : 0);
        h = 31 * h + f20;
        h = 31 * h + f21;
        h = 31 * h + Double.doubleToLongBits(f22);
        h = 31 * h + (f23 ? 1 : 0);
        h = 31 * h + f24;
        h = 31 * h + f25;
        h = 31 * h + Double.doubleToLongBits(f26);
        h = 31 * h + (f27 ? 1 : 0);
        h = 31 * h + f28;
        h = 31 * h + f29;
        h = 31 * h + Double.doubleToLongBits(f30);
        h = 31 * h + (f31 ? 1 : 0);
        h = 31 * h + f32;
        h = 31 * h + f33;
        h = 31 * h + Double.doubleToLongBits(f34);
        h = 31 * h + (f35 ? 1 : 0);
        h = 31 * h + f36;
        h = 31 * h + f37;
        h = 31 * h + Double.doubleToLongBits(f38);
        h = 31 * h + (f39 ? 1 : 0);
        h = 31 * h + f40;
        h = 31 * h + f41;
        h = 31 * h + Double.doubleToLongBits(f42);
        h = 31 * h + (f43 ? 1 : 0);
        h = 31 * h + f44;
        h = 31 * h + f45;
        h = 31 * h + Double.doubleToLongBits(f46);
        h = 31 * h + (f47 ? 1 : 0);
        h = 31 * h + f48;
        h = 31 * h + f49;
        h = 31 * h + Double.doubleToLongBits(f50);
        h = 31 * h + (f51 ? 1 : 0);
        h = 31 * h + f52;
        h = 31 * h + f53;
        h = 31 * h + Double.doubleToLongBits(f54);
        h = 31 * h + (f55 ? 1 : 0);
        h = 31 * h + f56;
        h = 31 * h + f57;
        h = 31 * h + Double.doubleToLongBits(f58);
        h = 31 * h + (f59 ? 1 : 0);
        h = 31 * h + f60;
        h = 31 * h + f61;
        h = 31 * h + Double.doubleToLongBits(f62);
        h = 31 * h + (f63 ? 1 : 0);
        h = 31 * h + f64;
        h = 31 * h + f65;
        h = 31 * h + Double.doubleToLongBits(f66);
        h = 31 * h + (f67 ? 1 : 0);
        h = 31 * h + f68;
        h = 31 * h + f69;
        h = 31 * h + Double.doubleToLongBits(f70);
        h = 31 * h + (f71 ? 1 : 0);
        h = 31 * h + f72;
        h = 31 * h + f73;
        h = 31 * h + Double.doubleToLongBits(f74);
        h = 31 * h + (f75 ? 1 : 0);
        h = 31 * h + f76;
        h = 31 * h + f77;
        h = 31 * h + Double.doubleToLongBits(f78);
        h = 31 * h + (f79 ? 1 : 0);
        h = 31 * h + f80;
        h = 31 * h + f81;
        h = 31 * h + Double.doubleToLongBits(f82);
        h = 31 * h + (f83 ? 1 : 0);
        h = 31 * h + f84;
        h = 31 * h + f85;
        h = 31 * h + Double.doubleToLongBits(f86);
        h = 31 * h + (f87 ? 1 : 0);
        h = 31 * h + f88;
        h = 31 * h + f89;
        h = 31 * h + Double.doubleToLongBits(f90);
        h = 31 * h + (f91 ? 1 : 0);
        h = 31 * h + f92;
        h = 31 * h + f93;
        h = 31 * h + Double.doubleToLongBits(f94);
        h = 31 * h + (f95 ? 1 : 0);
        h = 31 * h + f96;
        h = 31 * h + f97;
        h = 31 * h + Double.doubleToLongBits(f98);
        h = 31 * h + (f99 ? 1 : 0);
        return Long.hashCode(h);
    }
}
