package dev.baton.xen.libxc;

/**
 * The libxc record types (libxc-migration-stream.pandoc, "Records"), as a table: the version a
 * type appeared in, the guests whose restorer reads it, whether it is static configuration or
 * memory and register content (which v3 puts after STATIC_DATA_END), and its body checker.
 */
public enum LibxcRecordType {
    END(0, 2, Guests.ANY, Phase.SIGNAL, LibxcCheckers::empty),
    PAGE_DATA(1, 2, Guests.ANY, Phase.CONTENT, LibxcCheckers::pageData),
    X86_PV_INFO(2, 2, Guests.PV, Phase.STATIC, LibxcCheckers::pvInfo),
    X86_PV_P2M_FRAMES(3, 2, Guests.PV, Phase.CONTENT, LibxcCheckers::p2mFrames),
    X86_PV_VCPU_BASIC(4, 2, Guests.PV, Phase.CONTENT, LibxcCheckers::vcpu),
    X86_PV_VCPU_EXTENDED(5, 2, Guests.PV, Phase.CONTENT, LibxcCheckers::vcpu),
    X86_PV_VCPU_XSAVE(6, 2, Guests.PV, Phase.CONTENT, LibxcCheckers::vcpu),
    SHARED_INFO(7, 2, Guests.PV, Phase.CONTENT, LibxcCheckers::sharedInfo),
    X86_TSC_INFO(8, 2, Guests.ANY, Phase.CONTENT, LibxcCheckers::tscInfo),
    HVM_CONTEXT(9, 2, Guests.HVM, Phase.CONTENT, LibxcCheckers::hvmContext),
    HVM_PARAMS(10, 2, Guests.HVM, Phase.CONTENT, LibxcCheckers::hvmParams),
    TOOLSTACK(11, 2, Guests.NONE, Phase.SIGNAL, LibxcCheckers::toolstack),
    X86_PV_VCPU_MSRS(12, 2, Guests.PV, Phase.CONTENT, LibxcCheckers::vcpu),
    VERIFY(13, 2, Guests.ANY, Phase.SIGNAL, LibxcCheckers::empty),
    CHECKPOINT(14, 2, Guests.ANY, Phase.SIGNAL, LibxcCheckers::empty),
    CHECKPOINT_DIRTY_PFN_LIST(15, 2, Guests.ANY, Phase.SIGNAL, LibxcCheckers::dirtyPfnList),
    STATIC_DATA_END(16, 3, Guests.ANY, Phase.SIGNAL, LibxcCheckers::empty),
    X86_CPUID_POLICY(17, 3, Guests.ANY, Phase.STATIC, LibxcCheckers::cpuidPolicy),
    X86_MSR_POLICY(18, 3, Guests.ANY, Phase.STATIC, LibxcCheckers::msrPolicy);

    private static final LibxcRecordType[] BY_CODE = values();

    private final int code;
    private final int since;
    private final Guests guests;
    private final Phase phase;
    private final LibxcCheckers.Checker checker;

    LibxcRecordType(int code, int since, Guests guests, Phase phase, LibxcCheckers.Checker checker) {
        this.code = code;
        this.since = since;
        this.guests = guests;
        this.phase = phase;
        this.checker = checker;
    }

    public int code() {
        return code;
    }

    /** The first stream version the type is valid in. */
    public int since() {
        return since;
    }

    /** Whether the restorer of this guest type reads the record. */
    public boolean validFor(DomainHeader domain) {
        return switch (guests) {
            case ANY -> true;
            case NONE -> false;
            case PV -> !domain.isHvm();
            case HVM -> !domain.isPv();
        };
    }

    /** Static configuration (before STATIC_DATA_END in v3). */
    public boolean isStatic() {
        return phase == Phase.STATIC;
    }

    /** Memory or register content (after STATIC_DATA_END in v3). */
    public boolean isContent() {
        return phase == Phase.CONTENT;
    }

    LibxcCheckers.Checker checker() {
        return checker;
    }

    /** The type with this number, or null for one the spec does not define. */
    public static LibxcRecordType of(int code) {
        return code >= 0 && code < BY_CODE.length ? BY_CODE[code] : null;
    }

    /** The type's name, or its number in hex. */
    public static String name(int code) {
        LibxcRecordType t = of(code);
        return t != null ? t.name() : String.format("0x%08x", code);
    }

    enum Guests { ANY, PV, HVM, NONE }

    enum Phase { STATIC, CONTENT, SIGNAL }
}
