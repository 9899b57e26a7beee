package dev.evbus.cli.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import com.fasterxml.jackson.databind.JsonNode;
import dev.evbus.testkit.BusSources;
import dev.evbus.testkit.Evbus;
import dev.evbus.testkit.EvbusProcess;
import dev.evbus.testkit.Poll;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Sources configured in the app's config, run by the bus a consumer starts, fed by a real HTTP
 * client (the JDK's) and a real file, read by real consumers through bin/evbus.
 */
@ExtendWith(EvbusExtension.class)
class SourcesIT {
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private static String base(Evbus evbus) {
        return "http://" + BusSources.httpAddress(evbus);
    }

    private static HttpResponse<String> post(String url, String body, Map<String, String> headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).POST(HttpRequest.BodyPublishers.ofString(body))
                .header("Content-Type", "application/json");
        headers.forEach(request::header);
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> get(String url) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String event(String id, String type, String source, long timestamp, double value) {
        return "{\"id\":\"" + id + "\",\"type\":\"" + type + "\",\"source\":\"" + source + "\",\"timestamp\":" + timestamp
                + ",\"data\":{\"value\":" + value + "}}";
    }

    @Test
    void eventsPostedOneByOneAndInABatchReachAConsumerAndTheAggregationIsExact(Evbus evbus) throws Exception {
        evbus.writeAppConfig("{\"sources\": {\"http\": {\"listen\": \"127.0.0.1:0\"}}}");
        EvbusProcess consumer = evbus.consumeReady("raw", "-p", "type=reading.*", "--max-events", "5");
        String base = base(evbus);

        HttpResponse<String> single = post(base + "/events", event("r1", "reading.temp", "s1", 1_700_000_000_000L, 10), Map.of());
        assertEquals(200, single.statusCode(), single.body());
        assertEquals(Evbus.parse("{\"success\":true,\"message\":\"Event processed\"}"), Evbus.parse(single.body()));
        HttpResponse<String> batch = post(base + "/events/batch", "[" + String.join(",",
                event("r2", "reading.temp", "s2", 1_700_000_000_001L, 20),
                event("r3", "reading.hum", "s1", 1_700_000_000_002L, 30),
                event("r4", "reading.hum", "s3", 1_700_000_000_003L, 5),
                event("r5", "reading.temp", "s2", 1_700_000_000_004L, 35)) + "]", Map.of());
        assertEquals(200, batch.statusCode(), batch.body());
        assertEquals(Evbus.parse("{\"total\":4,\"processed\":4,\"filtered\":0}"), Evbus.parse(batch.body()));

        assertEquals(0, consumer.awaitExit(), consumer.describe());
        List<JsonNode> events = consumer.stdoutJson();
        assertEquals(List.of("r1", "r2", "r3", "r4", "r5"), consumer.eventIds());
        assertEquals("reading.temp", events.get(0).path("event_type").asText());
        assertEquals("1700000000000", events.get(0).path("source_time").asText());
        assertEquals(Evbus.parse(event("r1", "reading.temp", "s1", 1_700_000_000_000L, 10)), events.get(0).path("payload"),
                "the payload is the whole posted object");

        JsonNode aggregations = Evbus.parse(get(base + "/aggregations").body());
        JsonNode windows = aggregations.path("aggregations");
        JsonNode newest = windows.get(windows.size() - 1);
        assertEquals(5, newest.path("count").asLong(), aggregations.toString());
        assertEquals(100.0, newest.path("sum").asDouble(), aggregations.toString());
        assertEquals(20.0, newest.path("avg").asDouble(), aggregations.toString());
        assertEquals(5.0, newest.path("min").asDouble(), aggregations.toString());
        assertEquals(35.0, newest.path("max").asDouble(), aggregations.toString());
        assertEquals(3, newest.path("distinctSources").asInt(), aggregations.toString());
        assertEquals(Evbus.parse("{\"reading.hum\":2,\"reading.temp\":3}"), newest.path("eventsByType"), aggregations.toString());

        JsonNode stats = Evbus.parse(get(base + "/stats").body());
        assertEquals(5, stats.at("/stats/totalProcessed").asLong(), stats.toString());
        assertEquals(2, stats.at("/metrics/reading.temp:s2").asLong(), stats.toString());
        JsonNode health = Evbus.parse(get(base + "/health").body());
        assertEquals("healthy", health.path("status").asText(), health.toString());
        assertTrue(health.at("/memory/heapUsed").asLong() > 0, health.toString());

        HttpResponse<String> bad = post(base + "/events", "{\"id\":\"x\",\"type\":\"t\"}", Map.of());
        assertEquals(400, bad.statusCode(), bad.body());
        assertEquals(false, Evbus.parse(bad.body()).path("success").asBoolean());
        assertEquals(5, BusSources.of(evbus, "http").path("events_in").asLong(), "status counts what the source put in");
    }

    @Test
    void aConfiguredTokenIsRequiredOnEveryRequest(Evbus evbus) throws Exception {
        evbus.env("INGEST_TOKEN", "s3cret");
        evbus.writeAppConfig("{\"sources\": {\"http\": {\"listen\": \"127.0.0.1:0\", \"token_env\": \"INGEST_TOKEN\"}}}");
        EvbusProcess consumer = evbus.consumeReady("raw", "-p", "type=t.*", "--max-events", "1");
        String base = base(evbus);
        assertEquals(401, post(base + "/events", event("a", "t.x", "s", 1, 1), Map.of()).statusCode());
        assertEquals(401, post(base + "/events", event("a", "t.x", "s", 1, 1), Map.of("Authorization", "Bearer wrong")).statusCode());
        assertEquals(200, post(base + "/events", event("a", "t.x", "s", 1, 1), Map.of("Authorization", "Bearer s3cret")).statusCode());
        assertEquals(0, consumer.awaitExit(), consumer.describe());
        assertEquals(List.of("a"), consumer.eventIds());
    }

    @Test
    void theFileSourceFollowsAppendsAndARotationAndResumesAfterABusRestartWithoutRepeats(Evbus evbus) throws IOException {
        Path file = evbus.base().resolve("events.ndjson");
        Files.writeString(file, line("f1"));
        evbus.writeAppConfig("{\"sources\": {\"file\": {\"path\": \"" + file + "\", \"start_at\": \"beginning\","
                + " \"poll_interval\": \"50ms\"}}}");
        // --since all: the bus this consumer starts may read f1 before the consumer has subscribed
        EvbusProcess first = evbus.consumeReady("raw", "-p", "type=file.*", "--since", "all", "--max-events", "3");
        // the rotation below must find the source following the first file: a source that looks
        // for the file only after it was moved away starts on the new one, as tail -F would
        Poll.until(Poll.PATIENCE, "the file source to follow " + file,
                () -> BusSources.of(evbus, "file").path("state").asText().equals("connected"));
        Files.writeString(file, line("f2"), StandardOpenOption.APPEND);
        Files.move(file, evbus.base().resolve("events.ndjson.1"));
        Files.writeString(file, line("f3"));
        assertEquals(0, first.awaitExit(), first.describe());
        assertEquals(List.of("f1", "f2", "f3"), first.eventIds());

        long pid = evbus.busPid();
        assertEquals(0, evbus.run("stop").exitCode());
        Evbus.awaitProcessExit(pid);
        Files.writeString(file, line("f4"), StandardOpenOption.APPEND);
        EvbusProcess second = evbus.consumeReady("raw", "-p", "type=file.*", "--since", "all", "--max-events", "1");
        assertEquals(0, second.awaitExit(), second.describe());
        assertEquals(List.of("f4"), second.eventIds(), "the restarted bus resumes after f3: nothing again, nothing lost");
    }

    @Test
    void consumersPrintALineForEachStateChangeOfASource(Evbus evbus) throws IOException {
        Path file = evbus.base().resolve("later.ndjson");
        evbus.writeAppConfig("{\"sources\": {\"file\": {\"path\": \"" + file + "\", \"poll_interval\": \"50ms\"}}}");
        EvbusProcess consumer = evbus.consumeReady("raw", "-p", "type=file.*");
        Poll.until(Poll.PATIENCE, "the file source to wait for its file", () -> {
            for (JsonNode source : evbus.status().path("sources")) {
                if (source.path("state").asText().equals("disconnected")) {
                    return true;
                }
            }
            return false;
        });
        Files.writeString(file, line("late"));
        // frames and events reach the consumer on separate paths: wait for each, in no set order
        consumer.awaitStdoutContaining("\"late\"");
        consumer.awaitStderr(l -> l.startsWith("[event] source \"file\" reconnecting"), "the reconnecting line");
        consumer.awaitStderr(l -> l.startsWith("[event] source \"file\" connected"), "the connected line");
        consumer.closeStdin();
        assertEquals(0, consumer.awaitExit(), consumer.describe());
        assertEquals(List.of("late"), consumer.eventIds());
    }

    private static String line(String id) {
        return "{\"event_type\":\"file.line\",\"event_id\":\"" + id + "\",\"payload\":{\"n\":\"" + id + "\"}}\n";
    }
}
