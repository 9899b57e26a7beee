package dev.evbus.bus;

import dev.evbus.bus.log.RetentionLog;
import dev.evbus.config.AppPaths;
import dev.evbus.config.Home;
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
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The app's configured sources wired into this bus: their events go in through the hub's publish
 * path, their statistics see every accepted event, their state changes reach the log and every
 * consumer. Read before the bus listens (bad config refuses the start), started once it does,
 * closed first when it stops. Each source sits in a set of its own, so a reload restarts the ones
 * whose config changed and leaves the others running.
 */
final class BusSources implements AutoCloseable {
    /** Every source kind this build knows, by its key in the config: the one place that names them. */
    static final Map<String, SourceFactory> KINDS = Map.of("http", new HttpSourceFactory(), "file", new FileSourceFactory());

    private final Hub hub;
    private final SourceBroadcast broadcast;
    private final Ingest ingest;
    private final AppPaths paths;
    private final Map<String, String> env;
    private final BusLog log;
    /** Answers {@code /health} and {@code /metrics} on the HTTP source. */
    private final Monitoring monitoring;
    /** The bus's clock, as the sources' API takes it. */
    private final Clock clock;
    /**
     * Each running source by name, with the plan it was built from (whose statistics watch the
     * accepted events). Replaced whole by {@link #replace}, under this object's lock; read by status
     * queries without it.
     */
    private volatile Map<String, Running> running = Map.of();

    private record Running(SourcesConfig.Planned plan, SourceSet set) {
    }

    private BusSources(Hub hub, SourceBroadcast broadcast, Ingest ingest, AppPaths paths, Map<String, String> env, BusLog log,
                       Monitoring monitoring, Clock clock) {
        this.monitoring = monitoring;
        this.clock = clock;
        this.hub = hub;
        this.broadcast = broadcast;
        this.ingest = ingest;
        this.paths = paths;
        this.env = env;
        this.log = log;
    }

    /** The {@code sources} section of the app's config, checked; a {@link dev.evbus.config.ConfigException} names file and field. */
    static SourcesConfig load(Home home, String appId) throws IOException {
        return SourcesConfig.load(home.appConfig(appId), KINDS);
    }

    /**
     * Builds the sources and hooks the hub's publish path to their statistics; before the bus takes
     * connections. {@code monitoring} answers {@code /health} and {@code /metrics} on the HTTP source.
     */
    static BusSources wire(SourcesConfig config, Hub hub, RetentionLog events, AppPaths paths, Map<String, String> env,
                           BusLog log, Monitoring monitoring, Clock clock) {
        BusSources sources = new BusSources(hub, new SourceBroadcast(hub::attached, log), new BusIngest(hub, events), paths,
                env, log, monitoring, clock);
        Map<String, Running> built = new LinkedHashMap<>();
        for (SourcesConfig.Planned plan : config.plans()) {
            built.put(plan.name(), sources.build(config, plan));
        }
        sources.running = built;
        sources.watch(config);
        return sources;
    }

    private Running build(SourcesConfig config, SourcesConfig.Planned plan) {
        SourceSet set = SourceSet.build(new SourcesConfig(config.file(), List.of(plan)),
                name -> new SourceFactory.Context(name, paths, env, ingest, broadcast, log::warn, clock,
                        monitoring),
                broadcast, log::info, log::warn);
        return new Running(plan, set);
    }

    /** The hub feeds the statistics of the plans that run now. */
    private void watch(SourcesConfig config) {
        hub.watch(new SourcesConfig(config.file(), running.values().stream().map(Running::plan).toList()).watchers());
    }

    int configured() {
        return running.size();
    }

    /** Starts them all; returns how many run (one that fails is logged and reported, the others go on). */
    int start() {
        int started = 0;
        for (Running source : running.values()) {
            started += source.set().start();
        }
        return started;
    }

    /**
     * A reload: the sources named in {@code changed} (their section differs, appeared or went) stop,
     * those still configured start again from {@code next}, and the rest run on untouched. A
     * restarted source's statistics start afresh. Returns how many of the restarted ones run.
     */
    synchronized int replace(SourcesConfig next, Set<String> changed) {
        Map<String, Running> before = running;
        for (String name : changed) {
            Running old = before.get(name);
            if (old != null) {
                old.set().close(); // first: a restarted HTTP source needs its port back
            }
        }
        Map<String, Running> after = new LinkedHashMap<>();
        List<Running> fresh = new ArrayList<>();
        for (SourcesConfig.Planned plan : next.plans()) {
            Running kept = before.get(plan.name());
            if (kept != null && !changed.contains(plan.name())) {
                after.put(plan.name(), kept);
            } else {
                Running built = build(next, plan);
                after.put(plan.name(), built);
                fresh.add(built);
            }
        }
        running = after;
        watch(next);
        int started = 0;
        for (Running source : fresh) {
            started += source.set().start();
        }
        return started;
    }

    List<SourceReport> reports() {
        List<SourceReport> reports = new ArrayList<>();
        running.values().forEach(source -> reports.addAll(source.set().reports()));
        return reports;
    }

    /** Stops taking events: every source closes, last started first, then no more frames are sent. */
    @Override
    public synchronized void close() {
        List<Running> all = new ArrayList<>(running.values());
        for (Running source : all.reversed()) {
            source.set().close();
        }
        broadcast.close();
    }
}
