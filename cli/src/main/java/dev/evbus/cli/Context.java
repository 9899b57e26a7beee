package dev.evbus.cli;

import dev.evbus.event.AppConfig;
import dev.evbus.event.AppPaths;
import dev.evbus.event.ConfigException;
import dev.evbus.event.Home;
import dev.evbus.event.PluginLoader;
import dev.evbus.event.Retention;
import dev.evbus.keyfiles.KeyFiles;
import dev.evbus.pipeline.LoadedFiles;
import dev.evbus.pipeline.StageLibrary;
import java.io.IOException;
import java.io.PrintStream;
import java.util.Map;

/** What every command needs: the environment, the home, the selected app and the error stream. */
record Context(Map<String, String> env, Home home, String appId, PrintStream err) {

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
     * Loads plugin keys, then key files (a plugin's key wins a name); problems are warnings, never
     * fatal. Returns the tables and databases the key files opened, for a consumer to reuse.
     */
    LoadedFiles loadPlugins() {
        PluginLoader.Result result = PluginLoader.loadAll(home, env);
        result.warnings().forEach(warning -> err.println("evbus: warning: " + warning));
        LoadedFiles files = new LoadedFiles();
        KeyFiles.loadAll(home, env, StageLibrary.standard(), files).warnings()
                .forEach(warning -> err.println("evbus: warning: " + warning));
        return files;
    }
}
