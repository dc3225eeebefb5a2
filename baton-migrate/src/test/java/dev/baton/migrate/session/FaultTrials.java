package dev.baton.migrate.session;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.migrate.StateDigest;
import dev.baton.migrate.sample.SampleApplication;
import dev.baton.migrate.transport.TcpTransport;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;

/** What the fault-injection tests share: the source, the sizes, the tally. */
final class FaultTrials {
    /** Small state: a trial must take milliseconds, not seconds. */
    static final int REGION = 256 << 10;
    static final int SESSIONS = 64;
    /** GO and DONE frames: 8 octets of header, no body, 8 of trailer. */
    static final int GO_OCTETS = 16;
    static final int DONE_OCTETS = 16;

    static SampleApplication source() {
        return new SampleApplication(REGION, SESSIONS, 0).fill(42).start();
    }

    static SampleApplication emptyTarget() {
        return new SampleApplication(REGION, SESSIONS, 0);
    }

    /** Octets each way of a migration without fault, through the proxy. */
    record Lengths(long forward, long back) {
    }

    static Lengths dryRun() throws Exception {
        SampleApplication source = source();
        Duration t = Duration.ofSeconds(10);
        try (FaultClock time = new FaultClock(t); // never flows: no fault fires, nothing may time out
                TcpTransport.Listener listener = TcpTransport.listen(0).timeout(t);
                Loopback loop = Loopback.on(listener, TargetSession.builder(FaultTrials::emptyTarget)
                        .clock(time.clock).build());
                FaultProxy proxy = new FaultProxy(listener.port(), FaultProxy.Fault.NONE, null, time::flow)) {
            MigrationStats stats = SourceSession.builder(source).timeout(t).clock(time.clock).build()
                    .migrate(TcpTransport.connect("127.0.0.1", proxy.port(), t));
            assertThat(stats.targetConfirmed()).isTrue();
            assertThat(StateDigest.of((SampleApplication) loop.outcome())).isEqualTo(StateDigest.of(source));
            // both ends close after DONE: once both directions ended, every octet has been counted
            assertThat(proxy.awaitEnd(t)).as("the proxy saw both ends close").isTrue();
            return new Lengths(proxy.forwarded(), proxy.returned());
        }
    }

    /** Counts of outcomes by fault, printed as a table and kept in target/ for the report. */
    static final class Tally {
        private final Map<String, int[]> rows = new TreeMap<>();
        private final Map<String, Integer> reasons = new TreeMap<>();

        void add(String fault, boolean fired, String reason) {
            int[] row = rows.computeIfAbsent(fault, k -> new int[2]);
            row[0]++;
            if (fired) {
                row[1]++;
            }
            String key = reason.replaceAll("0x[0-9a-f]{8}", "#HEX#").replaceAll("[0-9]+", "N").replace("#HEX#", "0x…");
            reasons.merge(key.length() > 110 ? key.substring(0, 110) + "…" : key, 1, Integer::sum);
        }

        int trials() {
            return rows.values().stream().mapToInt(r -> r[0]).sum();
        }

        String table(String title, String verdict) {
            StringBuilder sb = new StringBuilder(title).append('\n');
            sb.append(String.format("%-22s %7s %7s%n", "fault", "trials", "fired"));
            rows.forEach((k, v) -> sb.append(String.format("%-22s %7d %7d%n", k, v[0], v[1])));
            sb.append(String.format("%-22s %7d%n", "total", trials()));
            sb.append(verdict).append('\n');
            sb.append("source's reasons (digits as N):\n");
            reasons.forEach((k, v) -> sb.append(String.format("%5d  %s%n", v, k)));
            return sb.toString();
        }

        void save(String name, String title, String verdict) throws IOException {
            String t = table(title, verdict);
            System.out.print(t);
            Path dir = Path.of("target");
            if (Files.isDirectory(dir)) {
                Files.writeString(dir.resolve(name), t);
            }
        }
    }

    private FaultTrials() {
    }
}
