package dev.baton.store.live;

import dev.baton.migrate.precopy.OnLimit;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * The client side of a store process's control channel, a Unix socket (docs/STORE.md, "The
 * control channel"): one connection a request, one answer line ({@code OK ...} or
 * {@code ERR <CODE> <reason>}), preceded for {@code LIVE_UPDATE} by progress lines. The one place
 * that knows how to reach it.
 */
public final class StoreControl {
    private final Path socket;

    private StoreControl(Path socket) {
        this.socket = socket;
    }

    /** The control socket {@code socket}. */
    public static StoreControl at(Path socket) {
        return new StoreControl(socket.toAbsolutePath().normalize());
    }

    /** The control socket. */
    public Path socket() {
        return socket;
    }

    /**
     * The store's state directory, where the files of {@code DUMP_XENSTORE}, {@code LOAD_XENSTORE}
     * and {@code PAUSE_DUMP_XENSTORE} are: the control socket's directory.
     */
    public Path stateDirectory() {
        return socket.getParent();
    }

    /**
     * An answer of the control channel.
     *
     * @param ok   whether it said {@code OK}
     * @param code for a refusal, its code ({@code EINVAL}, {@code EIO}, {@code EAGAIN}); empty otherwise
     * @param text what follows {@code OK } or the code
     */
    public record Reply(boolean ok, String code, String text) {
        static Reply parse(String line) {
            if (line.equals("OK") || line.startsWith("OK ")) {
                return new Reply(true, "", line.length() > 3 ? line.substring(3) : "");
            }
            if (line.startsWith("ERR ")) {
                String rest = line.substring(4);
                int sp = rest.indexOf(' ');
                String code = sp < 0 ? rest : rest.substring(0, sp);
                if (code.matches("E[A-Z0-9]+")) {
                    return new Reply(false, code, sp < 0 ? "" : rest.substring(sp + 1));
                }
                return new Reply(false, "", rest);
            }
            return new Reply(false, "", "unexpected answer: " + line);
        }

        /** Whether a file could not be read or written. */
        public boolean io() {
            return code.equals("EIO");
        }
    }

    /**
     * What a store process says about itself ({@code INFO}).
     *
     * @param pid          the process
     * @param host         the host it serves on, as it was given
     * @param port         its store port
     * @param release      the release it offers clients
     * @param graceSeconds how long a connection whose socket dropped waits to be resumed
     * @param unixSocket   the Unix socket it serves xenstore's wire protocol on, or null for none
     * @param trust        its trust options on a command line ({@code --trust-hello}, {@code --tls-key FILE ...},
     *                     or none): a new process that takes it over is given the same
     * @param reusePort    whether it binds its port with SO_REUSEPORT ({@code --reuse-port}): a new process can
     *                     bind it beside it, as a live update needs (a store from before INFO said so: true)
     */
    public record Info(long pid, String host, int port, String release, long graceSeconds, Path unixSocket,
            List<String> trust, boolean reusePort) {
        public Info {
            trust = List.copyOf(trust);
        }
    }

    /** INFO's last token for a store that binds its port with SO_REUSEPORT, and for one that does not. */
    public static final String REUSE_PORT = "reuse-port";
    public static final String OWN_PORT = "own-port";
    /** INFO's token for no Unix socket of xenstore's wire protocol. */
    public static final String NO_SOCKET = "-";

    /**
     * Command-line arguments as one token of a space-separated reply: each argument URL-encoded
     * (so a path may hold spaces or commas), joined by commas; {@code -} for none.
     */
    public static String argumentsToken(List<String> arguments) {
        if (arguments.isEmpty()) {
            return "-";
        }
        StringBuilder b = new StringBuilder();
        for (String a : arguments) {
            b.append(b.isEmpty() ? "" : ",").append(URLEncoder.encode(a, StandardCharsets.UTF_8));
        }
        return b.toString();
    }

    /** The arguments of an {@link #argumentsToken}. */
    static List<String> argumentsOf(String token) {
        if (token.equals("-")) {
            return List.of();
        }
        List<String> args = new ArrayList<>();
        for (String a : token.split(",", -1)) {
            args.add(URLDecoder.decode(a, StandardCharsets.UTF_8));
        }
        return args;
    }

    /**
     * A path as one token of a space-separated reply, whatever it holds (spaces, a newline):
     * URL-encoded, as {@link #argumentsToken} encodes each argument. {@link #info} reads it back.
     */
    public static String pathToken(Path path) {
        return URLEncoder.encode(path.toString(), StandardCharsets.UTF_8);
    }

    /**
     * An absolute path as the store's lines print it ({@code control on PATH}, {@code xenstore wire
     * protocol on PATH}, {@code migration on socket PATH}): as it is, for the reader's eyes, unless it
     * holds a character that would split or garble the line (a newline, any control character), then
     * as its {@link #pathToken}. {@link #pathOf} reads either back.
     */
    public static String pathInLine(Path path) {
        String p = path.toString();
        return p.startsWith("/") && p.chars().noneMatch(Character::isISOControl) ? p : pathToken(path);
    }

    /**
     * The path of a {@link #pathToken} or a {@link #pathInLine}. A path as it is starts with
     * {@code /} (a store from before INFO encoded it sent it so, as the reply's last token); an
     * encoded one starts with {@code %2F}.
     *
     * @throws IllegalArgumentException when the token is neither
     */
    public static Path pathOf(String token) {
        return Path.of(token.startsWith("/") ? token : URLDecoder.decode(token, StandardCharsets.UTF_8));
    }

