package dev.baton.migrate.transport;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;

/**
 * Socket addresses for the transports, and their failures in words that name the host and port:
 * Java's own say {@code nohost/<unresolved>:7400} or only {@code Connection refused}.
 */
final class Addresses {
    private Addresses() {
    }

    /**
     * The address of {@code host:port}, resolved.
     *
     * @throws UnknownHostException when the host does not resolve, naming it and the port
     */
    static InetSocketAddress resolve(String host, int port) throws UnknownHostException {
        return requireResolved(new InetSocketAddress(host, port));
    }

    /**
     * {@code a}, when its host resolved.
     *
     * @throws UnknownHostException when it did not, naming the host and the port
     */
    static InetSocketAddress requireResolved(InetSocketAddress a) throws UnknownHostException {
        if (a.isUnresolved()) {
            throw new UnknownHostException(name(a.getHostString(), a.getPort()) + ": the host " + a.getHostString()
                    + " does not resolve");
        }
        return a;
    }

    /** Connects {@code socket} to {@code host:port} within {@code millis} (0: for ever); a failure names both. */
    static void connect(Socket socket, String host, int port, int millis) throws IOException {
        InetSocketAddress address = resolve(host, port);
        try {
            socket.connect(address, millis);
        } catch (ConnectException e) {
            throw new ConnectException("cannot connect to " + name(host, port) + ": " + e.getMessage());
        } catch (SocketTimeoutException e) {
            throw new SocketTimeoutException("cannot connect to " + name(host, port) + ": no answer within " + millis
                    + " ms");
        }
    }

    /** {@code host:port}, an IPv6 address in brackets. */
    static String name(String host, int port) {
        return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
    }
}
