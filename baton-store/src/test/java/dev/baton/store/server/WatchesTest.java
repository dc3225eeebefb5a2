package dev.baton.store.server;

import static dev.baton.store.server.StoreFixture.drain;
import static dev.baton.store.server.StoreFixture.events;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.baton.store.client.StoreClient;
import dev.baton.store.client.WatchEvent;
import dev.baton.store.protocol.ErrorCode;
import dev.baton.store.protocol.StoreException;
import dev.baton.store.tree.Access;
import dev.baton.store.tree.Perm;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Watches: fire once when set, then on changes to the path or below, within their depth. */
class WatchesTest {
    private StoreFixture f;
    private StoreClient writer;
    private StoreClient watcher;

    @BeforeEach
    void start() throws Exception {
        f = new StoreFixture();
        writer = f.client(0);
        watcher = f.client(0);
    }

    @AfterEach
    void stop() {
        f.close();
    }

    private static WatchEvent ev(String path, String token) {
        return new WatchEvent(path, token);
    }

    @Test
    void aWatchFiresOnceWhenSetEvenOnAPathThatDoesNotExist() throws Exception {
        watcher.watch("/nothing/here", "t");
        assertThat(events(watcher, 1)).containsExactly(ev("/nothing/here", "t"));
        assertThat(drain(watcher)).isEmpty();
    }

    @Test
    void aWatchFiresOnChangesToItsPathAndBelowButNotAboveOrBeside() throws Exception {
        writer.write("/a/b", "");
        watcher.watch("/a/b", "ab");
        events(watcher, 1);
        writer.write("/a/b", "1");            // the path
        writer.write("/a/b/c/d", "2");        // below, created with parents: one event
        writer.write("/a", "3");              // above: no
        writer.write("/a/bc", "4");           // a sibling sharing the prefix: no
        writer.setPerms("/a/b", List.of(new Perm(0, Access.READ))); // permissions change: yes
        writer.mkdir("/a/b/c");               // exists: no change, no event
        writer.mkdir("/a/b/e");               // created
        writer.rm("/a/b/c");                  // removed
        assertThat(events(watcher, 5)).containsExactly(ev("/a/b", "ab"), ev("/a/b/c/d", "ab"), ev("/a/b", "ab"),
                ev("/a/b/e", "ab"), ev("/a/b/c", "ab"));
        assertThat(drain(watcher)).isEmpty();
    }

    @Test
    void removingAParentOfAWatchedPathFiresWithTheWatchedPath() throws Exception {
        writer.write("/vm/1/device/vif/0", "x");
        watcher.watch("/vm/1/device/vif", "vif");
        watcher.watch("/vm", "vm");
        events(watcher, 2);
        writer.rm("/vm/1");
        assertThat(events(watcher, 2)).containsExactly(ev("/vm/1/device/vif", "vif"), ev("/vm/1", "vm"));
        assertThat(drain(watcher)).isEmpty();
    }

    @Test
    void theRootWatchSeesEverything() throws Exception {
        watcher.watch("/", "all");
        events(watcher, 1);
        writer.write("/x/y", "1");
        writer.rm("/x");
        assertThat(events(watcher, 2)).containsExactly(ev("/x/y", "all"), ev("/x", "all"));
    }

    @Test
    void severalWatchesFireInTheOrderTheyWereSetAndTheWriterSeesItsOwnChanges() throws Exception {
        watcher.watch("/p/q", "second-deeper");
        watcher.watch("/p", "first");
        writer.watch("/p", "mine");
        events(watcher, 2);
        events(writer, 1);
        writer.write("/p/q/r", "v");
        assertThat(events(watcher, 2)).containsExactly(ev("/p/q/r", "second-deeper"), ev("/p/q/r", "first"));
        assertThat(events(writer, 1)).containsExactly(ev("/p/q/r", "mine"));
    }

    @Test
    void tokensMayHoldAnyText() throws Exception {
        watcher.watch("/t", "a token with spaces, \"quotes\" and é");
        assertThat(events(watcher, 1)).containsExactly(ev("/t", "a token with spaces, \"quotes\" and é"));
        writer.write("/t", "1");
        assertThat(events(watcher, 1)).containsExactly(ev("/t", "a token with spaces, \"quotes\" and é"));
    }

