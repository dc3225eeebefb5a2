package dev.baton.store.tree;

/**
 * Paths of the store, as xenstore has them: absolute, {@code /}-separated, of ASCII
 * alphanumerics and {@code - / _ @}, no doubled or trailing slash (except the root {@code /}),
 * at most {@link #MAX_LENGTH} characters. A path is a <em>child</em> of another when they are
 * identical, when the other is {@code /}, or when the other followed by {@code /} begins it.
 */
public final class StorePath {
    /** Longest path accepted (xenstore's XENSTORE_ABS_PATH_MAX). */
    public static final int MAX_LENGTH = 3072;
    /** The root. */
    public static final String ROOT = "/";

    /** xenstore's special watch path that fires when a domain is introduced. */
    public static final String INTRODUCE_DOMAIN = "@introduceDomain";
    /** xenstore's special watch path that fires when a domain is released. */
    public static final String RELEASE_DOMAIN = "@releaseDomain";

    private StorePath() {
    }

    /** Null when {@code path} may be watched: a valid path or a special watch path; else what is wrong with it. */
    public static String watchProblem(String path) {
        return INTRODUCE_DOMAIN.equals(path) || RELEASE_DOMAIN.equals(path) ? null : problem(path);
    }

    /** Null when {@code path} is a valid path, else what is wrong with it. */
    public static String problem(String path) {
        if (path == null || path.isEmpty()) {
            return "empty path";
        }
        if (path.length() > MAX_LENGTH) {
            return "path longer than " + MAX_LENGTH + " characters";
        }
        if (path.charAt(0) != '/') {
            return "path does not start with /";
        }
        if (path.length() == 1) {
            return null;
        }
        if (path.charAt(path.length() - 1) == '/') {
            return "path ends with /";
        }
        char prev = 0;
        for (int i = 0; i < path.length(); i++) {
            char c = path.charAt(i);
            if (!(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-' || c == '/'
                    || c == '_' || c == '@')) {
                return "character 0x" + Integer.toHexString(c) + " is not allowed in a path";
            }
            if (c == '/' && prev == '/') {
                return "path has an empty component (//)";
            }
            prev = c;
        }
        return null;
    }

    /** Whether {@code path} is valid. */
    public static boolean valid(String path) {
        return problem(path) == null;
    }

    /** The parent path: {@code /a/b} to {@code /a}, {@code /a} to {@code /}, {@code /} to null. */
    public static String parent(String path) {
        if (path.length() <= 1) {
            return null;
        }
        int at = path.lastIndexOf('/');
        return at == 0 ? ROOT : path.substring(0, at);
    }

    /** The last component: {@code b} of {@code /a/b}; empty for the root. */
    public static String leaf(String path) {
        return path.substring(path.lastIndexOf('/') + 1);
    }

    /** Components below the root: 0 for {@code /}, 1 for {@code /a}, 2 for {@code /a/b}. */
    public static int depth(String path) {
        if (path.length() <= 1) {
            return 0;
        }
        int n = 0;
        for (int i = 0; i < path.length(); i++) {
            if (path.charAt(i) == '/') {
                n++;
            }
        }
        return n;
    }

    /** Whether {@code child} is a child of {@code parent} in xenstore's sense (itself included). */
    public static boolean isChildOf(String child, String parent) {
        if (parent.length() == 1) {
            return true;
        }
        return child.startsWith(parent) && (child.length() == parent.length() || child.charAt(parent.length()) == '/');
    }

    /** {@code parent} joined with a child's name. */
    public static String join(String parent, String name) {
        return parent.length() == 1 ? "/" + name : parent + "/" + name;
    }
}
