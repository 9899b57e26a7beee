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
 * A program runs over a root holding only the builtins it looks up and those they call (all of
 * them take tens of milliseconds to make), and gives there what it gives over every builtin.
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
            "@text \"x\\(.a)\"", "@csv", "@sh", "@uri", "@html", "@base64d", "@tsv",
            "map(. + 1)", "select(.a)", "[.b[] | tostring] | join(\",\")", ".s | capture(\"(?<x>k)\")", ".s | sub(\"k\"; \"z\")",
            ".s | gsub(\"k\"; \"zz\")", ".s | ascii_downcase", ".s | ascii_upcase", "to_entries | from_entries", "with_entries(.)",
            ".b | any", ".b | all(. > 0)", "[.b, [.b]] | flatten", ".b | unique", ".b | sort", ".b | min", ".b | max", ".b | add",
            "[paths(type == \"number\")]", "[recurse]", "walk(.)", ".s | [splits(\"k\")]", "del(.a)", "keys", "has(\"a\")",
            "tojson | fromjson", "[limit(2; .b[])]", "first(.b[])", "[.b[] | until(. > 100; . * 2)]", ".s | ltrimstr(\"t\")",
            ".s | test([\"K\", \"i\"])", ".s | [scan(\"k\")]", "getpath([\"a\"])", "[path(..)]", "map_values(.)", "[.[] | numbers]",
            "[.. | scalars]", "to_entries | map(.key) | join(\"-\")", "[leaf_paths]", "[.b[] | in([1, 2])]", ".b | transpose?",
            "[.b[] | tostring | ascii_downcase]", "[combinations]?", "builtins | length > 100", "[splits(\"a\"; \"g\")]?",
            "[.b | _nwise(2)]", "now | type", "[.b[] | sqrt | floor]", "indices(1)?", "[.b[] | tostring | test(\"1\")]");
    private static final List<String> INPUTS = List.of("{\"a\":1,\"b\":[1,2,3],\"s\":\"k\",\"level\":\"error\"}",
            "{\"a\":null,\"b\":[],\"s\":\"\"}", "[1,\"x\",null]", "\"text\"", "7", "null");

    private final JqJson json = new JqJson();
    private final Budget budget = new Budget(JqLimits.DEFAULTS, new AtomicLong()::incrementAndGet);

    @Test
    void everyProgramGivesOverItsOwnScopeWhatItGivesOverJqsBuiltins() throws Exception {
        Scope builtins = JqBuiltins.all();
        assertNotNull(builtins.getFunction("walk", 1), "the reference scope holds the builtins");
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
    void aProgramsRootHoldsWhatItLooksUpAndWhatThoseCallAndNothingElse() throws Exception {
        for (String bare : List.of(".level == \"error\"", ".a and .b", "\"x\\(.a)\"", ".a |= . + 1", "reduce .[] as $x (0; . + $x)", "..")) {
            assertNull(BoundedJq.compile(bare).newScope().getFunction("length", 0), bare);
        }
        Scope select = BoundedJq.compile("select(.a)").newScope();
        assertNotNull(select.getFunction("select", 1));
        assertNotNull(select.getFunction("empty", 0), "select is written in jq and calls empty");
        assertNull(select.getFunction("length", 0));
        Scope test = BoundedJq.compile(".s | test(\"k\")").newScope();
        assertNotNull(test.getFunction("test", 2), "test/1 calls test/2");
        assertEquals(TimedRegex.replacing("_match_impl/3").getClass(), test.getFunction("_match_impl", 3).getClass(),
                "regexes run with a deadline");
        assertNotNull(BoundedJq.compile("@base64").newScope().getFunction("@base64", 0));
        assertNull(BoundedJq.compile("@base64").newScope().getFunction("@csv", 0));
        assertNotNull(BoundedJq.compile("def f: .a; f | length").newScope().getFunction("length", 0));
        assertNotNull(BoundedJq.compile("builtins").newScope().getFunction("walk", 1), "builtins lists every builtin, as before");
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
