package dev.evbus.pipeline.jq;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import net.thisptr.jackson.jq.JsonQuery;
import net.thisptr.jackson.jq.Scope;
import net.thisptr.jackson.jq.Versions;
import net.thisptr.jackson.jq.exception.JsonQueryException;
import org.junit.jupiter.api.Test;

/** A field chain gives what jackson-jq gives for the same expression, and only plain chains are one. */
class FieldChainTest {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final List<String> NAMES = List.of("a", "b", "end", "if", "_x1");
    private final Budget budget = new Budget(JqLimits.DEFAULTS, System::nanoTime);

    @Test
    void plainChainsOfAsciiIdentifiersAreChainsAndEveryOtherExpressionIsNot() {
        assertEquals(List.of("alert"), FieldChain.parse(".alert").orElseThrow().names());
        assertEquals(List.of("data", "value", "_x1", "end"), FieldChain.parse(".data.value._x1.end").orElseThrow().names());
        for (String other : List.of("", ".", "..", " .a", ".a ", ". a", ".a?", ".a.", ".[\"a\"]", ".\"a\"", ".1a", ".é",
                ".a-b", ".a|.b", "$params.a", ".a[0]", "a", ".a .b")) {
            assertTrue(FieldChain.parse(other).isEmpty(), other);
        }
    }

    @Test
    void aChainNeedsNoScopeAndAnyOtherProgramDoes() throws Exception {
        assertFalse(BoundedJq.compile(".data.value").needsScope());
        assertTrue(BoundedJq.compile(".data.value?").needsScope());
        assertTrue(BoundedJq.compile(".a | .b").needsScope());
    }

    @Test
    void everyChainGivesJacksonJqsOutputsAndErrorsOnRandomDocuments() throws Exception {
        Random random = new Random(42);
        Scope root = Scope.newEmptyScope(); // a field access looks nothing up
        List<String> chains = new ArrayList<>();
        for (String first : NAMES) {
            chains.add("." + first);
            for (String second : NAMES) {
                chains.add("." + first + "." + second);
                chains.add("." + first + "." + second + "." + NAMES.get(random.nextInt(NAMES.size())));
            }
        }
        int errors = 0;
        for (int i = 0; i < 400; i++) {
            JsonNode input = randomValue(random, 4);
            for (String chain : chains) {
                BoundedJq fast = BoundedJq.compile(chain);
                assertFalse(fast.needsScope(), chain);
                JsonQuery reference = JsonQuery.compile(chain, Versions.JQ_1_6);
                List<JsonNode> expected = new ArrayList<>();
                String expectedError = null;
                try {
                    reference.apply(Scope.newChildScope(root), input, expected::add);
                } catch (JsonQueryException error) {
                    expectedError = error.getMessage();
                }
                if (expectedError == null) {
                    List<JsonNode> outputs = fast.apply(null, input, budget);
                    assertEquals(expected, outputs, chain + " on " + input);
                    assertSame(expected.get(0), outputs.get(0), "the very node jackson-jq gives: " + chain + " on " + input);
                } else {
                    errors++;
                    String message = assertThrows(JsonQueryException.class, () -> fast.apply(null, input, budget),
                            chain + " on " + input).getMessage();
                    assertEquals(expectedError, message, chain + " on " + input);
                }
            }
        }
        assertTrue(errors > 1_000, "the documents reach jq's errors too: " + errors);
    }

    @Test
    void aChainOverAnOversizedFieldStillStopsAtTheOutputLimit() throws Exception {
        ObjectNode input = NODES.objectNode();
        input.put("big", "x".repeat(2 * 1024 * 1024));
        Budget timeless = new Budget(JqLimits.DEFAULTS, () -> 0L);
        assertEquals("produced more than 1MiB of output (the stage_output limit)", assertThrows(LimitExceeded.class,
                () -> BoundedJq.compile(".big").apply(null, input, timeless)).getMessage());
    }

    /** Objects are keyed by {@link #NAMES} so that chains often find what they ask for. */
    private static JsonNode randomValue(Random random, int depth) {
        int kind = random.nextInt(depth > 0 ? 9 : 6);
        return switch (kind) {
            case 0 -> NODES.nullNode();
            case 1 -> NODES.numberNode(random.nextInt(100));
            case 2 -> NODES.numberNode(random.nextDouble());
            case 3 -> NODES.textNode("t" + random.nextInt(10));
            case 4 -> NODES.booleanNode(random.nextBoolean());
            case 5 -> NODES.arrayNode();
            case 6 -> {
                ArrayNode array = NODES.arrayNode();
                for (int i = random.nextInt(3); i > 0; i--) {
                    array.add(randomValue(random, depth - 1));
                }
                yield array;
            }
            default -> {
                ObjectNode object = NODES.objectNode();
                for (String name : NAMES) {
                    if (random.nextInt(3) > 0) {
                        object.set(name, randomValue(random, depth - 1));
                    }
                }
                yield object;
            }
        };
    }
}
