package dev.baton.store.server;

import dev.baton.store.protocol.ErrorCode;
import dev.baton.store.protocol.StoreException;
import java.io.Closeable;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * A client's connection to the store: its identity (id, resume key, domain), how many request
 * lines the store has processed, and its queued output. It outlives its socket: when the socket
 * drops, the connection waits a grace period for the client to resume it (or forever, when the
 * state was migrated, until the new process's grace period ends).
 *
 * <p>Output lines are numbered from 1, across sockets. The queue holds every line the client has
 * not acknowledged: lines already written to a socket ({@code sent}) and lines not yet written
 * ({@code pending}). A resume says how many lines the client has read; the rest are written again.
 */
public final class Connection {
    private final long id;
    private final long key;
    private final int domid;
    /** Request lines processed (each answered, ACK aside), across sockets. Store lock. */
    long requestsProcessed;
    /** Open transactions. Store lock. */
    int transactions;
    /** When the store last let a request of this connection through while throttled ({@link Store#throttle}). */
    long admitted;

    // Guarded by this.
    private final ArrayDeque<String> sent = new ArrayDeque<>();
    private final ArrayDeque<String> pending = new ArrayDeque<>();
    private long sentBase = 1;
    private Attachment attachment;
    private boolean closed;
    private long detachEpoch;

    Connection(long id, long key, int domid) {
        this.id = id;
        this.key = key;
        this.domid = domid;
    }

    public long id() {
        return id;
    }

    /** The secret a client presents with the id to resume the connection. */
    public long key() {
        return key;
    }

    public int domid() {
        return domid;
    }

    /** Whether the domain is privileged (domid 0). */
    public boolean privileged() {
        return domid == 0;
    }

    public long requestsProcessed() {
        return requestsProcessed;
    }

    /** The number of the first line still queued (the client has acknowledged those before it). */
    public synchronized long firstQueuedLine() {
        return sentBase;
    }

    /** Every line not acknowledged, written ones first: what a migration must carry. */
    public synchronized List<String> queuedOutput() {
        return queued().lines();
    }

    /**
     * The queued output and the number of its first line, read at once.
     *
     * @param firstLine the number of {@code lines.get(0)}
     * @param lines     every line not acknowledged, written ones first
     */
    public record Queued(long firstLine, List<String> lines) {
    }

    /** The queued output and its first line's number, read at once (a writer may trim written lines meanwhile). */
    public synchronized Queued queued() {
        List<String> out = new ArrayList<>(sent.size() + pending.size());
        out.addAll(sent);
        out.addAll(pending);
        return new Queued(sentBase, out);
    }

    /** Whether {@code att} is the socket serving the connection. */
    synchronized boolean servedBy(Attachment att) {
        return attachment == att;
    }

    /** Lines queued and not yet written to a socket. */
    public synchronized int pendingLines() {
        return pending.size();
    }

    /** Whether a socket is attached. */
    public synchronized boolean attached() {
        return attachment != null;
    }

    /** Whether the store has discarded the connection. */
    public synchronized boolean closed() {
        return closed;
    }

    // ---- queue ---------------------------------------------------------------------------------

    /** Queues a line; false when more than {@code limit} lines (0: no limit) would wait to be written. */
    synchronized boolean enqueue(String line, long limit) {
        if (closed) {
            return true;
        }
        if (limit != 0 && pending.size() >= limit) {
            return false;
        }
        pending.addLast(line);
        if (pending.size() == 1) {
            notifyAll();
        }
        return true;
    }

    /**
     * Waits for lines to write on {@code att} and moves up to {@code max} of them to the written
     * ones; null when {@code att} is no longer the connection's socket, or the connection is
     * closed and everything is written.
     */
    synchronized List<String> take(Attachment att, int max, long retain) throws InterruptedException {
        while (attachment == att && pending.isEmpty() && !closed) {
            wait();
        }
        if (attachment != att || pending.isEmpty()) {
            return null;
        }
        List<String> batch = new ArrayList<>(Math.min(max, pending.size()));
        while (batch.size() < max && !pending.isEmpty()) {
            String line = pending.pollFirst();
            sent.addLast(line);
            batch.add(line);
        }
        // Lines written and not acknowledged beyond the retention limit are forgotten.
        while (retain != 0 && sent.size() > retain) {
            sent.pollFirst();
            sentBase++;
        }
        return batch;
    }

    /**
     * Forgets the lines written: a client of xenstore's wire protocol cannot resume a connection,
     * so nothing written is kept to be written again.
     */
    synchronized void forgetWritten() {
        sentBase += sent.size();
        sent.clear();
    }

    /** The client has read {@code lines} lines: forget them. */
    synchronized void ack(long lines) {
        long lastSent = sentBase + sent.size() - 1;
        if (lines > lastSent) {
            throw new StoreException(ErrorCode.EINVAL, "ACK " + lines + " but only " + lastSent + " lines were written");
        }
        while (sentBase <= lines) {
            sent.pollFirst();
            sentBase++;
        }
    }

    /**
     * Attaches a socket for a client that has read {@code received} lines: forgets those, and
     * queues the rest to be written again, after the handshake reply.
     */
    synchronized void resume(long received, Attachment att) {
        long last = sentBase + sent.size() + pending.size() - 1;
        if (received > last) {
            throw new StoreException(ErrorCode.EINVAL, "the client says it read " + received + " lines but only "
                    + last + " were queued");
        }
        if (received < sentBase - 1) {
            throw new StoreException(ErrorCode.ESTALE, "lines " + (received + 1) + " to " + (sentBase - 1)
                    + " were forgotten (the client did not acknowledge them in time)");
        }
        while (!sent.isEmpty()) {
            pending.addFirst(sent.pollLast());
        }
        while (sentBase <= received) {
            pending.pollFirst();
            sentBase++;
        }
        attach(att);
    }

    synchronized void attach(Attachment att) {
        Attachment old = attachment;
        attachment = att;
        notifyAll();
        if (old != null) {
            old.close();
        }
    }

    /** Detaches {@code att} if it is still the socket; returns the detach epoch, or -1. */
    synchronized long detach(Attachment att) {
        if (attachment != att || att == null) {
            return -1;
        }
        attachment = null;
        notifyAll();
        return ++detachEpoch;
    }

    /** Starts a restored connection's detached time; returns its detach epoch. */
    synchronized long restoredDetached() {
        return ++detachEpoch;
    }

    /** Whether the connection is still detached since the detach of that epoch. */
    synchronized boolean detachedSince(long epoch) {
        return attachment == null && detachEpoch == epoch;
    }

    /** Marks the connection discarded; {@code flush}: its writer first writes what is queued. */
    synchronized void close(boolean flush) {
        closed = true;
        if (!flush) {
            pending.clear();
        }
        notifyAll();
    }

    /** Closes the attached socket, if any (the connection stays, detached, until its grace period ends). */
    synchronized void dropSocket() {
        if (attachment != null) {
            attachment.close();
        }
    }

    /** Restores the output queue (when loading state): every line is to be written. */
    synchronized void restoreOutput(long firstLine, List<String> lines) {
        sent.clear();
        pending.clear();
        pending.addAll(lines);
        sentBase = firstLine;
    }

    @Override
    public synchronized String toString() {
        return "connection " + id + " (domain " + domid + ", " + (attachment != null ? "attached" : "detached") + ", "
                + (sent.size() + pending.size()) + " lines queued)";
    }

    /** A socket serving the connection: a TCP socket of the line protocol, or a channel of the wire protocol. */
    static final class Attachment {
        final Closeable socket;

        Attachment(Closeable socket) {
            this.socket = socket;
        }

        void close() {
            try {
                socket.close();
            } catch (java.io.IOException e) {
                // closing anyway
            }
        }
    }
}
