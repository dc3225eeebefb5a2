package dev.baton.xen.libxc;

/**
 * The 16-octet libxc domain header, in the stream's byte order:
 *
 * <pre>
 *   0  u32  type        1 x86 PV, 2 x86 HVM
 *   4  u16  page_shift  12
 *   6  u16  reserved
 *   8  u32  xen_major   0 when the legacy converter wrote the stream
 *  12  u32  xen_minor
 * </pre>
 */
public record DomainHeader(long type, int pageShift, long xenMajor, long xenMinor) {
    public static final int SIZE = 16;
    public static final int X86_PV = 1;
    public static final int X86_HVM = 2;

    public boolean isPv() {
        return type == X86_PV;
    }

    public boolean isHvm() {
        return type == X86_HVM;
    }

    /** "x86 PV", "x86 HVM", or the number for any other. */
    public String guestName() {
        return type == X86_PV ? "x86 PV" : type == X86_HVM ? "x86 HVM" : String.format("type 0x%x", type);
    }

    /** Where it came from: "Xen 4.19", or the legacy converter. */
    public String origin() {
        return xenMajor == 0 ? "the legacy converter (version " + xenMinor + ")" : "Xen " + xenMajor + "." + xenMinor;
    }
}
