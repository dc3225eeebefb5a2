package dev.baton.cli.store;

import dev.baton.cli.VersionProvider;
import dev.baton.store.client.StoreClient;
import java.nio.charset.StandardCharsets;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code baton store set --port P PATH VALUE}: writes a node. */
@Command(name = "set", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = {"Write VALUE (its UTF-8 octets) to the node at PATH, making it and its missing parents. "
                + "Prints nothing (with --json, what was written).",
            "Exit 1 when the store refuses (EACCES: the domain may not write there, EQUOTA, EINVAL: a bad path)."})
final class StoreSetCommand extends ClientCommand {

    @Parameters(index = "0", paramLabel = "PATH", description = "The node, e.g. /local/domain/1/name.")
    String path;

    @Parameters(index = "1", paramLabel = "VALUE", description = "The value; \"\" for an empty one.")
    String value;

    @Override
    int run(StoreClient c) {
        byte[] octets = value.getBytes(StandardCharsets.UTF_8);
        c.write(path, octets);
        if (json) {
            Json.print(Json.object().put("path", path).put("octets", octets.length));
        }
        return 0;
    }
}
