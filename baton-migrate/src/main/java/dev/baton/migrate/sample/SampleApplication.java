package dev.baton.migrate.sample;

import dev.baton.core.describe.DescriptionBuilder;
import dev.baton.core.describe.StateDescription;
import dev.baton.core.engine.Part;
import dev.baton.core.engine.ReleaseProfiles;
import dev.baton.core.engine.SectionRegistry;
import dev.baton.migrate.MigratableApplication;
import dev.baton.migrate.precopy.ByteArrayRegion;
import dev.baton.migrate.precopy.ObjectCollectionRegion;
import dev.baton.migrate.precopy.Region;
import dev.baton.migrate.precopy.ThrottleSteps;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A small application to migrate, for the CLI demo and the tests: a configuration (static), a
 * map of counters (dynamic), a byte region ("ram", 64 MiB by default) and a collection of
 * sessions, changed by a thread at a steady rate while it runs.
 *
 * <p>Tuned with system properties, so that {@code baton migrate send|receive --app baton-sample}
 * can make it: {@code baton.sample.mib} (region size, default 64), {@code baton.sample.sessions}
 * (default 1000), {@code baton.sample.writes-per-second} (the mutator's rate on the source, default
 * 20000; 0 for none), {@code baton.sample.seed}.
 */
public final class SampleApplication implements MigratableApplication {
    /** Releases: 1.0 had no notes on its counters. */
    public static final ReleaseProfiles RELEASES = ReleaseProfiles.builder()
            .release("1.0").pin("sample.notes", "off")
            .release("2.0")
            .build();
    /** What release 1.0 itself knew: only itself. */
    static final ReleaseProfiles RELEASES_1_0 = ReleaseProfiles.builder().release("1.0").build();

    /** The static configuration. */
    public static final class Config {
        long regionBytes;
        long sessions;
        long seed;
        String label = "";
    }

    /** One counter of the counters map. */
    public static final class Counter {
        long value;
    }

    /** The dynamic state besides the regions. */
    public static final class Counters {
        long ticks;
        Map<String, Counter> counters = new TreeMap<>();
        String note = "";
    }

    /** One object of the sessions collection. */
    public static final class Session {
        String user = "";
        long hits;
    }

    static final StateDescription<Config> CONFIG = config(1);
    static final StateDescription<Counter> COUNTER = StateDescription.<Counter>builder("sample.counter", Counter::new)
            .u64("value", c -> c.value, (c, v) -> c.value = v)
            .build();
    static final StateDescription<Counters> NOTES = StateDescription.<Counters>builder("sample.counters/notes")
            .string("note", c -> c.note, (c, v) -> c.note = v)
            .build();
    static final StateDescription<Counters> COUNTERS = counters(1, true);
    /** Release 1.0's counters: no notes subsection, which it would refuse as unknown. */
    static final StateDescription<Counters> COUNTERS_1_0 = counters(1, false);

    /** The sections the sample can declare at another version than their layout's ({@link #mislabelling}). */
    public static final List<String> SECTIONS = List.of("sample.config", "sample.counters");

    /** The configuration's description, declaring {@code version} (its layout is version 1's whatever that is). */
    private static StateDescription<Config> config(int version) {
        return StateDescription.<Config>builder("sample.config").version(version)
                .u64("regionBytes", c -> c.regionBytes, (c, v) -> c.regionBytes = v).equal()
                .u64("sessions", c -> c.sessions, (c, v) -> c.sessions = v)
                .s64("seed", c -> c.seed, (c, v) -> c.seed = v)
                .string("label", c -> c.label, (c, v) -> c.label = v)
                .build();
    }

