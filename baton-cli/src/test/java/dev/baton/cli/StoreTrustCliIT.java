package dev.baton.cli;

import static dev.baton.cli.StoreCliIT.assertOneLineError;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code baton store serve}'s trust modes from the command line (docs/STORE.md, "Trust modes"):
 * TLS client certificates mapped to domains, --trust-hello on loopback only, neither; each says
 * itself at start, each refusal is one line, and a live update keeps the mode.
 */
class StoreTrustCliIT {
    @TempDir
    static Path dir;
    private static Path map;
    private final List<ServedStore> served = new ArrayList<>();
    private final List<Long> started = new ArrayList<>();

    @BeforeAll
    static void keys() throws Exception {
        TlsKeys.make(dir);
        map = Files.writeString(dir.resolve("domains"), "# the toolstack\nCN=baton-source = 0\n");
    }

    @AfterEach
    void stopAll() throws IOException {
        for (ServedStore s : served) {
            s.close();
        }
        for (long pid : started) {
            ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
        }
    }

    private ServedStore serve(String... args) throws IOException {
        ServedStore s = ServedStore.start(args);
        served.add(s);
        return s;
    }

    /** The store's own options for TLS: its key, the clients' certificates it trusts, the domain map. */
    private String[] tlsStore(String... more) {
        List<String> args = new ArrayList<>(List.of("--tls-key", dir.resolve("target.p12").toString(), "--tls-trust",
                dir.resolve("source.crt").toString(), "--tls-password-file", dir.resolve("password").toString(),
                "--domain-map", map.toString()));
        args.addAll(List.of(more));
        return args.toArray(String[]::new);
    }

    /** A client command as {@code who} (a key of {@link TlsKeys}) over TLS, or over plain TCP when who is null. */
    private Baton.Result client(String who, String command, int port, String... args) {
        List<String> all = new ArrayList<>(List.of("store", command, "--port", Integer.toString(port)));
        if (who != null) {
            all.addAll(List.of("--tls-key", dir.resolve(who + ".p12").toString(), "--tls-trust",
                    dir.resolve("target.crt").toString(), "--tls-password-file", dir.resolve("password").toString()));
        }
        all.addAll(List.of(args));
        return Baton.run(all.toArray(String[]::new));
    }

    @Test
    void aTlsStoreServesTheDomainOfEachCertificateAndRefusesTheRest() throws Exception {
        ServedStore s = serve(tlsStore());
        assertThat(s.lines).contains("trust mode: TLS client certificates (TLSv1.3, as CN=baton-target), domains from "
                + map + " (1 subject)");
        Baton.Result set = client("source", "set", s.port, "--domain", "0", "/local/domain/1/name", "guest-1");
        assertThat(set.exit()).as(set.all()).isZero();
        assertThat(client("source", "get", s.port, "/local/domain/1/name").out()).isEqualTo("guest-1\n");

        // a valid certificate claiming another domain; an untrusted one; no certificate at all
        assertOneLineError(client("source", "set", s.port, "--domain", "1", "/local/domain/1/name", "mine"), 1,
                "baton store set: EACCES: HELLO 1: the client's certificate (CN=baton-source) is domain 0");
        Baton.Result rogue = client("rogue", "set", s.port, "/local/domain/1/name", "mine");
        assertThat(rogue.exit()).as(rogue.all()).isEqualTo(2);
        assertThat(rogue.err()).startsWith("baton store set: cannot reach the store at 127.0.0.1:" + s.port + ": TLS: ")
                .containsOnlyOnce("\n");
        assertOneLineError(client(null, "set", s.port, "/local/domain/1/name", "mine"), 2,
                "baton store set: cannot reach the store at 127.0.0.1:" + s.port + ": the store did not answer HELLO"
                        + " with a line of its protocol (a store that requires TLS client certificates answers plain"
                        + " TCP so)");
        assertThat(client("source", "get", s.port, "/local/domain/1/name").out()).as("nothing changed")
                .isEqualTo("guest-1\n");
    }

