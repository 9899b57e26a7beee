package dev.evbus.pipeline.jq;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.IntNode;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** Runaway expressions fail their evaluation at a limit, and the next evaluation runs as usual. */
class BoundedJqTest {
    /** A clock that moves 1 ms each time it is read: time limits are met without waiting. */
    private final AtomicLong nanos = new AtomicLong();
    private final Budget budget = new Budget(JqLimits.DEFAULTS, () -> nanos.addAndGet(1_000_000));
    /** A clock that stands still: only the output limit can stop an evaluation. */
    private final Budget timeless = new Budget(JqLimits.DEFAULTS, () -> 0L);
    private final JqJson json = new JqJson();

    private List<JsonNode> run(String expression, String input) throws Exception {
        BoundedJq program = BoundedJq.compile(expression);
        return program.apply(program.newScope(), json.read(input.getBytes()), budget);
    }

    private String failure(String expression, String input) {
        return assertThrows(LimitExceeded.class, () -> run(expression, input)).getMessage();
    }

    private String outputFailure(String expression, String input) {
        BoundedJq program = assertDoesNotThrow(() -> BoundedJq.compile(expression));
        return assertThrows(LimitExceeded.class, () -> program.apply(program.newScope(), json.read(input.getBytes()), timeless))
                .getMessage();
    }

    @Test
    void anArrayOfATrillionNumbersStopsAtTheOutputLimit() {
        assertEquals("produced more than 1MiB of output (the stage_output limit)", outputFailure("[range(1e12)]", "null"));
        assertEquals("produced more than 1MiB of output (the stage_output limit)", outputFailure("[.[] | [range(1e12)]]", "[1]"));
    }

    @Test
    void aGeneratorThatYieldsForeverStopsAtTheTimeLimit() {
        assertEquals("ran longer than 1s (the stage_time limit)", failure("last(range(1e12))", "null"));
        assertEquals("ran longer than 1s (the stage_time limit)", failure("reduce range(1e12) as $i (0; . + $i)", "null"));
        assertEquals("ran longer than 1s (the stage_time limit)", failure("[range(1e12) | select(. < 0)]", "null"));
    }

    @Test
    void jqsOwnTryCannotCatchALimit() {
        assertEquals("produced more than 1MiB of output (the stage_output limit)",
                outputFailure("try [range(1e12)] catch \"caught\"", "null"));
        assertEquals("ran longer than 1s (the stage_time limit)", failure("(last(range(1e12)))?", "null"));
    }

    @Test
    void aStringRepeatedOrAnArrayDoubledPastTheOutputLimitIsRefusedBeforeItIsMade() throws Exception {
        assertEquals("produced more than 1MiB of output (the stage_output limit)", outputFailure("\"x\" * 1e10", "null"));
        assertEquals("produced more than 1MiB of output (the stage_output limit)",
                outputFailure("reduce range(64) as $i ([1]; . + .)", "null"));
        assertEquals("produced more than 1MiB of output (the stage_output limit)",
                outputFailure("reduce range(64) as $i (\"ab\"; . + .)", "null"));
        assertEquals("produced more than 1MiB of output (the stage_output limit)", outputFailure(".[1e9] = 1", "[]"));
        assertEquals("produced more than 1MiB of output (the stage_output limit)", outputFailure("setpath([2000000000]; 1)", "null"));
        // growing one value step by step is fine while the value stays within the limit
        assertEquals("[3000]", run("reduce range(1000) as $i (\"\"; . + \"abc\") | length", "null").toString());
    }

    @Test
    void recursionWithoutEndFailsItsEvaluationInsteadOfTheThread() {
        assertEquals("recursed deeper than the stack allows", failure("def f: f; f", "null"));
        String deep = failure("def f: [f]; f", "null");
        assertTrue(deep.equals("recursed deeper than the stack allows") || deep.contains("stage_"), deep);
        String repeat = failure("[recurse(. + 1)]", "0");
        assertTrue(repeat.equals("recursed deeper than the stack allows") || repeat.contains("stage_"), repeat);
    }

