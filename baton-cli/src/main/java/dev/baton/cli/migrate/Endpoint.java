package dev.baton.cli.migrate;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A {@code HOST:PORT} of the command line, or not one (then it is a file, or - for a pipe). */
record Endpoint(String host, int port) {
    private static final Pattern HOST_PORT = Pattern.compile("^(\\[[0-9a-fA-F:.]+\\]|[^/\\\\:\\s]*):([0-9]{1,5})$");

    /** The endpoint {@code text} names, or null when it names a file. */
    static Endpoint parse(String text, String defaultHost) {
        Matcher m = HOST_PORT.matcher(text);
        if (!m.matches()) {
            return null;
        }
        int port = Integer.parseInt(m.group(2));
        if (port > 65535) {
            throw new IllegalArgumentException("port " + port + " is above 65535");
        }
        String host = m.group(1);
        if (host.startsWith("[")) {
            host = host.substring(1, host.length() - 1);
        }
        return new Endpoint(host.isEmpty() ? defaultHost : host, port);
    }
}
