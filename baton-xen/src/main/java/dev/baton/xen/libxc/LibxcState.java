package dev.baton.xen.libxc;

/** What a libxc stream has said so far, for the checks that depend on earlier records. */
final class LibxcState {
    final int version;
    DomainHeader domain;
    /** Guest width from X86_PV_INFO, 0 until then. */
    int pvGuestWidth;
    boolean pvInfo;
    boolean p2mFrames;
    boolean pageData;
    boolean hvmContext;
    int staticDataEnds;
    boolean contentBeforeStaticEndReported;

    LibxcState(int version) {
        this.version = version;
    }
}
