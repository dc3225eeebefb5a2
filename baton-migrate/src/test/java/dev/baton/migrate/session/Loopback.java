package dev.baton.migrate.session;

import dev.baton.migrate.transport.TcpTransport;
import dev.baton.migrate.transport.Transport;
import dev.baton.migrate.transport.TransportListener;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/** A target session on a loopback listener, in a thread of the test's JVM. */
final class Loopback implements AutoCloseable {
    final TransportListener listener;
    /** The target's activated application, or a rehearsal's {@link RehearsalReport}. */
    final CompletableFuture<Object> target;

    private Loopback(TransportListener listener, TargetSession session) {
        this.listener = listener;
        this.target = CompletableFuture.supplyAsync(() -> {
            try (listener) {
                Transport t = listener.accept(Duration.ofSeconds(20));
                return switch (session.receiveOrRehearse(t)) {
                    case Received.Migrated m -> m.application();
                    case Received.Rehearsed r -> r.report();
                };
            } catch (IOException e) {
                throw new java.util.concurrent.CompletionException(e);
            }
        }, r -> Thread.ofPlatform().daemon().name("test-target").start(r));
    }

    static Loopback tcp(TargetSession session, Duration timeout) throws IOException {
        return new Loopback(TcpTransport.listen(0).timeout(timeout), session);
    }

    static Loopback on(TransportListener listener, TargetSession session) {
        return new Loopback(listener, session);
    }

    int port() {
        return listener.port();
    }

    Transport connect(Duration timeout) throws IOException {
        return TcpTransport.connect("127.0.0.1", port(), timeout);
    }

    /** The target's outcome: its activated application, a rehearsal's report, or the exception it failed with. */
    Object outcome() {
        try {
            return target.get(30, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            return e.getCause();
        } catch (Exception e) {
            throw new AssertionError("the target did not finish", e);
        }
    }

    /** The target's failure; an assertion error when it succeeded. */
    Throwable failure() {
        Object o = outcome();
        if (o instanceof Throwable t) {
            return t;
        }
        throw new AssertionError("the target succeeded: " + o);
    }

    @Override
    public void close() throws IOException {
        listener.close();
    }
}