    /** Sends one request line and returns the answer. */
    public Reply request(String line, Duration timeout) throws IOException {
        return exchange(line, timeout, l -> { });
    }

    /** The store's own account of itself; an {@link IOException} when the port does not answer as a store's. */
    public Info info(Duration timeout) throws IOException {
        Reply r = request("INFO", timeout);
        String[] t = r.text().split(" ", 7); // the socket's path, last, as an old store sent it, may hold spaces
        if (!r.ok() || t.length < 6) {
            throw new IOException(socket + " does not answer as a store's control socket (it said '"
                    + (r.ok() ? "OK " : "ERR " + r.code() + " ") + r.text() + "')");
        }
        try {
            Path unix = null;
            boolean reusePort = true; // a store from before INFO said whether: as live updates always assumed
            if (t.length == 7 && t[6].startsWith("/")) {
                unix = pathOf(t[6]); // an old store's path as it is, maybe with spaces
            } else if (t.length == 7) {
                String[] rest = t[6].split(" ");
                if (rest.length > 2 || rest.length == 2 && !rest[1].equals(REUSE_PORT) && !rest[1].equals(OWN_PORT)) {
                    throw new IllegalArgumentException("not a socket and port sharing: " + t[6]);
                }
                unix = rest[0].equals(NO_SOCKET) ? null : pathOf(rest[0]);
                reusePort = rest.length == 1 || rest[1].equals(REUSE_PORT);
            }
            return new Info(Long.parseLong(t[0]), t[1], Integer.parseInt(t[2]), t[3], Long.parseLong(t[4]),
                    unix, argumentsOf(t[5]), reusePort);
        } catch (IllegalArgumentException e) { // a number that is none, a token URLDecoder refuses, not a path
            throw new IOException(socket + " answered INFO with '" + r.text() + "'", e);
        }
    }

    /**
     * Asks the store to move to the process listening for a migration on the Unix socket
     * {@code migrationSocket} of its state directory, doing as {@code onLimit} says if its pre-copy
     * does not converge; {@code progress} hears the old process's progress lines as they come.
     */
    Reply liveUpdate(Path migrationSocket, OnLimit onLimit, Duration timeout, Consumer<LiveProgress> progress)
            throws IOException {
        return exchange("LIVE_UPDATE " + socketName(migrationSocket) + " " + onLimit.name().toLowerCase(Locale.ROOT),
                timeout, line -> progress.accept(LiveProgress.parse(line)));
    }

    /**
     * A socket's name in the state directory, as the control channel takes it: the store
     * refuses one outside (a name with {@code ..}).
     */
    private String socketName(Path migrationSocket) {
        return stateDirectory().relativize(migrationSocket.toAbsolutePath().normalize()).toString();
    }

    /** The prefix of a line of a rehearsal's report on the control channel, before the final answer. */
    public static final String REPORT_PREFIX = "REPORT ";

    /**
     * Asks the store to rehearse a live update to the process listening on the Unix socket
     * {@code migrationSocket} of its state directory: it sends its whole state while it serves on, never pausing; {@code progress}
     * hears its progress, {@code report} the lines of the new process's report.
     */
    Reply rehearse(Path migrationSocket, Duration timeout, Consumer<LiveProgress> progress, Consumer<String> report)
            throws IOException {
        return exchange("REHEARSE " + socketName(migrationSocket), timeout, line -> {
            if (line.startsWith(REPORT_PREFIX)) {
                report.accept(line.substring(REPORT_PREFIX.length()));
            } else {
                progress.accept(LiveProgress.parse(line));
            }
        });
    }

    private Reply exchange(String line, Duration timeout, Consumer<String> progressLines) throws IOException {
        SocketChannel ch;
        try {
            ch = SocketChannel.open(UnixDomainSocketAddress.of(socket));
        } catch (IOException e) {
            throw new IOException("cannot reach the control socket " + socket + " (" + reason(e) + ")", e);
        }
        try (ch) {
            // a blocking channel's streams ignore timeouts: a watchdog closes it when the answer is late
            Thread watchdog = Thread.ofVirtual().start(() -> {
                try {
                    Thread.sleep(timeout);
                    ch.close();
                } catch (InterruptedException | IOException e) {
                    // answered in time, or closed already
                }
            });
            try {
                Writer w = new OutputStreamWriter(Channels.newOutputStream(ch), StandardCharsets.UTF_8);
                w.write(line + "\n");
                w.flush();
                BufferedReader in = new BufferedReader(new InputStreamReader(Channels.newInputStream(ch),
                        StandardCharsets.UTF_8));
                while (true) {
                    String reply;
                    try {
                        reply = in.readLine();
                    } catch (ClosedChannelException e) {
                        throw new IOException("the control socket " + socket + " did not answer within "
                                + timeout.toSeconds() + " s", e);
                    }
                    if (reply == null) {
                        return new Reply(false, "", "the store closed its control connection without an answer");
                    }
                    if (reply.startsWith(LiveProgress.PREFIX) || reply.startsWith(REPORT_PREFIX)) {
                        progressLines.accept(reply);
                        continue;
                    }
                    return Reply.parse(reply);
                }
            } finally {
                watchdog.interrupt();
            }
        }
    }

    /** Why a connect failed, in a few words: the JDK's messages name no file. */
    private static String reason(IOException e) {
        String m = e.getMessage() == null ? e.toString() : e.getMessage();
        return m.contains("No such file") ? "no such socket: nothing serves there"
                : m.contains("Connection refused") ? "nothing listens on it"
                : m.contains("Permission denied") ? "permission denied" : m;
    }
}
