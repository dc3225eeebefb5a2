package com.example.ratelimiter.migration;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The limiter's jars moved by the baton command, which hosts the application it finds on
 * {@code --classpath}: {@code baton migrate send} runs release 2.0 ({@code launch()}: alice two
 * requests, bob seven), {@code baton migrate receive} takes it over, as release 2.0 or 1.0. The
 * source says what it did as JSON ({@code --json}), which does not wrap as report lines do.
 */
class BatonMigrateIT {
    private static final Path RUN = Path.of(System.getProperty("run.dir", "target/run"));

    @TempDir
    Path keys;

    @BeforeEach
    void keys() throws Exception {
        TlsKeys.make(keys);
    }

    /** {@code java -jar baton.jar migrate ROLE} with the release's jar and this end's keys. */
    private Child baton(String role, String release, String key, String trust, String... more) throws Exception {
        List<String> args = new ArrayList<>(List.of("-Dratelimiter.clock=2026-01-01T00:00:00Z", "-jar",
                RUN.resolve("baton.jar").toString(), "migrate", role, "--app", "rate-limiter",
                "--classpath", RUN.resolve("rate-limiter-" + release + ".jar").toString(),
                "--tls-key", keys.resolve(key).toString(), "--tls-trust", keys.resolve(trust).toString(),
                "--tls-password-file", keys.resolve("password").toString()));
        args.addAll(List.of(more));
        return Child.java(args.toArray(String[]::new));
    }

    @Test
    void release2MovesToRelease2() throws Exception {
        try (Child target = baton("receive", "2.0", "target.p12", "source.crt", "--listen", "0")) {
            String port = target.await("listening on port (\\d+) \\(TLS, as CN=target\\) for rate-limiter 2.0").group(1);
            try (Child source = baton("send", "2.0", "source.p12", "target.crt", "--to", "localhost:" + port, "--json")) {
                source.await(" *\"profile\" : \"2.0\",?");
                String digest = source.await(" *\"stateSha256\" : \"(\\p{XDigit}{64})\",?").group(1);
                assertThat(source.exit()).isZero();
                target.await("rate-limiter 2.0 took over: 2 clients \\(alice 3.0 tokens, bob 0.0 tokens \\(2 strikes\\)\\), "
                        + "2 refused");
                target.await("state sha256 " + digest);
                assertThat(target.exit()).isZero();
            }
        }
    }

    @Test
    void release2RollsBackToRelease1() throws Exception {
        try (Child target = baton("receive", "1.0", "target.p12", "source.crt", "--listen", "0")) {
            String port = target.await("listening on port (\\d+) \\(TLS, as CN=target\\) for rate-limiter 1.0").group(1);
            try (Child source = baton("send", "2.0", "source.p12", "target.crt", "--to", "localhost:" + port, "--json")) {
                // the target knows release 1.0 only: the source writes for it, without bob's penalty
                source.await(" *\"profile\" : \"1.0\",?");
                source.await(" *\"migrated\" : true,?");
                assertThat(source.exit()).isZero();
                target.await("rate-limiter 1.0 took over: 2 clients \\(alice 3.0 tokens, bob 0.0 tokens\\)");
                assertThat(target.exit()).isZero();
            }
        }
    }
}
