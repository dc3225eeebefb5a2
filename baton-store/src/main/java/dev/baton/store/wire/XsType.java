package dev.baton.store.wire;

/**
 * The message types of xenstore's wire protocol ({@code enum xsd_sockmsg_type} of Xen's
 * {@code xen/include/public/io/xs_wire.h}), by their numbers on the wire. Number 20 was
 * {@code XS_RESTRICT}, removed from Xen; it is not a type.
 */
public enum XsType {
    CONTROL(0),
    DIRECTORY(1),
    READ(2),
    GET_PERMS(3),
    WATCH(4),
    UNWATCH(5),
    TRANSACTION_START(6),
    TRANSACTION_END(7),
    INTRODUCE(8),
    RELEASE(9),
    GET_DOMAIN_PATH(10),
    WRITE(11),
    MKDIR(12),
    RM(13),
    SET_PERMS(14),
    WATCH_EVENT(15),
    ERROR(16),
    IS_DOMAIN_INTRODUCED(17),
    RESUME(18),
    SET_TARGET(19),
    RESET_WATCHES(21),
    DIRECTORY_PART(22),
    GET_FEATURE(23),
    SET_FEATURE(24),
    GET_QUOTA(25),
    SET_QUOTA(26);

    private static final XsType[] BY_NUMBER = byNumber();

    private final int number;

    XsType(int number) {
        this.number = number;
    }

    /** The type's number in a message header. */
    public int number() {
        return number;
    }

    /** The type of that number, or null when the protocol has none. */
    public static XsType of(int number) {
        return number >= 0 && number < BY_NUMBER.length ? BY_NUMBER[number] : null;
    }

    /** The name {@code XS_...} Xen gives the type of that number, or the number itself when none. */
    public static String name(int number) {
        XsType t = of(number);
        return t == null ? Integer.toUnsignedString(number) : "XS_" + t.name();
    }

    private static XsType[] byNumber() {
        XsType[] all = values();
        XsType[] out = new XsType[all[all.length - 1].number + 1];
        for (XsType t : all) {
            out[t.number] = t;
        }
        return out;
    }
}
