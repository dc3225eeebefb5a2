package com.example.ratelimiter.migration;

import com.example.ratelimiter.RateLimiter;
import com.example.ratelimiter.RateLimiterApplication;
import dev.baton.migrate.StateDigest;
import dev.baton.migrate.session.SourceSession;
import dev.baton.migrate.session.TargetSession;
import dev.baton.migrate.transport.TlsConfig;
import dev.baton.migrate.transport.TlsTransport;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A process that hosts the rate limiter and moves it, running, to another such process over TLS
 * with mutual authentication, through baton-migrate's sessions: what a service embeds to move
 * itself to another host or a new release.
 *
 * <pre>
 * LimiterNode send    KEY TRUST PASSWORD_FILE   serve from an empty limiter
 * LimiterNode receive KEY TRUST PASSWORD_FILE   listen on a free port, take the limiter over, serve
 * </pre>
 *
 * KEY is this end's PKCS#12 keystore, TRUST the peer's certificate, PASSWORD_FILE the keystore's
 * password. Both serve requests from standard input, one a line: {@code take CLIENT} says whether
 * the limiter allows CLIENT a request, {@code state} prints the state and its digest, and
 * {@code migrate HOST:PORT} moves the limiter to a receiving node: the node then ends, or, when
 * the migration failed, serves on with the limiter as it was.
 */
public final class LimiterNode {
    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final Pattern REQUEST = Pattern.compile(
            "take (?<client>\\S+)|state|migrate (?<host>\\S+):(?<port>\\d{1,5})");

    private LimiterNode() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 4 || !(args[0].equals("send") || args[0].equals("receive"))) {
            System.err.println("usage: LimiterNode send|receive KEY TRUST PASSWORD_FILE");
            System.exit(2);
        }
        TlsConfig tls;
        RateLimiterApplication app;
        try {
            char[] password = Files.readString(Path.of(args[3])).strip().toCharArray();
            tls = TlsConfig.load(Path.of(args[1]), null, Path.of(args[2]), password);
            app = args[0].equals("send") ? new RateLimiterApplication() : receive(tls);
        } catch (IOException e) { // unreadable keys, no source in time, or a failed migration (nothing kept)
            System.err.println("LimiterNode " + args[0] + ": " + e.getMessage());
            System.exit(1);
            return;
        }
        serve(app, tls);
    }

    /** Waits for one source and takes its limiter over: the session activates it once it is committed. */
    private static RateLimiterApplication receive(TlsConfig tls) throws IOException {
        try (TlsTransport.Listener listener = TlsTransport.listen(0, tls)) {
            System.out.println("listening on port " + listener.port());
            return (RateLimiterApplication) TargetSession.builder(RateLimiterApplication::new).build()
                    .receive(listener.accept(TIMEOUT));
        }
    }

    private static void serve(RateLimiterApplication app, TlsConfig tls) throws IOException, InterruptedException {
        RateLimiter limiter = app.limiter();
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        for (String line = in.readLine(); line != null; line = in.readLine()) {
            Matcher request = REQUEST.matcher(line.strip());
            if (!request.matches()) {
                System.out.println("unknown request '" + line + "': take CLIENT, state, or migrate HOST:PORT");
            } else if (request.group("client") != null) {
                String client = request.group("client");
                System.out.println(client + (limiter.tryAcquire(client) ? " allowed" : " refused"));
            } else if (request.group("host") != null) {
                String to = request.group("host") + ":" + request.group("port");
                try {
                    // the session closes the transport when it is done
                    SourceSession.builder(app).timeout(TIMEOUT).build().migrate(TlsTransport.connect(
                            request.group("host"), Integer.parseInt(request.group("port")), tls, TIMEOUT));
                    System.out.println("handed over to " + to);
                    return;
                } catch (IOException e) { // MigrationFailedException too: the limiter was resumed, as it was
                    System.out.println("migration to " + to + " failed: " + e.getMessage() + "; serving on");
                }
            } else {
                System.out.println("state: " + limiter.summary() + "; sha256 " + StateDigest.of(app));
            }
        }
    }
}
