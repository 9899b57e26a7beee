package dev.evbus.sources.http;

import static dev.evbus.sources.http.HttpSourceApiTest.event;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.Test;

class HttpSourceTokenAndFiltersTest {

    @Test
    void withATokenConfiguredEveryRequestNeedsTheBearerToken() throws Exception {
        try (RunningSource running = new RunningSource("\"token_env\": \"TEST_INGEST_TOKEN\"")) {
            HttpResponse<String> without = running.post("/events", event("a", "t"));
            HttpResponse<String> wrong = running.post("/events", event("b", "t"), "Authorization", "Bearer s3cret-tokem");
            HttpResponse<String> otherScheme = running.post("/events", event("c", "t"), "Authorization", "Basic s3cret-token");
            HttpResponse<String> unknownPath = running.post("/nope", "{}");
            HttpResponse<String> right = running.post("/events", event("d", "t"), "Authorization", "Bearer " + RunningSource.TOKEN);
            HttpResponse<String> caseOfScheme = running.post("/events", event("e", "t"), "Authorization", "bearer " + RunningSource.TOKEN);

            for (HttpResponse<String> refused : List.of(without, wrong, otherScheme, unknownPath)) {
                assertEquals(401, refused.statusCode());
                assertEquals("Bearer", refused.headers().firstValue("WWW-Authenticate").orElseThrow());
                assertEquals("{\"success\":false,\"message\":\"missing or wrong bearer token; send Authorization: Bearer <token>\"}",
                        refused.body());
            }
            assertEquals(200, right.statusCode());
            assertEquals(200, caseOfScheme.statusCode());
            assertEquals(List.of("d", "e"), running.ingest.published().stream().map(FakeIngest.Published::id).toList());
            assertEquals(4, running.source.report().errors());
        }
    }

    @Test
    void metricsAndHealthNeedTheTokenToo() throws Exception {
        try (RunningSource running = new RunningSource("\"token_env\": \"TEST_INGEST_TOKEN\"")) {
            assertEquals(401, running.get("/metrics").statusCode());
            assertEquals(401, running.get("/health").statusCode());
            assertEquals(200, running.send(java.net.http.HttpRequest.newBuilder(running.base.resolve("/metrics")).GET()
                    .header("Authorization", "Bearer " + RunningSource.TOKEN)).statusCode());
        }
    }

    @Test
    void withoutATokenConfiguredNoHeaderIsNeeded() throws Exception {
        try (RunningSource running = new RunningSource("")) {
            assertEquals(200, running.post("/events", event("a", "t")).statusCode());
        }
    }

    @Test
    void eventsAFilterRejectsAreCountedAsFilteredAndNotPublished() throws Exception {
        String filters = "\"filters\": [\".data.value > 10\", \".source != \\\"test\\\"\"]";
        try (RunningSource running = new RunningSource(filters)) {
            String low = "{\"id\":\"low\",\"type\":\"m\",\"source\":\"app\",\"timestamp\":1,\"data\":{\"value\":3}}";
            String high = "{\"id\":\"high\",\"type\":\"m\",\"source\":\"app\",\"timestamp\":1,\"data\":{\"value\":10.5}}";
            String fromTest = "{\"id\":\"t\",\"type\":\"m\",\"source\":\"test\",\"timestamp\":1,\"data\":{\"value\":99}}";
            String noValue = "{\"id\":\"n\",\"type\":\"m\",\"source\":\"app\",\"timestamp\":1,\"data\":\"text\"}";

            HttpResponse<String> single = running.post("/events", low);
            HttpResponse<String> batch = running.post("/events/batch", "[" + low.replace("low", "low2") + "," + high + ","
                    + fromTest + "," + noValue + "]");

            assertEquals(200, single.statusCode());
            assertEquals("{\"success\":true,\"message\":\"Event filtered\"}", single.body());
            assertEquals("{\"total\":4,\"processed\":1,\"filtered\":3}", batch.body());
            assertEquals(List.of("high"), running.ingest.published().stream().map(FakeIngest.Published::id).toList());
            assertEquals(4, running.statistics.filtered.get());
            assertEquals(1, running.statistics.processed.get());
            assertEquals(0, running.source.report().errors());
        }
    }

    @Test
    void aFilterThatRunsAwayOnOneEventFiltersThatEventAndTheSourceGoesOn() throws Exception {
        // on a value of 0 the predicate builds an array far past the 1 MiB output limit; on 1 it is true
        String filters = "\"filters\": [\"if .data.value == 0 then [range(1e9)] | length > 0 else true end\", \"def f: f; .data.value != 2 or f\"]";
        try (RunningSource running = new RunningSource(filters)) {
            String runaway = "{\"id\":\"big\",\"type\":\"m\",\"source\":\"app\",\"timestamp\":1,\"data\":{\"value\":0}}";
            String recursing = "{\"id\":\"deep\",\"type\":\"m\",\"source\":\"app\",\"timestamp\":1,\"data\":{\"value\":2}}";
            String fine = "{\"id\":\"fine\",\"type\":\"m\",\"source\":\"app\",\"timestamp\":1,\"data\":{\"value\":1}}";

            HttpResponse<String> batch = running.post("/events/batch", "[" + runaway + "," + recursing + "," + fine + "]");

            assertEquals("{\"total\":3,\"processed\":1,\"filtered\":2}", batch.body());
            assertEquals(List.of("fine"), running.ingest.published().stream().map(FakeIngest.Published::id).toList());
            assertEquals(200, running.post("/events", fine.replace("fine", "again")).statusCode());
            assertEquals(List.of("fine", "again"), running.ingest.published().stream().map(FakeIngest.Published::id).toList());
        }
    }
}
