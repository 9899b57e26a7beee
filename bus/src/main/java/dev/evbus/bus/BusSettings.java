package dev.evbus.bus;

import dev.evbus.config.AppConfig;
import dev.evbus.config.Home;
import dev.evbus.config.Retention;
import dev.evbus.bus.served.PipelineSpec;
import dev.evbus.bus.served.PipelinesConfig;
import dev.evbus.sources.http.MonitorConfig;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Everything the app's config file decides for its bus, read and checked before the bus listens:
 * a bad value refuses the start with one line naming file and field (exit 2), nothing opened.
 */
record BusSettings(Retention retention, BusLimits limits, BusFeeds.Config feeds, Optional<MonitorConfig> metrics,
                   List<PipelineSpec> pipelines) {

    static BusSettings load(Home home, String appId, Map<String, String> env) throws IOException {
        Retention retention = AppConfig.load(home, appId).retention();
        return new BusSettings(retention, BusLimits.load(home.appConfig(appId)), BusFeeds.Config.load(home, appId, env),
                MonitorConfig.load(home.appConfig(appId), env::get), PipelinesConfig.load(home.appConfig(appId),
                retention.durable()));
    }
}
