package dev.baton.store.wire;

import dev.baton.store.protocol.ErrorCode;
import dev.baton.store.protocol.StoreException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A request of xenstore's wire protocol as a request of the store's command table: the tokens
 * its line protocol would carry ({@code T<txid>}, the command, its arguments), so that both
 * protocols run the same commands (docs/STORE.md, "xenstore's wire protocol"). A payload that
 * does not hold the type's arguments is refused with {@code EINVAL}, as xenstored refuses it.
 *
 * <p>Paths that do not start with {@code /} are relative to the connection's domain path,
 * {@code /local/domain/<domid>}; the watch paths {@code @introduceDomain} and
 * {@code @releaseDomain} are taken as they are.
 */
public final class XsRequest {
    private static final byte NUL = 0;

    private XsRequest() {
    }

    /** Whether the command table runs messages of that type ({@link #tokens} translates them). */
    public static boolean inCommandTable(XsType type) {
        return type != null && switch (type) {
            case READ, WRITE, MKDIR, RM, DIRECTORY, GET_PERMS, SET_PERMS, WATCH, UNWATCH, TRANSACTION_START,
                 TRANSACTION_END -> true;
            default -> false;
        };
    }

    /**
     * The tokens of the store request that {@code m} asks for, from a connection of domain
     * {@code domid}; {@code m}'s type must be {@linkplain #inCommandTable in the command table}.
     *
     * @throws StoreException EINVAL when the payload does not hold the type's arguments, ENOENT
     *                        for {@code XS_TRANSACTION_END} outside a transaction
     */
    public static List<byte[]> tokens(XsMessage m, int domid) {
        XsType type = m.knownType();
        if (!inCommandTable(type)) {
            throw new IllegalArgumentException(XsType.name(m.type()) + " is not in the command table");
        }
        List<byte[]> out = new ArrayList<>(4);
        byte[] p = m.payload();
        boolean inTransaction = m.transactionId() != 0;
        // as xenstored's XS_FLAG_NOTID: a watch is the connection's, whatever transaction the header names
        if (inTransaction && type != XsType.WATCH && type != XsType.UNWATCH) {
            out.add(ascii("T" + Integer.toUnsignedString(m.transactionId())));
        }
        out.add(ascii(type.name()));
        switch (type) {
            case READ, MKDIR, RM, DIRECTORY, GET_PERMS -> out.add(path(strings(p, 1, 1, type).get(0), domid));
            case WRITE -> {
                int nul = indexOf(p, 0);
                if (nul < 0) {
                    throw invalid(type, "a path and a NUL, then the value");
                }
                out.add(path(Arrays.copyOf(p, nul), domid));
                out.add(Arrays.copyOfRange(p, nul + 1, p.length));
            }
            case SET_PERMS -> {
                List<byte[]> s = strings(p, 2, Integer.MAX_VALUE, type);
                out.add(path(s.get(0), domid));
                out.addAll(s.subList(1, s.size()));
            }
            case WATCH, UNWATCH -> {
                List<byte[]> s = strings(p, 2, 2, type);
                out.add(watchPath(s.get(0), domid));
                out.add(s.get(1));
            }
            case TRANSACTION_START -> {
                // xenstored reads no argument: libxenstore sends one empty string
            }
            case TRANSACTION_END -> {
                if (!inTransaction) {
                    throw new StoreException(ErrorCode.ENOENT, "XS_TRANSACTION_END outside a transaction");
                }
                byte[] how = strings(p, 1, 1, type).get(0);
                if (how.length != 1 || how[0] != 'T' && how[0] != 'F') {
                    throw invalid(type, "T (commit) or F (abort)");
                }
                out.add(ascii(how[0] == 'T' ? "COMMIT" : "ABORT"));
            }
            default -> throw new AssertionError(type);
        }
        return out;
    }

    /**
     * The NUL-terminated strings of a payload, at least {@code min} and at most {@code max}:
     * the payload must end with a NUL.
     */
    static List<byte[]> strings(byte[] p, int min, int max, XsType type) {
        List<byte[]> out = new ArrayList<>();
        int from = 0;
        while (from < p.length) {
            int nul = indexOf(p, from);
            if (nul < 0) {
                throw invalid(type, "NUL-terminated arguments (the last one has no NUL)");
            }
            out.add(Arrays.copyOfRange(p, from, nul));
            from = nul + 1;
        }
        if (out.size() < min || out.size() > max) {
            throw invalid(type, (min == max ? Integer.toString(min) : max == Integer.MAX_VALUE ? min + " or more"
                    : min + " to " + max) + " NUL-terminated arguments, not " + out.size());
        }
        return out;
    }

    /** A path, absolute as it is or relative to the domain's path. */
    static byte[] path(byte[] path, int domid) {
        if (path.length > 0 && path[0] == '/') {
            return path;
        }
        if (path.length == 0) {
            return path; // the store refuses the empty path, naming it
        }
        byte[] base = ascii(domainPath(domid) + "/");
        byte[] out = Arrays.copyOf(base, base.length + path.length);
        System.arraycopy(path, 0, out, base.length, path.length);
        return out;
    }

    /** The path of a watch: a path, or a special path ({@code @...}) as it is. */
    static byte[] watchPath(byte[] path, int domid) {
        return path.length > 0 && path[0] == '@' ? path : path(path, domid);
    }

    /**
     * The domain id argument of {@code XS_GET_DOMAIN_PATH} or {@code XS_IS_DOMAIN_INTRODUCED}: one
     * decimal number of at most 65535.
     *
     * @throws StoreException EINVAL when the payload holds anything else
     */
    public static int domid(XsMessage m) {
        XsType type = m.knownType();
        byte[] s = strings(m.payload(), 1, 1, type).get(0);
        int v = 0;
        for (byte b : s) {
            if (b < '0' || b > '9' || v > 65535) {
                throw invalid(type, "a domain id (a decimal number)");
            }
            v = v * 10 + (b - '0');
        }
        if (s.length == 0 || v > 65535) {
            throw invalid(type, "a domain id of 0 to 65535");
        }
        return v;
    }

    /** {@code /local/domain/<domid>}: what XS_GET_DOMAIN_PATH answers and relative paths start from. */
    public static String domainPath(int domid) {
        return "/local/domain/" + domid;
    }

    private static int indexOf(byte[] p, int from) {
        for (int i = from; i < p.length; i++) {
            if (p[i] == NUL) {
                return i;
            }
        }
        return -1;
    }

    private static StoreException invalid(XsType type, String expected) {
        return new StoreException(ErrorCode.EINVAL, "XS_" + type.name() + " takes " + expected);
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }
}
