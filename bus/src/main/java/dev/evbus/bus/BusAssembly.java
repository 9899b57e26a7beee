package dev.evbus.bus;

import dev.evbus.bus.log.RetentionLog;
import dev.evbus.bus.served.ServedPipelines;
import dev.evbus.config.AppPaths;
import dev.evbus.event.TimeSource;
import java.io.IOException;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

/**
 * A running bus's parts and how they are wired: the {@link Hub} over the log and the cursors, the
 * feeds (sources and bridge), the served pipelines, the status and metrics, the server on the
 * bound socket and the spool intake. {@link #start} sets them going in order; {@link #stop} takes
 * them down in the order that loses nothing. The resources the daemon opened and closes are
 * {@link Parts}.
 */
final class BusAssembly {
    /** What the daemon opened for this bus, and closes after {@link #stop}. */
    record Parts(ServerSocketChannel socket, Deadlines deadlines, RetentionLog events, BusMonitoring monitoring,
                 Cursors cursors) {
    }

    private final BusDaemon.Options options;
    private final BusSettings settings;
    private final BusSignals signals;
    private final BusLog log;
    private final RetentionLog events;
    private final Cursors cursors;
    private final BusMonitoring monitoring;
    private final Hub hub;
    private final SubscriptionLifecycle lifecycle;
    private final BusFeeds feeds;
    private final ServedPipelines pipelines;
    private final BusServer server;
    private final SpoolIntake spool;
    /** The bus's clock as the sources', bridge's and metrics' APIs take it. */
    private final Clock wall;

    BusAssembly(BusDaemon.Options options, AppPaths paths, BusInputs inputs, Parts parts, Instant startedAt,
                BusSignals signals, BusLog log, TimeSource clock) throws IOException {
        this.options = options;
        this.settings = inputs.settings();
        this.signals = signals;
        this.log = log;
        this.events = parts.events();
        this.cursors = parts.cursors();
        this.monitoring = parts.monitoring();
        this.wall = clock.withZone(ZoneOffset.UTC);
        BusCleanups cleanups = new BusCleanups(new KeyCleanup(options.home(), options.appId(), log), log,
                BusCleanups.DEFAULT_LIMIT, clock);
        DedupFilter dedup = new DedupFilter();
        if (settings.retention().durable()) {
            log.info("dedup: " + DedupSeed.fromLog(events, dedup, DedupFilter.DEFAULT_MAX_IDS)
                    + " id(s) of retained events remembered");
        }
        hub = new Hub(dedup, cleanups, log, events, cursors, clock);
        lifecycle = hub.lifecycle();
        feeds = BusFeeds.wire(settings.feeds(), hub, events, paths, options.env(), log, options.appId(), monitoring, clock);
        pipelines = new ServedPipelines(launcher(options), options.env(), log::info, log::warn, clock,
                key -> KeyVersion.of(options.home(), options.env(), key));
        signals.reloadWith(new BusReload(options.home(), options.appId(), options.env(), feeds, pipelines, log,
                inputs.snapshot()));
        BusStatus status = new BusStatus(hub, events, cursors, options.appId(), startedAt, feeds, pipelines, clock);
        server = new BusServer(parts.socket(), settings.limits(), hub, events, cursors, parts.deadlines(), log,
                signals::reloader, new StopRequests(lifecycle, log, signals::stop), status, options.serve(), clock);
        monitoring.measure(status, server);
        spool = SpoolIntake.into(hub, events, paths, log);
    }

    /**
     * Takes in the spool, starts accepting, the periodic jobs, the idle watch, the sources, metrics
     * and pipelines. Returns the exit code the bus will have: 1 when it is served with sources and
     * none could start (it is then already told to stop).
     */
    int start() {
        // Spooled events are older than anything a live publisher sends: they go first.
        LogUpkeep.takeSpool(spool, events);
        Thread.ofPlatform().name("evbus-accept").daemon().start(server::acceptLoop);
        BusTick tick = new BusTick(events, cursors, spool);
        Thread.ofVirtual().name("evbus-tick").start(() -> tick.run(signals::stopping));
        if (!options.serve()) {
            Thread.ofVirtual().name("evbus-idle").start(() -> {
                if (hub.awaitIdle(options.idleTimeout(), feeds::holdsUnsent)) {
                    signals.stop("idle for " + options.idleTimeout().toMillis() + " ms");
                }
            });
        }
        // Served with sources and none running, the bus has nothing to serve them for: exit 1, which
        // a supervisor restarts. A bus started for consumers goes on without them.
        int exit = feeds.start() == 0 && feeds.configuredSources() > 0 && options.serve() ? 1 : 0;
        // After the sources: the JDK reads its HTTP server limits once, when the first server is
        // made, and the HTTP source sets them (ServerProperties) just before it makes its own.
        monitoring.listen(settings.metrics(), log, wall);
        if (exit != 0) {
            signals.stop("none of its " + feeds.configuredSources() + " source(s) could start");
        } else {
            pipelines.start(settings.pipelines());
            monitoring.markReady(); // /health: ready once the sources and the pipelines have started
        }
        return exit;
    }

    /** The stop sequence, for {@code reason}: nothing admitted is cut off, nothing new comes in. */
    void stop(String reason, Path socketPath) throws IOException {
        // First, while the bus still serves them: each pipeline's consumer commits and leaves.
        pipelines.stop();
        // Admit no one from here on (a signal stops without asking), so nothing new needs a cleanup.
        lifecycle.stop().begin();
        log.info("stopping: " + reason);
        feeds.close(); // no new events from here on
        Files.deleteIfExists(socketPath);
        server.close(reason);
        lifecycle.stop().connectionsClosed();
        // Every admitted consumer's disconnect is processed before the cleanups are counted, so
        // none that a closed connection leaves behind is cut off by the exit.
        if (!lifecycle.stop().awaitDrained(lifecycle.stop().patience())) {
            log.warn("exiting before everything ended: " + lifecycle.stop().undrained());
        }
        cursors.persist();
    }

    /** How pipelines start; one that cannot says so once, and the bus serves on without them. */
    private static ServedPipelines.Launcher launcher(BusDaemon.Options options) {
        if (options.pipelines() != null) {
            return options.pipelines();
        }
        return arguments -> {
            throw new IllegalStateException("this bus was started without a way to run pipelines (start it with"
                    + " bin/evbus)");
        };
    }
}
