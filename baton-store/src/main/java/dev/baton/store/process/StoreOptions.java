package dev.baton.store.process;

import dev.baton.store.server.Release;
import java.nio.file.Path;
import java.time.Duration;

/**
 * How to run a store process ({@link StoreMain}): what {@code baton store serve} and the
 * {@code StoreMain} command line set.
 *
 * @param host          the address to serve on (a name or an IP literal)
 * @param port          the store port, 0 for any free one
 * @param release       the release to offer clients
 * @param grace         how long a connection whose socket dropped waits to be resumed
 * @param reusePort     bind with SO_REUSEPORT, so that a new process can bind the port during a live update
 * @param control       the control channel's Unix socket, null for none, {@link #CONTROL_IN_RUN_DIRECTORY}
 *                      for {@code control-PID} in the run directory of the store's port
 * @param seed          a xenstore migration stream to start from, or null
 * @param takeover      receive the store from a live update before serving
 * @param migrationSocket with {@code takeover}: the Unix socket to receive on, in the old store's
 *                      state directory (a live update over TCP is not offered)
 * @param failAt        with {@code takeover}, for tests: the stage at which to fail, or ""
 * @param quirks        with {@code takeover}: a quirks file (docs/COMPATIBILITY.md) to load the stream with, or null
 * @param unixSocket    the Unix socket to serve xenstore's wire protocol on, or null for none; with
 *                      {@code takeover}, the one the old process serves, taken over from it
 * @param trust         whom the store believes about a TCP client's domain (a live update's new
 *                      process is given the old one's)
 */
public record StoreOptions(String host, int port, Release release, Duration grace, boolean reusePort, Path control,
        Path seed, boolean takeover, Path migrationSocket, String failAt, Path quirks, Path unixSocket,
        TrustOptions trust) {

    /** The grace period when none is given. */
    public static final Duration DEFAULT_GRACE = Duration.ofSeconds(30);

    /**
     * {@code control}'s value for a control socket named {@code control-PID} in the run directory
     * of the store's port ({@code RunDirectory#defaultFor}), known once the port is bound.
     */
    public static final Path CONTROL_IN_RUN_DIRECTORY = Path.of("");

    public StoreOptions {
        if (seed != null && takeover) {
            throw new IllegalArgumentException("--seed and --takeover exclude each other");
        }
        if (takeover != (migrationSocket != null)) {
            throw new IllegalArgumentException("--takeover and --listen-migration-socket PATH go together");
        }
        if (quirks != null && !takeover) {
            throw new IllegalArgumentException("--quirks applies to --takeover: a store loads a stream only then");
        }
        failAt = failAt == null ? "" : failAt;
        trust = trust == null ? TrustOptions.NONE : trust;
    }

    /** A store on 127.0.0.1, any free port, this build's release, no control channel, no TCP client trusted. */
    public static StoreOptions defaults() {
        return new StoreOptions("127.0.0.1", 0, Release.current(), DEFAULT_GRACE, false, null, null, false, null, "", null,
                null, TrustOptions.NONE);
    }

    /**
     * Parses {@code StoreMain}'s command line: {@code [--port N] [--host H] [--release 1.0|2.0]
     * [--grace SECONDS] [--reuse-port] [--control | --control-socket PATH] [--unix-socket PATH] [--seed FILE] [--takeover
     * --listen-migration-socket PATH [--fail-at static|precopy|loaded|activate] [--quirks FILE]] [--trust-hello | --tls-key FILE
     * [--tls-cert FILE] --tls-trust FILE [--tls-password-file FILE] --domain-map FILE]}.
     *
     * @throws IllegalArgumentException naming the option that is wrong
     */
    public static StoreOptions parse(String... args) {
        StoreOptions o = defaults();
        String host = o.host;
        int port = o.port;
        Release release = o.release;
        Duration grace = o.grace;
        boolean reusePort = false;
        Path control = null;
        Path seed = null;
        boolean takeover = false;
        Path migrationSocket = null;
        String failAt = "";
        Path quirks = null;
        Path unixSocket = null;
        boolean trustHello = false;
        Path tlsKey = null;
        Path tlsCert = null;
        Path tlsTrust = null;
        Path tlsPasswordFile = null;
        Path domainMap = null;
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            switch (a) {
                case "--port" -> port = number(args, ++i, a, 0, 65535);
                case "--host" -> host = value(args, ++i, a);
                case "--release" -> release = Release.of(value(args, ++i, a));
                case "--grace" -> grace = Duration.ofSeconds(number(args, ++i, a, 1, 86_400));
                case "--reuse-port" -> reusePort = true;
                case "--control" -> control = CONTROL_IN_RUN_DIRECTORY;
                case "--control-socket" -> control = Path.of(value(args, ++i, a));
                case "--takeover" -> takeover = true;
                case "--listen-migration-socket" -> migrationSocket = Path.of(value(args, ++i, a));
                case "--listen-migration" -> throw new IllegalArgumentException("--listen-migration: a live update"
                        + " over TCP is not offered (any process on the host could connect first); use"
                        + " --listen-migration-socket PATH in the old store's state directory");
                case "--fail-at" -> failAt = value(args, ++i, a);
                case "--seed" -> seed = Path.of(value(args, ++i, a));
                case "--quirks" -> quirks = Path.of(value(args, ++i, a));
                case "--unix-socket" -> unixSocket = Path.of(value(args, ++i, a));
                case "--trust-hello" -> trustHello = true;
                case "--tls-key" -> tlsKey = Path.of(value(args, ++i, a));
                case "--tls-cert" -> tlsCert = Path.of(value(args, ++i, a));
                case "--tls-trust" -> tlsTrust = Path.of(value(args, ++i, a));
                case "--tls-password-file" -> tlsPasswordFile = Path.of(value(args, ++i, a));
                case "--domain-map" -> domainMap = Path.of(value(args, ++i, a));
                default -> throw new IllegalArgumentException("unknown option " + a);
            }
        }
        return new StoreOptions(host, port, release, grace, reusePort, control, seed, takeover, migrationSocket, failAt,
                quirks, unixSocket, new TrustOptions(trustHello, tlsKey, tlsCert, tlsTrust,
                tlsPasswordFile, domainMap));
    }

    /** {@code StoreMain}'s usage line. */
    public static String usage() {
        return "usage: StoreMain [--port N] [--host H] [--release 1.0|2.0] [--grace SECONDS] [--reuse-port]"
                + " [--control | --control-socket PATH] [--unix-socket PATH] [--seed XENSTORE-FILE] [--takeover --listen-migration-socket PATH"
                + " [--fail-at static|precopy|loaded|activate] [--quirks FILE]] [--trust-hello | --tls-key FILE"
                + " [--tls-cert FILE] --tls-trust FILE [--tls-password-file FILE] --domain-map FILE]";
    }

    private static String value(String[] args, int i, String option) {
        if (i >= args.length) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return args[i];
    }

    private static int number(String[] args, int i, String option, int min, int max) {
        String v = value(args, i, option);
        try {
            int n = Integer.parseInt(v);
            if (n >= min && n <= max) {
                return n;
            }
        } catch (NumberFormatException e) {
            // said below
        }
        throw new IllegalArgumentException(option + " " + v + ": expected " + min + " to " + max);
    }
}
