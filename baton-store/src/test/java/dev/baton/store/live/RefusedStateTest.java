package dev.baton.store.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.baton.migrate.precopy.PrecopyPolicy;
import dev.baton.migrate.session.MigrationFailedException;
import dev.baton.migrate.session.SourceSession;
import dev.baton.migrate.session.TargetSession;
import dev.baton.migrate.transport.TcpTransport;
import dev.baton.store.server.Store;
import dev.baton.store.watch.Watch;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A live update whose target refuses the state it restores: both ends say, in one line, which
 * part of the state broke which rule (the control channel answers the source's line as
 * {@code ERR EAGAIN ...}, the new process prints the target's as {@code takeover failed: ...}),
 * and the old store serves on.
 */
class RefusedStateTest {

    @Test
    void bothEndsNameTheWatchAndTheRule() throws Exception {
        Store source = new Store();
        source.tree().ensure("/a", 0, source.tree().nextGeneration());
        source.watches().add(new Watch(7, "/a", "t", Watch.UNLIMITED)); // connection 7 does not exist
        try (TcpTransport.Listener listener = TcpTransport.listen(
                new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
            CompletableFuture<Throwable> target = CompletableFuture.supplyAsync(() -> catchThrowable(
                    () -> TargetSession.builder(() -> StoreApplication.target(new Store(), a -> { }, ""))
                            .protocol(StoreApplication.PROTOCOL).build()
                            .receive(listener.accept(Duration.ofSeconds(30)))));
            StoreApplication app = StoreApplication.source(source, () -> { }, confirmed -> { });
            Throwable sent = catchThrowable(() -> SourceSession.builder(app).protocol(StoreApplication.PROTOCOL)
                    .precopy(PrecopyPolicy.defaults()).timeout(Duration.ofSeconds(20)).build()
                    .migrate(TcpTransport.connect("127.0.0.1", listener.port(), Duration.ofSeconds(10))));
            Throwable received = target.get(30, TimeUnit.SECONDS);
            String rule = "watch /a (token t) of connection 7: no such connection (watches come after the connections";
            for (Throwable end : new Throwable[] {sent, received}) {
                assertThat(end).isInstanceOf(MigrationFailedException.class);
                assertThat(end.getMessage()).contains("section store.watches/0", rule).doesNotContain("\n");
            }
        }
        assertThat(source.paused()).isFalse(); // it serves on
        assertThat(source.tree().find("/a")).isNotNull();
    }
}
