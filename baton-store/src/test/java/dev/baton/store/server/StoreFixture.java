package dev.baton.store.server;

import dev.baton.store.client.StoreClient;
import dev.baton.store.client.WatchEvent;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** A store served on an ephemeral port of 127.0.0.1, with clients that close with it. */
final class StoreFixture implements AutoCloseable {
    final Store store;
    final StoreServer server;
    private final List<StoreClient> clients = new ArrayList<>();

    StoreFixture(Release release, Duration grace) throws IOException {
        store = new Store(release, grace);
        server = StoreServer.start(store, ClientTrust.HELLO);
    }

    StoreFixture() throws IOException {
        this(Release.R2_0, Duration.ofSeconds(10));
    }

    StoreClient client(int domid) throws IOException {
        StoreClient c = StoreClient.connect(server.address(), domid);
        clients.add(c);
        return c;
    }

    /** The events that arrive within {@code millis} after the first (waiting up to 5 s for it). */
    static List<WatchEvent> events(StoreClient c, int count) throws InterruptedException {
        List<WatchEvent> out = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            WatchEvent e = c.nextEvent(Duration.ofSeconds(5));
            if (e == null) {
                break;
            }
            out.add(e);
        }
        return out;
    }

    /** Asserts, by a round trip, that no event is queued for {@code c}: returns what is. */
    static List<WatchEvent> drain(StoreClient c) throws InterruptedException {
        c.call("GET_QUOTA nodes"); // events queued before this reply arrive before it
        List<WatchEvent> out = new ArrayList<>();
        WatchEvent e;
        while ((e = c.nextEvent(Duration.ZERO)) != null) {
            out.add(e);
        }
        return out;
    }

    @Override
    public void close() {
        for (StoreClient c : clients) {
            c.abandon();
        }
        server.close();
    }
}
