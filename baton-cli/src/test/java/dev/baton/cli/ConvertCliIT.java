package dev.baton.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.baton.cli.fixture.ThermostatApplication;
import dev.baton.cli.fixture.ThermostatDescriptions;
import dev.baton.cli.fixture.ThermostatJar;
import dev.baton.cli.fixture.ThermostatRelease1;
import dev.baton.core.engine.Part;
import dev.baton.core.engine.SectionRegistry;
import dev.baton.core.engine.StateLoader;
import dev.baton.core.engine.StateSaver;
import dev.baton.core.wire.ReaderOptions;
import dev.baton.core.wire.RecordReader;
import dev.baton.core.wire.RecordWriter;
import dev.baton.core.wire.WriterOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code baton convert}, the real command in a child JVM: a test pair of releases (the thermostat
 * fixture's 2.0 as a jar, its 1.0 as a class on a class path) and the reference store's two
 * releases (classes on baton's own class path), both ways; what cannot be converted fails in one
 * line and writes nothing.
 */
class ConvertCliIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path CLASSES = ThermostatJar.CLASSES;
    private static final Path GOLDEN = Path.of("../baton-store/src/test/resources/golden/store");
    private static final String STORE_1 = "dev.baton.store.state.StoreRelease1";
    private static final String STORE_2 = "dev.baton.store.state.StoreRelease2";
    private static final String THERMOSTAT_1 = "dev.baton.cli.fixture.ThermostatRelease1";

    @TempDir
    Path dir;

    /** Release 2.0 of the thermostat, as its jar lists it. */
    private Path thermostat2() throws IOException {
        return ThermostatJar.write(dir.resolve("thermostat-2.0.jar"));
    }

    /** What release 2.0 saves: 21.5 degrees, heating (release 1.0 knows the target only). */
    private Path savedBy2() throws IOException {
        ThermostatApplication app = new ThermostatApplication();
        app.launch();
        Path file = dir.resolve("thermostat-2.0.baton");
        try (RecordWriter w = RecordWriter.open(file, WriterOptions.defaults().withProducer("thermostat", "2.0")
                .withProfile("2.0"))) {
            StateSaver.of(app.registry()).forProfile(ThermostatDescriptions.RELEASES.profile("2.0")).save(w);
        }
        return file;
    }

    private static JsonNode fields(Path stream) throws IOException {
        Baton.Result inspect = Baton.run("inspect", "--json", stream.toString());
        assertThat(inspect.exit()).as(inspect.all()).isZero();
        for (JsonNode r : JSON.readTree(inspect.out()).get("records")) {
            if (r.has("section")) {
                return r.get("fields");
            }
        }
        throw new AssertionError("no section in " + stream);
    }

    @Test
    void aTestPairOfReleasesConvertsBothWaysAndEachLoadsWhatTheOtherWrote() throws Exception {
        Path jar = thermostat2();
        Path stream = savedBy2();
        Path older = dir.resolve("thermostat-1.0.baton");
        Baton.Result down = Baton.run("convert", "--from", jar.toString(), "--to", THERMOSTAT_1, "--to-classpath",
                CLASSES.toString(), "--profile", "1.0", stream.toString(), older.toString());
        assertThat(down.exit()).as(down.all()).isZero();
        assertThat(Baton.unwrap(down.out())).isEqualTo(stream + " -> " + older + ": 1 section of release " + jar
                + " written for release " + THERMOSTAT_1 + ", profile 1.0; " + Files.size(stream) + " -> "
                + Files.size(older) + " octets\nleft out: thermostat/0 heating: the profile writes 'thermostat' at "
                + "version 1, before the field\n");
        assertThat(fields(older)).isEqualTo(JSON.readTree("{\"target\": 21.5}"));
        // release 1.0's own description loads it
        var thermostat = new ThermostatDescriptions.Thermostat();
        try (RecordReader r = RecordReader.open(older, ReaderOptions.defaults())) {
            assertThat(r.header().profile()).isEqualTo("1.0");
            // converted by baton-convert, from the producer that wrote it: no quirk of that producer applies
            assertThat(r.header().producerName()).isEqualTo("baton-convert");
            assertThat(r.header().producerVersion()).startsWith("thermostat");
            StateLoader.of(new SectionRegistry().register("thermostat", 0, ThermostatRelease1.THERMOSTAT, thermostat,
                    Part.DYNAMIC)).load(r);
        }

        Path newer = dir.resolve("thermostat-again.baton");
        Baton.Result up = Baton.run("convert", "--json", "--from", THERMOSTAT_1, "--from-classpath",
                CLASSES.toString(), "--to", jar.toString(), older.toString(), newer.toString());
        assertThat(up.exit()).as(up.all()).isZero();
        JsonNode doc = JSON.readTree(up.out());
        assertThat(doc.get("converted").asBoolean()).isTrue();
        assertThat(doc.get("profile").asText()).isEqualTo("2.0");
        assertThat(doc.get("sections").asInt()).isEqualTo(1);
        assertThat(doc.get("outputOctets").asLong()).isEqualTo(Files.size(newer));
        assertThat(doc.get("leftOut")).isEmpty();
        // 2.0's heating, which 1.0 never had, is false: what 2.0 loading 1.0's stream keeps
        assertThat(fields(newer)).isEqualTo(JSON.readTree("{\"target\": 21.5, \"heating\": false}"));
        try (RecordReader r = RecordReader.open(newer, ReaderOptions.defaults())) {
            StateLoader.of(new SectionRegistry().register("thermostat", 0, ThermostatDescriptions.THERMOSTAT,
                    new ThermostatDescriptions.Thermostat(), Part.DYNAMIC))
                    .withProfiles(ThermostatDescriptions.RELEASES).load(r);
        }
    }

    @Test
    void whatTheOtherReleaseCannotHoldFailsInOneLineAndWritesNothing() throws Exception {
        Path jar = thermostat2();
        Path stream = savedBy2();
        Path out = dir.resolve("never.baton");
        String line = "baton convert: " + stream + ": section thermostat/0, field heating: release " + THERMOSTAT_1
                + "'s 'thermostat' has no such field: its value would be lost\n";
        Baton.Result r = Baton.run("convert", "--from", jar.toString(), "--to", THERMOSTAT_1, "--to-classpath",
                CLASSES.toString(), stream.toString(), out.toString());
        assertThat(r.exit()).as(r.all()).isEqualTo(1);
        assertThat(r.out()).isEmpty();
        assertThat(r.err()).isEqualTo(line);
        assertThat(out).doesNotExist();
        assertThat(dir).isDirectoryNotContaining(p -> p.getFileName().toString().endsWith(".tmp"));

        // an OUT that exists is left as it was; --json says why in the document too
        Path kept = Files.writeString(dir.resolve("kept.baton"), "what was there");
        Baton.Result json = Baton.run("convert", "--json", "--from", jar.toString(), "--to", THERMOSTAT_1,
                "--to-classpath", CLASSES.toString(), stream.toString(), kept.toString());
        assertThat(json.exit()).isEqualTo(1);
        assertThat(json.err()).isEqualTo(line);
        JsonNode doc = JSON.readTree(json.out());
        assertThat(doc.get("converted").asBoolean()).isFalse();
        assertThat(doc.get("input").asText()).isEqualTo(stream.toString());
        assertThat(doc.at("/error/message").asText())
                .isEqualTo(line.substring(("baton convert: " + stream + ": ").length()).strip());
        assertThat(doc.at("/error/problem").asText()).isEqualTo(doc.at("/error/message").asText());
        assertThat(kept).hasContent("what was there");

        // octets after END: the stream is not whole, and nothing is written
        Path trailing = dir.resolve("trailing.baton");
        Files.write(trailing, Files.readAllBytes(stream));
        Files.write(trailing, new byte[] {1, 2, 3}, java.nio.file.StandardOpenOption.APPEND);
        Baton.Result after = Baton.run("convert", "--from", jar.toString(), "--to", jar.toString(), trailing.toString(),
                out.toString());
        assertThat(after.exit()).as(after.all()).isEqualTo(1);
        assertThat(after.err()).startsWith("baton convert: " + trailing + ": offset " + Files.size(stream))
                .hasLineCount(1);
        assertThat(out).doesNotExist();

        // a stream a migration wrote carries baton-migrate's own records, which no description converts
        Path migration = dir.resolve("migration.baton");
        assertThat(Baton.run(List.of("-Dbaton.sample.mib=1", "-Dbaton.sample.sessions=10"), null, "sample",
                "--migration", migration.toString()).exit()).isZero();
        Baton.Result records = Baton.run("convert", "--from", jar.toString(), "--to", jar.toString(),
                migration.toString(), out.toString());
        assertThat(records.exit()).isEqualTo(1);
        assertThat(records.err()).startsWith("baton convert: " + migration + ": ").hasLineCount(1);
        assertThat(out).doesNotExist();
    }

    @Test
    void usageAndReleasesThatAreNoneAreExit2() throws Exception {
        Path jar = thermostat2();
        Path stream = savedBy2();
        Baton.Result profile = Baton.run("convert", "--from", jar.toString(), "--to", jar.toString(), "--profile", "3.0",
                stream.toString(), dir.resolve("x.baton").toString());
        assertThat(profile.exit()).isEqualTo(2);
        assertThat(profile.err()).isEqualTo("baton convert: invalid value for option '--profile': no release profile "
                + "'3.0': " + jar + " defines [1.0, 2.0], " + jar + " defines [1.0, 2.0] (see 'baton convert --help')\n");
        Baton.Result none = Baton.run("convert", "--from", "com.example.Nope", "--to", jar.toString(),
                stream.toString(), dir.resolve("x.baton").toString());
        assertThat(none.exit()).isEqualTo(2);
        assertThat(none.err()).startsWith("baton convert: no class com.example.Nope on the class path");
        // --json and OUT - would share standard output: refused before a release is read (StreamOutput's one check)
        Baton.Result jsonToStdout = Baton.run("convert", "--json", "--from", "com.example.Nope", "--to", jar.toString(),
                stream.toString(), "-");
        assertThat(jsonToStdout.exit()).isEqualTo(2);
        assertThat(jsonToStdout.out()).isEmpty();
        assertThat(jsonToStdout.err()).isEqualTo("baton convert: --json prints on standard output, which OUT - takes "
                + "for the stream: name a file (see 'baton convert --help')\n");
        Path notADocument = Files.writeString(dir.resolve("not.json"), "{\"descriptions\": 3}");
        Baton.Result bad = Baton.run("convert", "--from", notADocument.toString(), "--to", jar.toString(),
                stream.toString(), dir.resolve("x.baton").toString());
        assertThat(bad.exit()).isEqualTo(1);
        assertThat(bad.err()).startsWith("baton convert: " + notADocument + " is not a description document from "
                + "`baton schema`: ").hasLineCount(1);
        assertThat(dir.resolve("x.baton")).doesNotExist();
    }

    @Test
    void theReferenceStoresStateConvertsBetweenItsReleasesBothWays() throws Exception {
        Path older = dir.resolve("store-1.0.baton");
        Baton.Result down = Baton.run("convert", "--from", STORE_2, "--to", STORE_1, "--profile", "1.0",
                GOLDEN.resolve("2.0/store.baton").toString(), older.toString());
        assertThat(down.exit()).as(down.all()).isZero();
        assertThat(Baton.unwrap(down.out()).lines().toList()).containsExactly(
                GOLDEN.resolve("2.0/store.baton") + " -> " + older + ": 5 sections of release " + STORE_2
                        + " written for release " + STORE_1 + ", profile 1.0; " + Files.size(GOLDEN.resolve(
                                "2.0/store.baton")) + " -> " + Files.size(older) + " octets",
                "left out: store.nodes/0 (store.nodes/generations): the profile turns its gate 'store.generation' off",
                "left out: store.watches/0 watches[]/(store.watch/depth): the profile turns its gate 'store.watch-depth'"
                        + " off");
        assertThat(Baton.run("verify", older.toString()).exit()).isZero();
        Path newer = dir.resolve("store-2.0.baton");
        Baton.Result up = Baton.run("convert", "--from", STORE_1, "--to", STORE_2, older.toString(), newer.toString());
        assertThat(up.exit()).as(up.all()).isZero();
        assertThat(Baton.run("inspect", "--no-fields", newer.toString()).out()).contains("profile   2.0",
                "store.nodes/0 v1");
    }
}
