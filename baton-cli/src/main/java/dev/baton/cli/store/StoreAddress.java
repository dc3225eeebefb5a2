package dev.baton.cli.store;

import dev.baton.cli.option.Ranges;
import dev.baton.cli.option.StoreRanges;
import dev.baton.migrate.transport.TlsConfig;
import dev.baton.store.client.StoreClient;
import java.io.IOException;
import java.net.InetSocketAddress;
import picocli.CommandLine.Option;

/** The options that say which store a client command talks to, and as which domain. */
final class StoreAddress {

    @Option(names = "--host", paramLabel = "HOST", defaultValue = "127.0.0.1",
            description = "The store's host (default: ${DEFAULT-VALUE}).")
    String host;

    @Option(names = "--port", required = true, paramLabel = "PORT", converter = Ranges.Port.class,
            description = "The store's port (printed by `baton store serve`).")
    int port;

    @Option(names = "--domain", paramLabel = "DOMID", defaultValue = "0", converter = StoreRanges.Domain.class,
            description = "The domain to act as (default: ${DEFAULT-VALUE}, privileged): the store believes it only with "
                    + "--trust-hello; over TLS it must be the domain its map gives this end's certificate.")
    int domain;

    /** A client of the store as that domain, over TLS when {@code tls} is not null. */
    StoreClient connect(TlsConfig tls) throws IOException {
        try {
            InetSocketAddress address = new InetSocketAddress(host, port);
            return tls == null ? StoreClient.connect(address, domain) : StoreClient.connect(address, tls, domain);
        } catch (IOException e) {
            throw new IOException("cannot reach the store at " + host + ":" + port + ": " + e.getMessage(), e);
        }
    }
}
