package dev.evbus.sources.http;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.evbus.sources.Monitoring;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * {@code GET /health} and {@code GET /metrics}, the same on the HTTP source's listener and on the
 * bus's metrics listener. Health keeps the body the HTTP API always had once the bus is ready, and
 * is 503 {@code {"status":"starting"}} before, so a load balancer sends nothing to a bus whose
 * sources have not started yet.
 */
final class MonitorRoutes {
    /** Prometheus's text exposition format, the version every Prometheus server reads. */
    static final String PROMETHEUS_TEXT = "text/plain; version=0.0.4; charset=utf-8";
    private static final Answer STARTING = new Answer(503,
            JsonBodies.compact(JsonNodeFactory.instance.objectNode().put("status", "starting")), Map.of("Retry-After", "1"));

    private final Monitoring monitoring;
    private final Clock clock;
    private final Instant startedAt;

    MonitorRoutes(Monitoring monitoring, Clock clock, Instant startedAt) {
        this.monitoring = monitoring;
        this.clock = clock;
        this.startedAt = startedAt;
    }

    /** The answer for {@code path} when it is one of these routes, else null. */
    Answer answer(String path) {
        return switch (path) {
            case "/health" -> health();
            case "/metrics" -> new Answer(200, monitoring.metrics().getBytes(StandardCharsets.UTF_8),
                    Map.of("Content-Type", PROMETHEUS_TEXT));
            default -> null;
        };
    }

    private Answer health() {
        if (!monitoring.ready()) {
            return STARTING;
        }
        Runtime runtime = Runtime.getRuntime();
        ObjectNode health = JsonNodeFactory.instance.objectNode();
        health.put("status", "healthy");
        health.put("uptime", Math.max(0, Duration.between(startedAt, clock.instant()).toSeconds()));
        ObjectNode memory = health.putObject("memory");
        memory.put("heapUsed", runtime.totalMemory() - runtime.freeMemory());
        memory.put("heapTotal", runtime.totalMemory());
        return Answer.ok(health);
    }
}
