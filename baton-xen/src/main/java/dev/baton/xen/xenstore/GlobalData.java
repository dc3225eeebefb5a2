package dev.baton.xen.xenstore;

/**
 * GLOBAL_DATA: xenstored's own file descriptors, for live update in the same process.
 *
 * <pre>
 *   0  i32  rw-socket-fd   -1 when unused
 *   4  i32  evtchn-fd
 * </pre>
 */
public record GlobalData(int rwSocketFd, int evtchnFd) implements XenstoreRecord {
    static final int SIZE = 8;

    @Override
    public XenstoreRecordType type() {
        return XenstoreRecordType.GLOBAL_DATA;
    }

    @Override
    public String summary() {
        return "rw-socket-fd " + rwSocketFd + ", evtchn-fd " + evtchnFd;
    }
}
