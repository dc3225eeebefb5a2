package dev.baton.migrate.session;

import dev.baton.migrate.StateDigest;
import dev.baton.migrate.transport.TcpTransport;
import dev.baton.migrate.transport.Transport;
import java.time.Duration;

/**
 * A target in its own JVM, for tests that kill it: listens on a free port, prints
 * {@code LISTENING <port>}, receives one migration and prints {@code ACTIVATED <digest>} or
 * {@code DISCARDED <reason>}.
 *
 * <p>Arguments: the timeout in milliseconds, the region size, the number of sessions.
 */
public final class ChildTarget {
    private ChildTarget() {
    }

    public static void main(String[] args) throws Exception {
        Duration timeout = Duration.ofMillis(Long.parseLong(args[0]));
        int region = Integer.parseInt(args[1]);
        int sessions = Integer.parseInt(args[2]);
        try (TcpTransport.Listener listener = TcpTransport.listen(0).timeout(timeout)) {
            System.out.println("LISTENING " + listener.port());
            System.out.flush();
            Transport t = listener.accept(Duration.ofSeconds(60));
            try {
                var app = TargetSession.builder(() -> new dev.baton.migrate.sample.SampleApplication(region, sessions, 0))
                        .build().receive(t);
                System.out.println("ACTIVATED " + StateDigest.of(app));
            } catch (MigrationFailedException e) {
                System.out.println("DISCARDED " + e.getMessage());
            }
        }
    }
}
