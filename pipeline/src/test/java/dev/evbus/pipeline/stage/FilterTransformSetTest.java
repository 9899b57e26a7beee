package dev.evbus.pipeline.stage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.IntNode;
import dev.evbus.pipeline.StageHarness;
import java.util.List;
import org.junit.jupiter.api.Test;

class FilterTransformSetTest {

    @Test
    void filterKeepsTruthyItemsAndCountsTheOthers() throws Exception {
        StageHarness h = new StageHarness().compile("[{'filter': '.n > 1'}]");
        h.send("{'n': 1}").send("{'n': 2}").send("{'n': 3}");
        assertEquals(List.of("{\"n\":2}", "{\"n\":3}"), h.lines());
        assertEquals(1, h.counters().filtered());
    }

    @Test
    void filterTreatsNullFalseAndNoOutputAsFalse() throws Exception {
        StageHarness h = new StageHarness().compile("[{'filter': {'expr': '.a'}}, {'filter': 'empty'}]");
        h.send("{'a': null}").send("{'a': false}").send("{}").send("{'a': 0}");
        assertEquals(List.of(), h.lines());
        assertEquals(4, h.counters().filtered(), "0 is truthy in jq, so it reaches the second filter, which has no output");
    }

    @Test
    void filterSeesParamsAndTheEnvelope() throws Exception {
        StageHarness h = new StageHarness().param("min", "2", IntNode.valueOf(2))
                .compile("[{'filter': '.n >= $params.min and $event.event_type == \"log.line\"'}]");
        h.send("{'n': 2}").send("other.type", "{'n': 5}").send("{'n': 1}");
        assertEquals(List.of("{\"n\":2}"), h.lines());
    }

    @Test
    void aRuntimeJqErrorFailsTheItemWithAWarningAndTheStreamGoesOn() throws Exception {
        StageHarness h = new StageHarness().compile("[{'filter': '.n > 1'}, {'transform': '.n + 1'}]");
        h.send("{'n': 'text'}").send("{'n': 2}");
        assertEquals(List.of("3"), h.lines());
        assertEquals(1, h.counters().failed());
        assertEquals(1, h.warnings.size());
        assertTrue(h.warnings.get(0).startsWith("/stages/1/transform failed: jq .n + 1: "), h.warnings.get(0));
    }

    @Test
    void transformEmitsEachOutputAndFiltersWhenThereIsNone() throws Exception {
        StageHarness h = new StageHarness().compile("[{'transform': '.items[]'}]");
        h.send("{'items': [1, {'a': 2}]}").send("{'items': []}");
        assertEquals(List.of("1", "{\"a\":2}"), h.lines());
        assertEquals(1, h.counters().filtered());
    }

    @Test
    void transformNeverChangesTheValueItWasGiven() throws Exception {
        StageHarness h = new StageHarness().compile("[{'transform': '.a.b = 2 | .c = 3'}]");
        var input = StageHarness.parse("{'a': {'b': 1}}");
        h.send("log.line", input);
        assertEquals(List.of("{\"a\":{\"b\":2},\"c\":3}"), h.lines());
        assertEquals("{\"a\":{\"b\":1}}", StageHarness.write(input));
    }

    @Test
    void setAppendsInTheOrderWrittenAndEvaluatesEveryExpressionOnTheItemAsItEntered() throws Exception {
        StageHarness h = new StageHarness().compile("[{'set': {'fields': {'b': '.a + 1', 'c': '.b', 'metadata.at': '$now',"
                + " 'a': '10', 'none': 'empty'}}}]");
        h.send("{'a': 1, 'metadata': {'v': 1}}");
        assertEquals(List.of("{\"a\":10,\"metadata\":{\"v\":1,\"at\":\"2025-01-02T03:04:05Z\"},\"b\":2,\"c\":null,\"none\":null}"),
                h.lines());
    }

    @Test
    void setCreatesNestedObjectsAndFailsWhenAPathCrossesAScalar() throws Exception {
        StageHarness h = new StageHarness().compile("[{'set': {'fields': {'metadata.handler': '\"unknown\"'}}}]");
        h.send("{'id': 1}").send("{'metadata': 'text'}");
        assertEquals(List.of("{\"id\":1,\"metadata\":{\"handler\":\"unknown\"}}"), h.lines());
        assertEquals(List.of("/stages/0/set failed: cannot set field \"metadata.handler\": \"metadata\" is not an object"), h.warnings);
    }

    @Test
    void setLeavesTheInputObjectUntouched() throws Exception {
        StageHarness h = new StageHarness().compile("[{'set': {'fields': {'m.x': '1'}}}]");
        var input = StageHarness.parse("{'m': {'y': 2}}");
        h.send("log.line", input);
        assertEquals("{\"m\":{\"y\":2}}", StageHarness.write(input));
        assertEquals(List.of("{\"m\":{\"y\":2,\"x\":1}}"), h.lines());
    }

    @Test
    void badOptionsAreProblemsAtTheirPaths() {
        StageHarness h = new StageHarness();
        assertEquals(List.of("/stages/0/filter/expr: is required"), h.problemLines("[{'filter': {}}]"));
        assertEquals(List.of("/stages/0/transform/expr: refers to $params.nope, but the key has no param \"nope\""),
                h.problemLines("[{'transform': '$params.nope'}]"));
        assertEquals(List.of("/stages/0/set/fields: is required (an object of field path: jq expression)"),
                h.problemLines("[{'set': {}}]"));
        List<String> set = h.problemLines("[{'set': {'fields': {'a..b': '1', 'ok': '.['}}}]");
        assertEquals(2, set.size(), set.toString());
        assertEquals("/stages/0/set/fields/a..b: \"a..b\" is not a field path (write names joined by dots, such as data.user_id)", set.get(0));
        assertTrue(set.get(1).startsWith("/stages/0/set/fields/ok: is not a valid jq expression: "), set.get(1));
    }
}
