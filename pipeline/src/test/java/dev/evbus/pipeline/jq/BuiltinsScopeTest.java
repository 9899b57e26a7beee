package dev.evbus.pipeline.jq;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import net.thisptr.jackson.jq.Scope;
import net.thisptr.jackson.jq.exception.JsonQueryException;
import org.junit.jupiter.api.Test;

/**
 * A program that looks up no builtin runs over a scope without jq's builtins (which take tens of
 * milliseconds to load) and gives what it gives over them; one that may look one up gets them.
 */
class BuiltinsScopeTest {
    /** Every kind of jq syntax that needs no function, and some that do (calls, formats). */
    private static final List<String> PROGRAMS = List.of(".level == \"error\"", ".a and .b", ".a or (.b | not)", "..",
            ".[]", ".a[]?", ".b[]?", "\"x\\(.a)y\"", "\"\\(1 + 2)\"", ".a as $x | $x", ". as [$x, $y] | $x", ". as {a: $x} | $x",
            "reduce .b[] as $x (0; . + $x)", "foreach .b[] as $x (0; . + $x)", "try .a.c catch .", ".a // \"d\"",
            "if .a then 1 else 2 end", "[.b[] | . * 2]", "{a: .b}", "{(.s): 1}", "{$__loc__}", ".a |= . + 1", ".a += 1",
            ".c.d = 5", "{} | .a.b.c = 1", "label $out | 1, break $out", "$__loc__", ".a?", ".b[1:2]", ".b[2:]", ".b[-1]",
            "-(.a)", "\"ab\" * 2", ".[\"a\"]", ".a < 2", ".a != 1", "[..]", ".. |= .", "[.[]?]", "$ENV | type",
            "def f: .a; f", "def f(g): g; f(.a)", ".s | length", "[paths]", "[limit(1; .b[])]", ".b | first", "not",
            "[.b[] | select(. > 1)]", ".a |= empty", "[range(3)]", "to_entries", ".s | test(\"k\")", "@base64", "@json",
            "@text \"x\\(.a)\"", "@csv", "@sh", "@uri", "@html", "@base64d", "@tsv");
    private static final List<String> INPUTS = List.of("{\"a\":1,\"b\":[1,2,3],\"s\":\"k\",\"level\":\"error\"}",
            "{\"a\":null,\"b\":[],\"s\":\"\"}", "[1,\"x\",null]", "\"text\"", "7", "null");

    private final JqJson json = new JqJson();
    private final Budget budget = new Budget(JqLimits.DEFAULTS, new AtomicLong()::incrementAndGet);

    @Test
    void everyProgramGivesOverItsOwnScopeWhatItGivesOverJqsBuiltins() throws Exception {
        Scope builtins = BoundedJq.compile("length").newScope();
        assertNotNull(builtins.getFunction("length", 0), "the reference scope holds the builtins");
        for (String source : PROGRAMS) {
            BoundedJq program = BoundedJq.compile(source);
            for (String input : INPUTS) {
                JsonNode document = json.read(input.getBytes(StandardCharsets.UTF_8));
                assertEquals(outcome(program, Scope.newChildScope(builtins), document), outcome(program, program.newScope(), document),
                        source + " on " + input);
            }
        }
    }

    @Test
    void onlyAProgramThatCallsAFunctionOrFormatsGetsTheBuiltins() throws Exception {
        for (String bare : List.of(".level == \"error\"", ".a and .b", "\"x\\(.a)\"", ".a |= . + 1", "reduce .[] as $x (0; . + $x)", "..")) {
            assertNull(BoundedJq.compile(bare).newScope().getFunction("length", 0), bare);
        }
        for (String full : List.of(".s | length", "not", "@base64", "@text \"\\(.a)\"", "def f: .a; f", ".s | test(\"k\")")) {
            assertNotNull(BoundedJq.compile(full).newScope().getFunction("length", 0), full);
        }
    }

    /** The outputs as text, or the error's message. */
    private String outcome(BoundedJq program, Scope scope, JsonNode input) {
        try {
            return program.apply(scope, input, budget).toString();
        } catch (JsonQueryException | RuntimeException error) {
            return "error: " + error.getMessage();
        }
    }
}
