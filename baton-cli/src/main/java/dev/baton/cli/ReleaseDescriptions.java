package dev.baton.cli;

import dev.baton.cli.option.InputFile;
import dev.baton.core.describe.StateDescription;
import dev.baton.core.engine.DescriptionProvider;
import dev.baton.core.engine.SchemaDocument;
import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.jar.JarFile;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;

/**
 * The state descriptions one release of an application provides, as the description document
 * {@code baton schema} prints and {@code baton convert} reads: from a jar or a class directory
 * (the {@link DescriptionProvider}s it lists in its own
 * {@code META-INF/services/dev.baton.core.engine.DescriptionProvider}), or from a class on the
 * class path (a provider, or a class whose public static fields hold descriptions). Each release
 * loads in a class loader of its own, so two releases of one application (the same class names)
 * can be read in one run.
 */
final class ReleaseDescriptions {
    /** Where a jar or a class directory lists its providers. */
    static final String SERVICES = "META-INF/services/" + DescriptionProvider.class.getName();

    /** The argument is not something that provides descriptions: a usage error (exit 2), naming it. */
    static final class NotARelease extends Exception {
        private static final long serialVersionUID = 1L;

        NotARelease(String message) {
            super(message);
        }
    }

    private final String target;
    private final List<Path> classpath;
    /** The option that gave the class path, for messages. */
    private final String classpathOption;

    private ReleaseDescriptions(String target, List<Path> classpath, String classpathOption) {
        this.target = target;
        this.classpath = classpath;
        this.classpathOption = classpathOption;
    }

    /**
     * The description document of the release {@code target} names: a jar FILE ({@code -} for
     * standard input), a class directory, or a class name, with {@code classpath}'s jars and
     * folders to load it from.
     *
     * @throws NotARelease  when it is none of them, or provides no descriptions
     * @throws IOException  when a file cannot be read, or a class cannot be loaded
     */
    static String document(String target, List<Path> classpath, String classpathOption)
            throws IOException, NotARelease {
        ReleaseDescriptions r = new ReleaseDescriptions(target, classpath, classpathOption);
        InputFile file = InputFile.of(target);
        Path copy = file.isStdin() ? Files.createTempFile("baton-schema", ".jar") : null;
        try {
            if (copy != null) {
                // a class loader reads jars from files only
                try (var in = file.open()) {
                    Files.copy(in, copy, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                }
            }
            return r.document(copy != null ? copy : Path.of(target), copy != null);
        } catch (ReflectiveOperationException e) {
            throw new IOException("cannot read the descriptions of " + r.name() + ": " + e, e);
        } finally {
            if (copy != null) {
                Files.deleteIfExists(copy);
            }
        }
    }

    /** The document of {@code path}: the target's, or standard input's jar copied there. */
    private String document(Path path, boolean stdinCopy) throws IOException, NotARelease,
            ReflectiveOperationException {
        boolean archive = stdinCopy || Files.exists(path) || target.endsWith(".jar");
        List<URL> urls = new ArrayList<>();
        List<String> listed = List.of();
        if (archive) {
            listed = listedProviders(path);
            urls.add(path.toUri().toURL());
        }
        for (Path p : classpath) {
            if (!Files.exists(p)) {
                throw new NoSuchFileException(p.toString(), null, "no such file (in " + classpathOption + ")");
            }
            urls.add(p.toUri().toURL());
        }
        try (URLClassLoader loader = new URLClassLoader(urls.toArray(URL[]::new), getClass().getClassLoader())) {
            List<DescriptionProvider> found = new ArrayList<>(archive ? fromServices(loader, listed)
                    : fromClass(loader));
            found.removeIf(p -> p.descriptions() == null);
            if (found.stream().allMatch(p -> p.descriptions().isEmpty())) {
                throw new NotARelease("no state descriptions found in " + name());
            }
            return SchemaDocument.of(found);
        }
    }

    /**
     * The class names a jar or a class directory lists in its {@link #SERVICES} file: those alone
     * are its providers, not the ones on baton's own class path.
     */
    private List<String> listedProviders(Path path) throws IOException, NotARelease {
        String text;
        if (Files.isDirectory(path)) {
            Path services = path.resolve(SERVICES);
            if (!Files.isRegularFile(services)) {
                throw new NotARelease(name() + " lists no description providers: the class directory has no "
                        + SERVICES);
            }
            text = Files.readString(services, StandardCharsets.UTF_8);
        } else if (!Files.isRegularFile(path)) {
            if (Files.exists(path)) {
                throw new NotARelease(name() + " is not a jar or a class directory");
            }
            throw new NoSuchFileException(name());
        } else {
            try (JarFile jar = new JarFile(path.toFile())) {
                ZipEntry services = jar.getEntry(SERVICES);
                if (services == null) {
                    throw new NotARelease(name() + " lists no description providers: the jar has no " + SERVICES);
                }
                try (var in = jar.getInputStream(services)) {
                    text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
                }
            } catch (ZipException e) {
                throw new NotARelease(name() + " is not a jar or a class directory: " + e.getMessage());
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
            throw new NotARelease(name() + " lists no description providers: its " + SERVICES + " is empty");
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
            throw new IOException(name() + ": " + e.getMessage());
        }
        return found;
    }

    /** How messages name the target: as given, or {@code <stdin>}. */
    private String name() {
        return InputFile.name(target);
    }

    private List<DescriptionProvider> fromClass(ClassLoader loader) throws IOException, NotARelease,
            ReflectiveOperationException {
        Class<?> c;
        try {
            c = Class.forName(target, true, loader);
        } catch (ClassNotFoundException e) {
            throw new NotARelease("no class " + target + " on the class path (add it with " + classpathOption + ")");
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
