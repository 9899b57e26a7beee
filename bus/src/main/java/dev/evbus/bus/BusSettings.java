package dev.evbus.bus;

import dev.evbus.event.AppConfig;
import dev.evbus.event.Home;
import dev.evbus.event.Retention;
import dev.evbus.sources.http.MonitorConfig;
import java.io.IOException;
import java.util.Map;
import java.util.Optional;

/**
 * Everything the app's config file decides for its bus, read and checked before the bus listens:
 * a bad value refuses the start with one line naming file and field (exit 2), nothing opened.
 */
record BusSettings(Retention retention, BusLimits limits, BusFeeds.Config feeds, Optional<MonitorConfig> metrics) {

    static BusSettings load(Home home, String appId, Map<String, String> env) throws IOException {
        return new BusSettings(AppConfig.load(home, appId).retention(), BusLimits.load(home.appConfig(appId)),
                BusFeeds.Config.load(home, appId, env), MonitorConfig.load(home.appConfig(appId), env::get));
    }
}
