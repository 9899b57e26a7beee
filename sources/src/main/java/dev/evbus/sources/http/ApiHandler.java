package dev.evbus.sources.http;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import dev.evbus.config.DataSize;
import dev.evbus.sources.StreamStatistics;
import java.io.IOException;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * Routes every request of the HTTP source: the token first (401, so paths cannot be probed
 * without it), then the path (404), the method (405 with {@code Allow}), the body (413 over
 * {@code max_body}, 503 when {@code max_buffered} has no room) and the endpoint. Runs on many
 * request threads at once; holds nothing mutable itself.
 */
final class ApiHandler implements HttpHandler {
    private static final Map<String, String> METHODS = Map.of(
            "/events", "POST",
            "/events/batch", "POST",
            "/aggregations", "GET",
            "/stats", "GET",
            "/health", "GET",
            "/metrics", "GET");

    private final BearerToken token;
    private final BodyReader bodies;
    private final Ingestion ingestion;
    private final StreamStatistics statistics;
    private final Counters counters;
    private final MonitorRoutes monitor;
    private final LongSupplier nanoTime;

    ApiHandler(BearerToken token, BodyReader bodies, Ingestion ingestion, StreamStatistics statistics, Counters counters,
            MonitorRoutes monitor, LongSupplier nanoTime) {
        this.token = token;
        this.bodies = bodies;
        this.ingestion = ingestion;
        this.statistics = statistics;
        this.counters = counters;
        this.monitor = monitor;
        this.nanoTime = nanoTime;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            Answer answer;
            try {
                answer = answer(exchange);
            } catch (RuntimeException failed) {
                answer = Answer.message(500, "the HTTP source failed on this request: " + failed);
            }
            if (answer.isError()) {
                counters.error();
            }
            answer.send(exchange);
        }
    }

    private Answer answer(HttpExchange exchange) throws IOException {
        if (token != null && !token.admits(exchange.getRequestHeaders().getFirst("Authorization"))) {
            return Answer.UNAUTHORIZED;
        }
        String path = exchange.getRequestURI().getPath();
        String method = METHODS.get(path);
        if (method == null) {
            return Answer.message(404, "no such endpoint: " + quoted(path)
                    + "; the API is POST /events, POST /events/batch, GET /aggregations, GET /stats, GET /health, GET /metrics");
        }
        if (!method.equals(exchange.getRequestMethod())) {
            return Answer.message(405, quoted(exchange.getRequestMethod()) + " is not allowed on " + path + "; use " + method,
                    Map.of("Allow", method));
        }
        return switch (path) {
            case "/aggregations" -> Answer.ok(statistics.aggregations());
            case "/stats" -> Answer.ok(statistics.stats());
            case "/health", "/metrics" -> monitor.answer(path);
            default -> ingest(exchange, path.equals("/events/batch"));
        };
    }

    private Answer ingest(HttpExchange exchange, boolean batch) throws IOException {
        try (BodyReader.Body body = bodies.read(exchange)) {
            long started = nanoTime.getAsLong();
            return batch ? ingestion.batch(body.bytes, body.length, started) : ingestion.single(body.bytes, body.length, started);
        } catch (BodyReader.TooLarge tooLarge) {
            return Answer.message(413, "the body is larger than max_body (" + DataSize.format(bodies.maxBody()) + ")",
                    Map.of("Connection", "close"));
        } catch (BodyReader.NoRoom busy) {
            return Answer.message(503, "too many large request bodies at once (max_buffered); retry shortly",
                    Map.of("Connection", "close", "Retry-After", "1"));
        }
    }

    /** An untrusted string for a message: JSON-quoted, cut at 80 characters. */
    private static String quoted(String text) {
        String cut = text.length() <= 80 ? text : text.substring(0, 80) + "…";
        return JsonNodeFactory.instance.textNode(cut).toString();
    }
}
