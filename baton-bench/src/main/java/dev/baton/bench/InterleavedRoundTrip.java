package dev.baton.bench;

import dev.baton.core.wire.RecordReader;
import dev.baton.core.wire.RecordWriter;
import dev.baton.core.wire.WriterOptions;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.Locale;

/**
 * The file round trip of {@link FileRoundTrip} (issue 2), with Baton and the plain copy taking
 * turns in one JVM instead of running one after the other: on a shared machine whose speed
 * drifts, each round's ratio then compares two runs made under the same load. Prints the median
 * time of each and the median, lowest and highest of the per-round throughput ratios.
 *
 * <pre>bin/bench wire-interleaved [--rounds N] [--mib N]</pre>
 *
 * Three warm-up rounds are not counted. As in the JMH benchmark, every round trip writes a new
 * file and the previous one is unlinked outside the timing.
 */
public final class InterleavedRoundTrip {
    private InterleavedRoundTrip() {
    }

    public static void main(String[] args) throws IOException {
        ReportOptions o = ReportOptions.parseOrExit("wire-interleaved", args, "--rounds N", "--mib N");
        int rounds = o.count("--rounds", 30);
        int mebibytes = o.count("--mib", 1024);
        int records = BenchStream.records(mebibytes);
        Path dir = Files.createTempDirectory("baton-bench");
        Path file = dir.resolve("stream.baton");
        ByteBuffer chunk = PlainCopy.newChunk();
        ByteBuffer body = BenchStream.newBody();
        WriterOptions options = BenchStream.writerOptions(false);
        long[] plain = new long[rounds];
        long[] baton = new long[rounds];
        double[] ratios = new double[rounds];
        long sum = 0;
        try {
            for (int r = -3; r < rounds; r++) {
                Files.deleteIfExists(file);
                long t0 = System.nanoTime();
                try (FileChannel out = create(file)) {
                    PlainCopy.write(out, chunk, null, records);
                }
                try (FileChannel in = FileChannel.open(file, StandardOpenOption.READ)) {
                    sum += PlainCopy.read(in, chunk);
                }
                long t1 = System.nanoTime();
                Files.deleteIfExists(file);
                long t2 = System.nanoTime();
                try (FileChannel out = create(file); RecordWriter writer = RecordWriter.open(out, options)) {
                    BenchStream.write(writer, body, records);
                }
                try (RecordReader reader = RecordReader.open(file, BenchStream.readerOptions())) {
                    sum += BenchStream.read(reader);
                }
                long t3 = System.nanoTime();
                if (r >= 0) {
                    plain[r] = t1 - t0;
                    baton[r] = t3 - t2;
                    ratios[r] = (double) plain[r] / baton[r]; // same octets: time ratio = throughput ratio
                }
            }
        } finally {
            Files.deleteIfExists(file);
            Files.deleteIfExists(dir);
        }
        Arrays.sort(plain);
        Arrays.sort(baton);
        Arrays.sort(ratios);
        System.out.printf(Locale.ROOT, "%d rounds of %d MiB (checksum of the data read: %d)%n", rounds, mebibytes, sum);
        System.out.printf(Locale.ROOT, "plain FileChannel copy, median round trip: %.1f ms%n", plain[rounds / 2] / 1e6);
        System.out.printf(Locale.ROOT, "Baton, median round trip:                  %.1f ms%n", baton[rounds / 2] / 1e6);
        System.out.printf(Locale.ROOT, "Baton's throughput over the plain copy's, per round: median %.3f, lowest %.3f,"
                + " highest %.3f%n", ratios[rounds / 2], ratios[0], ratios[rounds - 1]);
    }

    private static FileChannel create(Path file) throws IOException {
        return FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
    }
}
