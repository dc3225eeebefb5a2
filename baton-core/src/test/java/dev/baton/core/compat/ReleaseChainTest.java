package dev.baton.core.compat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import dev.baton.core.compat.Finding.Direction;
import dev.baton.core.describe.StateDescription;
import dev.baton.core.engine.ReleaseProfiles;
import dev.baton.core.engine.SchemaDocument;
import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Three releases of a store, checked as a chain: 2.0 adds a field from version 2 and pins it off
 * for 1.0; 3.0 adds a gated subsection and no longer loads version 1, nor lists a profile for 1.0.
 * Each neighbour migrates both ways; 1.0 to 3.0 directly does not, either way: the double
 * migration QEMU's docs warn of.
 */
class ReleaseChainTest {
    static final class Store {
        long writes;
        boolean readOnly;
        long reads;
    }

    private static final StateDescription<Store> STATS = StateDescription.<Store>builder("store/stats")
            .u64("reads", s -> s.reads, (s, v) -> s.reads = v).build();

    private static ReleaseChain.Release release(String name, StateDescription<Store> d, ReleaseProfiles profiles)
            throws Exception {
        return new ReleaseChain.Release(name, Schema.parse(SchemaDocument.of(List.of(d), profiles)));
    }

    private static ReleaseChain chain() throws Exception {
        StateDescription<Store> v1 = StateDescription.<Store>builder("store")
                .u64("writes", s -> s.writes, (s, v) -> s.writes = v).build();
        StateDescription<Store> v2 = StateDescription.<Store>builder("store").version(2)
                .u64("writes", s -> s.writes, (s, v) -> s.writes = v)
                .bool("readOnly", s -> s.readOnly, (s, v) -> s.readOnly = v).since(2).build();
        StateDescription<Store> v3 = StateDescription.<Store>builder("store").version(2).minimumVersion(2)
                .u64("writes", s -> s.writes, (s, v) -> s.writes = v)
                .bool("readOnly", s -> s.readOnly, (s, v) -> s.readOnly = v).since(2)
                .subsection(STATS, "store.stats", (s, ctx) -> s.reads > 0).build();
        return new ReleaseChain(List.of(
                release("1.0", v1, null),
                release("2.0", v2, ReleaseProfiles.builder().release("1.0").pinVersion("store", 1).release("2.0")
                        .build()),
                release("3.0", v3, ReleaseProfiles.builder().release("2.0").pin("store.stats", "off").release("3.0")
                        .build())));
    }

    @Test
    void everyPairAUserCouldMeetIsChecked() throws Exception {
        List<ReleaseChain.Cell> cells = chain().check(EnumSet.allOf(Direction.class));
        assertThat(cells).extracting(c -> c.from().name(), c -> c.to().name(), ReleaseChain.Cell::direction,
                ReleaseChain.Cell::profile, ReleaseChain.Cell::compatible).containsExactly(
                tuple("1.0", "2.0", Direction.FORWARD, null, true),
                tuple("1.0", "3.0", Direction.FORWARD, null, false),
                tuple("2.0", "1.0", Direction.BACKWARD, "1.0", true),
                tuple("2.0", "3.0", Direction.FORWARD, null, true),
                tuple("3.0", "1.0", Direction.BACKWARD, null, false),
                tuple("3.0", "2.0", Direction.BACKWARD, "2.0", true));
        assertThat(cells.get(1).findings()).extracting(f -> f.kind().id(), Finding::message).containsExactly(
                tuple("minimum-version-too-high", "OLD writes 'store' at version 1, below NEW's minimum version 2"));
        assertThat(cells.get(4).findings()).extracting(f -> f.severity() + " " + f.kind().id()).containsExactly(
                "WARNING profile-missing", "ERROR version-too-new");
        assertThat(cells.get(4).findings().getFirst().message()).isEqualTo("NEW (3.0) lists no release profile "
                + "'1.0' (it lists [2.0, 3.0]): it writes its own versions");
        assertThat(cells.get(5).findings()).extracting(f -> f.severity() + " " + f.kind().id())
                .containsExactly("INFO subsection-gated");
    }

    /** A cell is what the two-release check finds for that pair, under the reading release's profile. */
    @Test
    void aCellIsThePairsOwnCheck() throws Exception {
        ReleaseChain c = chain();
        ReleaseChain.Release r2 = c.releases().get(1);
        ReleaseChain.Release r3 = c.releases().get(2);
        List<Finding> pair = new CompatibilityChecker(r2.schema(), r3.schema(), "2.0")
                .check(EnumSet.allOf(Direction.class));
        List<ReleaseChain.Cell> cells = c.check(EnumSet.allOf(Direction.class));
        assertThat(cells.get(3).findings()).isEqualTo(pair.stream().filter(f -> f.direction() == Direction.FORWARD)
                .toList());
        assertThat(cells.get(5).findings()).isEqualTo(pair.stream().filter(f -> f.direction() == Direction.BACKWARD)
                .toList());
    }

    @Test
    void oneDirectionChecksHalfTheMatrix() throws Exception {
        assertThat(chain().check(EnumSet.of(Direction.FORWARD))).extracting(c -> c.from().name() + ">" + c.to().name())
                .containsExactly("1.0>2.0", "1.0>3.0", "2.0>3.0");
        assertThat(chain().check(EnumSet.of(Direction.BACKWARD))).extracting(c -> c.from().name() + ">" + c.to().name())
                .containsExactly("2.0>1.0", "3.0>1.0", "3.0>2.0");
    }

    @Test
    void aChainNeedsTwoReleasesOfDistinctNames() throws Exception {
        ReleaseChain.Release one = chain().releases().getFirst();
        assertThatThrownBy(() -> new ReleaseChain(List.of(one))).hasMessage("a chain needs two releases or more, not 1");
        assertThatThrownBy(() -> new ReleaseChain(List.of(one, one))).hasMessage("two releases are named '1.0'");
    }

    @Test
    void aChainFileListsNamesAndFiles() {
        assertThat(ReleaseChain.parseList("# kv, oldest first\n1.0  kv-1.0.json\n\n2.0\tdocs/kv 2.0.json  # spaces\r\n"))
                .containsExactly(new ReleaseChain.Entry("1.0", "kv-1.0.json"),
                        new ReleaseChain.Entry("2.0", "docs/kv 2.0.json"));
        assertThatThrownBy(() -> ReleaseChain.parseList("1.0 a.json\n2.0\n"))
                .hasMessage("line 2: expected NAME FILE, a release and its description document, not '2.0'");
    }
}
