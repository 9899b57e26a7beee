package dev.evbus.bus;

import dev.evbus.bus.metrics.BusMetrics;
import dev.evbus.bus.metrics.Collector;
import dev.evbus.bus.metrics.MetricsRegistry;
import dev.evbus.bus.metrics.ProcessMetrics;
import dev.evbus.protocol.JsonText;
import dev.evbus.sources.Monitoring;
import dev.evbus.sources.http.MonitorConfig;
import dev.evbus.sources.http.MonitorServer;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

/**
 * The bus's readiness and metrics, as {@code /health} and {@code /metrics} serve them on the HTTP
 * source's listener and on the {@code metrics} listener. Ready once the sources have started (the
 * daemon says so); metrics from the moment the bus takes connections.
 */
final class BusMonitoring implements Monitoring, AutoCloseable {
    private volatile boolean ready;
    /** Empty until the bus takes connections (nothing can be scraped before: no listener is up). */
    private volatile MetricsRegistry registry = new MetricsRegistry(List.of());
    /** The daemon's thread only. */
    private MonitorServer server;

    /** From now on the metrics show this bus: its status snapshot (with its open connections) and its process. */
    void measure(BusStatus status, BusServer connections) {
        Collector bus = new BusMetrics(() -> status.snapshot(connections.openConnections()));
        registry = new MetricsRegistry(List.of(bus, new ProcessMetrics(Path.of("/proc/self"))));
    }

    /**
     * Opens the {@code metrics} listener when the app configures one. One that cannot listen is
     * logged and the bus goes on: metrics are not worth refusing events for.
     */
    void listen(Optional<MonitorConfig> config, BusLog log, Clock clock) {
        if (config.isEmpty()) {
            return;
        }
        try {
            server = MonitorServer.start(config.get(), this, clock);
            log.info("metrics: serving GET /metrics and GET /health on http://" + server.address()
                    + (config.get().token() == null ? "" : " (bearer token required)"));
        } catch (IOException cannotListen) {
            log.warn("metrics: " + JsonText.quote(cannotListen.getMessage()) + "; the bus goes on without its metrics listener");
        }
    }

    /** The sources have started: {@code /health} answers 200 from now on. */
    void markReady() {
        ready = true;
    }

    @Override
    public boolean ready() {
        return ready;
    }

    @Override
    public String metrics() {
        return registry.scrape();
    }

    @Override
    public void close() {
        if (server != null) {
            server.close();
        }
    }
}
