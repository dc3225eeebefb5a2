package dev.baton.store.state;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.core.document.Documents;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The reference store's golden streams, each release's, come back octet for octet from their JSON
 * document ({@code baton decode}, then {@code baton encode}), every section decoded into its fields.
 */
class StoreDocumentsTest {

    @ParameterizedTest(name = "release {0}")
    @ValueSource(strings = {"1.0", "2.0"})
    void aGoldenStreamComesBackFromItsDocument(String release) throws IOException {
        byte[] stream = Files.readAllBytes(Path.of("src", "test", "resources", "golden", "store", release,
                "store.baton"));
        Map<String, Object> doc = Documents.roundTrip(stream);
        assertThat(Documents.undecoded(doc)).isEmpty();
        assertThat(Documents.records(doc)).filteredOn(r -> "SECTION".equals(r.get("type"))).isNotEmpty()
                .allSatisfy(r -> assertThat(r).containsKey("fields"));
    }
}
