package dev.evbus.cli.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import com.fasterxml.jackson.databind.JsonNode;
import dev.evbus.testkit.BusSources;
import dev.evbus.testkit.Evbus;
import dev.evbus.testkit.EvbusProcess;
import dev.evbus.testkit.Poll;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * {@code GET /metrics} and {@code GET /health} of a real bus, scraped over real sockets: on the
 * {@code metrics} listener of a served bus, and on the HTTP source's listener. Every scrape passes
 * {@code promtool check metrics}.
 */
@ExtendWith(EvbusExtension.class)
class MetricsIT {
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final String LISTENING = "metrics: serving GET /metrics and GET /health on http://";
    private static final String TOKEN = "metrics-s3cret";

    private static HttpResponse<String> get(String url, String token) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).GET();
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The value of the sample named exactly {@code series} (name and labels as written), if present. */
    static OptionalDouble value(String exposition, String series) {
        return exposition.lines().filter(line -> line.startsWith(series + " "))
                .mapToDouble(line -> Double.parseDouble(line.substring(series.length() + 1))).findFirst();
    }

    private static String scrape(String base, String token) throws Exception {
        HttpResponse<String> response = get(base + "/metrics", token);
        assertEquals(200, response.statusCode(), response.body());
        assertEquals("text/plain; version=0.0.4; charset=utf-8", response.headers().firstValue("Content-Type").orElseThrow());
        return response.body();
    }

    /** Scrapes until {@code series} has {@code expected}; returns that scrape. */
    private static String awaitValue(String base, String token, String series, double expected) {
        String[] last = {""};
        Poll.until(Poll.PATIENCE, series + " = " + expected, () -> {
            try {
                last[0] = scrape(base, token);
            } catch (Exception failed) {
                throw new AssertionError(failed);
            }
            return value(last[0], series).equals(OptionalDouble.of(expected));
        }, () -> last[0]);
        return last[0];
    }

    @Test
    void theMetricsListenerNeedsItsTokenPassesPromtoolAndItsCountersMoveWithTraffic(Evbus evbus) throws Exception {
        evbus.env("METRICS_TOKEN", TOKEN);
        evbus.writeAppConfig("{\"metrics\": {\"listen\": \"127.0.0.1:0\", \"token_env\": \"METRICS_TOKEN\"}}");
        EvbusProcess serve = evbus.start("serve");
        String line = serve.awaitStderrContaining(LISTENING);
        String base = "http://" + line.substring(line.indexOf(LISTENING) + LISTENING.length()).split(" ")[0];

        assertEquals(401, get(base + "/metrics", null).statusCode());
        assertEquals(401, get(base + "/metrics", "wrong").statusCode());
        assertEquals(401, get(base + "/health", null).statusCode());
        Promtool.assertPasses(scrape(base, TOKEN));
        HttpResponse<String> health = get(base + "/health", TOKEN);
        assertEquals(200, health.statusCode(), "a bus without sources is ready once it serves: " + health.body());
        assertEquals("healthy", Evbus.parse(health.body()).path("status").asText());

        EvbusProcess consumer = evbus.consumeReady("raw", "-p", "type=m.*");
        int n = 7;
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            lines.add("{\"event_type\":\"m.a\",\"event_id\":\"m-" + i + "\",\"payload\":{\"i\":" + i + "}}");
        }
        lines.add("{\"event_type\":\"m.a\",\"event_id\":\"m-0\",\"payload\":{\"i\":0}}");
        lines.add("{\"event_type\":\"x.unwanted\",\"event_id\":\"x-1\",\"payload\":{}}");
        evbus.publishLines(lines);
        consumer.awaitStdoutContaining("\"event_id\":\"m-" + (n - 1) + "\"");

        String consumerSeries = "{key=\"raw\",subscription=\"raw\",pid=\"" + consumer.pid() + "\"}";
        awaitValue(base, TOKEN, "evbus_consumer_received_total" + consumerSeries, n);
        // its reader passes x.unwanted (not selected) on its own time: lag 0 once it has
        String after = awaitValue(base, TOKEN, "evbus_consumer_lag" + consumerSeries, 0);
        assertEquals(OptionalDouble.of(n), value(after, "evbus_consumer_received_total" + consumerSeries), after);
        Promtool.assertPasses(after);
        assertEquals(OptionalDouble.of(n), value(after, "evbus_events_accepted_total{type=\"m.a\"}"), after);
        assertEquals(OptionalDouble.of(1), value(after, "evbus_events_duplicates_total{type=\"m.a\"}"), after);
        assertEquals(OptionalDouble.of(1), value(after, "evbus_events_accepted_total{type=\"x.unwanted\"}"), after);
        assertEquals(OptionalDouble.of(1), value(after, "evbus_events_unmatched_total{type=\"x.unwanted\"}"), after);
        assertEquals(OptionalDouble.of(n + 1), value(after, "evbus_log_events"), after);
        assertEquals(OptionalDouble.of(1), value(after, "evbus_consumers"), after);
        assertTrue(value(after, "process_resident_memory_bytes").orElse(0) > 0, after);
        assertTrue(value(after, "process_open_fds").orElse(0) > 0, after);
        JsonNode status = evbus.status();
        assertEquals(n + 1, status.path("published").asLong(), "status counts what the metrics count: " + status);
        assertEquals(1, status.path("duplicates").asLong(), status.toString());

        consumer.terminate();
        serve.terminate();
        assertEquals(0, serve.awaitExit(), serve.describe());
    }

    @Test
    void theHttpSourcesListenerServesMetricsThatCountWhatItPublished(Evbus evbus) throws Exception {
        evbus.writeAppConfig("{\"sources\": {\"http\": {\"listen\": \"127.0.0.1:0\"}}}");
        EvbusProcess consumer = evbus.consumeReady("raw", "-p", "type=h.*", "--max-events", "1");
        String base = "http://" + BusSources.httpAddress(evbus);
        HttpResponse<String> posted = HTTP.send(HttpRequest.newBuilder(URI.create(base + "/events"))
                .POST(HttpRequest.BodyPublishers.ofString("{\"id\":\"h1\",\"type\":\"h.posted\",\"source\":\"s\","
                        + "\"timestamp\":1700000000000,\"data\":{\"value\":1}}"))
                .header("Content-Type", "application/json").build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, posted.statusCode(), posted.body());
        assertEquals(0, consumer.awaitExit(), consumer.describe());

        String text = awaitValue(base, null, "evbus_source_events_in_total{source=\"http\",kind=\"http\"}", 1);
        Promtool.assertPasses(text);
        assertEquals(OptionalDouble.of(1), value(text, "evbus_events_accepted_total{type=\"h.posted\"}"), text);
        assertEquals(OptionalDouble.of(1), value(text, "evbus_source_up{source=\"http\",kind=\"http\"}"), text);
        HttpResponse<String> health = get(base + "/health", null);
        assertEquals(200, health.statusCode(), health.body());
        assertEquals("healthy", Evbus.parse(health.body()).path("status").asText());
    }
}