    @Test
    void unwatchStopsTheEventsAndAWatchIsSetOncePerPathAndToken() throws Exception {
        watcher.watch("/u", "t");
        assertThatThrownBy(() -> watcher.watch("/u", "t")).extracting(e -> ((StoreException) e).code())
                .isEqualTo(ErrorCode.EEXIST);
        watcher.watch("/u", "t2");
        events(watcher, 2);
        watcher.unwatch("/u", "t");
        writer.write("/u", "1");
        assertThat(events(watcher, 1)).containsExactly(ev("/u", "t2"));
        assertThatThrownBy(() -> watcher.unwatch("/u", "t")).extracting(e -> ((StoreException) e).code())
                .isEqualTo(ErrorCode.ENOENT);
        assertThat(drain(watcher)).isEmpty();
    }

    @Test
    void eventsGoOnlyToDomainsThatMayReadTheNode() throws Exception {
        StoreClient guest = f.client(5);
        writer.mkdir("/local/domain/5");
        writer.setPerms("/local/domain/5", List.of(new Perm(5, Access.NONE)));
        writer.write("/private", "");
        guest.watch("/", "all");
        events(guest, 1); // the first event comes whatever the permissions
        writer.write("/private", "hidden");             // root-owned, no access for 5
        writer.write("/local/domain/5/name", "mine");   // 5's own
        assertThat(events(guest, 1)).containsExactly(ev("/local/domain/5/name", "all"));
        assertThat(drain(guest)).isEmpty();
    }

    @Test
    void depthLimitsHowFarBelowTheWatchFires() throws Exception {
        watcher.watch("/d", "d0", 0);
        watcher.watch("/d", "d1", 1);
        watcher.watch("/d", "d2", 2);
        events(watcher, 3);
        writer.write("/d", "x");
        writer.write("/d/a", "x");
        writer.write("/d/a/b", "x");
        writer.write("/d/a/b/c", "x");
        assertThat(events(watcher, 6)).containsExactly(ev("/d", "d0"), ev("/d", "d1"), ev("/d", "d2"),
                ev("/d/a", "d1"), ev("/d/a", "d2"), ev("/d/a/b", "d2"));
        assertThat(drain(watcher)).isEmpty();
        writer.rm("/d"); // a removal fires at the removed path: depth 0 there
        assertThat(events(watcher, 3)).containsExactly(ev("/d", "d0"), ev("/d", "d1"), ev("/d", "d2"));
    }

    @Test
    void release10RefusesDepth() throws Exception {
        try (StoreFixture old = new StoreFixture(Release.R1_0, Duration.ofSeconds(5))) {
            StoreClient c = old.client(0);
            assertThat(c.release()).isEqualTo("1.0");
            assertThatThrownBy(() -> c.watch("/x", "t", 1)).isInstanceOf(StoreException.class)
                    .hasMessage("EINVAL: watch depth needs release 2.0 (this store runs 1.0)");
            c.watch("/x", "t");
            assertThat(events(c, 1)).containsExactly(ev("/x", "t"));
        }
    }

    @Test
    void aListenerGetsTheEventsInOrderOnItsOwnThreadAndMayCallTheClient() throws Exception {
        java.util.concurrent.LinkedBlockingQueue<String> seen = new java.util.concurrent.LinkedBlockingQueue<>();
        StoreClient[] self = new StoreClient[1];
        StoreClient l = StoreClient.connect(f.server.address(), 0, e -> {
            String v = e.path().equals("/l") ? "" : self[0].readString(e.path()); // calling back is fine
            seen.add(e.path() + "=" + v);
        }, Duration.ofSeconds(5));
        self[0] = l;
        try {
            l.watch("/l", "t");
            for (int i = 0; i < 100; i++) {
                writer.write("/l/" + i, "v" + i);
            }
            for (int i = -1; i < 100; i++) {
                assertThat(seen.poll(5, java.util.concurrent.TimeUnit.SECONDS)).isEqualTo(i < 0 ? "/l=" : "/l/" + i + "=v" + i);
            }
        } finally {
            l.close();
        }
    }
}
