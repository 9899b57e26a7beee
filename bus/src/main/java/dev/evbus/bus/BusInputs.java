package dev.evbus.bus;

import dev.evbus.config.AppPaths;
import dev.evbus.config.PluginLoader;
import dev.evbus.config.UnsafePathException;
import dev.evbus.keyfiles.KeyFiles;
import java.io.IOException;

/**
 * What a bus reads before it binds its socket: its settings, the config as reload will compare it,
 * the plugins and the key files. A config it refuses (or a log directory it may not use) is
 * {@link Refused}: the bus does not start, exit 2, before any consumer could attach.
 */
record BusInputs(BusSettings settings, ConfigSnapshot snapshot, PluginLoader.Result plugins) {
    /** The one line a refused start logs and prints, after {@code "not starting: "} and {@code "evbus: "}. */
    static final class Refused extends Exception {
        Refused(IOException why) {
            super(why.getMessage(), why);
        }
    }

    static BusInputs read(BusDaemon.Options options, AppPaths paths, BusLog log) throws Refused, IOException {
        BusSettings settings;
        ConfigSnapshot snapshot;
        try {
            settings = BusSettings.load(options.home(), options.appId(), options.env());
            snapshot = ConfigSnapshot.read(options.home().appConfig(options.appId()));
        } catch (IOException bad) {
            throw new Refused(bad);
        }
        if (settings.retention().durable()) {
            try {
                paths.ensureDirectory(paths.logDir()); // refused before the socket exists, so no consumer attaches first
            } catch (UnsafePathException refused) {
                throw new Refused(refused);
            }
        }
        PluginLoader.Result plugins = PluginLoader.loadAll(options.home(), options.env());
        plugins.warnings().forEach(warning -> log.warn(warning));
        // after the plugins, as the CLI does, so both agree on which definition a key name has
        KeyFiles.loadForHooks(options.home(), options.env()).warnings().forEach(log::warn);
        return new BusInputs(settings, snapshot, plugins);
    }
}
