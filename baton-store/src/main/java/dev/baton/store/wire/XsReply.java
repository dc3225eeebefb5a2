package dev.baton.store.wire;

import dev.baton.store.protocol.Tokens;
import java.util.List;
import java.util.Set;

/**
 * The store's answers as xenstore wire messages. The command table answers in the line protocol
 * ({@code OK ...}, {@code ERR <code> <detail>}, and {@code EVENT <path> <token>} for a watch);
 * this turns each line into the message xenstored sends for the request it answers:
 *
 * <ul>
 * <li>{@code XS_READ}: the value's octets, no NUL after them;
 * <li>{@code XS_DIRECTORY}, {@code XS_GET_PERMS}: each name or permission followed by a NUL (no
 *     child: no octet);
 * <li>{@code XS_TRANSACTION_START}, {@code XS_GET_DOMAIN_PATH}, {@code XS_IS_DOMAIN_INTRODUCED}:
 *     the one word, then a NUL;
 * <li>the others: {@code OK} and a NUL;
 * <li>a refusal: {@code XS_ERROR} with the error's name and a NUL ({@link #errorName});
 * <li>a watch event: {@code XS_WATCH_EVENT}, request id 0, the path and the token each followed by a NUL.
 * </ul>
 *
 * A reply echoes the request's type, request id and transaction id.
 */
public final class XsReply {
    /** The error names xenstore's protocol has ({@code xsd_errors[]}), in its order. */
    public static final List<String> ERROR_NAMES = List.of("EINVAL", "EACCES", "EEXIST", "EISDIR", "ENOENT", "ENOMEM",
            "ENOSPC", "EIO", "ENOTEMPTY", "ENOSYS", "EROFS", "EBUSY", "EAGAIN", "EISCONN", "E2BIG", "EPERM");
    private static final Set<XsType> ACKED = Set.of(XsType.WRITE, XsType.MKDIR, XsType.RM, XsType.SET_PERMS,
            XsType.WATCH, XsType.UNWATCH, XsType.TRANSACTION_END);

    private XsReply() {
    }

    /** The reply to {@code request} that the store's answer {@code line} ({@code OK ...} or {@code ERR ...}) is. */
    public static XsMessage to(XsMessage request, String line) {
        List<byte[]> t = split(line);
        String first = Tokens.ascii(t.get(0));
        if ("ERR".equals(first)) {
            return error(request, errorName(t.size() > 1 ? Tokens.ascii(t.get(1)) : ""));
        }
        if (!"OK".equals(first)) {
            throw new IllegalArgumentException("not a store reply: " + line);
        }
        XsType type = request.knownType();
        byte[] payload;
        if (type == XsType.READ) {
            payload = t.size() > 1 ? t.get(1) : new byte[0];
        } else if (ACKED.contains(type)) {
            payload = XsMessage.terminated("OK");
        } else {
            payload = XsMessage.terminated(t.subList(1, t.size()));
        }
        return new XsMessage(request.type(), request.requestId(), request.transactionId(), payload);
    }

    /** An {@code XS_ERROR} reply to {@code request}: the error's name and a NUL. */
    public static XsMessage error(XsMessage request, String name) {
        return new XsMessage(XsType.ERROR.number(), request.requestId(), request.transactionId(),
                XsMessage.terminated(name));
    }

    /** The {@code XS_WATCH_EVENT} that the store's line {@code EVENT <path> <token>} is. */
    public static XsMessage event(String line) {
        List<byte[]> t = split(line);
        if (t.size() != 3 || !"EVENT".equals(Tokens.ascii(t.get(0)))) {
            throw new IllegalArgumentException("not a watch event: " + line);
        }
        return new XsMessage(XsType.WATCH_EVENT.number(), 0, 0, XsMessage.terminated(t.subList(1, 3)));
    }

    /** Whether a line the store queued is a watch event (the others answer requests, in order). */
    public static boolean isEvent(String line) {
        return line.startsWith("EVENT ");
    }

    /**
     * The name xenstore's protocol gives a store error code: the same name when the protocol has
     * it; {@code EQUOTA} (a quota) is {@code ENOSPC}, as xenstored answers most quotas; any other
     * is {@code EIO}.
     */
    public static String errorName(String code) {
        if (ERROR_NAMES.contains(code)) {
            return code;
        }
        return "EQUOTA".equals(code) ? "ENOSPC" : "EIO";
    }

    private static List<byte[]> split(String line) {
        try {
            return Tokens.split(line);
        } catch (Tokens.MalformedLineException e) {
            throw new IllegalArgumentException("the store wrote a malformed line: " + line, e);
        }
    }
}
