package dev.baton.store.state;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.core.compat.CompatibilityChecker;
import dev.baton.core.compat.Finding;
import dev.baton.core.compat.Schema;
import dev.baton.core.engine.DescriptionProvider;
import dev.baton.core.engine.SchemaDocument;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;

/** What tools see of the store's descriptions: {@code baton schema} finds them, {@code baton check} passes them. */
class StoreDescriptionsTest {

    private static Schema schema(DescriptionProvider p) throws Exception {
        return Schema.parse(SchemaDocument.of(List.of(p)));
    }

    @Test
    void batonSchemaFindsRelease20WithItsProfiles() {
        List<DescriptionProvider> found = new ArrayList<>();
        ServiceLoader.load(DescriptionProvider.class).forEach(found::add);
        assertThat(found).hasSize(1).first().isInstanceOf(StoreRelease2.class);
        String doc = SchemaDocument.of(found);
        assertThat(doc).contains("\"gate\":\"store.generation\"").contains("\"gate\":\"store.watch-depth\"")
                .contains("\"1.0\":{\"properties\":{").contains("\"store.generation\":\"off\"")
                .contains("\"store.watch-depth\":\"off\"");
    }

    @Test
    void release20IsCompatibleWithRelease10BothWaysUnderThe10Profile() throws Exception {
        List<Finding> findings = new CompatibilityChecker(schema(new StoreRelease1()), schema(new StoreRelease2()), "1.0")
                .check(EnumSet.allOf(Finding.Direction.class));
        assertThat(findings).noneMatch(f -> f.severity() == Finding.Severity.ERROR);
        assertThat(findings).filteredOn(f -> f.kind() == Finding.Kind.SUBSECTION_GATED).extracting(Finding::path)
                .anyMatch(p -> p.contains("store.nodes/generations")).anyMatch(p -> p.contains("store.watch/depth"));
    }

    @Test
    void withoutTheProfileRelease20WouldWriteWhat10CannotRead() throws Exception {
        List<Finding> findings = new CompatibilityChecker(schema(new StoreRelease1()), schema(new StoreRelease2()), null)
                .check(EnumSet.of(Finding.Direction.BACKWARD));
        assertThat(findings).filteredOn(f -> f.severity() == Finding.Severity.ERROR).extracting(Finding::kind)
                .containsOnly(Finding.Kind.SUBSECTION_UNKNOWN, Finding.Kind.NESTED_CHANGED).contains(Finding.Kind.SUBSECTION_UNKNOWN);
    }

    @Test
    void release10HasNoSubsectionsAndBothWriteVersion1() {
        for (var d : StoreRelease1.DESCRIPTIONS.all()) {
            assertThat(d.version()).isEqualTo(1);
        }
        assertThat(StoreRelease1.NODES.subsections()).isEmpty();
        assertThat(StoreRelease1.WATCH.subsections()).isEmpty();
        assertThat(StoreRelease2.NODES.subsections()).extracting(s -> s.name()).containsExactly("store.nodes/generations");
        assertThat(StoreRelease2.WATCH.subsections()).extracting(s -> s.name()).containsExactly("store.watch/depth");
    }
}
