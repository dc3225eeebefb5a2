package dev.baton.cli.store;

import dev.baton.cli.ErrorHandler;
import dev.baton.cli.option.TlsOptions;
import dev.baton.store.client.StoreClient;
import dev.baton.store.protocol.StoreException;
import java.io.IOException;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * A command that talks to a store as a client ({@code get}, {@code set}, {@code ls}, {@code rm},
 * {@code watch}): connects (over TLS with {@code --tls-key}), runs, says BYE. What the store refuses (ENOENT, EACCES, ...) is one
 * line and exit 1; a store that cannot be reached is exit 2.
 */
abstract class ClientCommand implements Callable<Integer> {

    @Mixin
    StoreAddress address;

    @Mixin
    TlsOptions tls;

    @Option(names = "--json", description = "Print JSON (docs/CLI.md).")
    boolean json;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public final Integer call() throws Exception {
        try (StoreClient c = address.connect(tls.config())) {
            return run(c);
        } catch (StoreException e) {
            return CommandError.print(spec, e.getMessage(), ErrorHandler.BAD_INPUT);
        } catch (IOException e) {
            return CommandError.print(spec, e.getMessage(), ErrorHandler.USAGE_OR_IO);
        }
    }

    /** Does the command's work with {@code c}; returns the exit code. */
    abstract int run(StoreClient c) throws IOException, InterruptedException;
}
