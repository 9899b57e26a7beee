package dev.evbus.cli;

import dev.evbus.event.AppPaths;
import dev.evbus.event.Home;
import dev.evbus.event.PluginLoader;
import java.io.PrintStream;
import java.util.Map;

/** What every command needs: the environment, the home, the selected app and the error stream. */
record Context(Map<String, String> env, Home home, String appId, PrintStream err) {

    AppPaths app() {
        return home.app(appId);
    }

    /** Loads plugin keys once; problems are warnings, never fatal. */
    void loadPlugins() {
        PluginLoader.Result result = PluginLoader.loadAll(home, env);
        result.warnings().forEach(warning -> err.println("evbus: warning: " + warning));
    }
}