    @Test
    void aLiveUpdateKeepsTheTrustMode() throws Exception {
        ServedStore s = serve(tlsStore("--json"));
        assertThat(s.json.get("trust").asText()).isEqualTo("tls");
        assertThat(client("source", "set", s.port, "/a", "before").exit()).isZero();
        Baton.Result update = Baton.run("store", "live-update", "--control", s.control, "--run-dir",
                Files.createTempDirectory(dir, "run").toString(), "--json");
        assertThat(update.exit()).as(update.all()).isZero();
        JsonNode u = JsonShape.read(update.out());
        started.add(u.get("pid").asLong());
        assertThat(s.awaitExit()).isZero();
        assertThat(Files.readString(Path.of(u.get("log").asText()))).contains("trust mode: TLS client certificates"
                + " (TLSv1.3, as CN=baton-target), domains from " + map + " (1 subject)");
        assertThat(client("source", "get", s.port, "/a").out()).isEqualTo("before\n");
        assertOneLineError(client(null, "get", s.port, "/a"), 2, "baton store get: cannot reach the store at 127.0.0.1:"
                + s.port + ": the store did not answer HELLO with a line of its protocol (a store that"
                + " requires TLS client certificates answers plain TCP so)");
        Baton.Result stop = Baton.run("store", "stop", "--control", u.get("control").asText());
        assertThat(stop.exit()).as(stop.all()).isZero();
    }

    @Test
    void withoutTlsOrTrustHelloEveryTcpClientIsRefused() throws Exception {
        ServedStore s = serve();
        assertThat(s.lines).contains("trust mode: no TCP client trusted (every HELLO refused): give --tls-key, or"
                + " --trust-hello on loopback");
        assertOneLineError(client(null, "get", s.port, "/"), 1,
                "baton store get: EACCES: this store serves no TCP client: it has neither TLS client certificates"
                        + " (--tls-key) nor --trust-hello");
    }

    @Test
    void trustHelloSaysSoAndServesLoopbackOnly() throws Exception {
        ServedStore s = serve("--trust-hello");
        assertThat(s.lines).containsSubsequence("listening on 127.0.0.1:" + s.port + " (release 2.0)",
                "trust mode: HELLO domid trusted (--trust-hello), loopback only");
        assertThat(client(null, "set", s.port, "--domain", "0", "/a", "1").exit()).isZero();
        assertOneLineError(Baton.run("store", "serve", "--trust-hello", "--host", "0.0.0.0"), 2, "baton store serve:"
                + " --trust-hello serves loopback addresses only, and 0.0.0.0 is not one: give TLS client certificates"
                + " (--tls-key) to serve it");
    }

    @Test
    void trustOptionsThatDoNotGoTogetherAreUsageErrorsAndABadMapIsOneLine() throws Exception {
        String help = " (see 'baton store serve --help')";
        assertOneLineError(Baton.run(tlsStoreCommand("--trust-hello")), 2,
                "baton store serve: --trust-hello and --tls-key exclude each other: a TLS client's domain comes from"
                        + " its certificate" + help);
        assertOneLineError(Baton.run("store", "serve", "--tls-key", dir.resolve("target.p12").toString(), "--tls-trust",
                dir.resolve("source.crt").toString()), 2, "baton store serve: --tls-key needs --domain-map: the domain"
                + " of each client certificate's subject" + help);
        assertOneLineError(Baton.run("store", "serve", "--tls-key", "-", "--tls-trust", "x", "--domain-map", "y"), 2,
                "baton store serve: --tls-key -: a store reads its TLS files again when it is live-updated: give a file"
                + help);
        assertOneLineError(Baton.run("store", "serve", "--domain-map", "y"), 2,
                "baton store serve: --tls-cert, --tls-trust, --tls-password-file and --domain-map need --tls-key"
                        + help);
        Path bad = Files.writeString(dir.resolve("bad-domains"), "CN=baton-source = 0\nCN=baton-rogue = lots\n");
        List<String> args = new ArrayList<>(List.of(tlsStoreCommand()));
        args.set(args.indexOf(map.toString()), bad.toString());
        assertOneLineError(Baton.run(args.toArray(String[]::new)), 1, "baton store serve: " + bad
                + ":2: domid 'lots' is not a decimal from 0 to 65535");

        // a TLS file that is missing, or not a key at all, is named with what is wrong with it
        List<String> missing = new ArrayList<>(List.of(tlsStoreCommand()));
        missing.set(missing.indexOf(map.toString()), dir.resolve("no-domains").toString());
        assertOneLineError(Baton.run(missing.toArray(String[]::new)), 2, "baton store serve: no such file: "
                + dir.resolve("no-domains"));
        List<String> notAKey = new ArrayList<>(List.of(tlsStoreCommand()));
        notAKey.set(notAKey.indexOf("--tls-key") + 1, bad.toString());
        assertOneLineError(Baton.run(notAKey.toArray(String[]::new)), 2, "baton store serve: " + bad
                + ": neither PEM nor a PKCS#12 keystore");
    }

    private String[] tlsStoreCommand(String... more) {
        List<String> all = new ArrayList<>(List.of("store", "serve"));
        all.addAll(List.of(tlsStore(more)));
        return all.toArray(String[]::new);
    }
}
