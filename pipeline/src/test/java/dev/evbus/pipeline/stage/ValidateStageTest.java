package dev.evbus.pipeline.stage;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.evbus.pipeline.StageHarness;
import java.util.List;
import org.junit.jupiter.api.Test;

class ValidateStageTest {
    private static final String STAGES = "[{'validate': {'require': ['id', 'data.user_id'],"
            + " 'rules': [{'expr': '.type | startswith(\"user.\")', 'message': 'type must start with user.'}]}}]";

    @Test
    void aValidItemGoesOnUnchanged() throws Exception {
        StageHarness h = new StageHarness().compile(STAGES);
        h.send("{'id': 1, 'type': 'user.created', 'data': {'user_id': 7}}");
        assertEquals(List.of("{\"id\":1,\"type\":\"user.created\",\"data\":{\"user_id\":7}}"), h.lines());
        assertEquals(List.of(), h.warnings);
    }

    @Test
    void anInvalidItemFailsNamingEveryViolationAndIsNotCountedAsFiltered() throws Exception {
        StageHarness h = new StageHarness().compile(STAGES);
        h.send("{'id': null, 'type': 'order.placed', 'data': {}}");
        assertEquals(List.of(), h.lines());
        assertEquals(List.of("/stages/0/validate failed: field \"id\" is null; field \"data.user_id\" is missing;"
                + " type must start with user."), h.warnings);
        assertEquals(1, h.counters().failed());
        assertEquals(0, h.counters().filtered());
    }

    @Test
    void deadLetterKeepsTheItemWithTheReason() throws Exception {
        StageHarness h = new StageHarness().compile("[{'validate': {'require': ['data.user_id'], 'on_error': 'dead_letter'}}]");
        h.send("{'data': {}}");
        assertEquals(1, h.deadLetters.size());
        assertEquals("field \"data.user_id\" is missing", h.deadLetters.get(0).reason());
        assertEquals("/stages/0/validate", h.deadLetters.get(0).stagePath());
        assertEquals(1, h.counters().deadLettered());
    }

    @Test
    void aRuleWithoutAMessageIsNamedByItsExpression() throws Exception {
        StageHarness h = new StageHarness().compile("[{'validate': {'rules': [{'expr': '.n > 0'}]}}]");
        h.send("{'n': 0}");
        assertEquals(List.of("/stages/0/validate failed: rule .n > 0 does not hold"), h.warnings);
    }

    @Test
    void badOptionsAreProblemsAtTheirPaths() {
        StageHarness h = new StageHarness();
        assertEquals(List.of("/stages/0/validate/require: validate needs require (field paths) or rules ({expr, message}), or both"),
                h.problemLines("[{'validate': {}}]"));
        assertEquals(List.of("/stages/0/validate/require/1: must be a string", "/stages/0/validate/rules/2: must be an object",
                "/stages/0/validate/rules/1/expr: is required", "/stages/0/validate/rules/1/msg: unknown option"),
                h.problemLines("[{'validate': {'require': ['a', {}], 'rules': [{'expr': '.a'}, {'msg': 'x'}, 'text']}}]"));
    }
}
