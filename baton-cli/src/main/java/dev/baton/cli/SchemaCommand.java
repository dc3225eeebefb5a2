package dev.baton.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
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

    @Parameters(paramLabel = "CLASS|JAR", description = "A jar file, or the name of a class on the class path.")
    String target;

    @Option(names = {"-cp", "--classpath"}, paramLabel = "PATH", split = ":",
            description = "Jars and folders to load the application from (colon-separated; repeatable).")
    List<Path> classpath = new ArrayList<>();

    @Override
    public Integer call() throws Exception {
        List<URL> urls = new ArrayList<>();
        boolean jar = target.endsWith(".jar") || Files.isRegularFile(Path.of(target));
        if (jar) {
            if (!Files.isRegularFile(Path.of(target))) {
                throw new java.nio.file.NoSuchFileException(target);
            }
            urls.add(Path.of(target).toUri().toURL());
        }
        for (Path p : classpath) {
            urls.add(p.toUri().toURL());
        }
        try (URLClassLoader loader = new URLClassLoader(urls.toArray(URL[]::new), getClass().getClassLoader())) {
            List<DescriptionProvider> found = jar ? fromServices(loader) : fromClass(loader);
            if (found.stream().allMatch(p -> p.descriptions().isEmpty())) {
                throw new IOException("no state descriptions found in " + target);
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
