package com.example.ratelimiter;

import dev.baton.core.engine.ReleaseProfiles;
import dev.baton.core.engine.SectionRegistry;
import dev.baton.migrate.MigratableApplication;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;

/**
 * The rate limiter as an application that baton-migrate moves live to another process: given to
 * {@code SourceSession} and {@code TargetSession}, or found by {@code baton migrate send|receive
 * --classpath rate-limiter-2.0.jar} through {@code META-INF/services}.
 *
 * <p>Its clock is the system's, or the instant that the system property {@code ratelimiter.clock}
 * gives ({@code 2026-01-01T00:00:00Z}): a stopped clock, with which the tests know how many tokens
 * each client has however long they take.
 */
public final class RateLimiterApplication implements MigratableApplication {
    private final RateLimiter limiter;

    /** An empty limiter, 5 requests at once and 60 a minute: what a target loads into. */
    public RateLimiterApplication() {
        this(new RateLimiter(5, 60, clock()));
    }

    public RateLimiterApplication(RateLimiter limiter) {
        this.limiter = limiter;
    }

    public RateLimiter limiter() {
        return limiter;
    }

    /** The clock {@code ratelimiter.clock} asks for, or the system's. */
    public static InstantSource clock() {
        String fixed = System.getProperty("ratelimiter.clock");
        return fixed == null ? InstantSource.system() : InstantSource.fixed(Instant.parse(fixed));
    }

    @Override
    public String name() {
        return RateLimiter.NAME;
    }

    @Override
    public String version() {
        return RateLimiter.VERSION;
    }

    @Override
    public SectionRegistry registry() {
        return limiter.registry();
    }

    @Override
    public ReleaseProfiles profiles() {
        return LimiterDescriptions.RELEASES;
    }

    /**
     * What {@code baton migrate send} runs when it hosts the limiter: a few requests, so that it
     * has state to move (alice two, bob seven: his last two refused). A service would restore its
     * state and serve its clients here.
     */
    @Override
    public void launch() {
        try {
            for (String client : List.of("alice", "alice", "bob", "bob", "bob", "bob", "bob", "bob", "bob")) {
                limiter.tryAcquire(client);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void pause() {
        limiter.pause();
    }

    @Override
    public void resume() {
        limiter.resume();
    }

    @Override
    public void handedOver(boolean confirmed) {
        limiter.moved();
    }

    /** The target runs on the state it loaded: here it says what it took over. */
    @Override
    public void activate() {
        System.out.println(name() + " " + version() + " took over: " + limiter.summary());
    }
}
