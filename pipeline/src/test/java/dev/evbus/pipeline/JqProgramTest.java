package dev.evbus.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.evbus.event.ManualTime;
import dev.evbus.event.RawEvent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class JqProgramTest {
    private final List<Problem> problems = new ArrayList<>();
    private final JsonNode params = StageHarness.parse("{'threshold': 7, 'name': 'web'}");
    private final Options options = new Options((ObjectNode) StageHarness.parse("{}"), "/stages/2/filter", params, problems);
    private final ManualTime clock = new ManualTime(Instant.parse("2025-06-01T12:00:00Z"));
    private final RawEvent envelope = new RawEvent("log.line", "e1", "1700000000000", 4, null);

    private JqProgram compile(String expr) {
        return JqProgram.compile(options, "expr", expr, params, clock).orElseThrow();
    }

    @Test
    void expressionsSeeParamsTheEnvelopeAndTheClock() throws Exception {
        assertEquals("[7,\"web\"]", compile("[$params.threshold, $params[\"name\"]]").first(StageHarness.parse("{}"), envelope).toString());
        assertEquals("{\"event_type\":\"log.line\",\"event_id\":\"e1\",\"source_time\":\"1700000000000\",\"seq\":4}",
                compile("$event").first(StageHarness.parse("{}"), envelope).toString());
        assertEquals("\"2025-06-01T12:00:00Z\"", compile("$now").first(StageHarness.parse("{}"), envelope).toString());
        assertEquals(List.of(), problems);
    }

    @Test
    void testFollowsJqTruthiness() throws Exception {
        JqProgram program = compile(".v");
        assertTrue(program.test(StageHarness.parse("{'v': 0}"), envelope));
        assertTrue(program.test(StageHarness.parse("{'v': ''}"), envelope));
        assertFalse(program.test(StageHarness.parse("{'v': false}"), envelope));
        assertFalse(program.test(StageHarness.parse("{}"), envelope));
        assertFalse(compile("empty").test(StageHarness.parse("{}"), envelope));
    }

    @Test
    void aRuntimeErrorIsAStageFailureNamingTheExpression() {
        StageFailure failure = assertThrows(StageFailure.class, () -> compile(".a + 1").apply(StageHarness.parse("{'a': 'x'}"), envelope));
        assertTrue(failure.getMessage().startsWith("jq .a + 1: "), failure.getMessage());
    }

    @Test
    void badExpressionsAndUnknownParamsAreProblemsAtTheOptionsPath() {
        assertEquals(Optional.empty(), JqProgram.compile(options, "expr", ".a | ", params, clock));
        assertEquals(Optional.empty(), JqProgram.compile(options, "expr", ".a > $params.limit", params, clock));
        assertEquals(Optional.empty(), JqProgram.compile(options, "expr", " ", params, clock));
        assertEquals(3, problems.size(), problems.toString());
        assertEquals("/stages/2/filter/expr", problems.get(0).path());
        assertTrue(problems.get(0).message().startsWith("is not a valid jq expression: "), problems.get(0).message());
        assertEquals("/stages/2/filter/expr: refers to $params.limit, but the key has no param \"limit\"", problems.get(1).toString());
        assertEquals("/stages/2/filter/expr: is empty; write a jq expression, such as .alert or {id, type}", problems.get(2).toString());
    }
}
