package dev.evbus.sources.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.evbus.sources.SourceReport;
import dev.evbus.sources.SourceState;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class HttpSourceApiTest {
    private static final String EVENT = "{\"id\":\"e-1\",\"type\":\"order.placed\",\"source\":\"shop\",\"timestamp\":1700000000123,"
            + "\"data\":{\"value\":1.50,\"tags\":[\"a\", \"b\"]}}";

    private RunningSource running;

    @BeforeEach
    void start() throws IOException {
        running = new RunningSource("");
    }

    @AfterEach
    void stop() {
        running.close();
    }

    @Test
    void oneEventIsPublishedWithItsTypeIdTimeAndTheWholeObjectAsCompactPayload() throws Exception {
        HttpResponse<String> response = running.post("/events", EVENT);

        assertEquals(200, response.statusCode());
        assertEquals("application/json", response.headers().firstValue("Content-Type").orElseThrow());
        assertEquals("{\"success\":true,\"message\":\"Event processed\"}", response.body());
        assertEquals(List.of(new FakeIngest.Published("order.placed", "e-1", "1700000000123",
                "{\"id\":\"e-1\",\"type\":\"order.placed\",\"source\":\"shop\",\"timestamp\":1700000000123,"
                        + "\"data\":{\"value\":1.50,\"tags\":[\"a\",\"b\"]}}")), running.ingest.published());
        assertEquals(1, running.ingest.wakes.get());
        assertEquals(1, running.statistics.processed.get());
        assertEquals(0, running.statistics.filtered.get());
        SourceReport report = running.source.report();
        assertEquals(1, report.eventsIn());
        assertEquals(0, report.errors());
        assertEquals(RunningSource.START.toEpochMilli(), report.lastEventAt());
    }

    @Test
    void aBatchPublishesEveryItemInOrderAndCountsThem() throws Exception {
        HttpResponse<String> response = running.post("/events/batch", "[" + event("b-1", "t.one") + "," + event("b-2", "t.two")
                + "," + event("b-3", "t.one") + "]");

        assertEquals(200, response.statusCode());
        assertEquals("{\"total\":3,\"processed\":3,\"filtered\":0}", response.body());
        assertEquals(List.of("b-1", "b-2", "b-3"), running.ingest.published().stream().map(FakeIngest.Published::id).toList());
        assertEquals(1, running.ingest.wakes.get());
        assertEquals(3, running.statistics.processed.get());
        assertEquals(3, running.source.report().eventsIn());
    }

    @Test
    void numbersPastDoubleAndLongArePublishedExactlyAsWrittenAloneOrInABatchWithWhiteSpaceOrFilters() throws Exception {
        String data = "{\"huge\":1e999999,\"long\":123456789012345678901234567890,\"tiny\":-1.50E-999999,"
                + "\"list\":[1e5, 0.0000001, -0]}";
        String spaced = " { \"id\" : \"n-1\", \"type\":\"t.num\",\"source\":\"s\",\"timestamp\":1,\n\"data\": " + data + " } ";
        String expected = "{\"id\":\"n-1\",\"type\":\"t.num\",\"source\":\"s\",\"timestamp\":1,\"data\":"
                + data.replace(", ", ",") + "}";

        assertEquals(200, running.post("/events", spaced).statusCode());
        assertEquals(200, running.post("/events/batch", "[ " + spaced.replace("n-1", "n-2") + " ,\n"
                + spaced.replace("n-1", "n-3") + "]").statusCode());

        assertEquals(List.of(expected, expected.replace("n-1", "n-2"), expected.replace("n-1", "n-3")),
                running.ingest.published().stream().map(FakeIngest.Published::payload).toList());
    }

    @Test
    void anEmptyBatchIsAnsweredWithZeroCounts() throws Exception {
        HttpResponse<String> response = running.post("/events/batch", "[]");

        assertEquals(200, response.statusCode());
        assertEquals("{\"total\":0,\"processed\":0,\"filtered\":0}", response.body());
    }

    @Test
    void aBatchWithOneInvalidItemPublishesNothingAndNamesTheItem() throws Exception {
        HttpResponse<String> response = running.post("/events/batch", "[" + event("b-1", "t.one") + ","
                + "{\"id\":\"b-2\",\"type\":\"t.two\",\"source\":\"s\",\"data\":1}]");

        assertEquals(400, response.statusCode());
        JsonNode body = RunningSource.json(response);
        assertEquals(false, body.get("success").asBoolean());
        assertEquals("item 1: timestamp is required (milliseconds since the epoch, such as 1700000000000);"
                + " nothing in the batch was published", body.get("message").asText());
        assertEquals(List.of(), running.ingest.published());
        assertEquals(2, running.statistics.filtered.get());
        assertEquals(1, running.source.report().errors());
    }

    @Test
    void aBatchBodyThatIsNotAnArrayIsRefused() throws Exception {
        HttpResponse<String> response = running.post("/events/batch", EVENT);

        assertEquals(400, response.statusCode());
        assertEquals("the body of /events/batch must be a JSON array of events, not an object (send one event to /events)",
                RunningSource.json(response).get("message").asText());
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            not json                                                                  | the body is not valid JSON at line 1, column 1: Unrecognized token 'not': was expecting (JSON String, Number, Array, Object or token 'null', 'true' or 'false')
            ''                                                                        | the body is empty; send a JSON event object (or an array of them to /events/batch)
            [1]                                                                       | an event must be a JSON object {"id","type","source","timestamp","data"}, not an array
            {"id":"a","id":"b","type":"t","source":"s","timestamp":1,"data":1}       | the body is not valid JSON at line 1, column 15: Duplicate field 'id'
            {"id":"a","type":"t","source":"s","timestamp":1,"data":1} {}              | the body is not valid JSON at line 1, column 59: Trailing token (of type START_OBJECT) found after value (bound as `com.fasterxml.jackson.databind.JsonNode`): not allowed as per `DeserializationFeature.FAIL_ON_TRAILING_TOKENS`
            {"type":"t","source":"s","timestamp":1,"data":1}                          | id is required (a non-empty string)
            {"id":"","type":"t","source":"s","timestamp":1,"data":1}                  | id must be a non-empty string, not ""
            {"id":7,"type":"t","source":"s","timestamp":1,"data":1}                   | id must be a non-empty string, not 7
            {"id":"a","source":"s","timestamp":1,"data":1}                            | type is required (an event type such as order.placed)
            {"id":"a","type":["t"],"source":"s","timestamp":1,"data":1}               | type must be a string such as order.placed, not ["t"]
            {"id":"a","type":"","source":"s","timestamp":1,"data":1}                  | type is missing
            {"id":"a","type":"order.*","source":"s","timestamp":1,"data":1}           | type must not contain '*' (an exact type, such as order.placed; '*' is only for subscriptions)
            {"id":"a","type":"order\\u0000placed","source":"s","timestamp":1,"data":1} | type holds the control character U+0000 at character 6 (control characters are not allowed)
            {"id":"a","type":"order\\ud800","source":"s","timestamp":1,"data":1}      | type holds the lone surrogate U+D800 at character 6 (it is not valid Unicode)
            {"id":"\\ud800","type":"t","source":"s","timestamp":1,"data":1}           | id holds the lone surrogate U+D800 at character 1 (it is not valid Unicode)
            {"id":"a\\u0000b","type":"t","source":"s","timestamp":1,"data":1}         | id holds the control character U+0000 at character 2 (control characters are not allowed)
            {"id":"a\\tb","type":"t","source":"s","timestamp":1,"data":1}             | id holds the control character U+0009 at character 2 (control characters are not allowed)
            {"id":"a","type":"t","timestamp":1,"data":1}                              | source is required (a string naming where the event comes from)
            {"id":"a","type":"t","source":null,"timestamp":1,"data":1}                | source must be a string, not null
            {"id":"a","type":"t","source":"s","data":1}                               | timestamp is required (milliseconds since the epoch, such as 1700000000000)
            {"id":"a","type":"t","source":"s","timestamp":"1700000000000","data":1}   | timestamp must be a whole number of milliseconds since the epoch (0 or more), not "1700000000000"
            {"id":"a","type":"t","source":"s","timestamp":1.5,"data":1}               | timestamp must be a whole number of milliseconds since the epoch (0 or more), not 1.5
            {"id":"a","type":"t","source":"s","timestamp":-1,"data":1}                | timestamp must be a whole number of milliseconds since the epoch (0 or more), not -1
            {"id":"a","type":"t","source":"s","timestamp":1}                          | data is required (any JSON value)
            """)
    void aBadEventIsAnswered400WithWhatIsWrong(String body, String message) throws Exception {
        HttpResponse<String> response = running.post("/events", body);

        assertEquals(400, response.statusCode());
        assertEquals("application/json", response.headers().firstValue("Content-Type").orElseThrow());
        JsonNode answer = RunningSource.json(response);
        assertEquals(false, answer.get("success").asBoolean());
        assertEquals(message, answer.get("message").asText());
        assertEquals(List.of(), running.ingest.published());
        assertEquals(1, running.statistics.filtered.get());
        assertEquals(1, running.source.report().errors());
    }

    @Test
    void anEventLargerThanTheFrameCapOnceCompactIsRefused() throws Exception {
        String big = "x".repeat(1 << 20);
        try (RunningSource roomy = new RunningSource("\"max_body\": \"2MiB\"")) {
            HttpResponse<String> response = roomy.post("/events", event("big", "t").replace("\"data\":1", "\"data\":\"" + big + "\""));

            assertEquals(400, response.statusCode());
            assertTrue(RunningSource.json(response).get("message").asText()
                    .startsWith("the event is larger than the bus's 1 MiB frame limit"), response.body());
            assertEquals(List.of(), roomy.ingest.published());
        }
    }

    @Test
    void aDuplicateIdCountsAsProcessedButNotAsAnEventIn() throws Exception {
        assertEquals(200, running.post("/events", EVENT).statusCode());
        HttpResponse<String> again = running.post("/events", EVENT);
        HttpResponse<String> batch = running.post("/events/batch", "[" + EVENT + "," + event("new", "t") + "]");

        assertEquals("{\"success\":true,\"message\":\"Event processed\"}", again.body());
        assertEquals("{\"total\":2,\"processed\":2,\"filtered\":0}", batch.body());
        assertEquals(4, running.ingest.published().size());
        assertEquals(4, running.statistics.processed.get());
        assertEquals(2, running.source.report().eventsIn());
    }

    @Test
    void aBusFaultMidBatchIs500WithExactlyWhatWasPublished() throws Exception {
        HttpResponse<String> response = running.post("/events/batch", "[" + event("p-1", "t") + "," + event("p-2", "t") + ","
                + event("p-3", "fail") + "," + event("p-4", "t") + "]");

        assertEquals(500, response.statusCode());
        assertEquals("{\"total\":4,\"processed\":2,\"filtered\":0,\"success\":false,\"message\":\"item 2: the bus could not"
                + " take the event: the log is closed; the 2 items counted as processed were published\"}", response.body());
        assertEquals(List.of("p-1", "p-2"), running.ingest.published().stream().map(FakeIngest.Published::id).toList());
        assertEquals(1, running.ingest.wakes.get());
        assertEquals(1, running.source.report().errors());
    }

    @Test
    void unknownPathsAre404AndWrongMethods405WithAllow() throws Exception {
        HttpResponse<String> missing = running.get("/nope");
        HttpResponse<String> trailing = running.post("/events/", EVENT);
        HttpResponse<String> getEvents = running.get("/events");
        HttpResponse<String> postHealth = running.post("/health", "{}");
        HttpResponse<String> deleteStats = running.send(HttpRequest.newBuilder(running.base.resolve("/stats")).DELETE());

        assertEquals(404, missing.statusCode());
        assertEquals("{\"success\":false,\"message\":\"no such endpoint: \\\"/nope\\\"; the API is POST /events,"
                + " POST /events/batch, GET /aggregations, GET /stats, GET /health, GET /metrics\"}", missing.body());
        assertEquals(404, trailing.statusCode());
        assertEquals(405, getEvents.statusCode());
        assertEquals("POST", getEvents.headers().firstValue("Allow").orElseThrow());
        assertEquals("\"GET\" is not allowed on /events; use POST", RunningSource.json(getEvents).get("message").asText());
        assertEquals(405, postHealth.statusCode());
        assertEquals("GET", postHealth.headers().firstValue("Allow").orElseThrow());
        assertEquals(405, deleteStats.statusCode());
        assertEquals("application/json", deleteStats.headers().firstValue("Content-Type").orElseThrow());
        assertEquals(5, running.source.report().errors());
        assertEquals(List.of(), running.ingest.published());
    }

    @Test
    void statsAndAggregationsAreTheStatisticsDocuments() throws Exception {
        HttpResponse<String> stats = running.get("/stats");
        HttpResponse<String> aggregations = running.get("/aggregations");

        assertEquals(200, stats.statusCode());
        assertEquals("{\"stats\":{\"totalProcessed\":7},\"metrics\":{},\"bufferSize\":0}", stats.body());
        assertEquals("{\"aggregations\":[{\"count\":3}],\"count\":1}", aggregations.body());
        assertEquals("application/json", aggregations.headers().firstValue("Content-Type").orElseThrow());
    }

    @Test
    void healthGivesUptimeFromTheClockAndTheHeap() throws Exception {
        running.clock.advance(Duration.ofSeconds(42));

        HttpResponse<String> response = running.get("/health");

        assertEquals(200, response.statusCode());
        JsonNode health = RunningSource.json(response);
        assertEquals("healthy", health.get("status").asText());
        assertEquals(42, health.get("uptime").asLong());
        long used = health.get("memory").get("heapUsed").asLong();
        long total = health.get("memory").get("heapTotal").asLong();
        assertTrue(used > 0 && used <= total, health.toString());
    }

    @Test
    void healthIs503StartingUntilTheBusIsReadyThenHealthy() throws Exception {
        running.ready.set(false);
        HttpResponse<String> starting = running.get("/health");
        running.ready.set(true);
        HttpResponse<String> ready = running.get("/health");

        assertEquals(503, starting.statusCode());
        assertEquals("{\"status\":\"starting\"}", starting.body());
        assertEquals("1", starting.headers().firstValue("Retry-After").orElseThrow());
        assertEquals(200, ready.statusCode());
        assertEquals("healthy", RunningSource.json(ready).get("status").asText());
    }

    @Test
    void metricsAreTheBusExpositionAsPrometheusText() throws Exception {
        HttpResponse<String> metrics = running.get("/metrics");
        HttpResponse<String> posted = running.post("/metrics", "{}");

        assertEquals(200, metrics.statusCode());
        assertEquals("text/plain; version=0.0.4; charset=utf-8", metrics.headers().firstValue("Content-Type").orElseThrow());
        assertEquals(RunningSource.METRICS, metrics.body());
        assertEquals(405, posted.statusCode());
        assertEquals("GET", posted.headers().firstValue("Allow").orElseThrow());
    }

    @Test
    void theReportShowsTheBoundPortAndTheListenerHearsConnectedThenDisconnected() {
        SourceReport report = running.source.report();
        assertEquals("http", report.name());
        assertEquals("http", report.kind());
        assertEquals(SourceState.CONNECTED, report.state());
        assertTrue(report.address().matches("127\\.0\\.0\\.1:[1-9][0-9]*"), report.address());

        running.source.close();

        assertEquals(SourceState.DISCONNECTED, running.source.report().state());
        assertEquals(List.of(
                new RunningSource.Change("http", SourceState.CONNECTED, "listening on http://" + report.address()),
                new RunningSource.Change("http", SourceState.DISCONNECTED, "stopped")), running.changes);
    }

    static String event(String id, String type) {
        return "{\"id\":\"" + id + "\",\"type\":\"" + type + "\",\"source\":\"s\",\"timestamp\":1,\"data\":1}";
    }
}
