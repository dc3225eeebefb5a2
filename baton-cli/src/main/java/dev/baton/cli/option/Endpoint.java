package dev.baton.cli.option;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A {@code HOST:PORT} of the command line ({@code [V6ADDRESS]:PORT} for an IPv6 address); the
 * converters that check it are {@link Ranges.EndpointOrFile} and {@link Ranges.ListenAddress}.
 *
 * @param host the host, or the default host when the text gave none
 * @param port the port, within the range the converter allowed
 */
public record Endpoint(String host, int port) {
    private static final Pattern HOST_PORT = Pattern.compile("^(\\[[0-9a-fA-F:.]+\\]|[^/\\\\:\\s]*):([0-9]+)$");

    /**
     * The endpoint {@code text} names, or null when it is not {@code HOST:PORT} (then it names a
     * file). A port past 65535 is returned as it is: the converters refuse it.
     */
    public static Endpoint parse(String text, String defaultHost) {
        Matcher m = HOST_PORT.matcher(text);
        if (!m.matches()) {
            return null;
        }
        String digits = m.group(2);
        int port = digits.length() > 5 ? Integer.MAX_VALUE : Integer.parseInt(digits);
        String host = m.group(1);
        if (host.startsWith("[")) {
            host = host.substring(1, host.length() - 1);
        }
        return new Endpoint(host.isEmpty() ? defaultHost : host, port);
    }

    /** {@code host:port} as a user writes it, IPv6 addresses in brackets. */
    @Override
    public String toString() {
        return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
    }
}
