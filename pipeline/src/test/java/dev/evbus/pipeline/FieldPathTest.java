package dev.evbus.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class FieldPathTest {

    @Test
    void getFollowsObjectsAndGivesNullForAnythingMissing() {
        JsonNode event = StageHarness.parse("{'a': {'b': {'c': 1}}, 's': 'x', 'n': null}");
        assertEquals(1, FieldPath.of("a.b.c").get(event).asInt());
        assertNull(FieldPath.of("a.x.c").get(event));
        assertNull(FieldPath.of("s.c").get(event));
        assertEquals("null", FieldPath.of("n").get(event).toString());
        assertNull(FieldPath.of("n.c").get(event));
    }

    @Test
    void withCopiesOnlyThePathLeavesTheInputAloneAndKeepsFieldOrder() throws Exception {
        JsonNode event = StageHarness.parse("{'a': {'x': 1, 'y': 2}, 'other': {'k': 1}, 'z': 0}");
        ObjectNode out = FieldPath.of("a.x").with(event, IntNode.valueOf(9));
        assertEquals("{\"a\":{\"x\":9,\"y\":2},\"other\":{\"k\":1},\"z\":0}", out.toString());
        assertEquals("{\"a\":{\"x\":1,\"y\":2},\"other\":{\"k\":1},\"z\":0}", event.toString());
        assertSame(event.get("other"), out.get("other"), "objects off the path are shared, not copied");
        assertEquals("{\"a\":{\"x\":1,\"y\":2},\"other\":{\"k\":1},\"z\":0,\"new\":{\"deep\":1}}",
                FieldPath.of("new.deep").with(event, IntNode.valueOf(1)).toString());
        assertEquals("{\"n\":{\"v\":1}}", FieldPath.of("n.v").with(StageHarness.parse("{'n': null}"), IntNode.valueOf(1)).toString());
    }

    @Test
    void withFailsNamingTheFieldWhenTheEventOrAStepIsNotAnObject() {
        assertEquals("cannot set field \"a.b\": \"a\" is not an object",
                assertThrows(StageFailure.class, () -> FieldPath.of("a.b").with(StageHarness.parse("{'a': [1]}"), IntNode.valueOf(1))).getMessage());
        assertEquals("cannot set field \"a\": the event is array, not an object",
                assertThrows(StageFailure.class, () -> FieldPath.of("a").with(StageHarness.parse("[]"), IntNode.valueOf(1))).getMessage());
    }

    @Test
    void parseReportsEmptySegments() {
        List<Problem> problems = new ArrayList<>();
        Options options = new Options((ObjectNode) StageHarness.parse("{}"), "/s", StageHarness.parse("{}"), problems);
        for (String bad : List.of("", ".a", "a.", "a..b")) {
            FieldPath.parse(options, "field", bad);
        }
        FieldPath.parse(options, "field", "data.user_id");
        assertEquals(4, problems.size());
        assertEquals("/s/field: \"a..b\" is not a field path (write names joined by dots, such as data.user_id)", problems.get(3).toString());
    }
}
