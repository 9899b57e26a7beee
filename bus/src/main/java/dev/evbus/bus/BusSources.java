package dev.evbus.bus;

import dev.evbus.bus.log.RetentionLog;
import dev.evbus.event.AppPaths;
import dev.evbus.event.Home;
import dev.evbus.sources.Ingest;
import dev.evbus.sources.Monitoring;
import dev.evbus.sources.SourceFactory;
import dev.evbus.sources.SourceReport;
import dev.evbus.sources.SourceSet;
import dev.evbus.sources.SourcesConfig;
import dev.evbus.sources.file.FileSourceFactory;
import dev.evbus.sources.http.HttpSourceFactory;
import java.io.IOException;
import java.time.Clock;
import java.util.List;
import java.util.Map;

/**
 * The app's configured sources wired into this bus: their events go in through the hub's publish
 * path, their statistics see every accepted event, their state changes reach the log and every
 * consumer. Read before the bus listens (bad config refuses the start), started once it does,
 * closed first when it stops.
 */
final class BusSources implements AutoCloseable {
    /** Every source kind this build knows, by its key in the config: the one place that names them. */
    static final Map<String, SourceFactory> KINDS = Map.of("http", new HttpSourceFactory(), "file", new FileSourceFactory());

    private final SourceSet sources;
    private final SourceBroadcast broadcast;

    private BusSources(SourceSet sources, SourceBroadcast broadcast) {
        this.sources = sources;
        this.broadcast = broadcast;
    }

    /** The {@code sources} section of the app's config, checked; a {@link dev.evbus.event.ConfigException} names file and field. */
    static SourcesConfig load(Home home, String appId) throws IOException {
        return SourcesConfig.load(home.appConfig(appId), KINDS);
    }

    /**
     * Builds the sources and hooks the hub's publish path to their statistics; before the bus takes
     * connections. {@code monitoring} answers {@code /health} and {@code /metrics} on the HTTP source.
     */
    static BusSources wire(SourcesConfig config, Hub hub, RetentionLog events, AppPaths paths, Map<String, String> env,
                           BusLog log, Monitoring monitoring) {
        hub.watch(config.watchers());
        SourceBroadcast broadcast = new SourceBroadcast(hub::attached, log);
        Ingest ingest = new BusIngest(hub, events);
        SourceSet sources = SourceSet.build(config,
                name -> new SourceFactory.Context(name, paths, env, ingest, broadcast, log::warn, Clock.systemUTC(),
                        monitoring),
                broadcast, log::info, log::warn);
        return new BusSources(sources, broadcast);
    }

    int configured() {
        return sources.size();
    }

    /** Starts them all; returns how many run (one that fails is logged and reported, the others go on). */
    int start() {
        return sources.start();
    }

    List<SourceReport> reports() {
        return sources.reports();
    }

    /** Stops taking events: every source closes, then no more frames are sent. */
    @Override
    public void close() {
        sources.close();
        broadcast.close();
    }
}
