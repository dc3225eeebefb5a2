package dev.baton.store.server;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;

/**
 * Runs a store server: {@code java -cp ... dev.baton.store.server.StoreMain [--port N]
 * [--host H] [--release 1.0|2.0] [--grace SECONDS] [--reuse-port]}. Prints
 * {@code listening on HOST:PORT (release R)} once it accepts connections, and serves until killed.
 */
public final class StoreMain {
    private StoreMain() {
    }

    public static void main(String[] args) throws IOException, InterruptedException {
        int port = 0;
        String host = "127.0.0.1";
        Release release = Release.current();
        Duration grace = Duration.ofSeconds(30);
        boolean reusePort = false;
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            try {
                switch (a) {
                    case "--port" -> port = Integer.parseInt(value(args, ++i, a));
                    case "--host" -> host = value(args, ++i, a);
                    case "--release" -> release = Release.of(value(args, ++i, a));
                    case "--grace" -> grace = Duration.ofSeconds(Long.parseLong(value(args, ++i, a)));
                    case "--reuse-port" -> reusePort = true;
                    case "-h", "--help" -> {
                        System.out.println(usage());
                        return;
                    }
                    default -> throw new IllegalArgumentException("unknown option " + a);
                }
            } catch (IllegalArgumentException e) {
                System.err.println("store: " + e.getMessage());
                System.err.println(usage());
                System.exit(2);
            }
        }
        Store store = new Store(release, grace);
        StoreServer server = StoreServer.start(store, new InetSocketAddress(InetAddress.getByName(host), port), reusePort);
        System.out.println("listening on " + host + ":" + server.port() + " (release " + release + ")");
        System.out.flush();
        new CountDownLatch(1).await();
    }

    private static String value(String[] args, int i, String option) {
        if (i >= args.length) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return args[i];
    }

    private static String usage() {
        return "usage: StoreMain [--port N] [--host H] [--release 1.0|2.0] [--grace SECONDS] [--reuse-port]";
    }
}
