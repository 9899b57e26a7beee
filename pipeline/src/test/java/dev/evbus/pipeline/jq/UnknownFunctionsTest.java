package dev.evbus.pipeline.jq;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

/** A call to a function jq does not have is refused when the expression is compiled, not at every event. */
class UnknownFunctionsTest {
    private static List<String> undefined(String expression) {
        return assertThrows(BoundedJq.Refused.class, () -> BoundedJq.compile(expression), expression).undefined();
    }

    @Test
    void callsToFunctionsThatExistNowhereAreRefusedWithNameAndArity() {
        assertEquals(List.of("nosuchfn/1"), undefined("nosuchfn(.)"));
        assertEquals(List.of("foo/0", "bar/2"), undefined(".a | foo | bar(1; 2)"));
        assertEquals(List.of("length/1"), undefined("length(1)"));
        assertEquals(List.of("nope/0"), undefined("\"x\\(nope)y\""));
        assertEquals(List.of("nope/0"), undefined("[.[] | select(nope)]"));
        assertEquals(List.of("g/1"), undefined("def g: 1; g(2)"));
    }

    @Test
    void functionsTheProgramDefinesAndItsParamsAreKnown() throws Exception {
        for (String expression : List.of("def f: .; f", "def f: def g: 3; g; f", "def f(g): g; f(.)",
                "def f($a): $a + a; f(1)", "def fact: if . <= 1 then 1 else . * (. - 1 | fact) end; fact",
                "def f(x; y): [x, y]; f(1; 2)", ". as $v | $v", "reduce .[] as $x (0; . + $x)", "$__loc__",
                "map(select(.a)) | sort_by(.b) | group_by(.c) | .[0] // empty", "@base64 \"\\(.a)\"", "splits(\"a\")",
                "path(..)", "getpath([\"a\"])", "to_entries | from_entries", "ltrimstr(\"x\") | ascii_downcase",
                "tostream? // 1", "input_line_number? // 0")) {
            try {
                BoundedJq.compile(expression);
            } catch (BoundedJq.Refused refused) {
                if (!expression.contains("?")) {
                    throw new AssertionError(expression + ": " + refused.getMessage());
                }
            }
        }
    }
}
