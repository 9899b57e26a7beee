package dev.evbus.keyfiles;

import dev.evbus.event.Home;
import dev.evbus.event.KeyDefinition;
import dev.evbus.event.KeyDefinitionException;
import dev.evbus.event.KeyRegistry;
import dev.evbus.event.PluginLoader;
import dev.evbus.pipeline.LoadedFiles;
import dev.evbus.pipeline.StageLibrary;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Loads declarative keys: every key file in {@code $EVBUS_HOME/keys/}, then each entry of
 * {@code $EVBUS_KEY_PATH} (directories or files), each directory's files in name order. Call it
 * after the plugins: the first definition of a key name wins, so a plugin's key beats a file's and
 * an earlier file beats a later one. A broken file costs one warning per problem, never the others.
 */
public final class KeyFiles {
    private KeyFiles() {
    }

    public static PluginLoader.Result loadAll(Home home, Map<String, String> env, StageLibrary library) {
        return loadAll(home, env, library, new LoadedFiles());
    }

    public static PluginLoader.Result loadAll(Home home, Map<String, String> env, StageLibrary library, LoadedFiles files) {
        return load(home, env, new KeyFileReader(library, files));
    }

    /**
     * The keys for the bus, which runs their hooks (a dead consumer's cleanup) but not their
     * stages: the stages' options are not checked, so the bus never opens a table or a database
     * (a GeoIP file would otherwise sit in its memory for nothing).
     */
    public static PluginLoader.Result loadForHooks(Home home, Map<String, String> env) {
        return load(home, env, KeyFileReader.withoutStageChecks());
    }

    private static PluginLoader.Result load(Home home, Map<String, String> env, KeyFileReader reader) {
        List<String> registered = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        List<Path> found = files(home, env, warnings);
        if (found.isEmpty()) {
            return new PluginLoader.Result(List.of(), List.copyOf(warnings));
        }
        for (Path file : found) {
            String named = "key file \"" + file + "\"";
            switch (reader.read(file)) {
                case KeyFile.Refused refused -> refused.problems().forEach(problem -> warnings.add(problem.format(named)));
                case KeyFile.Loaded loaded -> register(loaded.key(), named, registered, warnings);
            }
        }
        return new PluginLoader.Result(List.copyOf(registered), List.copyOf(warnings));
    }

    private static void register(KeyDefinition key, String named, List<String> registered, List<String> warnings) {
        Optional<KeyDefinition> existing = KeyRegistry.find(key.key());
        if (existing.isEmpty()) {
            try {
                KeyRegistry.register(key);
                registered.add(key.key());
                return;
            } catch (KeyDefinitionException raced) {
                existing = KeyRegistry.find(key.key());
            }
        }
        warnings.add(named + ": key \"" + key.key() + "\" is already defined by "
                + existing.map(other -> "\"" + other.origin() + "\"").orElse("another source") + "; this file is ignored");
    }

    /** Key files to read, in load order, each once (by real path). */
    static List<Path> files(Home home, Map<String, String> env, List<String> warnings) {
        Map<Path, Path> files = new LinkedHashMap<>();
        if (Files.isDirectory(home.keys())) {
            addDirectory(home.keys(), files, warnings);
        }
        for (String entry : env.getOrDefault("EVBUS_KEY_PATH", "").split(File.pathSeparator)) {
            if (entry.isBlank()) {
                continue;
            }
            Path candidate = Path.of(entry).toAbsolutePath().normalize();
            if (Files.isDirectory(candidate)) {
                addDirectory(candidate, files, warnings);
            } else if (Files.isRegularFile(candidate)) {
                files.putIfAbsent(realPath(candidate), candidate);
            } else {
                warnings.add("key path entry \"" + entry + "\" does not exist");
            }
        }
        return List.copyOf(files.values());
    }

    private static void addDirectory(Path dir, Map<Path, Path> files, List<String> warnings) {
        try (Stream<Path> entries = Files.list(dir)) {
            entries.filter(file -> KeyFileReader.isKeyFile(file) && Files.isRegularFile(file)).sorted()
                    .forEach(file -> files.putIfAbsent(realPath(file), file.toAbsolutePath().normalize()));
        } catch (IOException unreadable) {
            warnings.add("cannot list key files in \"" + dir + "\": " + unreadable.getMessage());
        }
    }

    private static Path realPath(Path path) {
        try {
            return path.toRealPath();
        } catch (IOException e) {
            return path.toAbsolutePath().normalize();
        }
    }
}
