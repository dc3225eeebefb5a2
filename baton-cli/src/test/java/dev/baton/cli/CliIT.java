package dev.baton.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.baton.core.wire.RecordWriter;
import dev.baton.core.wire.WriterOptions;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The real command: output, JSON and exit codes, on good and bad streams. */
class CliIT {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private Path sample(String name, String... options) {
        Path file = dir.resolve(name);
        String[] args = new String[options.length + 2];
        args[0] = "sample";
        args[1] = file.toString();
        System.arraycopy(options, 0, args, 2, options.length);
        Baton.Result r = Baton.run(args);
        assertThat(r.exit()).as(r.err()).isZero();
        return file;
    }

    /** Offset of record {@code index}, as inspect --json reports it. */
    private static long offsetOf(Path file, int index) throws IOException {
        return JSON.readTree(Baton.run("inspect", "--json", "--no-fields", file.toString()).out())
                .at("/records/" + index + "/offset").asLong();
    }

    private static void assertNoStackTrace(Baton.Result r) {
        assertThat(r.all()).doesNotContain("Exception", "\tat ", "at dev.baton");
    }

    @Test
    void helpAndVersion() {
        Baton.Result help = Baton.run("--help");
        assertThat(help.exit()).isZero();
        assertThat(help.out()).contains("sample", "inspect", "verify", "demo", "Exit codes");
        for (String sub : List.of("sample", "inspect", "verify", "demo")) {
            Baton.Result r = Baton.run(sub, "--help");
            assertThat(r.exit()).as(sub).isZero();
            assertThat(r.out()).as(sub).contains("Usage: baton " + sub);
        }
        Baton.Result version = Baton.run("--version");
        assertThat(version.exit()).isZero();
        assertThat(version.out()).contains("baton 0.1", "stream format versions [1, 1]");
    }

    /**
     * A run builds only the command its first argument names (a faster start); help, suggestions
     * and exit codes must still read as if the whole tree were there.
     */
    @Test
    void helpAndErrorsAreTheSameWhicheverCommandIsBuilt() {
        Baton.Result help = Baton.run("--help");
        assertThat(help.exit()).isZero();
        assertThat(help.out()).containsSubsequence("Commands:", "  demo ", "  sample ", "  inspect ", "  verify ",
                "  schema ", "  check ", "  xen ", "  migrate ", "  qemu ", "  store ", "  help ", "Exit codes");

        Baton.Result qemu = Baton.run("qemu", "--help");
        assertThat(qemu.exit()).isZero();
        assertThat(qemu.out()).startsWith("Usage: baton qemu [-hV] [COMMAND]")
                .containsSubsequence("Commands:", "  analyze ", "  verify ", "  help ");
        assertThat(Baton.run("help", "qemu").out()).isEqualTo(qemu.out());

        Baton.Result typo = Baton.run("qemux", "analyze");
        assertThat(typo.exit()).isEqualTo(2);
        assertThat(typo.out()).isEmpty();
        // one line, naming the command and what was wrong, with picocli's suggestions from the whole tree
        assertThat(typo.err())
                .startsWith("baton: unmatched arguments from index 0: 'qemux', 'analyze'; did you mean qemu")
                .endsWith(" (see 'baton --help')\n").hasLineCount(1);

        Baton.Result unknownSub = Baton.run("qemu", "nosuch");
        assertThat(unknownSub.exit()).isEqualTo(2);
        assertThat(unknownSub.err()).isEqualTo("baton qemu: unmatched argument at index 1: 'nosuch' "
                + "(see 'baton qemu --help')\n");
        assertNoStackTrace(unknownSub);
    }

