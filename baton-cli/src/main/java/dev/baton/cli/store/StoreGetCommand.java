package dev.baton.cli.store;

import dev.baton.cli.VersionProvider;
import dev.baton.core.wire.Utf8;
import dev.baton.store.client.StoreClient;
import java.nio.ByteBuffer;
import java.util.HexFormat;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code baton store get --port P PATH}: a node's value. */
@Command(name = "get", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = {"Print the value of the node at PATH, as it is (any octets), and a new line.",
            "Exit 1 when the store refuses (ENOENT: no such node, EACCES: the domain may not read it)."})
final class StoreGetCommand extends ClientCommand {

    @Parameters(paramLabel = "PATH", description = "The node, e.g. /local/domain/1/name.")
    String path;

    @Override
    int run(StoreClient c) {
        byte[] value = c.read(path);
        if (json) {
            Json.print(Json.object().put("path", path).put("value", Utf8.decode(ByteBuffer.wrap(value), 0, value.length))
                    .put("hex", HexFormat.of().formatHex(value)));
        } else {
            System.out.write(value, 0, value.length);
            System.out.println();
        }
        return 0;
    }
}
