package dev.evbus.config;

import dev.evbus.event.KeyDefinition;
import dev.evbus.event.KeyDefinitionException;
import dev.evbus.event.KeyProvider;
import dev.evbus.event.KeyRegistry;
import java.io.File;
import java.io.IOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.jar.JarFile;

/**
 * Loads key plugins: every {@code *.jar} in {@code $EVBUS_HOME/plugins/} and on
 * {@code $EVBUS_PLUGIN_PATH}, each in its own class loader, through {@link ServiceLoader}.
 * A broken plugin costs a warning, never the keys of the others.
 */
public final class PluginLoader {
    private PluginLoader() {
    }

    /** What loading found: the keys registered and one line per problem. */
    public record Result(List<String> registeredKeys, List<String> warnings) {
    }

    public static Result loadAll(Home home, Map<String, String> env) {
        List<String> registered = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        for (Path jar : jars(home, env, warnings)) {
            load(jar, registered, warnings);
        }
        return new Result(List.copyOf(registered), List.copyOf(warnings));
    }

    static Set<Path> jars(Home home, Map<String, String> env, List<String> warnings) {
        Set<Path> jars = new LinkedHashSet<>();
        addJarsIn(home.plugins(), jars, warnings, false);
        String path = env.getOrDefault("EVBUS_PLUGIN_PATH", "");
        for (String entry : path.split(File.pathSeparator)) {
            if (entry.isBlank()) {
                continue;
            }
            Path candidate = Path.of(entry);
            if (Files.isDirectory(candidate)) {
                addJarsIn(candidate, jars, warnings, true);
            } else if (Files.isRegularFile(candidate)) {
                jars.add(realPath(candidate));
            } else {
                warnings.add("plugin path entry \"" + entry + "\" does not exist");
            }
        }
        return jars;
    }

    private static void addJarsIn(Path dir, Set<Path> jars, List<String> warnings, boolean mustExist) {
        if (!Files.isDirectory(dir)) {
            if (mustExist) {
                warnings.add("plugin directory \"" + dir + "\" does not exist");
            }
            return;
        }
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir, "*.jar")) {
            List<Path> sorted = new ArrayList<>();
            entries.forEach(sorted::add);
            sorted.sort(null);
            sorted.forEach(jar -> jars.add(realPath(jar)));
        } catch (IOException e) {
            warnings.add("cannot list plugins in \"" + dir + "\": " + e.getMessage());
        }
    }

    private static Path realPath(Path path) {
        try {
            return path.toRealPath();
        } catch (IOException e) {
            return path.toAbsolutePath().normalize();
        }
    }

    private static void load(Path jar, List<String> registered, List<String> warnings) {
        // URLClassLoader skips a jar it cannot open without a word, so a corrupt plugin would vanish silently.
        try (JarFile readable = new JarFile(jar.toFile())) {
            readable.getManifest();
        } catch (IOException unreadable) {
            warnings.add("plugin \"" + jar.getFileName() + "\" cannot be loaded: not a readable jar ("
                    + unreadable.getMessage() + ")");
            return;
        }
        URL url;
        try {
            url = jar.toUri().toURL();
        } catch (MalformedURLException e) {
            warnings.add("plugin \"" + jar + "\": " + e.getMessage());
            return;
        }
        // Never closed: the keys' hooks keep using classes from this loader for the process lifetime.
        URLClassLoader loader = new URLClassLoader("evbus-plugin:" + jar.getFileName(), new URL[] {url},
                KeyProvider.class.getClassLoader());
        try {
            for (KeyProvider provider : ServiceLoader.load(KeyProvider.class, loader)) {
                if (provider.getClass().getClassLoader() != loader) {
                    continue; // a provider of the parent's, not this jar's
                }
                List<KeyDefinition> keys;
                try {
                    keys = provider.keys();
                } catch (RuntimeException | LinkageError e) {
                    warnings.add("plugin \"" + jar.getFileName() + "\": " + provider.getClass().getName() + " failed: " + e);
                    continue;
                }
                for (KeyDefinition key : keys) {
                    try {
                        KeyRegistry.register(key.withOrigin(jar.toString()));
                        registered.add(key.key());
                    } catch (KeyDefinitionException refused) {
                        warnings.add("plugin \"" + jar.getFileName() + "\": " + refused.getMessage());
                    }
                }
            }
        } catch (ServiceConfigurationError | RuntimeException | LinkageError e) {
            warnings.add("plugin \"" + jar.getFileName() + "\" cannot be loaded: " + e.getMessage());
        }
    }
}
