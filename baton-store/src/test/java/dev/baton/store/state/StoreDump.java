package dev.baton.store.state;

import dev.baton.store.protocol.Tokens;
import dev.baton.store.quota.Quota;
import dev.baton.store.server.Connection;
import dev.baton.store.server.Store;
import dev.baton.store.txn.Transaction;
import dev.baton.store.watch.Watch;
import java.util.ArrayList;
import java.util.List;

/** Everything a store holds, as text, to compare a store with its migrated copy. */
public final class StoreDump {
    private StoreDump() {
    }

    /** The dump; {@code generations} false leaves node generations out (a 1.0 stream drops them). */
    public static List<String> of(Store s, boolean generations) {
        return s.locked(() -> {
            List<String> out = new ArrayList<>();
            out.add("generation " + s.tree().generation() + ", next connection " + s.nextConnectionId()
                    + ", next transaction " + s.nextTransactionId() + ", nodes " + s.tree().nodeCount());
            s.tree().forEach((path, n) -> out.add("node " + path + " = " + Tokens.quote(n.value()) + " [" + n.perms() + "]"
                    + (generations ? " @" + n.generation() : "")));
            for (Quota q : Quota.values()) {
                out.add("quota " + q.key() + " = " + s.quotas().global(q));
            }
            s.quotas().overrides().forEach((d, m) -> out.add("quota of " + d + ": " + m));
            for (Connection c : s.connections()) {
                out.add("connection " + c.id() + " key " + c.key() + " domain " + c.domid() + " processed "
                        + c.requestsProcessed() + " first line " + c.firstQueuedLine() + " output " + c.queuedOutput());
            }
            for (Watch w : s.watches().all()) {
                out.add("watch " + w);
            }
            for (Transaction t : s.transactions()) {
                StringBuilder sb = new StringBuilder("transaction " + t.id() + " of " + t.connectionId() + " base "
                        + t.baseGeneration() + " read " + t.readSet() + " deleted " + t.deletedSet() + " written");
                t.writtenSet().forEach((p, w) -> sb.append(' ').append(p).append('=').append(Tokens.quote(w.value()))
                        .append('[').append(w.perms()).append(']').append(w.fires() ? "!" : ""));
                out.add(sb.toString());
            }
            return out;
        });
    }
}
