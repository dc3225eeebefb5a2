package dev.baton.cli.store;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.baton.cli.VersionProvider;
import dev.baton.store.client.StoreClient;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code baton store ls --port P [PATH]}: a node's children. */
@Command(name = "ls", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = {"Print the names of the children of the node at PATH (default: /), sorted, one a line.",
            "Exit 1 when the store refuses (ENOENT: no such node, EACCES: the domain may not read it)."})
final class StoreLsCommand extends ClientCommand {

    @Parameters(paramLabel = "PATH", defaultValue = "/", arity = "0..1", description = "The node (default: /).")
    String path;

    @Override
    int run(StoreClient c) {
        List<String> children = c.directory(path);
        if (json) {
            ObjectNode o = Json.object().put("path", path);
            children.forEach(o.putArray("children")::add);
            Json.print(o);
        } else {
            children.forEach(System.out::println);
        }
        return 0;
    }
}
