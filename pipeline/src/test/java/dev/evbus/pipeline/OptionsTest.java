package dev.evbus.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class OptionsTest {
    private final List<Problem> problems = new ArrayList<>();
    private final ObjectNode params = (ObjectNode) StageHarness.parse("{'n': 5, 'name': 'web', 'flag': true, 'unset': null, 'list': ['a', 'b']}");

    private Options options(String json) {
        return new Options((ObjectNode) StageHarness.parse(json), "/stages/0/x", params, problems);
    }

    private List<String> problems() {
        return problems.stream().map(Problem::toString).toList();
    }

    @Test
    void aWholeStringReferenceTakesTheParamsValueAndType() {
        Options o = options("{'a': '${n}', 'b': '${n}', 'c': '${flag}', 'd': '${name}'}");
        assertEquals(5, o.integer("a", 0));
        assertEquals(5.0, o.number("b", 0));
        assertEquals(true, o.bool("c", false));
        assertEquals("web", o.string("d", ""));
        assertEquals(List.of(), problems());
    }

    @Test
    void embeddedReferencesAreSplicedAndDoubledDollarIsLiteral() {
        Options o = options("{'a': 'x-${name}-${n}', 'b': '$${name}', 'c': 'a$${n}b${name}', 'd': '${list}', 'e': 'pre${unset}post', 'f': '${name'}");
        assertEquals("x-web-5", o.string("a", ""));
        assertEquals("${name}", o.string("b", ""));
        assertEquals("a${n}bweb", o.string("c", ""));
        assertEquals("[\"a\",\"b\"]", o.string("d", ""));
        assertEquals("prepost", o.string("e", ""));
        assertEquals("${name", o.string("f", ""), "an unclosed reference stays as written");
        assertEquals(List.of(), problems());
    }

    @Test
    void anUnknownParamIsAProblemListingTheDeclaredOnes() {
        Options o = options("{'a': 'x${nope}', 'b': '${nope}', 'l': ['ok', '${nope}']}");
        o.string("a", "");
        assertEquals(0, o.integer("b", 0));
        o.strings("l");
        assertEquals(List.of(
                "/stages/0/x/a: refers to ${nope}, but the key has no param \"nope\" (declared: n, name, flag, unset, list)",
                "/stages/0/x/b: refers to ${nope}, but the key has no param \"nope\" (declared: n, name, flag, unset, list)",
                "/stages/0/x/l/1: refers to ${nope}, but the key has no param \"nope\" (declared: n, name, flag, unset, list)"),
                problems());
    }

    @Test
    void typedReadersReportWrongTypesAndKeepTheFallback() {
        Options o = options("{'i': 1.5, 'n': 'abc', 'b': 'yes', 'd': '5 parsecs', 's': {}, 'l': [{}], 'o': 1, 'r': null}");
        assertEquals(9, o.integer("i", 9));
        assertEquals(2.0, o.number("n", 2.0));
        assertEquals(false, o.bool("b", false));
        assertEquals(Duration.ofSeconds(1), o.duration("d", Duration.ofSeconds(1)));
        assertEquals("fb", o.string("s", "fb"));
        assertEquals(List.of(), o.strings("l"));
        o.object("o");
        assertEquals("", o.requiredString("r"));
        assertEquals(List.of("/stages/0/x/i: must be an integer, not 1.5", "/stages/0/x/n: must be a number, not \"abc\"",
                "/stages/0/x/b: must be true or false, not \"yes\"",
                "/stages/0/x/d: must be a duration such as 500ms, 10s or 1m, not \"5 parsecs\"",
                "/stages/0/x/s: must be a string", "/stages/0/x/l/0: must be a string", "/stages/0/x/o: must be an object",
                "/stages/0/x/r: is required"), problems());
    }

    @Test
    void finishReportsOptionsNobodyReadWithNamesEscapedAsJsonPointer() {
        Options o = options("{'known': 1, 'typo': 2, 'a/b~c': 3}");
        o.integer("known", 0);
        o.finish();
        assertEquals(List.of("/stages/0/x/typo: unknown option", "/stages/0/x/a~1b~0c: unknown option"), problems());
    }

    @Test
    void nestedOptionsAndListsOfObjectsReportAtTheirOwnPaths() {
        Options o = options("{'retry': {'attempts': 'x'}, 'rules': [{'a': 1}, 2]}");
        o.nested("retry").orElseThrow().integer("attempts", 1);
        List<Options> rules = o.objects("rules");
        assertEquals(1, rules.size());
        rules.get(0).finish();
        assertEquals(List.of("/stages/0/x/retry/attempts: must be an integer, not \"x\"", "/stages/0/x/rules/1: must be an object",
                "/stages/0/x/rules/0/a: unknown option"), problems());
    }
}
