package dev.baton.core.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.core.describe.StateDescription;
import dev.baton.core.wire.ReaderOptions;
import dev.baton.core.wire.RecordReader;
import dev.baton.core.wire.RecordWriter;
import dev.baton.core.wire.WriterOptions;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BrokenBarrierException;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;

/**
 * One {@link StateSaver}, shared by two threads that save at once: each save walks the
 * descriptions with a version cursor of its own, so neither sees the version the other is
 * writing at. A shared cursor fails here in the first round: the two walks meet inside their
 * descriptions (a barrier in a {@code when} predicate), and then one of them reads the version
 * the other entered last.
 */
class SharedSaverTest {
    private static final int ROUNDS = 200;

    /** A probe's state; the source's probes meet the other thread's walk at {@code meet}. */
    static final class Probe {
        int tag;
        long late;
        CyclicBarrier rendezvous;

        /** Waits, on the source only, until the other walk is inside its description too. */
        boolean meet() {
            if (rendezvous != null) {
                try {
                    rendezvous.await(60, TimeUnit.SECONDS); // a bound, not a timing: the other thread failed
                } catch (InterruptedException | BrokenBarrierException | TimeoutException e) {
                    throw new IllegalStateException("the other walk never arrived", e);
                }
            }
            return true;
        }
    }

    /** Version 2 of a probe: {@code late} is on the wire from version 2, after the walks met. */
    private static StateDescription<Probe> probe(String name) {
        return StateDescription.<Probe>builder(name).version(2).minimumVersion(1)
                .u8("tag", p -> p.tag, (p, v) -> p.tag = v).when("meets the other walk", (p, ctx) -> p.meet())
                .u32("late", p -> p.late, (p, v) -> p.late = v).since(2)
                .build();
    }

    private static final StateDescription<Probe> A = probe("probe.a");
    private static final StateDescription<Probe> B = probe("probe.b");

    /** Release 1.0 reads probe.b at version 1 only: the shared saver writes for it, probe.a at version 2. */
    private static final ReleaseProfiles RELEASES = ReleaseProfiles.builder()
            .release("1.0").pinVersion("probe.b", 1)
            .release("2.0")
            .build();

    @Test
    void twoThreadsSavingThroughOneSaverEachWriteTheirOwnState() throws Exception {
        CyclicBarrier rendezvous = new CyclicBarrier(2);
        Probe a = probe(1, 0xA11CE, rendezvous);
        Probe b = probe(2, 0xB0B, rendezvous);
        SectionRegistry registry = new SectionRegistry().register("a", 0, A, a, Part.STATIC)
                .register("b", 0, B, b, Part.STATIC);
        StateSaver shared = StateSaver.of(registry).forProfile(RELEASES.profile("1.0"));

        ExecutorService threads = Executors.newFixedThreadPool(2);
        try {
            Future<List<byte[]>> fromA = threads.submit(() -> saveRounds(shared, registry.find("a", 0)));
            Future<List<byte[]>> fromB = threads.submit(() -> saveRounds(shared, registry.find("b", 0)));
            List<byte[]> streamsA = fromA.get(5, TimeUnit.MINUTES);
            List<byte[]> streamsB = fromB.get(5, TimeUnit.MINUTES);

            for (int round = 0; round < ROUNDS; round++) {
                Probe loadedA = load("a", A, streamsA.get(round));
                assertThat(loadedA.tag).as("round %d: probe.a's tag", round).isEqualTo(1);
                assertThat(loadedA.late).as("round %d: probe.a at version 2 carries late", round).isEqualTo(0xA11CE);
                Probe loadedB = load("b", B, streamsB.get(round));
                assertThat(loadedB.tag).as("round %d: probe.b's tag", round).isEqualTo(2);
                assertThat(loadedB.late).as("round %d: probe.b pinned to version 1 leaves late out", round)
                        .isZero();
            }
        } finally {
            threads.shutdownNow();
        }
    }

    private static Probe probe(int tag, long late, CyclicBarrier rendezvous) {
        Probe p = new Probe();
        p.tag = tag;
        p.late = late;
        p.rendezvous = rendezvous;
        return p;
    }

    /** Saves {@code section} in a stream of its own, once a round, through the shared saver. */
    private static List<byte[]> saveRounds(StateSaver shared, RegisteredSection<?> section) throws Exception {
        List<byte[]> streams = new ArrayList<>();
        for (int round = 0; round < ROUNDS; round++) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            try (RecordWriter w = RecordWriter.open(out, WriterOptions.defaults().withProfile("1.0"))) {
                StateSaver.Save save = shared.start(w);
                save.description();
                save.section(section);
                save.staticDataEnd();
                save.end();
            }
            streams.add(out.toByteArray());
        }
        return streams;
    }

    /** Loads a stream into a new probe, as release 2.0 does with the stream's profile 1.0. */
    private static Probe load(String idstr, StateDescription<Probe> d, byte[] stream) throws Exception {
        Probe p = new Probe();
        try (RecordReader r = RecordReader.open(ByteBuffer.wrap(stream), ReaderOptions.defaults())) {
            StateLoader.of(new SectionRegistry().register(idstr, 0, d, p, Part.STATIC)).withProfiles(RELEASES).load(r);
        }
        return p;
    }
}
