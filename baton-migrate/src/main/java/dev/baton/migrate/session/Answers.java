package dev.baton.migrate.session;

import dev.baton.migrate.MigrationClock;
import dev.baton.migrate.returnpath.ControlMessage;
import dev.baton.migrate.returnpath.ControlReader;
import dev.baton.migrate.transport.Transport;
import java.io.EOFException;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The source's ear on the return path: a thread reads the target's messages as they come, so
 * that an ERROR stops the source at once, even in the middle of writing, and the session waits
 * for each expected answer with its own timeout (the return path is silent while the stream
 * flows, so its reads cannot carry one), measured on the session's clock.
 */
final class Answers implements AutoCloseable {
    /** How often a wait looks at the clock again: a test's clock moves while nothing arrives. */
    private static final long LOOK_NANOS = 20_000_000L;

    private final LinkedBlockingQueue<Object> queue = new LinkedBlockingQueue<>();
    private final Transport transport;
    private final MigrationClock clock;
    private final Thread thread;
    /** The end of the return path once taken from the queue: its failure, for every later wait. */
    private IOException ended;

    /** Where the target's LOADED answers go: they are news, not answers a wait expects. */
    private final TargetBacklog backlog;

    private Answers(Transport transport, MigrationClock clock, TargetBacklog backlog) {
        this.transport = transport;
        this.clock = clock;
        this.backlog = backlog;
        this.thread = Thread.ofPlatform().daemon().name("baton-return-path").unstarted(this::listen);
    }

    static Answers start(Transport transport, MigrationClock clock) {
        return start(transport, clock, TargetBacklog.none());
    }

    /** As {@link #start(Transport, MigrationClock)}, handing LOADED answers to {@code backlog}. */
    static Answers start(Transport transport, MigrationClock clock, TargetBacklog backlog) {
        Answers a = new Answers(transport, clock, backlog);
        a.thread.start();
        return a;
    }

    private void listen() {
        ControlReader reader = new ControlReader(transport.in(), "return path");
        try {
            while (true) {
                ControlMessage m = reader.read();
                if (m instanceof ControlMessage.Loaded l) {
                    backlog.loaded(l);
                    continue;
                }
                queue.add(m);
                if (m instanceof ControlMessage.Error) {
                    transport.abort(); // the target gave up: stop writing to it now
                    return;
                }
            }
        } catch (IOException e) {
            queue.add(e);
        } catch (RuntimeException | Error e) {
            // this thread's failure (out of memory, say) is the session's: the wait hears it now, not at its
            // timeout, and the session fails as for a broken connection (a source resumes)
            queue.add(new IOException("the reader of the return path failed: " + e, e));
        } finally {
            backlog.ended(); // nothing more will come: a source waiting for the target's load hears it now
        }
    }

    /**
     * Waits for the target's next message, which must be a {@code type}.
     *
     * @throws IOException saying what came instead: ERROR (the target failed), REFUSE (it refused),
     *                     nothing in time, the end of the connection, or bad octets
     */
    <T extends ControlMessage> T await(Class<T> type, Duration timeout) throws IOException {
        String what = type.getSimpleName().toUpperCase(java.util.Locale.ROOT);
        if (ended != null) {
            throw ended;
        }
        Object next;
        try {
            next = timeout.isZero() ? queue.take() : poll(timeout);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while waiting for " + what);
        }
        if (next == null) {
            throw new AnswerException("the target sent no " + what + " within " + timeout.toMillis() + " ms", false);
        }
        if (type.isInstance(next)) {
            return type.cast(next);
        }
        IOException failure = switch (next) {
            case ControlMessage.Error e -> new AnswerException("the target failed: " + e.reason(), false);
            case ControlMessage.Refuse r -> new AnswerException("the target refused: " + r.reason(), true);
            case ControlMessage m -> new AnswerException("protocol error: the target sent " + m.name() + " where "
                    + what + " was due", false);
            case EOFException eof -> new AnswerException(transport.stalled() != null ? transport.stalled()
                    : "the target closed the connection before its " + what, false);
            case IOException io -> transport.stalled() != null ? new AnswerException(transport.stalled(), false)
                    : io instanceof dev.baton.migrate.transport.TlsRefusedException
                            || io instanceof dev.baton.migrate.returnpath.ControlFormatException
                            ? new AnswerException(io.getMessage(), false)
                            : new AnswerException("the connection to the target failed: " + io.getMessage(), false);
            default -> new IOException("unexpected " + next);
        };
        if (!(next instanceof ControlMessage)) {
            ended = failure;
        }
        throw failure;
    }

    /** The next message, or null when none came before {@code timeout} passed on the clock. */
    private Object poll(Duration timeout) throws InterruptedException {
        long deadline = clock.nanoTime() + timeout.toNanos();
        for (long left = timeout.toNanos(); left > 0; left = deadline - clock.nanoTime()) {
            Object next = queue.poll(Math.min(left, LOOK_NANOS), TimeUnit.NANOSECONDS);
            if (next != null) {
                return next;
            }
        }
        return queue.poll();
    }

    /**
     * Why the target stopped, when it said so: after a write failed, the target's ERROR or REFUSE
     * (which may still be on its way) explains more than a broken pipe. Waits at most {@code grace},
     * in real time: the failure is decided, this only looks for its reason.
     */
    String targetsReason(Duration grace) {
        long deadline = System.nanoTime() + grace.toNanos();
        try {
            while (true) {
                Object next = queue.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                if (next == null || next instanceof IOException) {
                    return null;
                }
                if (next instanceof ControlMessage.Error e) {
                    return "the target failed: " + e.reason();
                }
                if (next instanceof ControlMessage.Refuse r) {
                    return "the target refused: " + r.reason();
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    @Override
    public void close() {
        transport.abort();
        try {
            thread.join(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** A failure read from (or in) the return path, with its one-line reason. */
    static final class AnswerException extends IOException {
        private static final long serialVersionUID = 1L;
        private final boolean refused;

        AnswerException(String message, boolean refused) {
            super(message);
            this.refused = refused;
        }

        boolean refused() {
            return refused;
        }
    }
}
