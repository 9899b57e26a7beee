package dev.evbus.bus;

import dev.evbus.bridge.NatsBridgeConfig;
import dev.evbus.bus.log.RetentionLog;
import dev.evbus.config.AppPaths;
import dev.evbus.config.Home;
import dev.evbus.event.TimeSource;
import dev.evbus.protocol.StatusParts;
import dev.evbus.sources.Monitoring;
import dev.evbus.sources.SourceReport;
import dev.evbus.sources.SourcesConfig;
import java.io.IOException;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What feeds the bus besides its socket: the app's sources and its bridge to other hosts. Their
 * config is read (and a bad one refuses the start) before the bus listens, they are wired before it
 * takes connections, started once it does, and closed first when it stops.
 */
final class BusFeeds implements AutoCloseable {
    private final BusSources sources;
    /** Replaced by a reload that changed the bridge's settings (under this object's lock); read by status queries. */
    private volatile BusBridge bridge;
    /** What a reload needs to wire a new bridge. */
    private final BridgeWiring wiring;

    private record BridgeWiring(Hub hub, RetentionLog events, AppPaths paths, BusLog log, String appId, TimeSource clock) {
        BusBridge wire(Optional<NatsBridgeConfig> config) {
            return BusBridge.wire(config, new BusIngest(hub, events), events, paths, log, appId, clock);
        }
    }

    private BusFeeds(BusSources sources, BusBridge bridge, BridgeWiring wiring) {
        this.sources = sources;
        this.bridge = bridge;
        this.wiring = wiring;
    }

    /** The {@code sources} and {@code bridge} sections of the app's config, checked. */
    record Config(SourcesConfig sources, Optional<NatsBridgeConfig> bridge) {
        static Config load(Home home, String appId, Map<String, String> env) throws IOException {
            return new Config(BusSources.load(home, appId), NatsBridgeConfig.load(home.appConfig(appId), appId, env));
        }

        /** For the bus's start line: each source's name, and the bridge. */
        List<String> names() {
            List<String> names = new ArrayList<>(sources.plans().stream().map(SourcesConfig.Planned::name).toList());
            bridge.ifPresent(b -> names.add("bridge.nats"));
            return names;
        }
    }

    static BusFeeds wire(Config config, Hub hub, RetentionLog events, AppPaths paths, Map<String, String> env, BusLog log,
                         String appId, Monitoring monitoring, TimeSource clock) {
        BusSources sources = BusSources.wire(config.sources(), hub, events, paths, env, log, monitoring,
                clock.withZone(ZoneOffset.UTC));
        BridgeWiring wiring = new BridgeWiring(hub, events, paths, log, appId, clock);
        return new BusFeeds(sources, wiring.wire(config.bridge()), wiring);
    }

    /**
     * A reload: restarts the sources named in {@code changedSources} and, when {@code bridgeChanged},
     * the bridge (it hands over what it has in flight and saves its cursor first, so the new one
     * goes on from there); everything else runs on.
     */
    synchronized void replace(Config next, Set<String> changedSources, boolean bridgeChanged) {
        if (!changedSources.isEmpty()) {
            sources.replace(next.sources(), changedSources);
        }
        if (bridgeChanged) {
            bridge.close();
            BusBridge fresh = wiring.wire(next.bridge());
            bridge = fresh;
            fresh.start();
        }
    }

    int configuredSources() {
        return sources.configured();
    }

    /** Starts the bridge and every source; returns how many sources run. */
    int start() {
        bridge.start();
        return sources.start();
    }

    List<SourceReport> sourceReports() {
        return sources.reports();
    }

    /** Whether the bus still holds events it has to hand on (the bridge's backlog): an idle bus then stays up. */
    boolean holdsUnsent() {
        return bridge.holdsUnsent();
    }

    StatusParts.BridgeSummary bridgeSummary() {
        return bridge.summary();
    }

    /** No new events from here on: the sources stop, then the bridge hands over what it has in flight. */
    @Override
    public synchronized void close() {
        sources.close();
        bridge.close();
    }
}
