package dev.baton.store.wire;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.store.client.StoreClient;
import dev.baton.store.live.StoreProcess;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A store serving Xen's real clients on its Unix socket live-updates to release 1.0 and back to
 * 2.0 while a loop of {@code xenstore-write} and {@code xenstore-read} commands runs and a pyxs
 * watcher watches what they write: no command fails, no write is lost, and the watcher, which
 * reconnects when an update closes its connection, gets every event it is owed (as xenstored
 * owes them: once when the watch is registered, then one for each change while it is).
 */
class RealClientsLiveUpdateTest {
    private static final Duration T = Duration.ofSeconds(60);

    @TempDir
    Path dir;

    @Test
    void realClientsLoseNothingAcrossLiveUpdatesBothWays() throws Exception {
        XenstoreTools.assumeXenstoreUtils();
        XenstoreTools.assumePyxs();
        Path socket = dir.resolve("xenstored.socket");
        StoreProcess first = StoreProcess.start(0, "2.0", socket, T);
        int port = first.port();
        StoreProcess second = null;
        StoreProcess third = null;
        Process watcher = null;
        Writer writer = new Writer(socket);
        try {
            try (StoreClient c = StoreClient.connect(new InetSocketAddress("127.0.0.1", port), 0)) {
                c.mkdir("/loop");
            }
            watcher = XenstoreTools.start(socket, List.of(XenstoreTools.PYTHON.toString(),
                    XenstoreTools.script(dir, "pyxs_watcher.py").toString()));
            List<String> seen = new CopyOnWriteArrayList<>();
            BufferedReader out = new BufferedReader(new InputStreamReader(watcher.getInputStream(),
                    StandardCharsets.UTF_8));
            Thread reader = Thread.ofVirtual().start(() -> {
                try {
                    for (String l; (l = out.readLine()) != null; ) {
                        seen.add(l);
                    }
                } catch (java.io.IOException e) {
                    seen.add("READ-FAILED " + e);
                }
            });
            awaitLines(seen, 1); // the watcher watches
            writer.start();
            writer.await(10);
            second = StoreProcess.takeover(port, "1.0", null, null, socket, T);
            StoreProcess.Result down = first.liveUpdateTo(second, T);
            assertThat(down.ok()).as(down.message()).isTrue();
            assertThat(first.awaitExit(T)).isTrue();
            writer.await(10);
            third = StoreProcess.takeover(port, "2.0", null, null, socket, T);
            StoreProcess.Result up = second.liveUpdateTo(third, T);
            assertThat(up.ok()).as(up.message()).isTrue();
            assertThat(second.awaitExit(T)).isTrue();
            writer.await(10);
            int written = writer.stop();
            assertThat(writer.failures).isEmpty();
            TreeSet<Integer> all = new TreeSet<>();
            try (StoreClient c = StoreClient.connect(new InetSocketAddress("127.0.0.1", port), 0)) {
                for (String k : c.directory("/loop")) {
                    all.add(Integer.parseInt(k.substring(1)));
                    assertThat(c.readString("/loop/" + k)).isEqualTo("v" + k.substring(1));
                }
            }
            // no write lost: every one the commands made is there
            assertThat(all).hasSize(written).first().isEqualTo(1);
            assertThat(all.last()).isEqualTo(written);
            awaitEvents(seen, written);
            watcher.getOutputStream().close();
            assertThat(watcher.waitFor(30, TimeUnit.SECONDS)).isTrue();
            reader.join();
            checkOwed(seen, written);
        } finally {
            writer.stop();
            if (watcher != null) {
                watcher.destroyForcibly();
            }
            first.close();
            if (second != null) {
                second.close();
            }
            if (third != null) {
                third.close();
            }
        }
    }

