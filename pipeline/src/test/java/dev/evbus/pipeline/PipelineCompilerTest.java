package dev.evbus.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class PipelineCompilerTest {
    private final StageHarness harness = new StageHarness();

    private List<String> problems(String stages) {
        return harness.problemLines(stages).stream().map(p -> p.replaceAll("\\(stages: [^)]*\\)", "(stages: ...)")).toList();
    }

    @Test
    void anUnknownStageIsAProblemAtItsKindListingTheKnownOnes() {
        assertEquals(List.of("/stages/1/filtre: unknown stage \"filtre\" (stages: ...)"), problems("[{'filter': '.a'}, {'filtre': {'expr': '.a'}}]"));
        assertEquals(true, harness.problemLines("[{'filtre': {}}]").get(0).contains("filter, "));
        assertEquals(List.of("/stages/0/filtre: options must be an object (a string stands for the expression only for filter and transform;"
                + " check the stage's name)"), problems("[{'filtre': '.a'}]"));
    }

    @Test
    void anUnknownOptionIsAProblemAtThatOption() {
        assertEquals(List.of("/stages/0/filter/expr: is required", "/stages/0/filter/exp: unknown option"),
                problems("[{'filter': {'exp': '.a'}}]"));
    }

    @Test
    void malformedEntriesAreProblemsAtTheirIndex() {
        assertEquals(List.of("/stages/0: a stage is an object with one field, its kind, such as {\"filter\": \".alert\"}",
                "/stages/1: a stage is an object with one field, its kind, such as {\"filter\": \".alert\"}",
                "/stages/2/set: options must be an object (a string stands for the expression only for filter and transform; check the stage's name)",
                "/stages/3/validate: options must be an object"),
                problems("['filter', {'filter': '.a', 'set': {}}, {'set': '.a'}, {'validate': []}]"));
        List<Problem> found = new ArrayList<>();
        PipelineCompiler.entries(StageHarness.parse("{'filter': '.a'}"), "/stages", found);
        assertEquals(List.of(new Problem("/stages", "must be a list of stages")), found);
    }

    @Test
    void shorthandAndNullOptionsAreAccepted() throws Exception {
        harness.compile("[{'filter': '.a'}, {'transform': '{a}'}]").send("{'a': 1, 'b': 2}");
        assertEquals(List.of("{\"a\":1}"), harness.lines());
        assertEquals(List.of("/stages/0/filter/expr: is required"), problems("[{'filter': null}]"));
    }
}
