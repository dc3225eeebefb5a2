package dev.baton.qemu.analyze;

import java.io.Closeable;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;

/**
 * Writes buffers at file positions on a second thread, so that the kernel's copying of one run
 * of pages into the page cache overlaps with reading and gathering the next. A fixed set of
 * buffers circulates between the two threads: the reader takes a free one, fills it, submits it;
 * the writer writes it and frees it. Writes happen in submission order.
 */
final class AsyncWriter implements Closeable {
    private static final int BUFFERS = 4;

    private record Job(FileChannel file, ByteBuffer data, long position, CountDownLatch done) {
    }

    private static final Job STOP = new Job(null, null, 0, null);

    private final BlockingQueue<Job> jobs = new ArrayBlockingQueue<>(BUFFERS + 2);
    private final BlockingQueue<ByteBuffer> free = new ArrayBlockingQueue<>(BUFFERS);
    private final Thread thread;
    private volatile IOException failure;
    private boolean stopped;

    AsyncWriter(int bufferSize) {
        for (int i = 0; i < BUFFERS; i++) {
            free.add(ByteBuffer.allocateDirect(bufferSize));
        }
        thread = new Thread(this::loop, "baton-extract-writer");
        thread.setDaemon(true);
        thread.start();
    }

    /** A free, cleared buffer; waits while all are being written. */
    ByteBuffer take() throws IOException {
        check();
        try {
            return free.take().clear();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while waiting for the writer");
        }
    }

    /** Queues {@code data} (flipped, from {@link #take}) to be written at {@code position}. */
    void submit(FileChannel file, ByteBuffer data, long position) throws IOException {
        put(new Job(file, data, position, null));
    }

    /** Waits until everything submitted is written. */
    void drain() throws IOException {
        CountDownLatch done = new CountDownLatch(1);
        put(new Job(null, null, 0, done));
        try {
            done.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while waiting for the writer");
        }
        check();
    }

    @Override
    public void close() throws IOException {
        if (stopped) {
            return;
        }
        stopped = true;
        try {
            drain();
        } finally {
            jobs.add(STOP);
        }
    }

    private void put(Job job) throws IOException {
        check();
        try {
            jobs.put(job);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while handing data to the writer");
        }
    }

    private void check() throws IOException {
        IOException f = failure;
        if (f != null) {
            throw new IOException(f.getMessage(), f);
        }
    }

    private void loop() {
        while (true) {
            Job job;
            try {
                job = jobs.take();
            } catch (InterruptedException e) {
                return;
            }
            if (job == STOP) {
                return;
            }
            if (job.done() != null) {
                job.done().countDown();
                continue;
            }
            try {
                if (failure == null) {
                    long pos = job.position();
                    while (job.data().hasRemaining()) {
                        pos += job.file().write(job.data(), pos);
                    }
                }
            } catch (IOException e) {
                failure = e; // reported to the reader at its next call; buffers keep circulating
            } finally {
                free.add(job.data());
            }
        }
    }
}
