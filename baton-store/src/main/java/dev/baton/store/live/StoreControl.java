package dev.baton.store.live;

import dev.baton.migrate.precopy.OnLimit;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * The client side of a store process's control port (docs/STORE.md, "The control port"): one
 * connection a request, one answer line ({@code OK ...} or {@code ERR <CODE> <reason>}), preceded
 * for {@code LIVE_UPDATE} by progress lines. The one place that knows how to reach the port.
 */
public final class StoreControl {
    private final int port;

    private StoreControl(int port) {
        this.port = port;
    }

    /** The control port {@code port} of 127.0.0.1. */
    public static StoreControl at(int port) {
        return new StoreControl(port);
    }

    public int port() {
        return port;
    }

    /**
     * An answer of the control port.
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
     */
    public record Info(long pid, String host, int port, String release, long graceSeconds, Path unixSocket) {
    }

    /** Sends one request line and returns the answer. */
    public Reply request(String line, Duration timeout) throws IOException {
        return exchange(line, timeout, l -> { });
    }

    /** The store's own account of itself; an {@link IOException} when the port does not answer as a store's. */
    public Info info(Duration timeout) throws IOException {
        Reply r = request("INFO", timeout);
        String[] t = r.text().split(" ", 6); // the socket's path, last, may hold spaces
        if (!r.ok() || t.length < 5) {
            throw new IOException("port " + port + " of 127.0.0.1 does not answer as a store's control port (it said '"
                    + (r.ok() ? "OK " : "ERR " + r.code() + " ") + r.text() + "')");
        }
        try {
            return new Info(Long.parseLong(t[0]), t[1], Integer.parseInt(t[2]), t[3], Long.parseLong(t[4]),
                    t.length == 6 ? Path.of(t[5]) : null);
        } catch (NumberFormatException e) {
            throw new IOException("port " + port + " of 127.0.0.1 answered INFO with '" + r.text() + "'", e);
        }
    }

    /**
     * Asks the store to move to the process listening for a migration on {@code migrationPort} of
     * 127.0.0.1, doing as {@code onLimit} says if its pre-copy does not converge; {@code progress}
     * hears the old process's progress lines as they come.
     */
    Reply liveUpdate(int migrationPort, OnLimit onLimit, Duration timeout, Consumer<LiveProgress> progress)
            throws IOException {
        return exchange("LIVE_UPDATE 127.0.0.1 " + migrationPort + " " + onLimit.name().toLowerCase(Locale.ROOT),
                timeout, line -> progress.accept(
                LiveProgress.parse(line)));
    }

    /** The prefix of a line of a rehearsal's report on the control port, before the final answer. */
    public static final String REPORT_PREFIX = "REPORT ";

    /**
     * Asks the store to rehearse a live update to the process listening on {@code migrationPort}
     * of 127.0.0.1: it sends its whole state while it serves on, never pausing; {@code progress}
     * hears its progress, {@code report} the lines of the new process's report.
     */
    Reply rehearse(int migrationPort, Duration timeout, Consumer<LiveProgress> progress, Consumer<String> report)
            throws IOException {
        return exchange("REHEARSE 127.0.0.1 " + migrationPort, timeout, line -> {
            if (line.startsWith(REPORT_PREFIX)) {
                report.accept(line.substring(REPORT_PREFIX.length()));
            } else {
                progress.accept(LiveProgress.parse(line));
            }
        });
    }

    private Reply exchange(String line, Duration timeout, Consumer<String> progressLines) throws IOException {
        try (Socket s = new Socket()) {
            try {
                s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 5000);
            } catch (ConnectException e) {
                throw new ConnectException("nothing listens on control port " + port + " of 127.0.0.1 ("
                        + e.getMessage() + ")");
            }
            s.setSoTimeout((int) Math.min(Integer.MAX_VALUE, timeout.toMillis()));
            new PrintWriter(s.getOutputStream(), true, StandardCharsets.UTF_8).println(line);
            BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.UTF_8));
            while (true) {
                String reply;
                try {
                    reply = in.readLine();
                } catch (SocketTimeoutException e) {
                    throw new SocketTimeoutException("control port " + port + " did not answer within "
                            + timeout.toSeconds() + " s");
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
        }
    }
}