    /** The counters' description, declaring {@code version}, with or without 2.0's notes. */
    private static StateDescription<Counters> counters(int version, boolean notes) {
        DescriptionBuilder<Counters> b = StateDescription.<Counters>builder("sample.counters").version(version)
                .u64("ticks", c -> c.ticks, (c, v) -> c.ticks = v)
                .map("counters", COUNTER, c -> c.counters, (c, v) -> c.counters = new TreeMap<>(v));
        if (notes) {
            b.subsection(NOTES, "sample.notes", (c, ctx) -> !c.note.isEmpty());
        }
        return b.build();
    }
    static final StateDescription<Session> SESSION = StateDescription.<Session>builder("sample.session", Session::new)
            .string("user", s -> s.user, (s, v) -> s.user = v)
            .u64("hits", s -> s.hits, (s, v) -> s.hits = v)
            .build();

    private final Config config = new Config();
    private final Counters counters = new Counters();
    private final ByteArrayRegion ram;
    private final ObjectCollectionRegion<Session> sessions = new ObjectCollectionRegion<>("sessions", SESSION);
    private final SectionRegistry registry;
    private final long writesPerSecond;
    private final String release;
    /** The producer version the stream says: the release's, or a mislabelling release's own. */
    private final String producerVersion;
    private final ReentrantLock running = new ReentrantLock();
    private volatile boolean stopped;
    private Thread mutator;
    private volatile String state = "new";
    /** Percent of the writes held back ({@link #throttle}). */
    private volatile int throttle;
    /** Writes due but not yet made, a fraction of one ({@link #due}); under {@link #running}. */
    private double owed;
    /** Where the writes go: seeded by {@link #fill}, so that the same seed makes the same changes. */
    private Random changes = new Random(0x5DEECE66DL);

    /** Reads the system properties; makes the empty state (a target loads into it). */
    public SampleApplication() {
        this(regionBytesProperty(), sessionsProperty(), Long.getLong("baton.sample.writes-per-second", 20_000),
                System.getProperty("baton.sample.release", "2.0"));
    }

    private static long regionBytesProperty() {
        return Long.getLong("baton.sample.mib", 64) << 20;
    }

    private static long sessionsProperty() {
        return Long.getLong("baton.sample.sessions", 1000);
    }

    public SampleApplication(long regionBytes, long sessions, long writesPerSecond) {
        this(regionBytes, sessions, writesPerSecond, "2.0");
    }

    /**
     * @param regionBytes     size of the "ram" region
     * @param sessions        objects {@link #fill} makes
     * @param writesPerSecond the mutator's rate once {@link #start()}ed; 0 for none
     * @param release         which release this build plays: "2.0" (the default) or "1.0", which has
     *                        no notes subsection and knows no later release
     */
    public SampleApplication(long regionBytes, long sessions, long writesPerSecond, String release) {
        this(regionBytes, sessions, writesPerSecond, release, release, Map.of());
    }

    /**
     * A source of release 2.0 with a mistake a target needs a quirk for (docs/COMPATIBILITY.md,
     * "Quirks"): its producer version is {@code producerVersion}, and it declares each section of
     * {@code declared} ({@link #SECTIONS}) at the version given while writing the layout of
     * version 1, as XenServer 6.0 to 6.2 wrote piix4acpi's version 1 data as version 2. A target
     * of this build refuses what it writes ("version 2 is too new") unless it knows the quirk;
     * with it, it loads the same state as from a sample that does not lie. It does not change
     * while it runs (no mutator): its stream is the same every time for the same seed. Its size
     * comes from the system properties the constructor without arguments reads.
     *
     * @throws IllegalArgumentException for a section the sample does not have, or a version of 1 or below
     */
    public static SampleApplication mislabelling(String producerVersion, Map<String, Integer> declared) {
        return mislabelling(regionBytesProperty(), sessionsProperty(), producerVersion, declared);
    }

