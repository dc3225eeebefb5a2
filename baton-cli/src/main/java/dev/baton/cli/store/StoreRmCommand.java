package dev.baton.cli.store;

import dev.baton.cli.VersionProvider;
import dev.baton.store.client.StoreClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code baton store rm --port P PATH}: removes a node and its subtree. */
@Command(name = "rm", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = {"Remove the node at PATH and everything below it; a node that is not there is fine when its "
                + "parent is. Prints nothing (with --json, the path).",
            "Exit 1 when the store refuses (ENOENT: no parent either, EACCES: the domain may not write it)."})
final class StoreRmCommand extends ClientCommand {

    @Parameters(paramLabel = "PATH", description = "The node, e.g. /local/domain/1.")
    String path;

    @Override
    int run(StoreClient c) {
        c.rm(path);
        if (json) {
            Json.print(Json.object().put("path", path));
        }
        return 0;
    }
}
