package com.example.ratelimiter.migration;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Two LimiterNode processes: the limiter moves from one to the other over TLS, and goes on where it was. */
class LiveMigrationIT {
    /** The nodes' clock stands still, so each client's tokens are what the requests left. */
    private static final String CLOCK = "-Dratelimiter.clock=2026-01-01T00:00:00Z";

    @TempDir
    Path keys;

    private Child node(String role, String key, String trust) throws Exception {
        return Child.java(CLOCK, "-cp", System.getProperty("java.class.path"), LimiterNode.class.getName(), role,
                keys.resolve(key).toString(), keys.resolve(trust).toString(), keys.resolve("password").toString());
    }

    @Test
    void theLimiterMovesToAnotherProcessAndGoesOnWhereItWas() throws Exception {
        TlsKeys.make(keys);
        try (Child target = node("receive", "target.p12", "source.crt");
                Child source = node("send", "source.p12", "target.crt")) {
            String port = target.await("listening on port (\\d+)").group(1);
            source.send("take alice");
            source.await("alice allowed");
            for (int i = 0; i < 5; i++) {
                source.send("take bob");
                source.await("bob allowed");
            }
            source.send("take bob");
            source.await("bob refused");
            source.send("state");
            String state = source.await("state: (.*)").group(1);
            assertThat(state).startsWith("2 clients (alice 4.0 tokens, bob 0.0 tokens (1 strikes)), 1 refused; sha256 ");

            // a migration that fails leaves the limiter as it was, serving
            source.send("migrate localhost:1");
            source.await("migration to localhost:1 failed: .*; serving on");
            source.send("state");
            assertThat(source.await("state: (.*)").group(1)).isEqualTo(state);

            source.send("migrate localhost:" + port);
            source.await("handed over to localhost:" + port);
            assertThat(source.exit()).isZero();

            target.await("rate-limiter 2.0 took over: 2 clients \\(alice 4.0 tokens, bob 0.0 tokens \\(1 strikes\\)\\), "
                    + "1 refused");
            target.send("state");
            assertThat(target.await("state: (.*)").group(1)).isEqualTo(state);
            // bob's strikes came along: two more refusals block him
            target.send("take bob");
            target.await("bob refused");
            target.send("take bob");
            target.await("bob refused");
            target.send("state");
            target.await("state: 2 clients \\(alice 4.0 tokens, bob 0.0 tokens \\(blocked\\)\\), 3 refused; sha256 .*");
            assertThat(target.exit()).isZero();
        }
    }
}
