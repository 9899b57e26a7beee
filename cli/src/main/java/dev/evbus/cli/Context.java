package dev.evbus.cli;

import dev.evbus.consume.UnknownKey;
import dev.evbus.config.AppConfig;
import dev.evbus.config.AppPaths;
import dev.evbus.config.ConfigException;
import dev.evbus.config.Home;
import dev.evbus.event.KeyRegistry;
import dev.evbus.event.TimeSource;
import dev.evbus.config.PluginLoader;
import dev.evbus.config.Retention;
import dev.evbus.keyfiles.KeyFileReader;
import dev.evbus.keyfiles.KeyIndex;
import dev.evbus.keyfiles.KeyFiles;
import dev.evbus.pipeline.LoadedFiles;
import dev.evbus.pipeline.StageLibrary;
import java.io.IOException;
import java.io.PrintStream;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * What every command needs: the environment, the home, the selected app, the error stream and the
 * one clock its waits, deadlines and "now" read.
 */
record Context(Map<String, String> env, Home home, String appId, PrintStream err, TimeSource clock) {

    AppPaths app() {
        return home.app(appId);
    }

    /** The app's retention settings; a config that does not parse is bad input, reported before anything happens. */
    Retention retention() {
        try {
            return AppConfig.load(home, appId).retention();
        } catch (ConfigException bad) {
            throw UserError.badInput(bad.getMessage() + " (fix the file or remove the setting to use the default)");
        } catch (IOException unreadable) {
            throw UserError.badInput(unreadable.getMessage());
        }
    }

    /**
     * {@code consume KEY}, {@code dlq replay KEY}: makes KEY known with its stages compiled and its
     * tables and databases loaded, which the returned files hold for the consumer to reuse. Reads
     * nothing for a built-in key, and no key file but KEY's own (see {@link KeyFiles#loadKey}).
     */
    LoadedFiles loadKey(String key) {
        LoadedFiles files = new LoadedFiles();
        // A built-in key (consume raw) does not touch the key-file classes at all: once loaded, they
        // are verified when its AOT cache is written, which loads the YAML parser into every consumer.
        if (KeyRegistry.find(key).isEmpty()) {
            warn(KeyFiles.loadKey(home, env, key, () -> new KeyFileReader(StageLibrary.standard(), files)));
        }
        return files;
    }

    /**
     * {@code schema KEY}, {@code consume KEY --dry-run}: KEY alone, its stages checked but no
     * table or database read; the returned files only check, and list what was asked of them.
     */
    LoadedFiles checkKey(String key) {
        LoadedFiles files = LoadedFiles.checking();
        warn(KeyFiles.loadKey(home, env, key, () -> new KeyFileReader(StageLibrary.standard(), files)));
        return files;
    }

    /**
     * {@code list}: every key, plugins first (a plugin's key wins a name), then every key file read
     * for what it declares, as the bus reads them: no stage compiled, no table or database opened.
     */
    void loadEveryKey() {
        warn(PluginLoader.loadAll(home, env));
        warn(KeyFiles.loadAll(home, env, KeyFileReader.withoutStageChecks()));
    }

    /**
     * The error for {@code key}, which names no key: with the closest known name when it looks
     * like a typo ({@code rwa}: did you mean raw?). Known are the keys registered so far and
     * those the key files name, which are only scanned, not read.
     */
    UserError unknownKey(String key) {
        Set<String> known = new TreeSet<>();
        KeyRegistry.all().forEach(definition -> known.add(definition.key()));
        KeyIndex.scan(home, env).entries().forEach(entry -> entry.key().ifPresent(known::add));
        known.remove(key); // a file names it but did not load: the warnings above say why, not a typo
        return UserError.badInput(UnknownKey.message(key, known));
    }

    /** Problems loading keys are warnings, never fatal. */
    private void warn(PluginLoader.Result result) {
        result.warnings().forEach(warning -> err.println("evbus: warning: " + warning));
    }
}
