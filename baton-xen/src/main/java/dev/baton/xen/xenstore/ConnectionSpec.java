package dev.baton.xen.xenstore;

/**
 * The 8-octet {@code conn-spec} of a CONNECTION_DATA record, whose layout depends on
 * {@code conn-type}: a shared ring with a domain, or a socket of xenstored's own process.
 */
public sealed interface ConnectionSpec permits ConnectionSpec.SharedRing, ConnectionSpec.Socket {
    /** {@code conn-type} 0. */
    int TYPE_SHARED_RING = 0;
    /** {@code conn-type} 1. */
    int TYPE_SOCKET = 1;
    /** DOMID_INVALID: the {@code tdomid} of a domain that has no target. */
    int DOMID_INVALID = 0x7FF4;

    /** The {@code conn-type} number. */
    int connType();

    /**
     * A shared ring: {@code u16 domid, u16 tdomid, u32 evtchn}.
     *
     * @param domid       the domain that owns the ring page
     * @param targetDomid the domain {@code domid} acts for after SET_TARGET, else {@link #DOMID_INVALID}
     * @param evtchn      the event channel port xenstored uses for it
     */
    record SharedRing(int domid, int targetDomid, long evtchn) implements ConnectionSpec {
        public SharedRing {
            Fields.u16("domid", domid);
            Fields.u16("tdomid", targetDomid);
            Fields.u32("evtchn", evtchn);
        }

        @Override
        public int connType() {
            return TYPE_SHARED_RING;
        }

        @Override
        public String toString() {
            return "ring domid " + domid + ", tdomid "
                    + (targetDomid == DOMID_INVALID ? "none" : Integer.toString(targetDomid)) + ", evtchn " + evtchn;
        }
    }

    /** A socket: {@code i32 socket-fd}, then 4 octets of padding. */
    record Socket(int fd) implements ConnectionSpec {
        @Override
        public int connType() {
            return TYPE_SOCKET;
        }

        @Override
        public String toString() {
            return "socket fd " + fd;
        }
    }
}
