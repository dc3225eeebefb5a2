package dev.baton.store.protocol;

/**
 * The error codes of the protocol, named after the errno values xenstore sends (its ERROR
 * replies carry the name, not the number). {@link #ECONNRESET} never comes from a server: the
 * client library raises it when a connection is lost and cannot be resumed.
 */
public enum ErrorCode {
    /** A malformed request, an invalid path, an unknown command, or a feature the server's release lacks. */
    EINVAL,
    /** No such node, transaction, watch or connection. */
    ENOENT,
    /** The permissions deny it. */
    EACCES,
    /** Only the owner or a privileged domain may do it (changing a node's owner, setting quotas). */
    EPERM,
    /** The connection already has a watch with that path and token. */
    EEXIST,
    /** The transaction conflicts with a change committed since it began: start it again. */
    EAGAIN,
    /** A quota would be exceeded. */
    EQUOTA,
    /** The request line is longer than the server accepts. */
    E2BIG,
    /** A resume asks for output the server no longer holds. */
    ESTALE,
    /** Client side: the connection was lost and could not be resumed; its watches and transactions are gone. */
    ECONNRESET;

    /** The code of that name, or null. */
    public static ErrorCode byName(String name) {
        for (ErrorCode c : values()) {
            if (c.name().equals(name)) {
                return c;
            }
        }
        return null;
    }
}