    @Test
    void anOutputThatSharesOneValueExponentiallyStopsAtTheOutputLimitWithoutBeingWritten() {
        String doubling = "[.,.] | ".repeat(60) + ".";
        assertEquals("produced more than 1MiB of output (the stage_output limit)", outputFailure(doubling, "{\"a\": \"x\"}"));
    }

    @Test
    void aBacktrackingRegularExpressionStopsAtTheTimeLimit() {
        // joni measures the regular expression's time on the real clock: a short limit keeps the test quick
        Budget real = new Budget(new JqLimits(Duration.ofMillis(200), 1L << 20), System::nanoTime);
        String input = "{\"s\": \"" + "a".repeat(66) + "b\"}";
        for (String expression : List.of(".s | test(\"^(a+)+$\")", ".s | [match(\"^(a+)+$\"; \"g\")]",
                ".s | sub(\"^(a+)+$\"; \"x\")", ".s | gsub(\"(a|aa)+$\"; \"x\")", ".s | capture(\"^(?<x>a+)+$\")")) {
            BoundedJq program = assertDoesNotThrow(() -> BoundedJq.compile(expression));
            LimitExceeded stopped = assertThrows(LimitExceeded.class, () -> program.apply(program.newScope(),
                    json.read(input.getBytes()), real), expression);
            assertEquals("ran longer than 200ms (the stage_time limit)", stopped.getMessage(), expression);
        }
    }

    @Test
    void regularExpressionsStillMatchReplaceAndCaptureAsJqDoes() throws Exception {
        assertEquals("[true]", run(".s | test(\"b+\")", "{\"s\": \"abbc\"}").toString());
        assertEquals("[{\"offset\":1,\"length\":2,\"string\":\"bb\",\"captures\":[{\"offset\":1,\"length\":1,\"string\":\"b\",\"name\":\"x\"}]}]",
                run(".s | match(\"(?<x>b)b\")", "{\"s\": \"abbc\"}").toString());
        assertEquals("[\"aXcX\"]", run(".s | gsub(\"b+\"; \"X\")", "{\"s\": \"abbcb\"}").toString());
        assertEquals("[\"a<b>bc\"]", run(".s | sub(\"(?<l>b)\"; \"<\\(.l)>\")", "{\"s\": \"abbc\"}").toString());
        assertEquals("[{\"y\":\"2024\"}]", run(".s | capture(\"(?<y>\\\\d{4})\")", "{\"s\": \"in 2024\"}").toString());
        assertEquals("[[\"a\",\"c\"]]", run(".s | [splits(\"b+\")]", "{\"s\": \"abbc\"}").toString());
    }

    @Test
    void theSameProgramRunsTheNextInputAsUsualAfterALimit() throws Exception {
        BoundedJq program = BoundedJq.compile("if . == 0 then [range(1e12)] else . + 1 end");
        var scope = program.newScope();
        assertThrows(LimitExceeded.class, () -> program.apply(scope, IntNode.valueOf(0), budget));
        assertEquals(List.of(IntNode.valueOf(2)), program.apply(scope, IntNode.valueOf(1), budget));
    }

    @Test
    void ordinaryProgramsRunUnchanged() throws Exception {
        assertEquals("[[1,2,3]]", run("[.[] | . + 1]", "[0,1,2]").toString());
        assertEquals("[6]", run("reduce .[] as $x (0; . + $x)", "[1,2,3]").toString());
        assertEquals("[[0,1,2]]", run("[limit(3; range(10))]", "null").toString());
        assertEquals("[\"b\", \"c\"]", run("(.a | first), (.b | last)", "{\"a\": [\"b\"], \"b\": [\"a\", \"c\"]}").toString());
        assertEquals("[{\"a\":1,\"b\":2}]", run("with_entries(.value += 1)", "{\"a\": 0, \"b\": 1}").toString());
    }
}