    /** As {@link #mislabelling(String, Map)}, of that size rather than the system properties'. */
    public static SampleApplication mislabelling(long regionBytes, long sessions, String producerVersion,
            Map<String, Integer> declared) {
        for (Map.Entry<String, Integer> e : declared.entrySet()) {
            if (!SECTIONS.contains(e.getKey())) {
                throw new IllegalArgumentException("the stream has no section '" + e.getKey() + "': it has " + SECTIONS);
            }
            if (e.getValue() <= 1) {
                throw new IllegalArgumentException("section '" + e.getKey() + "' is written at version 1: declare it"
                        + " at another version, 1 or more");
            }
        }
        return new SampleApplication(regionBytes, sessions, 0, "2.0", producerVersion, declared);
    }

    private SampleApplication(long regionBytes, long sessions, long writesPerSecond, String release,
            String producerVersion, Map<String, Integer> declared) {
        if (!release.equals("1.0") && !release.equals("2.0")) {
            throw new IllegalArgumentException("the sample has releases 1.0 and 2.0, not " + release);
        }
        this.ram = new ByteArrayRegion("ram", new byte[Math.toIntExact(regionBytes)]);
        this.writesPerSecond = writesPerSecond;
        this.release = release;
        this.producerVersion = producerVersion;
        config.regionBytes = regionBytes;
        config.sessions = sessions;
        Integer configVersion = declared.get("sample.config");
        Integer countersVersion = declared.get("sample.counters");
        this.registry = new SectionRegistry()
                .register("sample.config", 0, configVersion == null ? CONFIG : config(configVersion), config,
                        Part.STATIC)
                .register("sample.counters", 0, release.equals("1.0") ? COUNTERS_1_0
                        : countersVersion == null ? COUNTERS : counters(countersVersion, true), counters);
    }

    /** Fills the state from a seed: what a source has before it runs. Returns this. */
    public SampleApplication fill(long seed) {
        config.seed = seed;
        config.label = "sample seeded " + seed;
        changes = new Random(seed ^ 0x5DEECE66DL);
        Random random = new Random(seed);
        byte[] octets = ram.array();
        for (int i = 0; i < octets.length; i += 64) {
            octets[i] = (byte) random.nextInt();
        }
        for (int i = 0; i < 16; i++) {
            Counter c = new Counter();
            c.value = random.nextInt(1000);
            counters.counters.put("counter-" + i, c);
        }
        counters.note = "filled from seed " + seed;
        for (long id = 0; id < config.sessions; id++) {
            Session s = new Session();
            s.user = "user-" + random.nextInt(100_000);
            s.hits = random.nextInt(100);
            sessions.put(id, s);
        }
        return this;
    }

    /** Starts the mutator thread (when the rate is not 0). */
    public SampleApplication start() {
        state = "running";
        if (writesPerSecond > 0 && mutator == null) {
            mutator = Thread.ofPlatform().daemon().name("sample-mutator").start(this::mutate);
        }
        return this;
    }

