package dev.baton.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The real {@code baton xen} command on baton-xen's golden vectors and broken variants of them. */
class XenCliIT {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private Path vector(String name) throws IOException {
        return XenVectors.asFile(dir, name);
    }

    private Path write(String name, byte[] octets) throws IOException {
        Path file = dir.resolve(name);
        Files.write(file, octets);
        return file;
    }

    private static void assertNoStackTrace(Baton.Result r) {
        assertThat(r.all()).doesNotContain("Exception", "\tat ", "at dev.baton");
    }

    @Test
    void helpOnEveryCommand() {
        assertThat(Baton.run("--help").out()).contains("xen");
        for (String[] args : List.of(new String[] {"xen", "--help"}, new String[] {"xen", "inspect", "--help"},
                new String[] {"xen", "verify", "--help"}, new String[] {"xen", "convert", "--help"})) {
            Baton.Result r = Baton.run(args);
            assertThat(r.exit()).as(String.join(" ", args)).isZero();
            assertThat(r.out()).contains("Usage: baton " + String.join(" ", args).replace(" --help", ""));
        }
        assertThat(Baton.run("xen").out()).contains("inspect", "verify", "convert", "Exit codes");
    }

    @ParameterizedTest
    @ValueSource(strings = {"le", "be"})
    void inspectListsAXenstoreStreamInBothOrders(String order) throws IOException {
        Path file = vector("xenstore-v2-" + order);
        Baton.Result r = Baton.run("xen", "inspect", file.toString());
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).contains("xenstore migration stream, version 2, " + (order.equals("le") ? "little" : "big")
                        + "-endian", "GLOBAL_DATA", "rw-socket-fd -1, evtchn-fd 7",
                "connection 1: ring domid 1, tdomid none, evtchn 15, 3 octets in, 5 out (2 of a partial response), "
                        + "unique-id 0x0123456789abcdef",
                "connection 2 watches /local, token t2, depth 2", "/local/domain/1/blob = 0x000102, perms b1 w3",
                "transaction 7 of connection 1: read+written", "domain 1, features 0x1, quotas nodes=500",
                "18 records; the stream ends at offset 696");
        Baton.Result explicit = Baton.run("xen", "inspect", "--format", "xenstore", file.toString());
        assertThat(explicit.out()).isEqualTo(r.out());
    }

    @Test
    void inspectJsonOfXenstoreAndLibxl() throws IOException {
        Baton.Result r = Baton.run("xen", "inspect", "--json", vector("xenstore-v1-be").toString());
        assertThat(r.exit()).as(r.err()).isZero();
        JsonNode root = JSON.readTree(r.out());
        assertThat(root.get("format").asText()).isEqualTo("xenstore");
        assertThat(root.at("/header/byteOrder").asText()).isEqualTo("big-endian");
        assertThat(root.at("/records/2/uniqueId").asText()).isEqualTo("0x0123456789abcdef");
        assertThat(root.at("/records/9/permissions/1/stale").asBoolean()).isTrue();
        assertThat(root.at("/summary/end").asLong()).isEqualTo(664);

        Baton.Result l = Baton.run("xen", "inspect", "--json", vector("libxl-hvm-v3").toString());
        assertThat(l.exit()).as(l.err()).isZero();
        JsonNode libxl = JSON.readTree(l.out());
        assertThat(libxl.get("format").asText()).isEqualTo("libxl");
        assertThat(libxl.at("/libxc/guest").asText()).isEqualTo("x86 HVM");
        assertThat(libxl.get("records")).hasSize(13);
        assertThat(libxl.at("/records/4/detail").asText()).isEqualTo("2 pfns, 1 page of data");
    }

    @Test
    void inspectStopsAtTheFirstProblem() throws IOException {
        byte[] b = Files.readAllBytes(vector("xenstore-v2-le"));
        b[256 + 8 + 16] = 'x'; // the root node's permission letter
        Baton.Result r = Baton.run("xen", "inspect", write("bad.xs", b).toString());
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err()).contains("baton xen inspect: ", "offset 280, record #7, xenstore NODE_DATA: permission 0 "
                + "has perm 0x78, not 'w', 'r', 'b' or 'n'");
        assertNoStackTrace(r);
        Baton.Result json = Baton.run("xen", "inspect", "--json", write("bad.xs", b).toString());
        assertThat(JSON.readTree(json.out()).at("/error/context").asText()).isEqualTo("xenstore NODE_DATA");
    }

    @ParameterizedTest
    @ValueSource(strings = {"libxc-pv-v2", "libxc-pv-v3", "libxc-pv-v3-be", "libxc-hvm-v2", "libxc-hvm-v3",
        "libxl-hvm-v3", "libxl-hvm-v2", "xenstore-v1-le", "xenstore-v2-be", "xenstore-v2-le-c-len"})
    void verifyAcceptsEveryGoodVector(String name) throws IOException {
        Baton.Result r = Baton.run("xen", "verify", vector(name).toString());
        assertThat(r.exit()).as(r.out()).isZero();
        assertThat(r.out()).contains(": valid: ");
    }

    @Test
    void verifyListsEveryProblemOfABrokenLibxcStream() throws IOException {
        Baton.Result r = Baton.run("xen", "verify", vector("libxc-pv-v3-broken").toString());
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.out().lines()).hasSize(8);
        assertThat(r.out()).contains("record #0, libxc X86_PV_INFO: guest width 8 with 3 page-table levels",
                "record #2, libxc X86_CPUID_POLICY: X86_CPUID_POLICY after STATIC_DATA_END",
                "record #5, libxc PAGE_DATA: pfn[2] 0x6000000000000002 has reserved type 0x6",
                "record #5, libxc PAGE_DATA: length 4128, but 3 pfns with 2 pages of data need",
                "record #10, libxc X86_PV_VCPU_XSAVE: non-zero padding after the body: 00 00 ab 00",
                "octets after END: 4 octets follow", "invalid: 7 problems");
        assertNoStackTrace(r);
        Baton.Result json = Baton.run("xen", "verify", "--json", vector("libxc-pv-v3-broken").toString());
        JsonNode root = JSON.readTree(json.out());
        assertThat(root.get("valid").asBoolean()).isFalse();
        assertThat(root.get("problems")).hasSize(7);
        assertThat(root.at("/problems/3/context").asText()).isEqualTo("libxc PAGE_DATA");
    }

    @Test
    void verifyOfATruncatedStreamFromStdin() throws IOException {
        byte[] b = Files.readAllBytes(vector("libxl-hvm-v3"));
        Path cut = write("cut.libxl", Arrays.copyOf(b, 3000));
        Baton.Result r = Baton.run(List.of(), cut, "xen", "verify", "-");
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.out()).contains("<stdin>: offset 3000, record #3, libxc PAGE_DATA: truncated record body",
                "invalid: 1 problem");
    }

    @Test
    void verifyReportsXenstoreProblemsAndGoesOn() throws IOException {
        byte[] b = Files.readAllBytes(vector("xenstore-v2-le"));
        b[160 + 8] = 9; // WATCH_DATA's connection: 9, which has no CONNECTION_DATA
        b[11] = 2;
        b[14] = 4; // a reserved flags bit
        Baton.Result r = Baton.run("xen", "verify", write("bad.xs", b).toString());
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.out()).contains("stream header: reserved flags bits set: 0x00000400",
                "record #4, xenstore WATCH_DATA: watch of connection 9, which has no earlier CONNECTION_DATA",
                "invalid: 2 problems");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"libxc-pv-v2, libxc-pv-v2-to-v3, X86_PV_P2M_FRAMES", "libxc-hvm-v2, libxc-hvm-v2-to-v3, PAGE_DATA",
        "libxl-hvm-v2, libxl-hvm-v2-to-v3, PAGE_DATA"})
    void convertWritesTheExpectedV3(String in, String expected, String before) throws IOException {
        Path out = dir.resolve(in + ".v3");
        Baton.Result r = Baton.run("xen", "convert", "--to", "v3", vector(in).toString(), out.toString());
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).contains("stream converted to v3; STATIC_DATA_END inserted as libxc record #",
                "before " + before);
        assertThat(Files.readAllBytes(out)).isEqualTo(Files.readAllBytes(vector(expected)));
        assertThat(Baton.run("xen", "verify", out.toString()).exit()).isZero();
    }

    @Test
    void convertToStdoutAndItsRefusals() throws IOException {
        Path out = dir.resolve("piped.v3");
        Baton.Result r = Baton.run(List.of(), vector("libxc-hvm-v2"), out, "xen", "convert", "--to", "v3", "-", "-");
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.err()).contains("<stdin> -> <stdout>: libxc x86 HVM stream converted to v3");
        assertThat(Files.readAllBytes(out)).isEqualTo(Files.readAllBytes(vector("libxc-hvm-v2-to-v3")));

        Path target = dir.resolve("untouched");
        Files.writeString(target, "before");
        Baton.Result v3 = Baton.run("xen", "convert", "--to", "v3", vector("libxc-pv-v3").toString(), target.toString());
        assertThat(v3.exit()).isEqualTo(1);
        assertThat(v3.err()).contains("the libxc stream is already version 3: there is nothing to convert");
        assertThat(Files.readString(target)).isEqualTo("before");
        assertThat(dir.toFile().list()).noneMatch(n -> n.endsWith(".tmp"));
        Baton.Result badTo = Baton.run("xen", "convert", "--to", "v4", "a", "b");
        assertThat(badTo.exit()).isEqualTo(2);
        assertThat(badTo.err()).contains("--to");
    }

    /** OUT keeps its mode, or gets the one any new file gets; never a temporary file's 0600. */
    @Test
    void convertKeepsTheModeOfOut() throws IOException {
        Path shared = dir.resolve("shared.v3");
        Files.writeString(shared, "before");
        Files.setPosixFilePermissions(shared, java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"));
        Baton.Result r = Baton.run("xen", "convert", "--to", "v3", vector("libxc-hvm-v2").toString(), shared.toString());
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(Files.readAllBytes(shared)).isEqualTo(Files.readAllBytes(vector("libxc-hvm-v2-to-v3")));
        assertThat(java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(shared)))
                .isEqualTo("rw-r--r--");

        Path fresh = dir.resolve("fresh.v3");
        assertThat(Baton.run("xen", "convert", "--to", "v3", vector("libxc-hvm-v2").toString(), fresh.toString())
                .exit()).isZero();
        Path probe = Files.createFile(dir.resolve("probe")); // this JVM's umask is the child's
        assertThat(Files.getPosixFilePermissions(fresh)).isEqualTo(Files.getPosixFilePermissions(probe));
    }

    /** A bad OUT is named as the user wrote it, never by the file written beside it. */
    @Test
    void convertNamesOutWhenItCannotBeWritten() throws IOException {
        String in = vector("libxc-hvm-v2").toString();
        Path folder = Files.createDirectory(dir.resolve("folder"));
        Baton.Result onDir = Baton.run("xen", "convert", "--to", "v3", in, folder.toString());
        assertThat(onDir.exit()).isEqualTo(2);
        assertThat(onDir.err()).isEqualTo("baton xen convert: I/O error: " + folder + ": is a directory, not a file\n");
        Path nowhere = dir.resolve("missing").resolve("out.v3");
        Baton.Result noDir = Baton.run("xen", "convert", "--to", "v3", in, nowhere.toString());
        assertThat(noDir.exit()).isEqualTo(2);
        assertThat(noDir.err()).isEqualTo("baton xen convert: " + dir.resolve("missing") + ": no such directory (for "
                + nowhere + ")\n");
        assertThat(dir.toFile().list()).noneMatch(n -> n.endsWith(".tmp"));
    }

    @Test
    void usageIoAndUnknownInput() throws IOException {
        Baton.Result missing = Baton.run("xen", "verify", dir.resolve("nope").toString());
        assertThat(missing.exit()).isEqualTo(2);
        assertThat(missing.err()).contains("no such file");
        assertNoStackTrace(missing);
        Baton.Result badFormat = Baton.run("xen", "inspect", "--format", "qemu", "x");
        assertThat(badFormat.exit()).isEqualTo(2);
        Baton.Result unknown = Baton.run("xen", "inspect", Path.of("pom.xml").toAbsolutePath().toString());
        assertThat(unknown.exit()).isEqualTo(1);
        assertThat(unknown.err()).contains("not a xenstore, libxc or libxl stream: it starts with 3c 3f 78 6d");
        Baton.Result forced = Baton.run("xen", "verify", "--format", "libxc", vector("xenstore-v2-le").toString());
        assertThat(forced.exit()).isEqualTo(1);
        assertThat(forced.out()).contains("not a libxc stream: marker 0x78656e73746f7265 is not all ones");
    }

    @Test
    void aLargeLibxcStreamIsVerifiedInBoundedMemory() throws IOException {
        // 128 MiB of pages in 32 PAGE_DATA records, checked by a JVM with a 32 MiB heap.
        Path file = dir.resolve("big.libxc");
        try (OutputStream out = Files.newOutputStream(file)) {
            out.write(ByteBuffer.allocate(24).putLong(-1).putInt(0x58454E46).putInt(3).array());
            ByteBuffer b = ByteBuffer.allocate(8 + 8 + 8 * 1024).order(ByteOrder.LITTLE_ENDIAN);
            out.write(b.clear().putInt(2).putShort((short) 12).putShort((short) 0).putInt(4).putInt(19).array(), 0, 16);
            out.write(new byte[] {16, 0, 0, 0, 0, 0, 0, 0});
            byte[] pages = new byte[4096 * 1024];
            for (int r = 0; r < 32; r++) {
                b.clear().putInt(1).putInt(8 + 8 * 1024 + pages.length).putInt(1024).putInt(0);
                for (int i = 0; i < 1024; i++) {
                    b.putLong(r * 1024L + i);
                }
                out.write(b.array());
                out.write(pages);
            }
            out.write(new byte[8]);
        }
        Baton.Result r = Baton.run(List.of("-Xmx32m"), null, "xen", "verify", file.toString());
        assertThat(r.exit()).as(r.all()).isZero();
        assertThat(r.out()).contains("valid: libxc v3 x86 HVM, little-endian; 34 records");
    }
}
