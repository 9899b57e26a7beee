package dev.evbus.pipeline.api;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.evbus.pipeline.Problem;
import dev.evbus.pipeline.StageHarness;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class ApiStageTest {
    private final StageHarness harness = new StageHarness(Path.of("."));

    private StageHarness compiled(String options) throws Exception {
        harness.api.answers.put("GET /users/7", "{\"name\":\"Ada\"}");
        harness.api.answers.put("GET /users/8", "{\"name\":\"Bob\"}");
        return harness.compile("[{\"api\":{\"path\":\"\\\"/users/\\\" + (.data.user_id | tostring)\",\"into\":\"metadata.profile\"" + options + "}}]");
    }

    @Test
    void putsTheAnswerAtIntoAndCallsOncePerPathWithinTheTtl() throws Exception {
        compiled("");
        harness.send("user.created", "{\"data\":{\"user_id\":7}}");
        harness.send("user.created", "{\"data\":{\"user_id\":7},\"metadata\":{\"v\":1}}");
        harness.send("user.created", "{\"data\":{\"user_id\":8}}");
        assertEquals(List.of(
                "{\"data\":{\"user_id\":7},\"metadata\":{\"profile\":{\"name\":\"Ada\"}}}",
                "{\"data\":{\"user_id\":7},\"metadata\":{\"v\":1,\"profile\":{\"name\":\"Ada\"}}}",
                "{\"data\":{\"user_id\":8},\"metadata\":{\"profile\":{\"name\":\"Bob\"}}}"), harness.lines());
        assertEquals(List.of("GET /users/7", "GET /users/8"), harness.api.calls);
    }

    @Test
    void aCachedAnswerExpiresAfterTheTtlOnThePipelineClock() throws Exception {
        compiled(",\"ttl\":\"30s\"");
        harness.send("t", "{\"data\":{\"user_id\":7}}");
        harness.advance(Duration.ofSeconds(29));
        harness.send("t", "{\"data\":{\"user_id\":7}}");
        harness.advance(Duration.ofSeconds(1));
        harness.send("t", "{\"data\":{\"user_id\":7}}");
        assertEquals(List.of("GET /users/7", "GET /users/7"), harness.api.calls);
    }

    @Test
    void aTtlOfZeroCallsForEveryEvent() throws Exception {
        compiled(",\"ttl\":\"0\"");
        harness.send("t", "{\"data\":{\"user_id\":7}}");
        harness.send("t", "{\"data\":{\"user_id\":7}}");
        assertEquals(2, harness.api.calls.size());
    }

    @Test
    void aFailedCallPassesTheEventOnUnenrichedWithAWarningAndIsNotCached() throws Exception {
        compiled("");
        harness.send("t", "{\"data\":{\"user_id\":9}}");
        harness.send("t", "{\"data\":{\"user_id\":9}}");
        assertEquals(List.of("{\"data\":{\"user_id\":9}}", "{\"data\":{\"user_id\":9}}"), harness.lines());
        assertEquals(List.of("/stages/0/api failed, passed on unchanged: api GET /users/9 failed: HTTP 503 from /users/9",
                "/stages/0/api failed, passed on unchanged: api GET /users/9 failed: HTTP 503 from /users/9"), harness.warnings);
        assertEquals(2, harness.api.calls.size());
        assertEquals(0, harness.counters().failed());
    }

    @Test
    void onErrorSkipDropsTheEventWhenTheCallFails() throws Exception {
        compiled(",\"on_error\":\"skip\"");
        harness.send("t", "{\"data\":{\"user_id\":9}}");
        assertEquals(List.of(), harness.output);
        assertEquals(1, harness.counters().failed());
    }

    @Test
    void theBodyIsSentAndIsPartOfTheCacheKey() throws Exception {
        harness.api.answers.put("POST /lookup", "{\"ok\":true}");
        harness.compile("[{\"api\":{\"method\":\"post\",\"path\":\"\\\"/lookup\\\"\",\"body\":\"{id: .id}\",\"into\":\"r\"}}]");
        harness.send("t", "{\"id\":1}");
        harness.send("t", "{\"id\":1}");
        harness.send("t", "{\"id\":2}");
        assertEquals(List.of("POST /lookup {\"id\":1}", "POST /lookup {\"id\":2}"), harness.api.calls);
        assertEquals("{\"id\":2,\"r\":{\"ok\":true}}", harness.lines().get(2));
    }

    @Test
    void aPathExpressionThatGivesNoStringFailsTheEvent() throws Exception {
        harness.compile("[{\"api\":{\"path\":\".n\",\"into\":\"r\",\"on_error\":\"skip\"}}]");
        harness.send("t", "{\"n\":5}");
        assertEquals(List.of("/stages/0/api failed: path .n gave 5, expected a string such as \"/users/42\""), harness.warnings);
        assertEquals(List.of(), harness.api.calls);
    }

    @Test
    void badOptionsAreProblemsAtTheirFields() {
        List<Problem> problems = harness.problems("[{\"api\":{\"method\":\"FETCH\",\"path\":\".a |\",\"cache_size\":0}}]");
        assertEquals(List.of("/stages/0/api/method", "/stages/0/api/path", "/stages/0/api/into", "/stages/0/api/cache_size"),
                problems.stream().map(Problem::path).toList(), problems.toString());
        assertEquals("must be one of GET, POST, PUT, PATCH, DELETE, not \"FETCH\"", problems.get(0).message());
    }
}
