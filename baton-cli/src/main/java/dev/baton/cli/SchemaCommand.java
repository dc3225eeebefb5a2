package dev.baton.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code baton schema}: prints the descriptions an application provides, as the JSON that
 * {@code baton check} compares and that streams carry in their DESCRIPTION record.
 */
@Command(name = "schema",
        description = {"Print the state descriptions a jar, a class directory or a class provides, as JSON.",
            "A JAR or a class DIR gives the DescriptionProvider implementations it lists in its own "
                + "META-INF/services/dev.baton.core.engine.DescriptionProvider. A CLASS is either a "
                + "DescriptionProvider or a class whose public static final fields hold StateDescriptions.",
            "Anything else, or one that provides no descriptions, is an error naming it (exit 2)."})
final class SchemaCommand implements Callable<Integer> {

    @Parameters(paramLabel = "CLASS|JAR|DIR",
            description = "A jar FILE (- for standard input), a class directory, or the name of a class on the "
                    + "class path.")
    String target;

    @Option(names = {"-cp", "--classpath"}, paramLabel = "PATH", split = ":",
            description = "Jars and folders to load the application from (colon-separated; repeatable).")
    List<Path> classpath = new ArrayList<>();

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        String json;
        try {
            json = ReleaseDescriptions.document(target, classpath, "--classpath");
        } catch (ReleaseDescriptions.NotARelease e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
        ObjectMapper mapper = new ObjectMapper();
        System.out.println(mapper.writerWithDefaultPrettyPrinter().writeValueAsString(mapper.readTree(json)));
        return 0;
    }
}
