package dev.baton.bench;

import dev.baton.migrate.MigratableApplication;
import dev.baton.migrate.precopy.PrecopyPolicy;
import dev.baton.migrate.sample.SampleApplication;
import dev.baton.migrate.session.MigrationEvent;
import dev.baton.migrate.session.MigrationListener;
import dev.baton.migrate.session.MigrationStats;
import dev.baton.migrate.session.SourceSession;
import dev.baton.migrate.session.TargetSession;
import dev.baton.migrate.transport.TcpTransport;
import dev.baton.migrate.transport.TlsConfig;
import dev.baton.migrate.transport.TlsTransport;
import dev.baton.migrate.transport.Transport;
import dev.baton.migrate.transport.TransportListener;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * The live-migration figures of docs/PERFORMANCE.md ("Live migration"), in one JVM
 * over loopback, source and target each on their own threads:
 *
 * <ol>
 *   <li>throughput: a plain socket copy of 1 GiB (from a heap array into a heap array, and from
 *       a direct buffer into a direct buffer, with no copy in user space), then the migration of
 *       a 1 GiB region over TCP and over TLS, over 1, 2 and 4 channels, each the median of several
 *       runs, all taking turns round by round;</li>
 *   <li>downtime: 64 MiB, 256 MiB and 1 GiB regions migrated while a thread dirties random pages
 *       at a fixed rate, with the default downtime limit and a tight one.</li>
 * </ol>
 *
 * <p>A main, not JMH: each figure is a whole migration of seconds, timed from the connection to
 * the target's DONE; JMH's forks and warm-up iterations would multiply the five minutes this
 * takes. Run with {@code bin/bench migration-report} (it gives the JVM 5 GiB of heap). Options:
 * {@code --mib N} (throughput size, default 1024), {@code --runs N} (default 7),
 * {@code --downtime-sizes 64,256,1024}, {@code --writes-per-second N} (default 100000), {@code --bandwidth MB/S}
 * (the live passes' limit in the downtime runs, default 1000: a 10 GbE link).
 */
public final class MigrationReport {
    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static final int PIECE = 1 << 20;

    private MigrationReport() {
    }

    public static void main(String[] args) throws Exception {
        ReportOptions o = ReportOptions.parseOrExit("migration-report", args, "--mib N", "--runs N",
                "--downtime-sizes N,N...", "--writes-per-second N", "--bandwidth MB/S");
        int mib = o.count("--mib", 1024);
        int runs = o.count("--runs", 7);
        int[] sizes = o.counts("--downtime-sizes", new int[] {64, 256, 1024});
        long rate = o.countLong("--writes-per-second", 100_000);
        long bandwidth = o.countLong("--bandwidth", 1000);
        System.out.printf(Locale.ROOT, "JDK %s, %d cores, max heap %d MiB%n", Runtime.version(),
                Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().maxMemory() >> 20);
        throughput(mib, runs);
        downtime(sizes, rate, bandwidth, Math.max(1, runs - 2));
    }

    // ---- throughput --------------------------------------------------------------------------

    private static void throughput(int mib, int runs) throws Exception {
        long bytes = (long) mib << 20;
        SampleApplication source = new SampleApplication(bytes, 1000, 0).fill(1);
        SampleApplication[] target = {new SampleApplication(bytes, 1000, 0)};
        byte[] src = source.ram().array();
        byte[] dst = target[0].ram().array();
        TlsConfig tls = selfSignedTls();

        // Interleaved, one of each per round, so that other work on the machine weighs on all alike.
        Supplier<MigratableApplication> fresh = () -> target[0]; // the target's array is reused run after run
        int[] channels = {1, 2, 4};
        List<Timed> kinds = new ArrayList<>(List.of(() -> plainCopyHeap(src, dst), () -> plainCopyDirect(bytes),
                () -> migrate(source, fresh, null, true, 1), () -> migrate(source, fresh, null, false, 1)));
        for (int n : channels) {
            if (n > 1) {
                kinds.add(() -> migrate(source, fresh, null, true, n));
            }
        }
        for (int n : channels) {
            kinds.add(() -> migrate(source, fresh, tls, true, n));
        }
        double[][] times = new double[kinds.size()][runs];
        for (int w = 0; w < 2; w++) {
            for (Timed k : kinds) {
                k.seconds(); // warm-up: two rounds, so that the measured ones run compiled code
            }
        }
        for (int r = 0; r < runs; r++) {
            for (int k = 0; k < kinds.size(); k++) {
                times[k][r] = kinds.get(k).seconds();
            }
        }
        double heap = median(times[0]);
        double direct = median(times[1]);
        double tcp = median(times[2]);
        double tcpNoCrc = median(times[3]);
        List<String> rows = new ArrayList<>();
        rows.add(row("plain socket copy, heap array to heap array", bytes, heap, heap, direct));
        rows.add(row("plain socket copy, direct buffer to direct buffer", bytes, direct, heap, direct));
        rows.add(row("Baton migration over TCP (checksums on)", bytes, tcp, heap, direct));
        rows.add(row("Baton migration over TCP, checksums off", bytes, tcpNoCrc, heap, direct));
        rows.add(row("Baton migration over TCP, 2 channels", bytes, median(times[4]), heap, direct));
        rows.add(row("Baton migration over TCP, 4 channels", bytes, median(times[5]), heap, direct));
        for (int i = 0; i < channels.length; i++) {
            rows.add(row("Baton migration over TLS 1.3, " + (channels[i] == 1 ? "1 channel" : channels[i] + " channels"),
                    bytes, median(times[6 + i]), heap, direct));
        }
        String[] names = {"heap", "direct", "tcp", "tcp without checksums", "tcp 2 channels", "tcp 4 channels",
            "tls", "tls 2 channels", "tls 4 channels"};
        StringBuilder all = new StringBuilder("runs (s):");
        for (int k = 0; k < names.length; k++) {
            all.append(k == 0 ? " " : ", ").append(names[k]).append(' ').append(Arrays.toString(times[k]));
        }
        System.out.println(all);
        System.out.println();
        System.out.printf(Locale.ROOT, "Throughput: %d MiB over loopback, median of %d runs, every row taking turns"
                + " round by round; load average %.2f at the end%n", mib, runs,
                java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        System.out.println("| what | median s | GB/s | ratio to heap copy | ratio to direct copy |");
        System.out.println("|---|---:|---:|---:|---:|");
        for (String r : rows) {
            System.out.println(r);
        }
    }

    private static String row(String what, long bytes, double seconds, double heapSeconds, double directSeconds) {
        return String.format(Locale.ROOT, "| %s | %.3f | %.2f | %.3f | %.3f |", what, seconds, bytes / seconds / 1e9,
                heapSeconds / seconds, directSeconds / seconds);
    }

    private static double median(double[] times) {
        double[] t = times.clone();
        Arrays.sort(t);
        return t[t.length / 2];
    }

    /** Seconds per run, the median of {@code runs} after one warm-up run. */
    @FunctionalInterface
    private interface Timed {
        double seconds() throws Exception;
    }

    /** 1 MiB writes from a heap array, 1 MiB reads into a heap array, as a Java program copies. */
    private static double plainCopyHeap(byte[] src, byte[] dst) throws Exception {
        return plainCopy(src.length, (out, n) -> {
            ByteBuffer b = ByteBuffer.wrap(src);
            for (int pos = 0; pos < src.length; pos = b.position()) {
                b.limit(Math.min(src.length, pos + PIECE)).position(pos);
                while (b.hasRemaining()) {
                    out.write(b);
                }
            }
        }, in -> {
            ByteBuffer d = ByteBuffer.wrap(dst);
            while (d.hasRemaining()) {
                d.limit(Math.min(dst.length, d.position() + PIECE));
                while (d.hasRemaining()) {
                    if (in.read(d) < 0) {
                        throw new IOException("early end");
                    }
                }
                d.limit(dst.length);
            }
        });
    }

    /** The same octets from one 1 MiB direct buffer into another: the kernel's copies only. */
    private static double plainCopyDirect(long bytes) throws Exception {
        ByteBuffer out = ByteBuffer.allocateDirect(PIECE);
        ByteBuffer in = ByteBuffer.allocateDirect(PIECE);
        return plainCopy(bytes, (c, n) -> {
            for (long sent = 0; sent < n; sent += PIECE) {
                out.clear();
                while (out.hasRemaining()) {
                    c.write(out);
                }
            }
        }, c -> {
            long got = 0;
            while (got < bytes) {
                in.clear();
                int r = c.read(in);
                if (r < 0) {
                    throw new IOException("early end");
                }
                got += r;
            }
        });
    }

    private interface Sender {
        void send(SocketChannel c, long bytes) throws IOException;
    }

    private interface Receiver {
        void receive(SocketChannel c) throws IOException;
    }

    private static double plainCopy(long bytes, Sender sender, Receiver receiver) throws Exception {
        try (ServerSocketChannel server = ServerSocketChannel.open()) {
            server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            long start = System.nanoTime();
            CompletableFuture<Void> reading = CompletableFuture.runAsync(() -> {
                try (SocketChannel c = server.accept()) {
                    receiver.receive(c);
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }, r -> Thread.ofPlatform().start(r));
            try (SocketChannel c = SocketChannel.open(server.getLocalAddress())) {
                c.socket().setTcpNoDelay(true);
                sender.send(c, bytes);
            }
            reading.get(60, TimeUnit.SECONDS);
            return (System.nanoTime() - start) / 1e9;
        }
    }

    /** One whole migration, connect to DONE; returns seconds. */
    private static double migrate(SampleApplication source, Supplier<MigratableApplication> target, TlsConfig tls,
            boolean checksums, int channels) throws Exception {
        return run(source, target, tls, PrecopyPolicy.defaults(), MigrationListener.none(), checksums, channels)
                .nanos() / 1e9;
    }

    private static MigrationStats run(MigratableApplication source, Supplier<MigratableApplication> target, TlsConfig tls,
            PrecopyPolicy policy, MigrationListener listener) throws Exception {
        return run(source, target, tls, policy, listener, true, 1);
    }

    private static MigrationStats run(MigratableApplication source, Supplier<MigratableApplication> target, TlsConfig tls,
            PrecopyPolicy policy, MigrationListener listener, boolean checksums, int channels) throws Exception {
        TransportListener l = tls == null ? TcpTransport.listen(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))
                .timeout(TIMEOUT) : TlsTransport.listen(0, tls).timeout(TIMEOUT);
        CompletableFuture<MigratableApplication> received = CompletableFuture.supplyAsync(() -> {
            try (l) {
                return TargetSession.builder(target).channels(channels, l, TIMEOUT).build().receive(l.accept(TIMEOUT));
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }, r -> Thread.ofPlatform().name("bench-target").start(r));
        SourceSession.ChannelOpener connect = () -> tls == null ? TcpTransport.connect("127.0.0.1", l.port(), TIMEOUT)
                : TlsTransport.connect("127.0.0.1", l.port(), tls, TIMEOUT);
        MigrationStats stats = SourceSession.builder(source).timeout(TIMEOUT).precopy(policy).listener(listener)
                .checksums(checksums).channels(channels, connect).build().migrate(connect.open());
        received.get(60, TimeUnit.SECONDS);
        return stats;
    }

    // ---- downtime ----------------------------------------------------------------------------

    private static void downtime(int[] sizes, long writesPerSecond, long bandwidth, int runs) throws Exception {
        System.out.println();
        System.out.printf(Locale.ROOT, "Downtime: a thread writes %d random 8-octet words a second into the region (each"
                + " dirties a 4 KiB page); live passes limited to %d MB/s (the last pass is not); median of %d runs by"
                + " downtime%n", writesPerSecond, bandwidth, runs);
        System.out.println("| region | downtime limit | passes | switchover | sent | dirty at switchover | last pass"
                + " | downtime ms |");
        System.out.println("|---:|---:|---:|---|---:|---:|---:|---:|");
        for (long limit : new long[] {300, 20}) {
            for (int mib : sizes) {
                List<String[]> results = new ArrayList<>();
                for (int r = 0; r < runs; r++) {
                    results.add(downtimeRun(mib, limit, writesPerSecond, bandwidth));
                    System.gc();
                }
                results.sort((a, b) -> Double.compare(Double.parseDouble(a[7]), Double.parseDouble(b[7])));
                System.out.println("| " + String.join(" | ", results.get(runs / 2)) + " |");
            }
        }
    }

    private static String[] downtimeRun(int mib, long limitMillis, long writesPerSecond, long bandwidth)
            throws Exception {
        long bytes = (long) mib << 20;
        SampleApplication source = new SampleApplication(bytes, 1000, writesPerSecond).fill(mib);
        source.start();
        Thread.sleep(200); // let the writer reach its rate
        List<MigrationEvent> events = new ArrayList<>();
        MigrationStats stats = run(source, () -> new SampleApplication(bytes, 1000, 0), null,
                PrecopyPolicy.defaults().withDowntimeLimit(Duration.ofMillis(limitMillis))
                        .withBandwidthLimit(bandwidth * 1_000_000), events::add);
        source.stop();
        MigrationEvent.Switchover s = events.stream().filter(MigrationEvent.Switchover.class::isInstance)
                .map(MigrationEvent.Switchover.class::cast).findFirst().orElseThrow();
        MigrationEvent.Iteration last = stats.iterations().getLast();
        return new String[] {mib + " MiB", limitMillis + " ms", Integer.toString(s.iterations()),
            s.reason() == MigrationEvent.Reason.CONVERGED ? "converged" : "iteration limit",
            String.format(Locale.ROOT, "%.1f MB", stats.octets() / 1e6),
            String.format(Locale.ROOT, "%.2f MB", s.dirtyOctets() / 1e6),
            String.format(Locale.ROOT, "%.2f MB in %.1f ms", last.octets() / 1e6, last.nanos() / 1e6),
            String.format(Locale.ROOT, "%.1f", stats.downtimeMillis())};
    }

    // ---- TLS keys ----------------------------------------------------------------------------

    /** A self-signed key made with keytool, trusted by both ends (mutual authentication all the same). */
    private static TlsConfig selfSignedTls() throws Exception {
        Path dir = Files.createTempDirectory("baton-bench-tls");
        Path p12 = dir.resolve("bench.p12");
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair", "-alias", "bench", "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=baton-bench",
                "-ext", "SAN=ip:127.0.0.1", "-validity", "1", "-keystore", p12.toString(), "-storetype", "PKCS12",
                "-storepass", "changeit", "-keypass", "changeit").redirectErrorStream(true).start();
        p.getInputStream().readAllBytes();
        if (p.waitFor() != 0) {
            throw new IOException("keytool failed");
        }
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(p12)) {
            ks.load(in, "changeit".toCharArray());
        }
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry("bench", ks.getCertificate("bench"));
        return TlsConfig.of(ks, "changeit".toCharArray(), trust);
    }
}