    @ParameterizedTest
    @ValueSource(strings = {"big", "little"})
    void sampleThenInspectListsEveryRecordType(String order) {
        Path file = sample("s.baton", "--byte-order", order, "--checksums");
        Baton.Result r = Baton.run("inspect", file.toString());
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).contains("path = \"/local/domain/0/name\"", "sample.node/generation = {generation = 1000}",
                "hitRatio = 0.25");
        assertThat(r.out()).contains(order + "-endian", "checksums on", "producer  baton-sample", "profile   demo-1",
                "DESCRIPTION", "sample.config/0 v2", "STATIC_DATA_END", "static data ends", "sample.node/3 v1",
                "0xc0000001", "readers skip it", "END", "10 records: 1 static and 5 dynamic sections");
    }

    @ParameterizedTest
    @ValueSource(strings = {"big", "little"})
    void inspectJsonSaysTheSame(String order) throws IOException {
        Path file = sample("s.baton", "--byte-order", order);
        Baton.Result r = Baton.run("inspect", "--json", file.toString());
        assertThat(r.exit()).as(r.err()).isZero();
        JsonNode root = JSON.readTree(r.out());
        assertThat(root.at("/header/byteOrder").asText()).isEqualTo(order + "-endian");
        assertThat(root.at("/header/producerName").asText()).isEqualTo("baton-sample");
        assertThat(root.at("/header/profile").asText()).isEqualTo("demo-1");
        JsonNode records = root.get("records");
        assertThat(records).hasSize(10);
        assertThat(records.get(1).at("/section/idstr").asText()).isEqualTo("sample.config");
        assertThat(records.get(1).get("part").asText()).isEqualTo("static");
        assertThat(records.get(3).get("part").asText()).isEqualTo("dynamic");
        assertThat(records.get(8).get("known").asBoolean()).isFalse();
        assertThat(root.at("/summary/end").asLong()).isEqualTo(Files.size(file));
        assertThat(records.get(3).at("/fields/path").asText()).isEqualTo("/local/domain/0/name");
        assertThat(records.get(3).at("/fields/perms/0/access").asText()).isEqualTo("BOTH");
        assertThat(records.get(3).at("/fields/sample.node~1generation/generation").asLong()).isEqualTo(1000);
        assertThat(records.get(7).at("/fields/hitRatio").asDouble()).isEqualTo(0.25);
    }

    @Test
    void verifyAcceptsAGoodStreamFromAFileAndFromStdin() {
        Path file = sample("s.baton", "--checksums");
        Baton.Result r = Baton.run("verify", file.toString());
        assertThat(r.exit()).isZero();
        assertThat(r.out()).contains("valid: 10 records");
        Baton.Result piped = Baton.run(List.of(), file, "verify", "-");
        assertThat(piped.exit()).isZero();
        assertThat(piped.out()).startsWith("<stdin>: valid: 10 records");
        Baton.Result inspected = Baton.run(List.of(), file, "inspect", "-");
        assertThat(inspected.exit()).isZero();
        assertThat(inspected.out()).contains("sample.counters/0 v1");
    }

    @Test
    void sampleToStdoutIsAValidStream() throws IOException {
        Path file = dir.resolve("from-stdout.baton");
        Baton.Result r = Baton.run(List.of(), null, file, "sample", "-");
        assertThat(r.exit()).isZero();
        assertThat(Files.readAllBytes(file)).startsWith((byte) 0x89, (byte) 0x42, (byte) 0x54, (byte) 0x4e);
        assertThat(Baton.run("verify", file.toString()).exit()).isZero();
    }

    @Test
    void verifyReportsEveryChecksumMismatchOnALineOfItsOwn() throws IOException {
        Path file = sample("s.baton", "--checksums");
        byte[] b = Files.readAllBytes(file);
        b[150] ^= 4; // inside the DESCRIPTION
        b[(int) offsetOf(file, 3) + 20] ^= 1; // inside the first dynamic section
        Files.write(file, b);
        Baton.Result r = Baton.run("verify", file.toString());
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.out().lines()).hasSize(3);
        assertThat(r.out()).contains("record #0 (DESCRIPTION): checksum mismatch", "record #3 (SECTION): checksum mismatch",
                "invalid: 2 problems");
        assertNoStackTrace(r);
        Baton.Result json = Baton.run("verify", "--json", file.toString());
        assertThat(json.exit()).isEqualTo(1);
        JsonNode root = JSON.readTree(json.out());
        assertThat(root.get("valid").asBoolean()).isFalse();
        assertThat(root.get("problems")).hasSize(2);
        assertThat(root.at("/problems/1/record").asInt()).isEqualTo(3);
    }

    @Test
    void verifyCatchesBadJsonInTheDescription() throws IOException {
        Path file = sample("s.baton");
        byte[] b = Files.readAllBytes(file);
        b[88] = '['; // the DESCRIPTION's first octet of JSON, '{', becomes '[' (no checksums to notice)
        Files.write(file, b);
        Baton.Result r = Baton.run("verify", file.toString());
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.out()).contains("record #0 (DESCRIPTION): DESCRIPTION is not valid JSON");
    }

    @Test
    void truncatedStreamsGetOneLineAndExit1() throws IOException {
        Path file = sample("s.baton");
        byte[] b = Files.readAllBytes(file);
        Path cut = dir.resolve("cut.baton");
        long at = offsetOf(file, 4) + 30; // inside the body of record #4
        Files.write(cut, Arrays.copyOf(b, (int) at));
        Baton.Result inspect = Baton.run("inspect", cut.toString());
        assertThat(inspect.exit()).isEqualTo(1);
        assertThat(inspect.err().lines()).singleElement().satisfies(l -> assertThat(l)
                .startsWith("baton inspect: " + cut + ": offset " + at + ", record #4 (SECTION): truncated record body"));
        assertNoStackTrace(inspect);
        Baton.Result verify = Baton.run("verify", cut.toString());
        assertThat(verify.exit()).isEqualTo(1);
        assertThat(verify.out()).contains("truncated record body", "invalid: 1 problem");
        Baton.Result json = Baton.run("inspect", "--json", cut.toString());
        assertThat(json.exit()).isEqualTo(1);
        assertThat(JSON.readTree(json.out()).at("/error/offset").asLong()).isEqualTo(at);
    }

    @Test
    void notAStreamAtAll() {
        Path pom = Path.of("pom.xml").toAbsolutePath();
        Baton.Result r = Baton.run("inspect", pom.toString());
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err()).contains("bad magic 3c 3f 78 6d", "not a Baton stream");
        assertNoStackTrace(r);
    }

    @Test
    void usageAndIoErrorsExit2() {
        Baton.Result missing = Baton.run("verify", dir.resolve("nope.baton").toString());
        assertThat(missing.exit()).isEqualTo(2);
        assertThat(missing.err()).contains("baton verify: no such file: ");
        assertNoStackTrace(missing);
        Baton.Result unknown = Baton.run("inspect", "--frobnicate", "x");
        assertThat(unknown.exit()).isEqualTo(2);
        assertThat(unknown.err())
                .isEqualTo("baton inspect: unknown option: '--frobnicate' (see 'baton inspect --help')\n");
        Baton.Result noArgs = Baton.run("verify");
        assertThat(noArgs.exit()).isEqualTo(2);
        Baton.Result badOrder = Baton.run("sample", dir.resolve("x").toString(), "--byte-order", "middle");
        assertThat(badOrder.exit()).isEqualTo(2);
    }

    @Test
    void aHugeSectionIsVerifiedAndListedInBoundedMemory() throws IOException {
        // 100 MiB of section data, checked and listed by a JVM with a 32 MiB heap.
        Path file = dir.resolve("huge.baton");
        try (RecordWriter w = RecordWriter.open(file, WriterOptions.defaults().withChecksums(true))) {
            w.writeStaticDataEnd();
            ByteBuffer data = ByteBuffer.allocate(100 << 20);
            w.writeSection("big.region", 0, 1, data);
            w.writeEnd();
        }
        Baton.Result verify = Baton.run(List.of("-Xmx32m"), null, "verify", file.toString());
        assertThat(verify.exit()).as(verify.all()).isZero();
        Baton.Result inspect = Baton.run(List.of("-Xmx32m"), null, "inspect", file.toString());
        assertThat(inspect.exit()).as(inspect.all()).isZero();
        assertThat(inspect.out()).contains("big.region/0 v1, 104857600 octets of data");
    }

    @Test
    void schemaPrintsTheDescriptionsOfAJarOrAClass() throws IOException {
        Path classes = dev.baton.cli.fixture.ThermostatJar.CLASSES;
        String provider = dev.baton.cli.fixture.ThermostatJar.PROVIDER;
        Path jar = dev.baton.cli.fixture.ThermostatJar.write(dir.resolve("thermostat.jar"));
        Baton.Result fromJar = Baton.run("schema", jar.toString());
        assertThat(fromJar.exit()).as(fromJar.err()).isZero();
        // the jar's descriptions only: not also those baton's own class path lists (baton-store's)
        assertThat(JSON.readTree(fromJar.out()).at("/descriptions").fieldNames()).toIterable().containsExactly("thermostat");
        JsonNode thermostat = JSON.readTree(fromJar.out()).at("/descriptions/thermostat");
        assertThat(thermostat.get("version").asInt()).isEqualTo(2);
        assertThat(thermostat.at("/fields/1/name").asText()).isEqualTo("heating");
        assertThat(thermostat.at("/fields/1/since").asInt()).isEqualTo(2);
        // the jar's own providers only: not those on baton's own class path (baton-store's, for the demo)
        JsonNode fromJarRoot = JSON.readTree(fromJar.out());
        assertThat(fromJarRoot.get("descriptions").properties()).extracting(java.util.Map.Entry::getKey)
                .containsExactly("thermostat");
        assertThat(fromJarRoot.at("/profiles/1.0/versions/thermostat").asInt()).isEqualTo(1);
        Baton.Result fromClass = Baton.run("schema", "--classpath", classes.toString(), provider);
        assertThat(fromClass.exit()).as(fromClass.err()).isZero();
        assertThat(JSON.readTree(fromClass.out())).isEqualTo(fromJarRoot);
        Baton.Result missing = Baton.run("schema", "com.example.Nope");
        assertThat(missing.exit()).isEqualTo(2);
        assertThat(missing.err()).contains("no class com.example.Nope on the class path");

        // a class directory lists its providers as a jar does
        Path classDir = dir.resolve("thermostat-classes");
        for (String entry : List.of("dev/baton/cli/fixture/ThermostatDescriptions.class",
                "dev/baton/cli/fixture/ThermostatDescriptions$Thermostat.class")) {
            Files.createDirectories(classDir.resolve(entry).getParent());
            Files.copy(classes.resolve(entry), classDir.resolve(entry));
        }
        Files.createDirectories(classDir.resolve("META-INF/services"));
        Files.writeString(classDir.resolve("META-INF/services/dev.baton.core.engine.DescriptionProvider"),
                "# the thermostat\n" + provider + "\n");
        Baton.Result fromDir = Baton.run("schema", classDir.toString());
        assertThat(fromDir.exit()).as(fromDir.err()).isZero();
        assertThat(JSON.readTree(fromDir.out())).isEqualTo(fromJarRoot);
    }

    /** What schema refuses: anything but a jar or class directory that lists descriptions, named in one line. */
    @Test
    void schemaNamesWhatIsNotAJarOrProvidesNoDescriptions() throws IOException {
        Path junkJar = dir.resolve("junk.jar");
        try (var out = new java.util.jar.JarOutputStream(Files.newOutputStream(junkJar))) {
            out.putNextEntry(new java.util.jar.JarEntry("README"));
            out.write("no providers here".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
        Path emptyDir = Files.createDirectory(dir.resolve("empty"));
        Path binary = dir.resolve("random.bin");
        Files.write(binary, new byte[] {0x7f, 0x1b, 'E', 'L', 'F', 0, 1, 2});
        for (String[] c : List.of(
                new String[] {"/etc/passwd", "/etc/passwd is not a jar or a class directory: zip END header not found"},
                new String[] {binary.toString(), binary + " is not a jar or a class directory"},
                new String[] {"/dev/null", "/dev/null is not a jar or a class directory"},
                new String[] {junkJar.toString(), junkJar + " lists no description providers: the jar has no "
                        + "META-INF/services/dev.baton.core.engine.DescriptionProvider"},
                new String[] {emptyDir.toString(), emptyDir + " lists no description providers: the class directory "
                        + "has no META-INF/services/dev.baton.core.engine.DescriptionProvider"},
                new String[] {dir.resolve("absent.jar").toString(), "no such file: " + dir.resolve("absent.jar")})) {
            Baton.Result r = Baton.run("schema", c[0]);
            assertThat(r.exit()).as(c[0]).isEqualTo(2);
            assertThat(r.out()).as(c[0]).isEmpty();
            assertThat(r.err().lines()).as(c[0]).singleElement().satisfies(l -> assertThat(l)
                    .startsWith("baton schema: " + c[1]));
            assertNoStackTrace(r);
        }
    }

    @Test
    void fieldsAreShownByDefaultAndWithFieldsButNotWithNoFields() throws IOException {
        Path file = sample("s.baton");
        for (List<String> options : List.of(List.<String>of(), List.of("--fields"), List.of("--no-fields"))) {
            boolean shown = !options.equals(List.of("--no-fields"));
            List<String> args = new java.util.ArrayList<>(List.of("inspect"));
            args.addAll(options);
            args.add(file.toString());
            Baton.Result text = Baton.run(args.toArray(String[]::new));
            assertThat(text.exit()).as(options + text.err()).isZero();
            assertThat(text.out().contains("hitRatio = 0.25")).as("text, " + options).isEqualTo(shown);
            args.add(1, "--json");
            Baton.Result json = Baton.run(args.toArray(String[]::new));
            assertThat(json.exit()).as(options + json.err()).isZero();
            assertThat(JSON.readTree(json.out()).at("/records/7/fields").isMissingNode()).as("json, " + options)
                    .isEqualTo(!shown);
        }
        assertThat(Baton.run("inspect", "--help").out()).contains("--[no-]fields");
    }

    @Test
    void aDirectoryWhereAFileIsReadIsNamed() {
        for (String[] args : List.of(new String[] {"inspect", dir.toString()}, new String[] {"verify", dir.toString()},
                new String[] {"inspect", "--json", dir.toString()}, new String[] {"xen", "inspect", dir.toString()},
                new String[] {"xen", "verify", dir.toString()}, new String[] {"qemu", "verify", dir.toString()},
                new String[] {"qemu", "analyze", dir.toString()}, new String[] {"check", dir.toString(), dir.toString()},
                new String[] {"migrate", "receive", "--from", dir.toString()})) {
            Baton.Result r = Baton.run(args);
            assertThat(r.exit()).as(String.join(" ", args) + r.err()).isEqualTo(2);
            assertThat(r.out()).as(String.join(" ", args)).isEmpty();
            assertThat(r.err().lines()).as(String.join(" ", args)).singleElement().satisfies(l -> assertThat(l)
                    .endsWith(": " + dir + ": is a directory, not a file"));
        }
        Path quirks = dir.resolve("quirks");
        Baton.Result r = Baton.run("inspect", "--quirks", dir.toString(), sample("s.baton").toString());
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).isEqualTo("baton inspect: I/O error: " + dir + ": is a directory, not a file\n");
        assertThat(quirks).doesNotExist();
    }

    @Test
    void aFailureBeforeAnythingIsReadPrintsNothingOnStandardOutput() {
        for (String[] args : List.of(new String[] {"inspect", "--json", "nope"}, new String[] {"verify", "--json", "nope"},
                new String[] {"xen", "inspect", "--json", "nope"}, new String[] {"xen", "verify", "--json", "nope"},
                new String[] {"qemu", "verify", "--json", "nope"}, new String[] {"check", "--json", "nope", "nope"})) {
            Baton.Result r = Baton.run(args);
            assertThat(r.exit()).as(String.join(" ", args)).isEqualTo(2);
            assertThat(r.out()).as(String.join(" ", args)).isEmpty();
            assertThat(r.err()).as(String.join(" ", args)).endsWith(": no such file: nope\n");
        }
    }

    private Path schema(String className) throws IOException {
        Path classes = Path.of("target", "test-classes").toAbsolutePath();
        Baton.Result r = Baton.run("schema", "--classpath", classes.toString(), "dev.baton.cli.fixture." + className);
        assertThat(r.exit()).as(r.err()).isZero();
        Path file = dir.resolve(className + ".json");
        Files.writeString(file, r.out());
        return file;
    }

    @Test
    void checkComparesTwoReleases() throws IOException {
        Path release1 = schema("ThermostatRelease1");
        Path release2 = schema("ThermostatDescriptions");
        Path broken = schema("ThermostatBroken");

        Baton.Result ok = Baton.run("check", release1.toString(), release2.toString(), "--profile", "1.0");
        assertThat(ok.exit()).as(ok.out() + ok.err()).isZero();
        assertThat(ok.out()).contains("compatible (both, profile 1.0): 0 errors");

        Baton.Result noProfile = Baton.run("check", release1.toString(), release2.toString());
        assertThat(noProfile.exit()).isEqualTo(1);
        assertThat(noProfile.out()).contains("backward", "version-too-new", "NEW writes 'thermostat' at version 2, "
                + "above OLD's version 1", "incompatible");

        Baton.Result forwardOnly = Baton.run("check", "--direction", "forward", release1.toString(), release2.toString());
        assertThat(forwardOnly.exit()).isZero();

        Baton.Result breaking = Baton.run("check", "--json", release1.toString(), broken.toString());
        assertThat(breaking.exit()).isEqualTo(1);
        JsonNode root = JSON.readTree(breaking.out());
        assertThat(root.get("compatible").asBoolean()).isFalse();
        assertThat(root.at("/findings/0/kind").asText()).isEqualTo("field-kind-changed");
        assertThat(root.at("/findings/0/path").asText()).isEqualTo("thermostat.target");
        assertThat(root.at("/findings/0/message").asText()).isEqualTo("kind f64 in OLD, f32 in NEW");

        Baton.Result unknownProfile = Baton.run("check", release1.toString(), release2.toString(), "--profile", "0.9");
        assertThat(unknownProfile.exit()).isEqualTo(2);
        assertThat(unknownProfile.err()).isEqualTo("baton check: NEW lists no release profile '0.9' (it lists [1.0, "
                + "2.0]) (see 'baton check --help')\n");
        Baton.Result notJson = Baton.run("check", Path.of("pom.xml").toAbsolutePath().toString(), release2.toString());
        assertThat(notJson.exit()).isEqualTo(1);
        assertThat(notJson.err()).contains("is neither a description document");
    }

    /** A file check cannot compare is bad input (exit 1), named, and none of its octets reach the terminal. */
    @Test
    void checkDescribesAFileItCannotReadWithoutEchoingIt() throws IOException {
        Path release1 = schema("ThermostatRelease1");
        Path elf = dir.resolve("binary");
        Files.write(elf, new byte[] {0x7f, 'E', 'L', 'F', 2, 1, 1, 0, 0x1b, '[', '2', 'J'});
        Path latin1 = dir.resolve("latin1.json");
        Files.write(latin1, new byte[] {'{', '"', (byte) 0xe9, '"', ':', '1', '}'});
        Path escape = dir.resolve("escape.json");
        Files.writeString(escape, "{\"a\": \u001b[2J}");
        Path notGzip = dir.resolve("dump.json.gz");
        Files.writeString(notGzip, "{}");
        for (String[] c : List.of(new String[] {elf.toString(), "unexpected character '\\x7f' at character 0"},
                new String[] {latin1.toString(), "it is not UTF-8 text"},
                new String[] {escape.toString(), "unexpected character '\\x1b' at character 6"},
                new String[] {notGzip.toString(), "its gzip compression is broken (Not in GZIP format)"})) {
            Baton.Result r = Baton.run("check", c[0], release1.toString());
            assertThat(r.exit()).as(c[0]).isEqualTo(1);
            assertThat(r.out()).isEmpty();
            assertThat(r.err()).isEqualTo("baton check: " + c[0] + " is neither a description document from `baton "
                    + "schema` nor a QEMU vmstate dump: " + c[1] + "\n");
            assertThat(r.err().chars()).as(c[0]).allMatch(ch -> ch == '\n' || ch >= 0x20 && ch < 0x7f);
        }
    }

    /** A -dump-vmstate dump less some entries, as QEMU's vmstate-static-checker.py reads it. */
    private Path dumpLacking(String name, String... sectionAndEntry) throws IOException {
        Path dumps = Path.of(System.getProperty("qemu.fixtures"), "vmstate");
        JsonNode dump;
        try (var in = new java.util.zip.GZIPInputStream(Files.newInputStream(dumps.resolve("pc-q35-7.2.json.gz")))) {
            dump = JSON.readTree(in);
        }
        for (int i = 0; i < sectionAndEntry.length; i += 2) {
            JsonNode section = dump.get(sectionAndEntry[i]);
            String entry = sectionAndEntry[i + 1];
            ((com.fasterxml.jackson.databind.node.ObjectNode) (entry.equals("Description") ? section
                    : section.get("Description"))).remove(entry);
        }
        Path file = dir.resolve(name);
        JSON.writeValue(file.toFile(), dump);
        return file;
    }

    @Test
    void checkReadsDumpsThatLackEntriesAndReportsWhatIsMissing() throws IOException {
        Path whole = dumpLacking("whole.json");
        Path lacking = dumpLacking("lacking.json", "e1000", "Description", "mc146818rtc", "Fields", "ps2-kbd",
                "Subsections");
        Baton.Result forward = Baton.run("check", "--direction", "forward", whole.toString(), lacking.toString());
        assertThat(forward.exit()).as(forward.all()).isEqualTo(1);
        assertThat(forward.out()).contains(
                "forward  ERROR   entry-missing                e1000: NEW has no \"Description\" of 'e1000', which OLD "
                        + "has: its fields and subsections are not compared",
                "forward  ERROR   entry-missing                mc146818rtc: NEW has no \"Fields\" of 'mc146818rtc', "
                        + "which OLD has: its fields are not compared",
                "forward  ERROR   entry-missing                ps2-kbd: NEW has no \"Subsections\" of 'ps2kbd', which "
                        + "OLD has: its subsections are not compared",
                "incompatible (forward): 3 errors, 0 warnings, 0 notes");
        Baton.Result json = Baton.run("check", "--json", "--direction", "forward", whole.toString(), lacking.toString());
        assertThat(JSON.readTree(json.out()).at("/findings/0/kind").asText()).isEqualTo("entry-missing");

        Baton.Result backward = Baton.run("check", "--direction", "backward", whole.toString(), lacking.toString());
        assertThat(backward.exit()).as(backward.all()).isEqualTo(1); // NEW writes no fields where OLD reads some
        assertThat(backward.out()).contains("backward INFO    entry-missing                e1000: NEW has no "
                + "\"Description\" of 'e1000': only its versions are compared", "field-missing  ");
        Baton.Result same = Baton.run("check", lacking.toString(), lacking.toString());
        assertThat(same.exit()).as(same.all()).isZero();
        assertThat(same.out()).endsWith("compatible (both): 0 errors, 0 warnings, 2 notes\n");
        Baton.Result one = Baton.run("check", "--direction", "forward", lacking.toString(), lacking.toString());
        assertThat(one.out()).endsWith("compatible (forward): 0 errors, 0 warnings, 1 note\n");
    }

    @Test
    void checkComparesTwoQemuVmstateDumps() {
        Path dumps = Path.of(System.getProperty("qemu.fixtures"), "vmstate");
        Baton.Result same = Baton.run("check", dumps.resolve("pc-i440fx-2.12.json.gz").toString(),
                dumps.resolve("pc-q35-7.2.json.gz").toString());
        assertThat(same.exit()).as(same.out() + same.err()).isZero();
        assertThat(same.err()).contains("different machine types: \"pc-i440fx-2.12\" and \"pc-q35-7.2\"");
        Baton.Result next = Baton.run("check", "--direction", "forward", dumps.resolve("pc-q35-7.2.json.gz").toString(),
                dumps.resolve("next-release.json.gz").toString());
        assertThat(next.exit()).isEqualTo(1);
        assertThat(next.out()).contains(
                "subsection-unknown           ps2-kbd/(ps2kbd/need_high_bit)",
                "minimum-version-too-high     e1000: OLD writes 'e1000' at version 2, below NEW's minimum version 3",
                "field-size-changed           mc146818rtc.period: size 4 octets in OLD, 8 octets in NEW",
                "section-missing              i6300esb",
                "WARNING field-renamed                mc146818rtc.unused: 4 octets of unused padding in NEW stand for "
                        + "[irq_coalesced] in OLD: the same on the wire",
                "incompatible (forward): 4 errors, 1 warning");
    }

    /**
     * A stream of producer "thermo" 1.4.2, which wrote thermostat data of version 1 but declared
     * version 2, the version its DESCRIPTION describes: it does not decode as it says.
     */
    private Path lyingStream() throws IOException {
        var d = dev.baton.cli.fixture.ThermostatDescriptions.THERMOSTAT;
        var t = new dev.baton.cli.fixture.ThermostatDescriptions.Thermostat();
        var registry = new dev.baton.core.engine.SectionRegistry().register("thermostat", 0, d, t);
        Path file = dir.resolve("lying.baton");
        try (RecordWriter w = RecordWriter.open(file, WriterOptions.defaults().withProducer("thermo", "1.4.2"))) {
            w.writeDescription(ByteBuffer.wrap(registry.descriptionJson().getBytes(java.nio.charset.StandardCharsets.UTF_8)));
            w.writeStaticDataEnd();
            var body = w.beginSection("thermostat", 0, 2);
            d.save(t, body, new dev.baton.core.describe.DescriptionContext(new dev.baton.core.describe.Pins(
                    java.util.Map.of(), java.util.Map.of("thermostat", 1))));
            body.end();
            w.writeEnd();
        }
        return file;
    }

    /** The quirk that says how thermo 1.4's thermostat sections are to be read. */
    private Path thermoQuirks() throws IOException {
        return Files.writeString(dir.resolve("quirks.json"), """
                [{"producer": "thermo", "fromVersion": "1.4.0", "toVersion": "1.4.9", "idstr": "thermostat",
                  "declaredVersion": 2, "actualVersion": 1, "reason": "1.4 declared the version early"}]""");
    }

    @Test
    void inspectAppliesQuirksAndSaysSo() throws IOException {
        Path file = lyingStream();
        Baton.Result without = Baton.run("inspect", file.toString());
        assertThat(without.exit()).isEqualTo(1);
        assertThat(without.err()).contains("section thermostat/0");
        Path quirks = thermoQuirks();
        Baton.Result with = Baton.run("inspect", "--quirks", quirks.toString(), file.toString());
        assertThat(with.exit()).as(with.err()).isZero();
        assertThat(with.out()).contains("target = 0.0", "(quirk: thermo 1.4.0..1.4.9 wrote thermostat as version 2 "
                + "with the layout of version 1 (1.4 declared the version early))");
    }

    @Test
    void verifyRefusesALyingProducerUnlessItsQuirksSayHowToReadIt() throws IOException {
        Path file = lyingStream();
        long section = offsetOf(file, 2);
        Baton.Result without = Baton.run("verify", file.toString());
        assertThat(without.exit()).as(without.all()).isEqualTo(1);
        // the section (name, instance, version), the offset and what was wrong: its data ran out at version 2
        assertThat(without.out()).isEqualTo(file + ": offset " + (section + 8 + 10 + 10 + 8 + 1) + ", record #2 (SECTION), "
                + "section thermostat/0 v2: section data ends: 1 octet needed, 0 left\n" + file + ": invalid: 1 problem\n");
        assertNoStackTrace(without);
        JsonNode json = JSON.readTree(Baton.run("verify", "--json", file.toString()).out());
        assertThat(json.get("valid").asBoolean()).isFalse();
        assertThat(json.at("/problems/0/record").asInt()).isEqualTo(2);
        assertThat(json.at("/problems/0/context").asText()).isEqualTo("section thermostat/0 v2");
        assertThat(json.has("quirks")).isFalse();

        Path quirks = thermoQuirks();
        Baton.Result with = Baton.run("verify", "--quirks", quirks.toString(), file.toString());
        assertThat(with.exit()).as(with.all()).isZero();
        assertThat(with.out()).isEqualTo(file + ": quirk: thermo 1.4.0..1.4.9 wrote thermostat as version 2 with the "
                + "layout of version 1 (1.4 declared the version early)\n" + file + ": valid: 4 records, "
                + Files.size(file) + " octets, big-endian, checksums off\n");
        JsonNode withJson = JSON.readTree(Baton.run("verify", "--json", "--quirks", quirks.toString(), file.toString())
                .out());
        assertThat(withJson.get("valid").asBoolean()).isTrue();
        assertThat(withJson.at("/quirks/0").asText()).startsWith("quirk: thermo 1.4.0..1.4.9 wrote thermostat");

        // inspect decodes the same record through the same DESCRIPTION: it agrees, both ways
        Baton.Result inspect = Baton.run("inspect", file.toString());
        assertThat(inspect.exit()).isEqualTo(without.exit());
        assertThat(inspect.err()).isEqualTo("baton inspect: " + without.out().lines().findFirst().orElseThrow() + "\n");
        assertThat(Baton.run("inspect", "--quirks", quirks.toString(), file.toString()).exit()).isEqualTo(with.exit());
    }

    @Test
    void aStreamThatDoesNotEndIsReadInConstantMemory() throws Exception {
        // 1 GiB of records through a pipe into a JVM with a 24 MiB heap; then the pipe closes
        // without END. Verify must read it all, report "missing END" and never run out of memory.
        java.util.List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx24m", "-jar", Baton.jar().toString(), "verify", "-");
        Process p = new ProcessBuilder(command).redirectOutput(ProcessBuilder.Redirect.PIPE)
                .redirectError(ProcessBuilder.Redirect.PIPE).start();
        long written;
        try (var stdin = p.getOutputStream();
             RecordWriter w = RecordWriter.open(stdin, WriterOptions.defaults().withChecksums(true))) {
            w.writeStaticDataEnd();
            ByteBuffer page = ByteBuffer.allocate(64 * 1024);
            for (int i = 0; i < 16 * 1024; i++) { // 16384 records of 64 KiB: 1 GiB
                page.putInt(0, i);
                w.writeSection("memory", i % 4, 1, page);
            }
            w.flush();
            written = w.offset();
        }
        String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        String err = new String(p.getErrorStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertThat(p.waitFor(120, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(out + err).isEqualTo(1);
        assertThat(out).contains("offset " + written + ", record #16385: missing END: the stream ends after 16385 records");
        assertThat(out + err).doesNotContain("OutOfMemory", "Exception");
    }

    /**
     * Every command that reads one stream names it in its error line the same way, as the file
     * was given or {@code <stdin>}: {@code baton CMD: FILE: offset N, ...}.
     */
    @ParameterizedTest(name = "baton {0}")
    @ValueSource(strings = {"inspect FILE", "inspect --json FILE", "decode FILE", "qemu analyze FILE",
        "xen inspect FILE", "xen inspect --json FILE", "xen convert --to v3 FILE OUT", "encode FILE OUT",
        "convert --from dev.baton.store.state.StoreRelease1 --to dev.baton.store.state.StoreRelease2 FILE OUT"})
    void anErrorLineNamesTheFileItIsAbout(String command) throws IOException {
        Path bad = Files.writeString(dir.resolve("bad.bin"), "no stream of any kind, only words\n");
        String name = String.join(" ", Arrays.asList(command.split(" ")).subList(0,
                command.startsWith("xen") || command.startsWith("qemu") ? 2 : 1));
        for (String file : List.of(bad.toString(), "-")) {
            String[] args = Arrays.stream(command.split(" "))
                    .map(w -> w.equals("FILE") ? file : w.equals("OUT") ? dir.resolve("out").toString() : w)
                    .toArray(String[]::new);
            Baton.Result r = Baton.run(List.of(), file.equals("-") ? bad : null, args);
            assertThat(r.exit()).as(r.all()).isEqualTo(1);
            assertThat(r.err().lines()).as(r.err()).singleElement().satisfies(line -> assertThat(line)
                    .startsWith("baton " + name + ": " + (file.equals("-") ? "<stdin>" : file) + ": "));
        }
    }

    /** The JSON of the converting commands names standard input as every other does: {@code <stdin>}. */
    @Test
    void convertedFromStandardInputIsNamedAsEverywhere() throws IOException {
        Path s = sample("s.baton");
        Baton.Result convert = Baton.run(List.of(), s, "convert", "--json", "--from",
                "dev.baton.store.state.StoreRelease1", "--to", "dev.baton.store.state.StoreRelease2", "-",
                dir.resolve("out.baton").toString());
        assertThat(JSON.readTree(convert.out()).get("input").asText()).as(convert.all()).isEqualTo("<stdin>");
        Baton.Result xen = Baton.run(List.of(), XenVectors.asFile(dir, "libxc-hvm-v2"), "xen", "convert", "--json",
                "--to", "v3", "-", dir.resolve("out.v3").toString());
        assertThat(xen.exit()).as(xen.all()).isZero();
        assertThat(JSON.readTree(xen.out()).get("input").asText()).isEqualTo("<stdin>");
    }
}
