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
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.concurrent.Callable;
import java.util.jar.JarFile;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code baton schema}: prints the descriptions an application provides, as the JSON that
 * {@code baton check} compares and that streams carry in their DESCRIPTION record.
 */
@Command(name = "schema", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = {"Print the state descriptions a jar, a class directory or a class provides, as JSON.",
            "A JAR or a class DIR gives the DescriptionProvider implementations it lists in its own "
                + "META-INF/services/dev.baton.core.engine.DescriptionProvider. A CLASS is either a "
                + "DescriptionProvider or a class whose public static final fields hold StateDescriptions.",
            "Anything else, or one that provides no descriptions, is an error naming it (exit 2)."})
final class SchemaCommand implements Callable<Integer> {

    @Parameters(paramLabel = "CLASS|JAR|DIR",
            description = "A jar file, a class directory, or the name of a class on the class path.")
    String target;

    @Option(names = {"-cp", "--classpath"}, paramLabel = "PATH", split = ":",
            description = "Jars and folders to load the application from (colon-separated; repeatable).")
    List<Path> classpath = new ArrayList<>();

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /** Where a jar or a class directory lists its providers. */
    static final String SERVICES = "META-INF/services/" + DescriptionProvider.class.getName();

    @Override
    public Integer call() throws Exception {
        Path path = Path.of(target);
        boolean archive = Files.exists(path) || target.endsWith(".jar");
        List<URL> urls = new ArrayList<>();
        List<String> listed = List.of();
        if (archive) {
            listed = listedProviders(path);
            urls.add(path.toUri().toURL());
        }
        for (Path p : classpath) {
            if (!Files.exists(p)) {
                throw new java.nio.file.NoSuchFileException(p.toString(), null, "no such file (in --classpath)");
            }
            urls.add(p.toUri().toURL());
        }
        try (URLClassLoader loader = new URLClassLoader(urls.toArray(URL[]::new), getClass().getClassLoader())) {
            List<DescriptionProvider> found = new ArrayList<>(archive ? fromServices(loader, listed)
                    : fromClass(loader));
            found.removeIf(p -> p.descriptions() == null);
            if (found.stream().allMatch(p -> p.descriptions().isEmpty())) {
                throw usage("no state descriptions found in " + target);
            }
            String json = SchemaDocument.of(found);
            ObjectMapper mapper = new ObjectMapper();
            System.out.println(mapper.writerWithDefaultPrettyPrinter().writeValueAsString(mapper.readTree(json)));
        }
        return 0;
    }

    /**
     * The class names a jar or a class directory lists in its {@link #SERVICES} file: those alone
     * are its providers, not the ones on baton's own class path.
     */
    private List<String> listedProviders(Path path) throws IOException {
        String text;
        if (Files.isDirectory(path)) {
            Path services = path.resolve(SERVICES);
            if (!Files.isRegularFile(services)) {
                throw usage(target + " lists no description providers: the class directory has no "
                        + SERVICES);
            }
            text = Files.readString(services, StandardCharsets.UTF_8);
        } else if (!Files.isRegularFile(path)) {
            if (Files.exists(path)) {
                throw usage(target + " is not a jar or a class directory");
            }
            throw new java.nio.file.NoSuchFileException(target);
        } else {
            try (JarFile jar = new JarFile(path.toFile())) {
                ZipEntry services = jar.getEntry(SERVICES);
                if (services == null) {
                    throw usage(target + " lists no description providers: the jar has no " + SERVICES);
                }
                try (var in = jar.getInputStream(services)) {
                    text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
                }
            } catch (ZipException e) {
                throw usage(target + " is not a jar or a class directory: " + e.getMessage());
            }
        }
        List<String> names = new ArrayList<>();
        for (String line : text.lines().toList()) {
            String name = line.replaceFirst("#.*", "").strip();
            if (!name.isEmpty()) {
                names.add(name);
            }
        }
        if (names.isEmpty()) {
            throw usage(target + " lists no description providers: its " + SERVICES + " is empty");
        }
        return names;
    }

    private List<DescriptionProvider> fromServices(ClassLoader loader, List<String> listed) throws IOException {
        List<DescriptionProvider> found = new ArrayList<>();
        try {
            ServiceLoader.load(DescriptionProvider.class, loader).stream()
                    .filter(p -> listed.contains(p.type().getName()))
                    .forEach(p -> found.add(p.get()));
        } catch (ServiceConfigurationError e) {
            throw new IOException(target + ": " + e.getMessage());
        }
        return found;
    }

    /** The argument is not something schema reads: a usage error, exit 2, naming it. */
    private CommandLine.ParameterException usage(String message) {
        return new CommandLine.ParameterException(spec.commandLine(), message);
    }

    private List<DescriptionProvider> fromClass(ClassLoader loader) throws Exception {
        Class<?> c;
        try {
            c = Class.forName(target, true, loader);
        } catch (ClassNotFoundException e) {
            throw usage("no class " + target + " on the class path (add it with --classpath)");
        } catch (LinkageError e) { // its static initializer failed, or a class it needs is missing
            throw new IOException("cannot load class " + target + ": " + (e.getCause() != null ? e.getCause() : e));
        }
        if (DescriptionProvider.class.isAssignableFrom(c)) {
            try {
                return List.of((DescriptionProvider) c.getConstructor().newInstance());
            } catch (NoSuchMethodException e) {
                throw new IOException(target + " is a DescriptionProvider without a public constructor that takes "
                        + "no arguments");
            }
        }
        List<StateDescription<?>> found = new ArrayList<>();
        for (Field f : c.getFields()) {
            int m = f.getModifiers();
            if (Modifier.isStatic(m) && StateDescription.class.isAssignableFrom(f.getType()) && f.get(null) != null) {
                found.add((StateDescription<?>) f.get(null));
            }
        }
        return List.of(() -> found);
    }
}
