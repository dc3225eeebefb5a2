package dev.baton.cli.migrate;

import dev.baton.migrate.MigratableApplication;
import java.io.File;
import java.io.IOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;

/**
 * Finds the application to migrate: the {@link MigratableApplication}s that
 * {@link ServiceLoader} lists on the command's class path and on {@code --classpath}, chosen by
 * {@code --app} (the class's name, simple or full, or the application's {@code name()}).
 */
final class Applications {
    private Applications() {
    }

    /** A new instance of the chosen application; one line of error when there is none or too many. */
    static MigratableApplication load(String wanted, String classpath) throws IOException {
        ClassLoader loader = loader(classpath);
        List<ServiceLoader.Provider<MigratableApplication>> providers;
        try {
            providers = ServiceLoader.load(MigratableApplication.class, loader).stream().toList();
        } catch (ServiceConfigurationError e) {
            throw new IOException("cannot list the applications: " + e.getMessage(), e);
        }
        if (providers.isEmpty()) {
            throw new IOException("no application found: list one in META-INF/services/"
                    + MigratableApplication.class.getName() + " of a jar given with --classpath");
        }
        if (wanted == null) {
            if (providers.size() > 1) {
                throw new IOException("several applications found " + classNames(providers) + ": choose one with --app");
            }
            return instantiate(providers.getFirst());
        }
        for (ServiceLoader.Provider<MigratableApplication> p : providers) {
            if (p.type().getName().equals(wanted) || p.type().getSimpleName().equals(wanted)) {
                return instantiate(p);
            }
        }
        List<String> names = new ArrayList<>();
        for (ServiceLoader.Provider<MigratableApplication> p : providers) {
            MigratableApplication app = instantiate(p);
            if (app.name().equals(wanted)) {
                return app;
            }
            names.add(app.name());
        }
        throw new IOException("no application '" + wanted + "': found " + names);
    }

    private static List<String> classNames(List<ServiceLoader.Provider<MigratableApplication>> providers) {
        return providers.stream().map(p -> p.type().getSimpleName()).toList();
    }

    private static MigratableApplication instantiate(ServiceLoader.Provider<MigratableApplication> p) throws IOException {
        try {
            return p.get();
        } catch (ServiceConfigurationError | RuntimeException e) {
            throw new IOException("cannot make application " + p.type().getName() + ": "
                    + (e.getCause() != null ? e.getCause() : e), e);
        }
    }

    private static ClassLoader loader(String classpath) throws IOException {
        ClassLoader parent = Applications.class.getClassLoader();
        if (classpath == null || classpath.isEmpty()) {
            return parent;
        }
        List<URL> urls = new ArrayList<>();
        for (String entry : classpath.split(File.pathSeparator)) {
            Path p = Path.of(entry);
            if (!Files.exists(p)) {
                throw new java.nio.file.NoSuchFileException(entry);
            }
            try {
                urls.add(p.toUri().toURL());
            } catch (MalformedURLException e) {
                throw new IOException("bad class path entry " + entry, e);
            }
        }
        return new URLClassLoader(urls.toArray(URL[]::new), parent);
    }
}
