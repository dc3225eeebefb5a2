package dev.baton.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.baton.core.wire.ReaderOptions;
import dev.baton.core.wire.RecordReader;
import dev.baton.core.wire.RecordType;
import dev.baton.core.wire.StreamRecord;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A stream saved for an older release, whose profile pins a section to an older version:
 * {@code inspect}, {@code verify} and {@code check} tell the same story about it. The section
 * headers carry the pinned version; the DESCRIPTION describes the sections at that version, so
 * that inspect decodes them and check finds what the stream carries readable by that release.
 */
class OlderProfileStreamIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path CLASSES = Path.of("target", "test-classes").toAbsolutePath();

    @TempDir
    Path dir;

    /** The thermostat application (release 2.0) migrated into a file for release 1.0, which reads it at version 1. */
    private Path sentForRelease1() throws IOException {
        Path services = dir.resolve("services");
        Files.createDirectories(services.resolve("META-INF/services"));
        Files.writeString(services.resolve("META-INF/services/dev.baton.migrate.MigratableApplication"),
                "dev.baton.cli.fixture.ThermostatApplication\n");
        Path stream = dir.resolve("thermostat-1.0.baton");
        Baton.Result send = Baton.run("migrate", "send", "--classpath", CLASSES + java.io.File.pathSeparator + services,
                "--app", "ThermostatApplication", "--profile", "1.0", "--to", stream.toString());
        assertThat(send.exit()).as(send.all()).isZero();
        return stream;
    }

    /** The description document {@code baton schema} prints for a fixture class. */
    private Path schema(String className) throws IOException {
        Baton.Result r = Baton.run("schema", "--classpath", CLASSES.toString(), "dev.baton.cli.fixture." + className);
        assertThat(r.exit()).as(r.err()).isZero();
        Path file = dir.resolve(className + ".json");
        Files.writeString(file, r.out());
        return file;
    }

    /** The stream's DESCRIPTION record, as a description document of its own. */
    private Path descriptionOf(Path stream) throws IOException {
        try (RecordReader r = RecordReader.open(stream, ReaderOptions.defaults())) {
            for (StreamRecord rec = r.next(); rec != null; rec = r.next()) {
                if (rec.type() == RecordType.DESCRIPTION) {
                    ByteBuffer body = rec.body();
                    byte[] json = new byte[body.remaining()];
                    body.get(json);
                    Path file = dir.resolve("description.json");
                    Files.write(file, json);
                    return file;
                }
            }
        }
        throw new AssertionError(stream + " has no DESCRIPTION");
    }

    @Test
    void inspectVerifyAndCheckAgreeOnAStreamWrittenForAnOlderRelease() throws IOException {
        Path stream = sentForRelease1();

        // inspect: the header says profile 1.0; the section is at version 1 and decodes with release 1.0's fields
        Baton.Result inspect = Baton.run("inspect", "--json", stream.toString());
        assertThat(inspect.exit()).as(inspect.all()).isZero();
        JsonNode listing = JSON.readTree(inspect.out());
        assertThat(listing.at("/header/profile").asText()).isEqualTo("1.0");
        List<JsonNode> sections = new ArrayList<>();
        for (JsonNode r : listing.get("records")) {
            if (r.has("section")) {
                sections.add(r);
            }
        }
        assertThat(sections).hasSize(1);
        JsonNode section = sections.getFirst();
        assertThat(section.at("/section/idstr").asText()).isEqualTo("thermostat");
        assertThat(section.at("/section/version").asInt()).isEqualTo(1);
        assertThat(section.has("note")).as(section.toString()).isFalse();
        assertThat(section.get("fields")).isEqualTo(JSON.readTree("{\"target\": 21.5}"));

        // the DESCRIPTION says the version the section header carries, for the section and its description
        JsonNode description = JSON.readTree(descriptionOf(stream).toFile());
        assertThat(description.at("/sections/0/idstr").asText()).isEqualTo("thermostat");
        assertThat(description.at("/sections/0/version").asInt()).isEqualTo(section.at("/section/version").asInt());
        assertThat(description.at("/descriptions/thermostat/version").asInt()).isEqualTo(1);

        // verify: valid
        Baton.Result verify = Baton.run("verify", stream.toString());
        assertThat(verify.exit()).as(verify.all()).isZero();
        assertThat(verify.out()).startsWith(stream + ": valid: ");

        // check: what the stream carries, read by release 1.0 (forward from the stream's own description) ...
        Path release1 = schema("ThermostatRelease1");
        Baton.Result carried = Baton.run("check", "--direction", "forward", descriptionOf(stream).toString(),
                release1.toString());
        assertThat(carried.exit()).as(carried.all()).isZero();
        assertThat(carried.out()).endsWith("compatible (forward): 0 errors, 0 warnings, 0 notes\n");
        // ... and what the current build writes for 1.0, by its schema, are compatible with release 1.0 alike
        Baton.Result written = Baton.run("check", "--direction", "backward", "--profile", "1.0", release1.toString(),
                schema("ThermostatDescriptions").toString());
        assertThat(written.exit()).as(written.all()).isZero();
        assertThat(written.out()).endsWith("compatible (backward, profile 1.0): 0 errors, 0 warnings, 0 notes\n");
    }
}
