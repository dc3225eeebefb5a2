package dev.baton.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.baton.cli.option.InputFile;
import dev.baton.core.engine.DescriptionProvider;
import dev.baton.core.engine.SchemaDocument;
import dev.baton.core.describe.StateDescription;
import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code baton schema}: prints the descriptions an application provides, as the JSON that
 * {@code baton check} compares and that streams carry in their DESCRIPTION record.
 */
@Command(name = "schema",
        description = {"Print the state descriptions a jar or a class provides, as JSON.",
            "A JAR is searched for DescriptionProvider implementations listed in its "
                + "META-INF/services/dev.baton.core.engine.DescriptionProvider. A CLASS is either a "
                + "DescriptionProvider or a class whose public static final fields hold StateDescriptions."})
final class SchemaCommand implements Callable<Integer> {

    @Parameters(paramLabel = "CLASS|JAR",
            description = "A jar FILE (- for standard input), or the name of a class on the class path.")
    String target;

    @Option(names = {"-cp", "--classpath"}, paramLabel = "PATH", split = ":",
            description = "Jars and folders to load the application from (colon-separated; repeatable).")
    List<Path> classpath = new ArrayList<>();

    @Override
    public Integer call() throws Exception {
        InputFile file = InputFile.of(target);
        Path copy = file.isStdin() ? Files.createTempFile("baton-schema", ".jar") : null;
        try {
            if (copy != null) {
                // a class loader reads jars from files only
                try (var in = file.open()) {
                    Files.copy(in, copy, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                }
            }
            return print(copy);
        } finally {
            if (copy != null) {
                Files.deleteIfExists(copy);
            }
        }
    }

    /** Prints the descriptions of {@code target}, or of the jar {@code stdinCopy} when it is standard input's. */
    private int print(Path stdinCopy) throws Exception {
        List<URL> urls = new ArrayList<>();
        Path jarFile = stdinCopy != null ? stdinCopy : Path.of(target);
        boolean jar = stdinCopy != null || target.endsWith(".jar") || Files.isRegularFile(jarFile);
        if (jar) {
            if (!Files.isRegularFile(jarFile)) {
                throw new java.nio.file.NoSuchFileException(target);
            }
            urls.add(jarFile.toUri().toURL());
        }
        for (Path p : classpath) {
            urls.add(p.toUri().toURL());
        }
        try (URLClassLoader loader = new URLClassLoader(urls.toArray(URL[]::new), getClass().getClassLoader())) {
            List<DescriptionProvider> found = jar ? fromServices(loader) : fromClass(loader);
            if (found.stream().allMatch(p -> p.descriptions().isEmpty())) {
                throw new IOException("no state descriptions found in " + InputFile.name(target));
            }
            String json = SchemaDocument.of(found);
            ObjectMapper mapper = new ObjectMapper();
            System.out.println(mapper.writerWithDefaultPrettyPrinter().writeValueAsString(mapper.readTree(json)));
        }
        return 0;
    }

    private static List<DescriptionProvider> fromServices(ClassLoader loader) {
        List<DescriptionProvider> found = new ArrayList<>();
        ServiceLoader.load(DescriptionProvider.class, loader).forEach(found::add);
        return found;
    }

    private List<DescriptionProvider> fromClass(ClassLoader loader) throws Exception {
        Class<?> c;
        try {
            c = Class.forName(target, true, loader);
        } catch (ClassNotFoundException e) {
            throw new IOException("no class " + target + " on the class path (add it with --classpath)");
        }
        if (DescriptionProvider.class.isAssignableFrom(c)) {
            return List.of((DescriptionProvider) c.getConstructor().newInstance());
        }
        List<StateDescription<?>> found = new ArrayList<>();
        for (Field f : c.getFields()) {
            int m = f.getModifiers();
            if (Modifier.isStatic(m) && StateDescription.class.isAssignableFrom(f.getType())) {
                found.add((StateDescription<?>) f.get(null));
            }
        }
        return List.of(() -> found);
    }
}
