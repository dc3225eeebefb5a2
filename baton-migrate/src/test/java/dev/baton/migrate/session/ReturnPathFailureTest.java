package dev.baton.migrate.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.baton.migrate.StateDigest;
import dev.baton.migrate.sample.SampleApplication;
import dev.baton.migrate.transport.Transport;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.WritableByteChannel;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * The thread that reads the target's answers on the source's side fails (out of memory: injected
 * into its reads of a real TCP connection): the session fails at once, naming it, rather than
 * leaving a stack trace and waiting for an answer until its timeout; the source resumes with its
 * state as it was, and the target discards.
 */
class ReturnPathFailureTest {
    /** Far beyond what the migration takes: the failure must end the wait, not this. */
    private static final Duration TIMEOUT = Duration.ofMinutes(2);

    @Test
    void anErrorOnTheReturnPathsThreadFailsTheSessionAndTheSourceResumes() throws Exception {
        SampleApplication source = FaultTrials.source();
        String before = StateDigest.of(source);
        try (Loopback loop = Loopback.tcp(TargetSession.builder(FaultTrials::emptyTarget).build(), TIMEOUT)) {
            Transport tcp = loop.connect(TIMEOUT);
            Throwable failed = catchThrowable(() -> SourceSession.builder(source).timeout(TIMEOUT).build()
                    .migrate(new ReaderThreadFails(tcp)));
            assertThat(failed).isInstanceOf(MigrationFailedException.class);
            assertThat(failed.getMessage()).contains("the reader of the return path failed: "
                    + "java.lang.OutOfMemoryError: injected").doesNotContain("\n");
            assertThat(source.state()).isEqualTo("running");
            assertThat(StateDigest.of(source)).isEqualTo(before);
            assertThat(loop.failure()).isInstanceOf(MigrationFailedException.class);
        }
    }

    /** A transport whose return path, read by the session's answer thread, throws OutOfMemoryError. */
    private record ReaderThreadFails(Transport t) implements Transport {
        @Override
        public ReadableByteChannel in() {
            ReadableByteChannel in = t.in();
            return new ReadableByteChannel() {
                @Override
                public int read(ByteBuffer dst) throws IOException {
                    if (Thread.currentThread().getName().equals("baton-return-path")) {
                        throw new OutOfMemoryError("injected");
                    }
                    return in.read(dst);
                }

                @Override
                public boolean isOpen() {
                    return in.isOpen();
                }

                @Override
                public void close() throws IOException {
                    in.close();
                }
            };
        }

        @Override
        public WritableByteChannel out() {
            return t.out();
        }

        @Override
        public boolean hasReturnPath() {
            return t.hasReturnPath();
        }

        @Override
        public String description() {
            return t.description();
        }

        @Override
        public void finishOutput() throws IOException {
            t.finishOutput();
        }

        @Override
        public void timeReads(boolean on) {
            t.timeReads(on);
        }

        @Override
        public void clock(dev.baton.migrate.MigrationClock clock) {
            t.clock(clock);
        }

        @Override
        public void abort() {
            t.abort();
        }

        @Override
        public String stalled() {
            return t.stalled();
        }

        @Override
        public void close() throws IOException {
            t.close();
        }
    }
}
