package dev.baton.migrate.session;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A TCP proxy between a source and a target on loopback that injects one fault: at a given
 * octet of one direction it drops the connection (RST both ways), stalls that direction (stops
 * reading and sending, connections left open), truncates it (a FIN to the receiver, the rest
 * swallowed), corrupts the octet (flips bits), or runs a hook (to kill a child target) and then
 * drops. Without a fault it counts the octets each way. When the fault fires it first tells
 * {@code fired} (a {@link FaultClock} lets time flow from then on).
 */
final class FaultProxy implements AutoCloseable {
    enum Kind { NONE, DROP, STALL, TRUNCATE, CORRUPT, HOOK }

    enum Direction { FORWARD, RETURN }

    /** One fault: what, which way, at which octet of that direction, and for CORRUPT the bits to flip. */
    record Fault(Kind kind, Direction direction, long offset, int flip) {
        static final Fault NONE = new Fault(Kind.NONE, Direction.FORWARD, Long.MAX_VALUE, 0);

        @Override
        public String toString() {
            return kind + " " + direction.name().toLowerCase(java.util.Locale.ROOT) + " at " + offset;
        }
    }

    private final ServerSocket server;
    private final int targetPort;
    private final Fault fault;
    private final Runnable hook;
    private final Runnable onFire;
    private final AtomicLong forward = new AtomicLong();
    private final AtomicLong back = new AtomicLong();
    private final CountDownLatch done = new CountDownLatch(2);
    private volatile Socket fromSource;
    private volatile Socket toTarget;
    private volatile boolean fired;

    /**
     * @param hook   what a HOOK fault runs before it drops the connection
     * @param onFire told when the fault fires, before it happens
     */
    FaultProxy(int targetPort, Fault fault, Runnable hook, Runnable onFire) throws IOException {
        this.server = new ServerSocket();
        this.server.bind(new InetSocketAddress("127.0.0.1", 0));
        this.targetPort = targetPort;
        this.fault = fault;
        this.hook = hook;
        this.onFire = onFire;
        Thread.ofPlatform().daemon().name("fault-proxy-accept").start(this::run);
    }

    int port() {
        return server.getLocalPort();
    }

    long forwarded() {
        return forward.get();
    }

    long returned() {
        return back.get();
    }

    /** Waits until both directions have ended (each side closed its end), so the counts are final. */
    boolean awaitEnd(java.time.Duration timeout) throws InterruptedException {
        return done.await(timeout.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
    }

    /** Whether the fault happened (the stream reached its offset). */
    boolean fired() {
        return fired;
    }

    private void run() {
        try {
            fromSource = server.accept();
            toTarget = new Socket("127.0.0.1", targetPort);
            fromSource.setTcpNoDelay(true);
            toTarget.setTcpNoDelay(true);
            Thread.ofPlatform().daemon().name("fault-proxy-forward").start(
                    () -> pump(fromSource, toTarget, Direction.FORWARD, forward));
            Thread.ofPlatform().daemon().name("fault-proxy-return").start(
                    () -> pump(toTarget, fromSource, Direction.RETURN, back));
        } catch (IOException e) {
            closeAll(false);
        }
    }

    private void pump(Socket from, Socket to, Direction direction, AtomicLong count) {
        byte[] buf = new byte[64 * 1024];
        boolean mine = fault.direction() == direction && fault.kind() != Kind.NONE;
        boolean swallowing = false;
        try {
            InputStream in = from.getInputStream();
            OutputStream out = to.getOutputStream();
            while (true) {
                int n = in.read(buf);
                if (n < 0) {
                    if (!swallowing) {
                        to.shutdownOutput(); // pass the FIN on
                    }
                    return;
                }
                if (swallowing) {
                    continue;
                }
                long at = count.get();
                if (mine && !fired && at + n > fault.offset()) {
                    int before = (int) (fault.offset() - at);
                    fired = true;
                    onFire.run();
                    switch (fault.kind()) {
                        case CORRUPT -> {
                            buf[before] ^= (byte) fault.flip();
                            out.write(buf, 0, n);
                            count.addAndGet(n);
                            continue;
                        }
                        case DROP -> {
                            out.write(buf, 0, before);
                            out.flush();
                            closeAll(true);
                            return;
                        }
                        case HOOK -> {
                            out.write(buf, 0, before);
                            out.flush();
                            hook.run();
                            closeAll(true);
                            return;
                        }
                        case STALL -> {
                            out.write(buf, 0, before);
                            out.flush();
                            count.addAndGet(before);
                            return; // stop reading: the sender's writes back up; connections stay open
                        }
                        case TRUNCATE -> {
                            out.write(buf, 0, before);
                            out.flush();
                            count.addAndGet(before);
                            to.shutdownOutput();
                            swallowing = true;
                            continue;
                        }
                        default -> throw new IllegalStateException();
                    }
                }
                out.write(buf, 0, n);
                count.addAndGet(n);
            }
        } catch (IOException e) {
            closeAll(false); // one side went away: so does the other, as a real link would
        } finally {
            done.countDown();
        }
    }

    /** Closes both connections; with {@code reset}, with an RST rather than a FIN. */
    private void closeAll(boolean reset) {
        for (Socket s : new Socket[] {fromSource, toTarget}) {
            if (s != null) {
                try {
                    if (reset) {
                        s.setSoLinger(true, 0);
                    }
                    s.close();
                } catch (IOException ignored) {
                    // already gone
                }
            }
        }
    }

    @Override
    public void close() throws IOException {
        closeAll(true);
        server.close();
    }
}
