package dev.baton.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The real {@code baton qemu} command on real QEMU streams: output, files, exit codes, memory. */
class QemuCliIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path FIXTURES = Path.of(System.getProperty("qemu.fixtures", "../baton-qemu/src/test/resources/qemu"));

    @TempDir
    Path dir;

    private Path fixture(String name) throws IOException {
        Path p = dir.resolve(name + ".mig");
        try (InputStream in = new GZIPInputStream(Files.newInputStream(FIXTURES.resolve(name + ".mig.gz")))) {
            Files.write(p, in.readAllBytes());
        }
        return p;
    }

    private static String reference(String name, String kind) throws IOException {
        Path p = FIXTURES.resolve("reference/" + name + "." + kind);
        if (kind.endsWith(".sha256")) {
            return Files.readString(p);
        }
        try (InputStream in = new GZIPInputStream(Files.newInputStream(Path.of(p + ".json.gz")))) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static void assertNoStackTrace(Baton.Result r) {
        assertThat(r.all()).doesNotContain("Exception", "\tat ", "at dev.baton");
    }

    @Test
    void helpEverywhere() {
        assertThat(Baton.run("--help").out()).contains("qemu");
        Baton.Result qemu = Baton.run("qemu", "--help");
        assertThat(qemu.exit()).isZero();
        assertThat(qemu.out()).contains("analyze", "verify", "Exit codes");
        for (String sub : List.of("analyze", "verify")) {
            Baton.Result r = Baton.run("qemu", sub, "--help");
            assertThat(r.exit()).as(sub).isZero();
            assertThat(r.out()).as(sub).contains("Usage: baton qemu " + sub);
        }
        assertThat(Baton.run("qemu").exit()).isZero();
    }

    @Test
    void analyzePrintsWhatAnalyzeMigrationPyPrints() throws IOException {
        Path pc = fixture("pc");
        Baton.Result r = Baton.run("qemu", "analyze", pc.toString());
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).isEqualTo(reference("pc", "state"));

        Baton.Result desc = Baton.run("qemu", "analyze", "--dump", "desc", pc.toString());
        assertThat(desc.out()).isEqualTo(reference("pc", "desc"));
    }

    @Test
    void analyzeReadsAPipe() throws IOException {
        Path q35 = fixture("q35-devices");
        Baton.Result r = Baton.run(List.of(), q35, "qemu", "analyze", "-");
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).isEqualTo(reference("q35-devices", "state"));
    }

    @Test
    void extractWritesTheScriptsFiles() throws Exception {
        Path pc = fixture("pc-devices");
        Path x = dir.resolve("x");
        Baton.Result r = Baton.run(List.of(), pc, "qemu", "analyze", "--extract", x.toString(), "-");
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out().lines()).contains("pc.ram", "rom@etc/acpi/tables", "desc.json", "state.json");
        assertThat(sha256sums(x)).isEqualTo(reference("pc-devices", "extract.sha256"));
    }

    /** --extract makes DIR, not its parents: a mistyped path is an error naming the missing parent. */
    @Test
    void extractMakesTheDirectoryButNotItsParents() throws Exception {
        Path pc = fixture("pc-devices");
        Path deep = dir.resolve("a").resolve("b").resolve("c");
        Baton.Result r = Baton.run("qemu", "analyze", "--extract", deep.toString(), pc.toString());
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.out()).isEmpty();
        assertThat(r.err()).isEqualTo("baton qemu analyze: " + dir.resolve("a").resolve("b") + ": no such directory (for "
                + deep + ")\n");
        assertThat(dir.resolve("a")).doesNotExist();

        Files.createDirectories(deep.getParent());
        Baton.Result made = Baton.run("qemu", "analyze", "--extract", deep.toString(), pc.toString());
        assertThat(made.exit()).as(made.err()).isZero();
        assertThat(deep.resolve("state.json")).isRegularFile();

        Path file = Files.writeString(dir.resolve("plain"), "x");
        Baton.Result onFile = Baton.run("qemu", "analyze", "--extract", file.toString(), pc.toString());
        assertThat(onFile.exit()).isEqualTo(2);
        assertThat(onFile.err()).isEqualTo("baton qemu analyze: I/O error: " + file + ": is not a directory\n");
    }

    @Test
    void verifySaysValidAndWhatItSaw() throws IOException {
        Path p = fixture("pc-postcopy");
        Baton.Result r = Baton.run("qemu", "verify", p.toString());
        assertThat(r.exit()).as(r.out() + r.err()).isZero();
        assertThat(r.out()).contains("valid: QEMU savevm v3, machine pc-i440fx-7.2", "footers",
                "commands OPEN_RETURN_PATH PING POSTCOPY_ADVISE", "vmdesc of 30 devices");
        Baton.Result json = Baton.run("qemu", "verify", "--json", p.toString());
        JsonNode root = JSON.readTree(json.out());
        assertThat(root.get("valid").asBoolean()).isTrue();
        assertThat(root.at("/stream/machine").asText()).isEqualTo("pc-i440fx-7.2");
        assertThat(root.at("/stream/sections/0/key").asText()).isEqualTo("ram (2)");
    }

    @Test
    void aWrongFooterIsFoundWithItsOffsetAndSection() throws IOException {
        Path p = fixture("pc");
        byte[] b = Files.readAllBytes(p);
        int json = indexOf(b, "{\"page_size\"".getBytes(StandardCharsets.US_ASCII));
        int footer = json - 11; // footer (5), EOF (1), 0x06 and the length (5), then the JSON
        assertThat(b[footer]).isEqualTo((byte) 0x7e);
        b[footer + 4] = 99;
        Files.write(p, b);

        Baton.Result verify = Baton.run("qemu", "verify", p.toString());
        assertThat(verify.exit()).isEqualTo(1);
        assertThat(verify.out()).contains("offset " + footer, "FULL section 'globalstate (40)'",
                "footer names section id 99, the section is 40", "invalid: 1 problem");
        assertNoStackTrace(verify);

        Baton.Result analyze = Baton.run("qemu", "analyze", p.toString());
        assertThat(analyze.exit()).isEqualTo(1);
        assertThat(analyze.out()).isEmpty();
        assertThat(analyze.err().strip()).startsWith("baton qemu analyze: " + p + ": offset " + footer).doesNotContain("\n");
        assertNoStackTrace(analyze);
    }

    @Test
    void withoutVmdescTheErrorSaysWhyAndWhere() throws IOException {
        Path old = fixture("pc-i440fx-2.0");
        Baton.Result r = Baton.run(List.of(), old, "qemu", "analyze", "-");
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err()).contains("FULL section 'timer (0)'", "no VMDESCRIPTION", "suppress-vmdesc");
        assertNoStackTrace(r);
    }

    @Test
    void truncatedStreams() throws IOException {
        Path p = fixture("pc");
        byte[] b = Files.readAllBytes(p);
        Files.write(p, Arrays.copyOf(b, 100_000)); // in the middle of the RAM section
        Baton.Result r = Baton.run(List.of(), p, "qemu", "analyze", "-");
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err()).contains("offset 100000", "PART section 'ram (2)'", "truncated: RAM page needs 4096 octets");
        assertNoStackTrace(r);
    }

    @Test
    void usageAndIoErrorsExitTwo() {
        Baton.Result dump = Baton.run("qemu", "analyze", "--dump", "everything", "x.mig");
        assertThat(dump.exit()).isEqualTo(2);
        assertThat(dump.err()).contains("--dump takes state or desc");
        Baton.Result missing = Baton.run("qemu", "verify", dir.resolve("absent.mig").toString());
        assertThat(missing.exit()).isEqualTo(2);
        assertThat(missing.err()).contains("no such file");
        assertNoStackTrace(missing);
    }

    /**
     * RAM streams through: 192 MiB of non-zero pages, extracted and analyzed from a pipe with a
     * 32 MiB heap.
     */
    @Test
    void ramIsNeverHeld() throws Exception {
        Path big = dir.resolve("big.mig");
        int pages = 192 * 256;
        writeStreamWithRandomPages(big, pages);
        List<String> heap = List.of("-Xmx32m");
        Baton.Result analyze = Baton.run(heap, big, "qemu", "analyze", "-");
        assertThat(analyze.exit()).as(analyze.err()).isZero();
        assertThat(analyze.out()).contains("\"big.ram\": \"0x000000000c000000\"", "\"x\": \"0x2a\"");
        Path x = dir.resolve("x");
        Baton.Result extract = Baton.run(heap, big, "qemu", "analyze", "-x", x.toString(), "-");
        assertThat(extract.exit()).as(extract.err()).isZero();
        assertThat(Files.size(x.resolve("big.ram"))).isEqualTo((long) pages * 4096);
        try (InputStream in = Files.newInputStream(x.resolve("big.ram"))) {
            byte[] last = new byte[4096];
            in.skipNBytes((long) (pages - 1) * 4096);
            in.readNBytes(last, 0, 4096);
            assertThat(last).isEqualTo(page(pages - 1));
        }
        Files.delete(x.resolve("big.ram"));
    }

    /** Page {@code i}'s octets: random, but the same every time. */
    private static byte[] page(int i) {
        byte[] b = new byte[4096];
        SplittableRandom r = new SplittableRandom(i);
        for (int k = 0; k < b.length; k += 8) {
            ByteBuffer.wrap(b, k, 8).putLong(r.nextLong());
        }
        return b;
    }

    /** A QEMU stream of one RAM block of {@code pages} data pages and one device, written as it goes. */
    private static void writeStreamWithRandomPages(Path file, int pages) throws IOException {
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 20)) {
            ByteBuffer b = ByteBuffer.allocate(64);
            b.putInt(0x5145564D).putInt(3);                                      // QEVM v3
            b.put((byte) 7).putInt(2).put("pc".getBytes(StandardCharsets.US_ASCII)); // CONFIGURATION
            b.put((byte) 1).putInt(0).put((byte) 3).put("ram".getBytes(StandardCharsets.US_ASCII)).putInt(0).putInt(4);
            long length = (long) pages * 4096;
            b.putLong(length | 0x04).put((byte) 7).put("big.ram".getBytes(StandardCharsets.US_ASCII)).putLong(length);
            out.write(b.array(), 0, b.position());
            for (int i = 0; i < pages; i++) {
                out.write(ByteBuffer.allocate(8).putLong((long) i * 4096 | (i == 0 ? 0x08 : 0x28)).array());
                if (i == 0) {
                    out.write(7);
                    out.write("big.ram".getBytes(StandardCharsets.US_ASCII));
                }
                out.write(page(i));
            }
            b.clear();
            b.putLong(0x10).put((byte) 0x7e).putInt(0);                          // EOS, footer
            b.put((byte) 3).putInt(0).putLong(0x10).put((byte) 0x7e).putInt(0);  // END: EOS, footer
            b.put((byte) 4).putInt(1).put((byte) 3).put("dev".getBytes(StandardCharsets.US_ASCII)).putInt(0).putInt(1);
            b.put((byte) 0x2a).put((byte) 0x7e).putInt(1).put((byte) 0);          // x, footer, EOF
            out.write(b.array(), 0, b.position());
            byte[] json = ("{\"page_size\": 4096, \"devices\": [{\"name\": \"dev\", \"instance_id\": 0, "
                    + "\"vmsd_name\": \"dev\", \"version\": 1, \"fields\": [{\"name\": \"x\", \"type\": \"uint8\", "
                    + "\"size\": 1}]}]}").getBytes(StandardCharsets.US_ASCII);
            out.write(6);
            out.write(ByteBuffer.allocate(4).putInt(json.length).array());
            out.write(json);
        }
    }

    private static int indexOf(byte[] hay, byte[] needle) {
        outer:
        for (int i = hay.length - needle.length; i >= 0; i--) {
            for (int k = 0; k < needle.length; k++) {
                if (hay[i + k] != needle[k]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    /** Like {@code find . -type f | sort | xargs sha256sum}, which made the reference. */
    private static String sha256sums(Path root) throws Exception {
        StringBuilder sb = new StringBuilder();
        try (Stream<Path> files = Files.walk(root)) {
            for (String rel : files.filter(Files::isRegularFile).map(p -> "./" + root.relativize(p)).sorted().toList()) {
                MessageDigest md = MessageDigest.getInstance("SHA-256");
                md.update(Files.readAllBytes(root.resolve(rel)));
                sb.append(HexFormat.of().formatHex(md.digest())).append("  ").append(rel).append('\n');
            }
        }
        return sb.toString();
    }
}