    /**
     * The watcher's sessions, each a listing of /loop right after its watch was registered and
     * the events that followed. Writes are sequential (k = 1, 2, ...), so the writes a session is
     * owed are the ones after the last it listed, from the next one on without a gap up to where
     * its connection dropped; the last session, never dropped, is owed every write to the end.
     */
    private static void checkOwed(List<String> lines, int written) {
        assertThat(lines).noneMatch(l -> l.startsWith("CONNECT-FAILED") || l.startsWith("READ-FAILED"));
        List<List<String>> sessions = new ArrayList<>();
        for (String l : lines) {
            if (l.startsWith("LIST")) {
                sessions.add(new ArrayList<>());
            }
            sessions.get(sessions.size() - 1).add(l);
        }
        // each live update closed the watcher's connection once: three processes, three sessions
        assertThat(sessions).as(String.join("\n", lines)).hasSize(3);
        for (int i = 0; i < sessions.size(); i++) {
            List<String> s = sessions.get(i);
            int listedUpTo = 0;
            for (String k : s.get(0).substring(4).trim().split(" ")) {
                if (!k.isEmpty()) {
                    listedUpTo = Math.max(listedUpTo, Integer.parseInt(k.substring(1)));
                }
            }
            TreeSet<Integer> after = new TreeSet<>();
            for (String l : s.subList(1, s.size())) {
                if (l.startsWith("EVENT /loop/k")) {
                    int k = Integer.parseInt(l.substring("EVENT /loop/k".length()));
                    if (k > listedUpTo) {
                        after.add(k);
                    }
                }
            }
            boolean last = i == sessions.size() - 1;
            assertThat(s.get(s.size() - 1)).as("session %d", i).isEqualTo(last ? s.get(s.size() - 1) : "DROP");
            int upTo = last ? written : after.isEmpty() ? listedUpTo : after.last();
            List<Integer> owed = new ArrayList<>();
            for (int k = listedUpTo + 1; k <= upTo; k++) {
                owed.add(k);
            }
            assertThat(after).as("session %d: the events after its listing up to k%d", i, listedUpTo)
                    .containsExactlyElementsOf(owed);
        }
    }

    private static void awaitLines(List<String> lines, int n) throws InterruptedException {
        long end = System.nanoTime() + T.toNanos();
        while (lines.size() < n) {
            if (System.nanoTime() > end) {
                throw new AssertionError("the watcher printed " + lines);
            }
            Thread.sleep(10);
        }
    }

    /** Waits for the watcher to print the event of the last write (or gives up after a minute: checkOwed says what is missing). */
    private static void awaitEvents(List<String> lines, int written) throws InterruptedException {
        long end = System.nanoTime() + T.toNanos();
        while (!lines.contains("EVENT /loop/k" + written) && System.nanoTime() < end) {
            Thread.sleep(10);
        }
    }

    /** A loop of real commands: xenstore-write /loop/kN vN, then xenstore-read /loop/kN, N = 1, 2, ... */
    private static final class Writer {
        final Path socket;
        final List<String> failures = new CopyOnWriteArrayList<>();
        final AtomicInteger done = new AtomicInteger();
        final AtomicBoolean stop = new AtomicBoolean();
        Thread thread;

        Writer(Path socket) {
            this.socket = socket;
        }

        void start() {
            thread = Thread.ofPlatform().name("xenstore-write-loop").start(() -> {
                for (int k = 1; !stop.get(); k++) {
                    try {
                        XenstoreTools.Run w = XenstoreTools.run(socket, "xenstore-write", "/loop/k" + k, "v" + k);
                        XenstoreTools.Run r = XenstoreTools.run(socket, "xenstore-read", "/loop/k" + k);
                        if (w.exit() != 0 || r.exit() != 0 || !r.out().equals("v" + k + "\n")) {
                            failures.add("k" + k + ": write " + w + ", read " + r);
                        }
                    } catch (Exception e) {
                        failures.add("k" + k + ": " + e);
                    }
                    done.set(k);
                }
            });
        }

        /** Waits for {@code more} rounds more (at most a minute). */
        void await(int more) throws InterruptedException {
            int target = done.get() + more;
            long end = System.nanoTime() + T.toNanos();
            while (done.get() < target) {
                if (System.nanoTime() > end) {
                    throw new AssertionError("the command loop did " + done.get() + " rounds, not " + target
                            + "; failures: " + failures);
                }
                Thread.sleep(10);
            }
        }

        /** Stops the loop after its round; returns the rounds done. */
        int stop() throws InterruptedException {
            stop.set(true);
            if (thread != null) {
                thread.join();
            }
            return done.get();
        }
    }
}
