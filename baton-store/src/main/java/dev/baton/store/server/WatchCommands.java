package dev.baton.store.server;

import dev.baton.store.protocol.ErrorCode;
import dev.baton.store.protocol.StoreException;
import dev.baton.store.quota.Quota;
import dev.baton.store.watch.Watch;
import dev.baton.store.watch.WatchTable;

/** The handlers of WATCH and UNWATCH: a connection's watches, by path and token. */
final class WatchCommands {
    private WatchCommands() {
    }

    /** {@code WATCH <path> <token> [<depth>]}: fires once at once, whatever the permissions. */
    static Reply watch(Request r) {
        String path = r.watchPath(0);
        String token = r.text(1, "token");
        Store store = r.store();
        int depth = Watch.UNLIMITED;
        if (r.argumentCount() == 3) {
            if (!store.release().watchDepth()) {
                throw new StoreException(ErrorCode.EINVAL, "watch depth needs release 2.0 (this store runs "
                        + store.release() + ")");
            }
            depth = (int) r.number(2, Watch.UNLIMITED, "depth");
        }
        Connection c = r.connection();
        WatchTable watches = store.watches();
        if (watches.find(c.id(), path, token) != null) {
            throw new StoreException(ErrorCode.EEXIST, "this connection already watches " + path + " with that token");
        }
        if (!store.quotas().allows(Quota.WATCHES, c.domid(), watches.count(c.id()) + 1L)) {
            throw new StoreException(ErrorCode.EQUOTA, "more than " + store.quotas().limit(Quota.WATCHES, c.domid())
                    + " watches");
        }
        Watch w = new Watch(c.id(), path, token, depth);
        watches.add(w);
        r.fire(w, path, null); // the initial event, whatever the permissions
        return Reply.OK;
    }

    /** {@code UNWATCH <path> <token>}. */
    static Reply unwatch(Request r) {
        String path = r.watchPath(0);
        if (!r.store().watches().remove(r.connection().id(), path, r.text(1, "token"))) {
            throw new StoreException(ErrorCode.ENOENT, "no watch on " + path + " with that token");
        }
        return Reply.OK;
    }
}
