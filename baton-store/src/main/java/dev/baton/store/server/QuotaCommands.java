package dev.baton.store.server;

import dev.baton.store.protocol.ErrorCode;
import dev.baton.store.protocol.StoreException;
import dev.baton.store.quota.Quota;
import dev.baton.store.tree.Perm;

/** The handlers of GET_QUOTA and SET_QUOTA: only domain 0 sets quotas or reads another domain's. */
final class QuotaCommands {
    private QuotaCommands() {
    }

    /** {@code GET_QUOTA <name> [<domid>]}: the value for the connection's domain, or that one. */
    static Reply get(Request r) {
        Quota q = r.quota(0);
        Connection c = r.connection();
        int domid = r.argumentCount() == 2 ? (int) r.number(1, Perm.MAX_DOMID, "domid") : c.domid();
        if (domid != c.domid() && !c.privileged()) {
            throw new StoreException(ErrorCode.EPERM, "only a privileged domain may read another domain's quota");
        }
        return Reply.ok(Long.toString(r.store().quotas().limit(q, domid)));
    }

    /** {@code SET_QUOTA <name> <value> [<domid>]}: store-wide without a domid. */
    static Reply set(Request r) {
        if (!r.connection().privileged()) {
            throw new StoreException(ErrorCode.EPERM, "only a privileged domain may set quotas");
        }
        Quota q = r.quota(0);
        long value = r.number(1, 0xFFFF_FFFFL, "quota value");
        if (r.argumentCount() == 3) {
            r.store().quotas().setForDomain(q, (int) r.number(2, Perm.MAX_DOMID, "domid"), value);
        } else {
            r.store().quotas().setGlobal(q, value);
        }
        return Reply.OK;
    }
}