    private void mutate() {
        long batchNanos = 10_000_000L; // 100 batches a second
        long next = System.nanoTime();
        while (!stopped) {
            running.lock();
            try {
                if (stopped) {
                    return; // handed over while this batch waited: the state must not change any more
                }
                change(due(batchNanos, writesPerSecond));
            } finally {
                running.unlock();
            }
            next += batchNanos;
            long wait = next - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(wait);
            } else {
                next = System.nanoTime(); // fell behind: do not burst to catch up
            }
        }
    }

    /**
     * The writes {@code nanos} of running at {@code perSecond} make, slowed by the throttle: at
     * {@code t} % the sample makes {@code 100 - t} % of them. What is not a whole write is carried
     * to the next call, so that a slow rate still writes.
     */
    private long due(long nanos, long perSecond) {
        owed += nanos / 1e9 * perSecond * (100 - throttle) / 100;
        long whole = (long) owed;
        owed -= whole;
        return whole;
    }

    /**
     * Makes, now, on the calling thread, the writes that {@code nanos} of running at
     * {@code writesPerSecond} make, as the mutator thread does in each of its batches, slowed as
     * the mutator is by {@link #throttle(int)}: for a test that changes the state as its own
     * clock advances, with no mutator ({@code writesPerSecond} 0 in the constructor). Only while
     * the application runs. Returns how many it made.
     */
    public long run(long nanos, long writesPerSecond) {
        running.lock();
        try {
            long n = due(nanos, writesPerSecond);
            write(n);
            return n;
        } finally {
            running.unlock();
        }
    }

    /**
     * Slows the mutator (and {@link #run}) to {@code 100 - percent} % of its rate; 0 releases it.
     * The session calls it when pre-copy does not converge under {@code OnLimit.THROTTLE}.
     */
    @Override
    public void throttle(int percent) {
        throttle = ThrottleSteps.checked(percent);
    }

    /** The throttle now, in percent. */
    public int throttled() {
        return throttle;
    }

    /**
     * Makes {@code count} writes now, on the calling thread, as the mutator thread does in each of
     * its batches: for a test that changes the state as its own clock advances, with no mutator
     * ({@code writesPerSecond} 0). Only while the application runs: not once it is paused or
     * handed over.
     */
    public void write(long count) {
        running.lock();
        try {
            if (!state.equals("running") || stopped) {
                throw new IllegalStateException("the sample changes its state only while it runs, not " + state);
            }
            change(count);
        } finally {
            running.unlock();
        }
    }

    /** {@code count} writes, under {@link #running}: a long into a random page, a counter, and every 16th a session. */
    private void change(long count) {
        long pages = ram.pages();
        for (long i = 0; i < count; i++) {
            long page = (long) (changes.nextDouble() * pages);
            long offset = Math.min(page * ram.pageSize() + 8L * changes.nextInt(ram.pageSize() / 8), ram.size() - 8);
            ram.putLong(offset, changes.nextLong());
            counters.ticks++;
            counters.counters.get("counter-" + changes.nextInt(16)).value++;
            if (config.sessions > 0 && (i & 15) == 0) {
                sessions.update(changes.nextLong(config.sessions), s -> s.hits++);
            }
        }
    }

    /** Fills the state from {@code baton.sample.seed} (default 1) and starts the mutator. */
    @Override
    public void launch() {
        fill(Long.getLong("baton.sample.seed", 1));
        start();
    }

    /** Stops the mutator for good. */
    public void stop() {
        stopped = true;
        if (mutator != null) {
            try {
                mutator.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Where the application is: new, running, paused, handed over, active, discarded. */
    public String state() {
        return state;
    }

    public ByteArrayRegion ram() {
        return ram;
    }

    public long ticks() {
        return counters.ticks;
    }

    /** The note on the counters (a 2.0 field: empty after a migration written for 1.0). */
    public String note() {
        return counters.note;
    }

    public ObjectCollectionRegion<Session> sessions() {
        return sessions;
    }

    @Override
    public String name() {
        return "baton-sample";
    }

    @Override
    public String version() {
        return producerVersion;
    }

    @Override
    public SectionRegistry registry() {
        return registry;
    }

    @Override
    public List<Region> regions() {
        return List.of(ram, sessions);
    }

    @Override
    public ReleaseProfiles profiles() {
        return release.equals("1.0") ? RELEASES_1_0 : RELEASES;
    }

    @Override
    public void pause() {
        if (!running.isHeldByCurrentThread()) {
            running.lock(); // waits for the mutator's batch to end: nothing changes after this
        }
        state = "paused";
    }

    @Override
    public void resume() {
        state = "running";
        if (running.isHeldByCurrentThread()) {
            running.unlock();
        }
    }

    @Override
    public void handedOver(boolean confirmed) {
        state = confirmed ? "handed over" : "handed over (unconfirmed)";
        stopped = true;
        if (running.isHeldByCurrentThread()) {
            running.unlock();
        }
    }

    @Override
    public void activate() {
        state = "active";
    }

    @Override
    public void discard() {
        state = "discarded";
    }
}
