package com.example.ratelimiter.migration;

import com.example.ratelimiter.RateLimiter;
import com.example.ratelimiter.RateLimiterApplication;
import dev.baton.migrate.StateDigest;
import dev.baton.migrate.session.MigrationFailedException;
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
 * the limiter allows CLIENT a request, {@code state} prints the state and its digest, and, on the
 * sending side, {@code migrate HOST:PORT} moves the limiter to the receiving one.
 */
public final class LimiterNode {
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private LimiterNode() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 4 || !(args[0].equals("send") || args[0].equals("receive"))) {
            System.err.println("usage: LimiterNode send|receive KEY TRUST PASSWORD_FILE");
            System.exit(2);
        }
        char[] password = Files.readString(Path.of(args[3])).strip().toCharArray();
        TlsConfig tls = TlsConfig.load(Path.of(args[1]), null, Path.of(args[2]), password);
        try {
            RateLimiterApplication app = args[0].equals("send") ? new RateLimiterApplication() : receive(tls);
            serve(app, tls);
        } catch (MigrationFailedException e) {
            // the source resumed with its state, or the target dropped what it loaded
            System.err.println("migration failed: " + e.getMessage());
            System.exit(1);
        }
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
            String[] words = line.strip().split(" +");
            switch (words[0]) {
                case "take" -> System.out.println(words[1] + (limiter.tryAcquire(words[1]) ? " allowed" : " refused"));
                case "state" -> System.out.println("state: " + limiter.summary() + "; sha256 " + StateDigest.of(app));
                case "migrate" -> {
                    String[] to = words[1].split(":");
                    // the session closes the transport when it is done; a failure resumes the limiter
                    SourceSession.builder(app).timeout(TIMEOUT).build()
                            .migrate(TlsTransport.connect(to[0], Integer.parseInt(to[1]), tls, TIMEOUT));
                    System.out.println("handed over to " + words[1]);
                    return;
                }
                default -> System.out.println("unknown request: " + line);
            }
        }
    }
}
