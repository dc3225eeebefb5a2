package dev.baton.store.quota;

/**
 * The store's quotas, as xenstored has them. Each applies to unprivileged domains (domid other
 * than 0), except {@link #OUTPUT}, which bounds every connection's queued output. A value of 0
 * means unlimited.
 */
public enum Quota {
    /** Nodes a domain may own. */
    NODES("nodes", 1000),
    /** Octets of one node's value. */
    VALUE_SIZE("value-size", 4096),
    /** Entries of one node's permissions, the owner's included. */
    PERMS("perms", 5),
    /** Watches of one connection. */
    WATCHES("watches", 128),
    /** Open transactions of one connection. */
    TRANSACTIONS("transactions", 10),
    /**
     * Lines queued for one connection: lines not yet written beyond this close the connection;
     * lines written but not acknowledged beyond this are forgotten (a resume that needs them fails).
     */
    OUTPUT("output", 65536);

    private final String key;
    private final long defaultValue;

    Quota(String key, long defaultValue) {
        this.key = key;
        this.defaultValue = defaultValue;
    }

    /** The quota's name in the protocol and in streams. */
    public String key() {
        return key;
    }

    /** The value a new store starts with. */
    public long defaultValue() {
        return defaultValue;
    }

    /** Whether privileged connections are bound by it too. */
    public boolean bindsPrivileged() {
        return this == OUTPUT;
    }

    /** The quota of that name, or null. */
    public static Quota byKey(String key) {
        for (Quota q : values()) {
            if (q.key.equals(key)) {
                return q;
            }
        }
        return null;
    }
}
