package dev.baton.store.watch;

/**
 * A watch a connection registered: fires on changes to {@code path} or below it, at most
 * {@code depth} levels below (xenstore's watch depth; {@link #UNLIMITED} for no limit), and
 * reports the changed path with the connection's {@code token}.
 *
 * @param connectionId the connection that registered it
 * @param path         the watched path
 * @param token        the connection's token for it
 * @param depth        levels below {@code path} that match, or {@link #UNLIMITED}
 */
public record Watch(long connectionId, String path, String token, int depth) {
    /** Depth meaning no limit (xenstore's 0xffff in WATCH_DATA_EXTENDED). */
    public static final int UNLIMITED = 0xFFFF;

    public Watch {
        if (depth < 0 || depth > UNLIMITED) {
            throw new IllegalArgumentException("watch depth " + depth + " is not in [0, " + UNLIMITED + "]");
        }
    }

    /** Whether it has a depth limit. */
    public boolean limited() {
        return depth != UNLIMITED;
    }
}
