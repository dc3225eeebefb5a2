package dev.baton.xen;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.core.GoldenHex;
import dev.baton.core.json.JsonParser;
import dev.baton.core.wire.FatalFormatException;
import dev.baton.core.wire.StreamFormatException;
import dev.baton.core.wire.WireInput;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The verdict on a whole Xen stream of any format, and its JSON listing, as baton xen prints them. */
class XenVerifierTest {

    private static XenVerifier.Verdict verify(byte[] stream, XenFormat asked) throws IOException {
        return XenVerifier.verify(WireInput.of(ByteBuffer.wrap(stream)), asked);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "xenstore-v2-le.hex  | XENSTORE | xenstore v2, little-endian",
        "libxc-pv-v3.hex     | LIBXC    | libxc v3 x86 PV, little-endian",
        "libxl-hvm-v2.hex    | LIBXL    | libxl v2, little-endian around libxc v2 x86 HVM, little-endian"})
    void aGoldenStreamOfEachFormatIsValid(String name, XenFormat format, String what) throws IOException {
        byte[] stream = GoldenHex.resource("/xen/" + name);
        XenVerifier.Verdict v = verify(stream, null);
        assertThat(v.problems()).isEmpty();
        assertThat(v.valid()).isTrue();
        assertThat(v.format()).isEqualTo(format);
        assertThat(v.stream()).isEqualTo(what);
        assertThat(v.records()).isPositive();
        assertThat(v.octets()).isEqualTo(stream.length);
    }

    @Test
    void everyRecoverableProblemIsCollected() throws IOException {
        XenVerifier.Verdict v = verify(GoldenHex.resource("/xen/libxc-pv-v3-broken.hex"), null);
        assertThat(v.valid()).isFalse();
        assertThat(v.problems()).hasSize(7).noneMatch(FatalFormatException.class::isInstance);
        assertThat(v.problems().getLast().problem()).startsWith("octets after END");
    }

    @Test
    void aTruncatedStreamEndsWithItsFatalProblem() throws IOException {
        byte[] golden = GoldenHex.resource("/xen/libxc-pv-v3.hex");
        XenVerifier.Verdict v = verify(Arrays.copyOf(golden, golden.length - 12), null);
        assertThat(v.problems()).last().isInstanceOf(FatalFormatException.class);
    }

    @Test
    void octetsOfNoXenFormatAreOneFatalProblem() throws IOException {
        XenVerifier.Verdict v = verify("not xen!".getBytes(StandardCharsets.US_ASCII), null);
        assertThat(v.format()).isNull();
        assertThat(v.problems()).singleElement().satisfies(p -> {
            assertThat(p).isInstanceOf(FatalFormatException.class);
            assertThat(p.problem()).isEqualTo("not a xenstore, libxc or libxl stream: it starts with "
                    + "6e 6f 74 20 78 65 6e 21 (say which with --format)");
        });
        // told the format, the verifier reads the octets as that format and says what is wrong with them
        assertThat(verify("not xen!".getBytes(StandardCharsets.US_ASCII), XenFormat.XENSTORE).problems())
                .extracting(StreamFormatException::problem).singleElement().asString()
                .startsWith("not a xenstore stream");
    }

    /** The JSON listing of {@code stream}, as xen inspect --json prints it: with its error when it is bad. */
    private static String listing(byte[] stream, XenFormat format, String name, long size) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (XenJsonListing listing = new XenJsonListing(out)) {
            listing.start(name, size, format);
            try {
                XenListing.list(WireInput.of(ByteBuffer.wrap(stream)), format, listing);
            } catch (StreamFormatException e) {
                listing.error(e);
            }
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    @SuppressWarnings("unchecked")
    void theJsonListingSaysWhatTheStreamHolds() throws Exception {
        byte[] stream = GoldenHex.resource("/xen/xenstore-v2-be.hex");
        String text = listing(stream, XenFormat.XENSTORE, "x.bin", stream.length);
        assertThat(text).startsWith("{\n  \"file\" : \"x.bin\",").endsWith("}\n");
        Map<String, Object> doc = (Map<String, Object>) JsonParser.parse(text);
        assertThat(doc).containsEntry("format", "xenstore").containsEntry("size", (long) stream.length);
        assertThat((Map<String, Object>) doc.get("header")).containsEntry("version", 2L)
                .containsEntry("byteOrder", "big-endian");
        List<Map<String, Object>> records = (List<Map<String, Object>>) doc.get("records");
        assertThat(records.getFirst()).containsEntry("type", "GLOBAL_DATA").containsEntry("offset", 16L);
        assertThat(records.getLast()).containsEntry("type", "END");
        assertThat((Map<String, Object>) doc.get("summary")).containsEntry("records", (long) records.size())
                .containsEntry("end", (long) stream.length);
    }

    @Test
    @SuppressWarnings("unchecked")
    void theJsonListingOfABadStreamEndsWithItsError() throws Exception {
        byte[] golden = GoldenHex.resource("/xen/libxc-pv-v3.hex");
        Map<String, Object> doc = (Map<String, Object>) JsonParser.parse(
                listing(Arrays.copyOf(golden, 100), XenFormat.LIBXC, "cut.bin", -1));
        assertThat(doc).doesNotContainKeys("size", "summary");
        assertThat((Map<String, Object>) doc.get("error")).containsKeys("message", "problem", "offset");
    }
}
