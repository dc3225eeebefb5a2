package dev.baton.store.xen;

import dev.baton.store.quota.Quota;

/** The names the store's quotas go by in GLOBAL_QUOTA_DATA and DOMAIN_DATA records. */
final class XenstoreQuotas {
    private XenstoreQuotas() {
    }

    /**
     * The xenstore name of a store quota: xenstored's own name where the meaning is the same
     * ({@code nodes}, {@code watches}, {@code transactions}, {@code permissions}), the store's
     * name otherwise ({@code value-size}, {@code output}: xenstored has no quota that means them).
     */
    static String name(Quota q) {
        return switch (q) {
            case NODES -> "nodes";
            case VALUE_SIZE -> "value-size";
            case PERMS -> "permissions";
            case WATCHES -> "watches";
            case TRANSACTIONS -> "transactions";
            case OUTPUT -> "output";
        };
    }

    /** The store quota of a xenstore quota name, or null for one the store does not have. */
    static Quota of(String name) {
        for (Quota q : Quota.values()) {
            if (name(q).equals(name)) {
                return q;
            }
        }
        return null;
    }
}
