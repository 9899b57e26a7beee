package dev.evbus.keyfiles;

import dev.evbus.config.Home;
import dev.evbus.event.KeyDefinition;
import dev.evbus.event.KeyDefinitionException;
import dev.evbus.event.KeyRegistry;
import dev.evbus.config.PluginLoader;
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
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * Loads declarative keys: every key file in {@code $EVBUS_HOME/keys/}, then each entry of
 * {@code $EVBUS_KEY_PATH} (directories or files), each directory's files in name order. Call it
 * after the plugins: the first definition of a key name wins, so a plugin's key beats a file's and
 * an earlier file beats a later one. A broken file costs one warning per problem, never the others.
 *
 * <p>A command that names one key loads that key alone ({@link #loadKey}); only {@code list} and
 * the bus read every file, and neither compiles a stage.
 */
public final class KeyFiles {
    private KeyFiles() {
    }

    public static PluginLoader.Result loadAll(Home home, Map<String, String> env, StageLibrary library) {
        return loadAll(home, env, new KeyFileReader(library, new LoadedFiles()));
    }

    /** Every key file, each read by {@code reader}, registered in load order. */
    public static PluginLoader.Result loadAll(Home home, Map<String, String> env, KeyFileReader reader) {
        List<String> registered = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        for (Path file : files(home, env, warnings)) {
            read(reader, file, registered, warnings);
        }
        return new PluginLoader.Result(List.copyOf(registered), List.copyOf(warnings));
    }

    /**
     * The keys for the bus, which runs their hooks (a dead consumer's cleanup) but not their
     * stages: the stages' options are not checked, so the bus never opens a table or a database
     * (a GeoIP file would otherwise sit in its memory for nothing).
     */
    public static PluginLoader.Result loadForHooks(Home home, Map<String, String> env) {
        return loadAll(home, env, KeyFileReader.withoutStageChecks());
    }

    /**
     * {@code key} alone, by the order every definition follows: a key already registered (a
     * built-in one) reads nothing; else the plugins load, and if none defines it, the files the
     * index names for it are read in load order until one loads. The result warns about what was
     * read: the plugins, the key path, each of those files' problems, and each later file naming
     * the key (ignored unread, as loading every file would have ignored it). Files naming other
     * keys are neither read nor mentioned. The reader is made only once a file is to be read: a
     * built-in key's consumer ({@code consume raw}) then builds no stage library, whose ~40 stage
     * classes its AOT cache would otherwise hold and load at every start (0.3 MB resident).
     */
    public static PluginLoader.Result loadKey(Home home, Map<String, String> env, String key,
                                              Supplier<KeyFileReader> readers) {
        if (KeyRegistry.find(key).isPresent()) {
            return new PluginLoader.Result(List.of(), List.of());
        }
        PluginLoader.Result plugins = PluginLoader.loadAll(home, env);
        List<String> registered = new ArrayList<>(plugins.registeredKeys());
        List<String> warnings = new ArrayList<>(plugins.warnings());
        if (KeyRegistry.find(key).isEmpty()) {
            KeyIndex index = KeyIndex.scan(home, env);
            warnings.addAll(index.warnings());
            KeyFileReader reader = null;
            for (Path file : index.filesNaming(key)) {
                Optional<KeyDefinition> defined = KeyRegistry.find(key);
                if (defined.isPresent()) {
                    warnings.add(ignored(named(file), key, defined));
                } else {
                    reader = reader == null ? readers.get() : reader;
                    read(reader, file, registered, warnings);
                }
            }
        }
        return new PluginLoader.Result(List.copyOf(registered), List.copyOf(warnings));
    }

    private static void read(KeyFileReader reader, Path file, List<String> registered, List<String> warnings) {
        String named = named(file);
        // instanceof, not a type switch: a switch's first run generates a class at every consumer's start
        KeyFile read = reader.read(file);
        if (read instanceof KeyFile.Loaded loaded) {
            register(loaded.key(), named, registered, warnings);
        } else if (read instanceof KeyFile.Refused refused) {
            refused.problems().forEach(problem -> warnings.add(problem.format(named)));
        }
    }

    private static String named(Path file) {
        return "key file \"" + file + "\"";
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
        warnings.add(ignored(named, key.key(), existing));
    }

    private static String ignored(String named, String key, Optional<KeyDefinition> existing) {
        return named + ": key \"" + key + "\" is already defined by "
                + existing.map(other -> "\"" + other.origin() + "\"").orElse("another source") + "; this file is ignored";
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
