package dev.baton.migrate.transport;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.migrate.ManualClock;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.Pipe;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.WritableByteChannel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What the stall guard decides about a call blocked on a real pipe, timed by a {@link ManualClock}
 * and checked when the test says: a call blocked for the timeout is not yet a stall, one blocked
 * a nanosecond longer is, whatever the machine's load. {@link TransportTimeoutTest} shows the
 * guard at work on sockets and FIFOs in real time.
 */
class StallGuardTest {
    private static final Duration TIMEOUT = Duration.ofMillis(200);

    private final ManualClock clock = new ManualClock();
    private final List<String> actions = new ArrayList<>();
    private Pipe pipe;
    private StallGuard guard;

    @BeforeEach
    void open() throws IOException {
        pipe = Pipe.open();
        guard = new StallGuard(TIMEOUT, () -> {
            actions.add("abort");
            close();
        }, () -> {
            actions.add("stop input");
            closeQuietly(pipe.source());
        }, "the peer", clock, false);
        clock.sleep(1); // odd: a call in progress is marked with the clock's time | 1
    }

    @AfterEach
    void close() {
        closeQuietly(pipe.source());
        closeQuietly(pipe.sink());
    }

    private static void closeQuietly(java.nio.channels.Channel c) {
        try {
            c.close();
        } catch (IOException ignored) {
            // closing anyway
        }
    }

    /** Runs {@code call} in a thread, and returns once {@code guard} sees it in progress. */
    private static CompletableFuture<Integer> inProgress(StallGuard guard, java.util.concurrent.Callable<Integer> call)
            throws Exception {
        CompletableFuture<Integer> f = new CompletableFuture<>();
        Thread.ofPlatform().daemon().start(() -> {
            try {
                f.complete(call.call());
            } catch (Throwable t) {
                f.completeExceptionally(t);
            }
        });
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!guard.inProgress() && !f.isDone() && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
        assertThat(guard.inProgress()).as("the call is in progress").isTrue();
        return f;
    }

    private static Throwable failure(CompletableFuture<Integer> f) throws Exception {
        try {
            f.get(30, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            return e.getCause();
        }
        throw new AssertionError("the call did not fail");
    }

    @Test
    void aReadBlockedLongerThanTheTimeoutStallsAndStopsTheInputOnly() throws Exception {
        ReadableByteChannel in = guard.guard(pipe.source());
        CompletableFuture<Integer> read = inProgress(guard, () -> in.read(ByteBuffer.allocate(16)));
        clock.sleep(TIMEOUT.toNanos());
        guard.check();
        assertThat(guard.stalled()).as("blocked for the timeout exactly").isNull();
        assertThat(actions).isEmpty();
        assertThat(pipe.source().isOpen()).isTrue();
        clock.sleep(1);
        guard.check();
        assertThat(actions).containsExactly("stop input");
        assertThat(failure(read)).isInstanceOf(TransportStalledException.class)
                .hasMessage("the connection stalled: nothing arrived from the peer for 200 ms (the timeout)");
        assertThat(pipe.sink().isOpen()).as("the output stays open").isTrue();
    }

    @Test
    void aWriteBlockedLongerThanTheTimeoutStallsAndAbortsTheTransport() throws Exception {
        WritableByteChannel out = guard.guard(pipe.sink());
        ByteBuffer big = ByteBuffer.allocate(4 * StallGuard.PIECE); // far more than a pipe holds: nobody reads
        CompletableFuture<Integer> write = inProgress(guard, () -> out.write(big));
        clock.sleep(TIMEOUT.toNanos());
        guard.check();
        assertThat(guard.stalled()).isNull();
        clock.sleep(1);
        guard.check();
        assertThat(actions).containsExactly("abort");
        assertThat(failure(write)).isInstanceOf(TransportStalledException.class)
                .hasMessage("the connection stalled: the peer took nothing for 200 ms (the timeout)");
        assertThat(guard.stalled()).isEqualTo("the connection stalled: the peer took nothing for 200 ms (the timeout)");
    }

    @Test
    void aReadThatIsNotTimedWaitsAsLongAsItTakes() throws Exception {
        guard.readsTimed(false);
        ReadableByteChannel in = guard.guard(pipe.source());
        ByteBuffer one = ByteBuffer.allocate(1);
        CompletableFuture<Integer> read = inProgress(guard, () -> in.read(one));
        clock.sleep(100 * TIMEOUT.toNanos());
        guard.check();
        assertThat(guard.stalled()).isNull();
        assertThat(actions).isEmpty();
        pipe.sink().write(ByteBuffer.wrap(new byte[] {7}));
        assertThat(read.get(30, TimeUnit.SECONDS)).isEqualTo(1);
        assertThat(one.get(0)).isEqualTo((byte) 7);
    }

    @Test
    void withoutATimeoutNothingStalls() throws Exception {
        StallGuard untimed = new StallGuard(Duration.ZERO, () -> actions.add("abort"), () -> actions.add("stop input"),
                "the peer", clock, false);
        ReadableByteChannel in = untimed.guard(pipe.source());
        ByteBuffer one = ByteBuffer.allocate(1);
        CompletableFuture<Integer> read = inProgress(untimed, () -> in.read(one));
        clock.sleep(Long.MAX_VALUE / 2);
        untimed.check();
        assertThat(untimed.stalled()).isNull();
        assertThat(actions).isEmpty();
        pipe.sink().write(ByteBuffer.wrap(new byte[] {9}));
        assertThat(read.get(30, TimeUnit.SECONDS)).isEqualTo(1);
    }
}
