package dev.baton.testkit.example;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.baton.core.describe.StateDescription;
import dev.baton.core.engine.SectionRegistry;
import dev.baton.core.wire.WriterOptions;
import dev.baton.testkit.GoldenStreams;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/** The kit on the two-release example: the current build is release 2.0. */
class KvGoldenStreamsTest {
    private static final Path GOLDEN = Path.of("src/test/resources/golden/kv");

    private static final GoldenStreams KIT = GoldenStreams.in(GOLDEN).releases(KvRelease2.RELEASES);

    private static Kv.Store storeOf(SectionRegistry registry) {
        return (Kv.Store) registry.find("kv.store", 0).object();
    }

    @TestFactory
    Stream<DynamicTest> everyReleasesStreamsLoadInTheCurrentBuild() {
        return KIT.forward(() -> KvRelease2.registry(new Kv.Store()), (file, registry) -> {
            Kv.Store s = storeOf(registry);
            assertThat(s.name).isEqualTo("orders");
            assertThat(s.entries).extracting(e -> e.key).containsExactly("a", "b", "c");
            assertThat(s.writes).isEqualTo(42);
            boolean from2 = file.toString().contains("2.0");
            assertThat(s.readOnly).isEqualTo(from2); // 1.0 had no flag: it stays at its default
            assertThat(s.entries.get(1).expiresAt).isEqualTo(from2 ? 1_900_000_000L : 0);
        });
    }

    @TestFactory
    Stream<DynamicTest> whatTheCurrentBuildWritesForAnOlderReleaseLoadsThere() {
        return KIT.backward(() -> KvRelease2.registry(Kv.sample()),
                Map.of("1.0", () -> KvRelease1.registry(new Kv.Store())), (release, registry) -> {
                    Kv.Store s = storeOf(registry);
                    assertThat(s.name).isEqualTo("orders");
                    assertThat(s.entries).extracting(e -> e.value).containsExactly("1", "2", "3");
                });
    }

    @Test
    void theKitCatchesABreakingChange() {
        // A "release 2.1" that turned the entry values into numbers cannot load the older streams.
        StateDescription<Kv.Entry> entry = StateDescription.<Kv.Entry>builder("kv.entry", Kv.Entry::new)
                .string("key", e -> e.key, (e, v) -> e.key = v)
                .u32("value", e -> 0, (e, v) -> e.value = String.valueOf(v))
                .build();
        StateDescription<Kv.Store> store = StateDescription.<Kv.Store>builder("kv.store").version(2).minimumVersion(1)
                .string("name", s -> s.name, (s, v) -> s.name = v)
                .list("entries", entry, s -> s.entries, (s, v) -> s.entries = v)
                .build();
        List<DynamicTest> tests = KIT.forward(() -> new SectionRegistry().register("kv.store", 0, store,
                new Kv.Store()), (f, r) -> { }).toList();
        assertThat(tests).hasSize(2);
        for (DynamicTest t : tests) {
            assertThatThrownBy(() -> t.getExecutable().execute()).hasMessageContaining("section kv.store/0, field entries");
        }
    }

    @Test
    void aStreamOfAnUnlistedReleaseFails() {
        GoldenStreams onlyTwo = GoldenStreams.in(GOLDEN).releases(dev.baton.core.engine.ReleaseProfiles.builder()
                .release("2.0").build());
        DynamicTest first = onlyTwo.forward(() -> KvRelease2.registry(new Kv.Store()), (f, r) -> { }).findFirst()
                .orElseThrow();
        assertThatThrownBy(() -> first.getExecutable().execute())
                .hasMessageContaining("streams recorded for release '1.0', which the release profiles do not list");
    }

    /** Records the releases' sample streams; run once per release with -Dbaton.golden.record=true, then commit. */
    @Test
    void recordTheReleasesStreams() throws Exception {
        Assumptions.assumeTrue(System.getProperty("baton.golden.record") != null,
                "records golden streams only when run with -Dbaton.golden.record=true");
        WriterOptions options = WriterOptions.defaults().withProducer("kv-example", "1.0.0")
                .withCreated(Instant.parse("2026-11-01T00:00:00Z"));
        KIT.record("1.0", "store", KvRelease1.registry(Kv.sample()), options);
        KIT.record("2.0", "store", KvRelease2.registry(Kv.sample()), options.withProducer("kv-example", "2.0.0"));
    }
}
