package dev.baton.migrate.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.baton.migrate.StateDigest;
import dev.baton.migrate.sample.SampleApplication;
import dev.baton.migrate.transport.FileTransport;
import dev.baton.migrate.transport.PipeTransport;
import java.io.RandomAccessFile;
import java.nio.channels.Pipe;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Files and pipes have no return path: no handshake, and they say so; the stream alone carries everything. */
class OneWayTransportTest {
    @TempDir
    Path dir;

    private static SampleApplication target() {
        return new SampleApplication(1 << 20, 30, 0);
    }

    @Test
    void throughAFile() throws Exception {
        SampleApplication source = new SampleApplication(1 << 20, 30, 20_000).fill(11).start();
        Path file = dir.resolve("state.baton");
        Recorder events = new Recorder();
        MigrationStats stats = SourceSession.builder(source).listener(events).build().migrate(FileTransport.create(file));
        assertThat(stats.targetConfirmed()).isFalse();
        MigrationEvent.Handshake h = events.one(MigrationEvent.Handshake.class);
        assertThat(h.returnPath()).isFalse();
        assertThat(h.note()).startsWith("file " + file + " has no return path: no handshake, no refusal before the"
                + " dynamic state and no acknowledgement; writing this source's newest versions for profile 2.0");
        assertThat(stats.octets()).isEqualTo(Files.size(file));

        Recorder targetEvents = new Recorder();
        SampleApplication migrated = (SampleApplication) TargetSession.builder(OneWayTransportTest::target)
                .listener(targetEvents).build().receive(FileTransport.open(file));
        assertThat(StateDigest.of(migrated)).isEqualTo(StateDigest.of(source));
        assertThat(targetEvents.one(MigrationEvent.Handshake.class).returnPath()).isFalse();
        assertThat(migrated.state()).isEqualTo("active");
    }

    @Test
    void aTruncatedOrCorruptedFileIsDiscarded() throws Exception {
        SampleApplication source = new SampleApplication(1 << 20, 30, 0).fill(11);
        Path file = dir.resolve("state.baton");
        SourceSession.builder(source).build().migrate(FileTransport.create(file));
        long size = Files.size(file);
        Path cut = dir.resolve("cut.baton");
        Files.copy(file, cut);
        try (RandomAccessFile f = new RandomAccessFile(cut.toFile(), "rw")) {
            f.setLength(size - 20);
        }
        assertThatThrownBy(() -> TargetSession.builder(OneWayTransportTest::target).build().receive(FileTransport.open(cut)))
                .isInstanceOf(MigrationFailedException.class).hasMessageContaining("truncated")
                .hasMessageEndingWith("; the target discarded what it loaded");
        Path bad = dir.resolve("bad.baton");
        Files.copy(file, bad);
        try (RandomAccessFile f = new RandomAccessFile(bad.toFile(), "rw")) {
            f.seek(size / 2);
            int b = f.read();
            f.seek(size / 2);
            f.write(b ^ 0x10);
        }
        assertThatThrownBy(() -> TargetSession.builder(OneWayTransportTest::target).build().receive(FileTransport.open(bad)))
                .isInstanceOf(MigrationFailedException.class).hasMessageContaining("checksum mismatch");
    }

    @Test
    void aFileOfAnotherApplicationIsRefused() throws Exception {
        SampleApplication source = new SampleApplication(1 << 20, 30, 0).fill(11);
        Path file = dir.resolve("state.baton");
        SourceSession.builder(source).build().migrate(FileTransport.create(file));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> TargetSession.builder(() -> new Delegating(target()) {
            @Override
            public String name() {
                return "other-app";
            }
        }).build().receive(FileTransport.open(file))).hasMessage("migration refused: the stream was written by"
                + " 'baton-sample', this target is 'other-app'; the target discarded what it loaded");
    }

    @Test
    void throughAPipe() throws Exception {
        SampleApplication source = new SampleApplication(1 << 20, 30, 20_000).fill(12).start();
        Pipe pipe = Pipe.open();
        CompletableFuture<SampleApplication> target = CompletableFuture.supplyAsync(() -> {
            try {
                return (SampleApplication) TargetSession.builder(OneWayTransportTest::target).build()
                        .receive(PipeTransport.of(pipe.source(), null, Duration.ofSeconds(5), "test pipe"));
            } catch (MigrationFailedException e) {
                throw new java.util.concurrent.CompletionException(e);
            }
        });
        SourceSession.builder(source).build().migrate(PipeTransport.of(null, pipe.sink(), Duration.ofSeconds(5),
                "test pipe"));
        assertThat(StateDigest.of(target.get())).isEqualTo(StateDigest.of(source));
    }
}
