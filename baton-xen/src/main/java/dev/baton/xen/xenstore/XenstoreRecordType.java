package dev.baton.xen.xenstore;

/**
 * Record types of the xenstore migration stream (xen docs/designs/xenstore-migration.md), with
 * the lowest stream version each is valid in.
 */
public enum XenstoreRecordType {
    END(0, 1),
    GLOBAL_DATA(1, 1),
    CONNECTION_DATA(2, 1),
    WATCH_DATA(3, 1),
    TRANSACTION_DATA(4, 1),
    NODE_DATA(5, 1),
    GLOBAL_QUOTA_DATA(6, 1),
    DOMAIN_DATA(7, 1),
    WATCH_DATA_EXTENDED(8, 2);

    private static final XenstoreRecordType[] BY_CODE = values();

    private final int code;
    private final int since;

    XenstoreRecordType(int code, int since) {
        this.code = code;
        this.since = since;
    }

    /** The number in the record's {@code type} field. */
    public int code() {
        return code;
    }

    /** The first stream version in which the record is valid. */
    public int since() {
        return since;
    }

    /** Whether a stream of {@code version} may carry this record. */
    public boolean validIn(int version) {
        return version >= since;
    }

    /** The type with this code, or {@code null} for a code the spec reserves. */
    public static XenstoreRecordType of(int code) {
        return code >= 0 && code < BY_CODE.length ? BY_CODE[code] : null;
    }

    /** The type's name, or the code in hex for a reserved one. */
    public static String name(int code) {
        XenstoreRecordType t = of(code);
        return t != null ? t.name() : String.format("0x%08x", code);
    }
}
