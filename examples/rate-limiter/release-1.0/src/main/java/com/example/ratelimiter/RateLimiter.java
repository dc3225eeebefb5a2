package com.example.ratelimiter;

import dev.baton.core.engine.Profile;
import dev.baton.core.engine.SectionRegistry;
import dev.baton.core.engine.StateLoader;
import dev.baton.core.engine.StateSaver;
import dev.baton.core.wire.ReaderOptions;
import dev.baton.core.wire.RecordReader;
import dev.baton.core.wire.RecordWriter;
import dev.baton.core.wire.WriterOptions;
import java.io.IOException;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.Locale;
import java.util.Map;
import java.util.StringJoiner;
import java.util.TreeMap;

/**
 * A token-bucket rate limiter: a client may make {@code capacity} requests at once, and gets
 * {@code refillPerMinute} of them back a minute.
 *
 * <p>Its state is a {@link Limiter}, which it saves to a file and restores (for a restart, or a
 * rollback to an older release), and which {@link RateLimiterApplication} migrates live.
 */
public final class RateLimiter {
    /** The producer name and version in every stream the limiter writes. */
    public static final String NAME = "rate-limiter";
    public static final String VERSION = "1.0";

    private final Limiter state;
    private final InstantSource clock;
    private final SectionRegistry registry;
    private boolean paused;
    private boolean moved;

    /** A limiter with no clients yet. */
    public RateLimiter(long capacity, long refillPerMinute, InstantSource clock) {
        this(new Limiter(), clock);
        state.capacity = capacity;
        state.refillPerMinute = refillPerMinute;
    }

    private RateLimiter(Limiter state, InstantSource clock) {
        this.state = state;
        this.clock = clock;
        this.registry = new SectionRegistry().register("limiter", 0, LimiterDescriptions.LIMITER, state);
    }

    /**
     * Whether {@code client} may make a request now; it takes a token when it may. Waits while a
     * migration has paused the limiter.
     *
     * @throws IllegalStateException when the limiter has moved to another process
     */
    public synchronized boolean tryAcquire(String client) throws InterruptedException {
        while (paused) {
            wait();
        }
        if (moved) {
            throw new IllegalStateException("the limiter has moved to another process");
        }
        long now = clock.millis();
        Bucket bucket = refilled(state.buckets.get(client), now);
        boolean allowed = bucket.tokens() >= 1;
        state.buckets.put(client, new Bucket(allowed ? bucket.tokens() - 1 : bucket.tokens(), now));
        return allowed;
    }

    private Bucket refilled(Bucket bucket, long now) {
        if (bucket == null) {
            return new Bucket(state.capacity, now);
        }
        // another host's clock may be behind: time never runs backwards for a bucket
        long elapsed = Math.max(0, now - bucket.updatedAtMillis());
        double tokens = Math.min(state.capacity, bucket.tokens() + elapsed * state.refillPerMinute / 60_000.0);
        return new Bucket(tokens, now);
    }

    /** One line: the clients by name and their tokens. */
    public synchronized String summary() {
        StringJoiner clients = new StringJoiner(", ");
        for (Map.Entry<String, Bucket> e : new TreeMap<>(state.buckets).entrySet()) {
            clients.add(e.getKey() + " " + String.format(Locale.ROOT, "%.1f", e.getValue().tokens()) + " tokens");
        }
        return state.buckets.size() + " clients (" + clients + ")";
    }

    /** The limiter's sections, which a save, a load and a migration go through. */
    public SectionRegistry registry() {
        return registry;
    }

    /**
     * Saves the state to {@code file} for {@code release}: this release ("1.0"; later releases
     * name older ones to roll back to).
     */
    public synchronized void save(Path file, String release) throws IOException {
        Profile profile = LimiterDescriptions.RELEASES.profile(release);
        try (RecordWriter w = RecordWriter.open(file, WriterOptions.defaults().withProducer(NAME, VERSION)
                .withProfile(profile.name()))) {
            StateSaver.of(registry).forProfile(profile).save(w);
        }
    }

    /** A limiter with the state this release saved to {@code file}. */
    public static RateLimiter restore(Path file, InstantSource clock) throws IOException {
        RateLimiter limiter = new RateLimiter(new Limiter(), clock);
        try (RecordReader r = RecordReader.open(file, ReaderOptions.defaults())) {
            StateLoader.of(limiter.registry).withProfiles(LimiterDescriptions.RELEASES).load(r);
        }
        return limiter;
    }

    // what a migration does to the limiter (RateLimiterApplication)

    /** Returns once no request runs; requests wait until {@link #resume()}. */
    synchronized void pause() {
        paused = true;
    }

    synchronized void resume() {
        paused = false;
        notifyAll();
    }

    /** The state has moved to another process: refuse to serve from now on. */
    synchronized void moved() {
        moved = true;
        resume();
    }
}
