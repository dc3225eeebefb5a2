package dev.baton.migrate.session;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.core.wire.RecordReader;
import dev.baton.core.wire.RecordWriter;
import dev.baton.core.wire.ReaderOptions;
import dev.baton.core.wire.StreamRecord;
import dev.baton.core.wire.WriterOptions;
import dev.baton.migrate.ManualClock;
import dev.baton.migrate.RecordTypes;
import dev.baton.migrate.StateDigest;
import dev.baton.migrate.precopy.PrecopyPolicy;
import dev.baton.migrate.returnpath.ControlMessage;
import dev.baton.migrate.sample.SampleApplication;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.ByteOrder;
import java.nio.channels.Channels;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The source does not pause while the target has not loaded what it was sent (docs/MIGRATION.md,
 * "Load marks"): what it decides follows from the target's LOADED answers alone.
 */
class TargetBacklogTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(20);
    /** Below what the first pass (256 KiB) takes at the rate assumed before one is measured. */
    private static final Duration LIMIT = Duration.ofMillis(50);

    /**
     * The target stops loading at its first pre-copy record until the source has decided: the
     * first pass converges (nothing dirtied), but the target has not answered its mark, so the
     * source says the target is behind and waits instead of pausing, and pauses only after the
     * target caught up and another pass. Without the wait it would pause at once (and the target
     * is let go then, so that the test fails rather than hangs).
     */
    @Test
    void theSourceWaitsForATargetThatHasNotLoadedWhatItWasSentInsteadOfPausing() throws Exception {
        SampleApplication source = new SampleApplication(256 << 10, 100, 0).fill(5).start();
        CountDownLatch decided = new CountDownLatch(1);
        Recorder events = new Recorder();
        MigrationListener sourceListener = e -> {
            events.event(e);
            if (e instanceof MigrationEvent.TargetBehind || e instanceof MigrationEvent.Paused) {
                decided.countDown();
            }
        };
        MigrationListener slowTarget = new MigrationListener() {
            private volatile boolean precopy;

            @Override
            public void event(MigrationEvent e) {
                if (e instanceof MigrationEvent.StageStarted s && s.name().equals(StandardStages.PRECOPY)) {
                    precopy = true;
                }
            }

            @Override
            public void progress(long octets, long estimatedTotal) {
                if (precopy) {
                    try {
                        decided.await(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
            }
        };
        try (Loopback loop = Loopback.tcp(TargetSession.builder(() -> new SampleApplication(256 << 10, 100, 0))
                .listener(slowTarget).build(), TIMEOUT)) {
            SourceSession.builder(source).precopy(new PrecopyPolicy(LIMIT, 30, 0))
                    .listener(sourceListener).timeout(TIMEOUT).build().migrate(loop.connect(TIMEOUT));
            assertThat(StateDigest.of((SampleApplication) loop.outcome())).isEqualTo(StateDigest.of(source));
        }
        List<MigrationEvent> all = events.events;
        MigrationEvent.Iteration first = events.all(MigrationEvent.Iteration.class).getFirst();
        assertThat(first.dirtyOctets()).as("the first pass left nothing dirty: the rest fits").isZero();
        assertThat(events.all(MigrationEvent.TargetBehind.class)).as("the source waited for the target: %s", all)
                .isNotEmpty();
        MigrationEvent.TargetBehind behind = events.all(MigrationEvent.TargetBehind.class).getFirst();
        assertThat(behind.afterPass()).isZero();
        assertThat(behind.backlogOctets()).as("the first pass, not loaded").isGreaterThanOrEqualTo(first.octets());
        assertThat(behind.loadRate()).as("no answer yet: no rate").isZero();
        assertThat(behind.expectedMillis()).isGreaterThan(behind.limitMillis());
        assertThat(all.indexOf(behind)).as("behind before the pause").isLessThan(
                all.indexOf(events.one(MigrationEvent.Paused.class)));
        MigrationEvent.Switchover s = events.one(MigrationEvent.Switchover.class);
        assertThat(s.reason()).isEqualTo(MigrationEvent.Reason.CONVERGED);
        assertThat(s.iterations()).as("another pass after the target caught up").isGreaterThanOrEqualTo(2);
        assertThat(s.estimateMillis()).isLessThanOrEqualTo(LIMIT.toMillis());
    }

    /** A target that never answers the first mark (one that predates LOAD_MARK) counts no backlog. */
    @Test
    void aTargetThatDoesNotAnswerTheFirstMarkCountsNoBacklog() throws Exception {
        TargetBacklog b = TargetBacklog.marking(new ManualClock(), TIMEOUT);
        RecordWriter w = writer(ByteOrder.BIG_ENDIAN);
        b.offer(w);
        b.accepted();
        assertThat(b.answering()).isFalse();
        b.passBegins();
        w.begin(RecordTypes.ITERATION_END).putInt(0).putInt(0).putLong(0).end();
        b.mark(w);
        assertThat(b.backlog()).isZero();
        assertThat(b.expectedNanos(5_000_000)).isEqualTo(5_000_000);
    }

    /**
     * The load rate counts the time the target had records waiting: from the start of a pass
     * after an answer that left it idle, and from an answer with a later mark written.
     */
    @Test
    void theExpectedDowntimeAddsTheBacklogAtTheTargetsLoadRate() throws Exception {
        ManualClock clock = new ManualClock();
        TargetBacklog b = TargetBacklog.marking(clock, TIMEOUT);
        RecordWriter w = writer(ByteOrder.BIG_ENDIAN);
        long first = w.offset();
        b.offer(w);
        b.loaded(new ControlMessage.Loaded(3, first));
        b.accepted();
        assertThat(b.answering()).isTrue();
        clock.sleep(5_000_000_000L); // idle: not counted
        b.passBegins();
        w.begin(0x4000_0001).put(new byte[1_000_000]).end();
        long second = w.offset();
        b.mark(w);
        assertThat(b.backlog()).isEqualTo(second - first);
        assertThat(b.expectedNanos(0)).as("a backlog and no rate yet: the assumed rate")
                .isEqualTo((long) ((second - first) * 1e9 / TargetBacklog.ASSUMED_RATE));
        clock.sleep(1_000_000_000L);
        b.loaded(new ControlMessage.Loaded(5, second));
        assertThat(b.loadRate()).isEqualTo((second - first) / 1.0);
        assertThat(b.backlog()).isZero();
        assertThat(b.expectedNanos(7)).isEqualTo(7);
        b.passBegins();
        w.begin(0x4000_0001).put(new byte[(int) ((second - first) / 10)]).end();
        b.mark(w);
        long backlog = b.backlog();
        assertThat(b.expectedNanos(7)).isEqualTo((long) (7 + backlog * 1e9 / b.loadRate()));
        b.loaded(new ControlMessage.Loaded(7, second + backlog));
        assertThat(b.backlog()).isZero();
        assertThat(b.awaitCaughtUp()).as("answered: no wait").isTrue();
    }

    /** LOAD_MARK's octets, in both byte orders: an optional record, a u64 mark number. */
    @Test
    void aLoadMarkHasAFixedLayoutInEitherByteOrder() throws Exception {
        for (ByteOrder order : List.of(ByteOrder.BIG_ENDIAN, ByteOrder.LITTLE_ENDIAN)) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            RecordWriter w = RecordWriter.open(Channels.newChannel(out), WriterOptions.defaults().withByteOrder(order)
                    .withChecksums(false).withProducer("test", "1").withBufferSize(4096));
            long at = w.offset();
            TargetBacklog b = TargetBacklog.marking(new ManualClock(), TIMEOUT);
            b.offer(w);
            w.flush();
            byte[] all = out.toByteArray();
            String hex = HexFormat.of().formatHex(all, (int) at, all.length);
            assertThat(hex).isEqualTo(order == ByteOrder.BIG_ENDIAN
                    ? "ffff0001" + "00000008" + "0000000000000001"
                    : "0100ffff" + "08000000" + "0100000000000000");
            RecordReader r = RecordReader.open(Channels.newChannel(new ByteArrayInputStream(all)),
                    ReaderOptions.defaults().withApplicationTypes(RecordTypes.names()));
            r.header();
            StreamRecord mark = r.next();
            assertThat(mark.type()).isEqualTo(RecordTypes.LOAD_MARK);
            assertThat(mark.offset()).isEqualTo(at);
        }
    }

    private static RecordWriter writer(ByteOrder order) throws Exception {
        return RecordWriter.open(Channels.newChannel(new ByteArrayOutputStream()), WriterOptions.defaults()
                .withByteOrder(order).withProducer("test", "1").withBufferSize(1 << 21));
    }
}
