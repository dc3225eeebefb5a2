package dev.baton.store.client;

/**
 * A watch fired: {@code path} changed (or, for the event sent when the watch was set, is the
 * watched path), and {@code token} is the one the watch was registered with.
 *
 * @param path  the changed path
 * @param token the watch's token
 */
public record WatchEvent(String path, String token) {
}
