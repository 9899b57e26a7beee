package dev.evbus.pipeline.stage;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.evbus.pipeline.Downstream;
import dev.evbus.pipeline.Item;
import dev.evbus.pipeline.OnError;
import dev.evbus.pipeline.PipelineCompiler;
import dev.evbus.pipeline.PipelineRun;
import dev.evbus.pipeline.Problem;
import dev.evbus.pipeline.Stage;
import dev.evbus.pipeline.StageFailure;
import dev.evbus.pipeline.StageHarness;
import dev.evbus.pipeline.StageLibrary;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RouteStageTest {
    private static final String ROUTES = "[{'route': {'routes': ["
            + "{'type': 'user.*', 'stages': [{'set': {'fields': {'r': '\"user glob\"'}}}]},"
            + "{'type': 'user.created', 'stages': [{'set': {'fields': {'r': '\"exact\"'}}}, {'filter': '.keep'}]},"
            + "{'type': '*.placed', 'stages': [{'set': {'fields': {'r': '\"placed glob\"'}}}]}],"
            + " 'default': [{'set': {'fields': {'metadata.handler': '\"unknown\"'}}}]}},"
            + " {'set': {'fields': {'after': 'true'}}}]";

    @Test
    void exactTypesWinOverGlobsGlobsGoInOrderAndTheRestTakeTheDefault() throws Exception {
        StageHarness h = new StageHarness().compile(ROUTES);
        h.send("user.created", "{'keep': true}").send("user.deleted", "{}").send("order.placed", "{}")
                .send("user.created", "{'keep': false}").send("payment.received", "{}");
        assertEquals(List.of("{\"keep\":true,\"r\":\"exact\",\"after\":true}",
                "{\"r\":\"user glob\",\"after\":true}",
                "{\"r\":\"placed glob\",\"after\":true}",
                "{\"metadata\":{\"handler\":\"unknown\"},\"after\":true}"), h.lines());
        assertEquals(1, h.counters().filtered());
    }

    @Test
    void withoutADefaultAnUnmatchedItemPassesUnchanged() throws Exception {
        StageHarness h = new StageHarness().compile("[{'route': {'by': '.kind', 'routes': [{'type': 'a', 'stages': [{'transform': '1'}]}]}}]");
        h.send("{'kind': 'b'}").send("{'kind': 'a'}").send("{'kind': 7}").send("{}");
        assertEquals(List.of("{\"kind\":\"b\"}", "1", "{\"kind\":7}", "{}"), h.lines());
    }

    @Test
    void aFailureInsideABranchIsReportedAtTheBranchStagesOwnPath() throws Exception {
        StageHarness h = new StageHarness().compile("[{'route': {'routes': [{'type': 'x', 'stages': [{'transform': '.'}, {'transform': '.a + 1'}]}]}}]");
        h.send("x", "{'a': 'text'}");
        assertEquals(1, h.warnings.size());
        assertEquals("/stages/0/route/routes/0/stages/1/transform failed: jq .a + 1: ",
                h.warnings.get(0).substring(0, h.warnings.get(0).indexOf(": jq .a + 1: ") + 13));
    }

    @Test
    void ticksAndTheEndOfTheStreamReachEveryBranch() throws Exception {
        List<String> calls = new ArrayList<>();
        Stage recorder = new Stage() {
            @Override
            public void accept(Item item, Downstream next) {
                calls.add("accept");
            }

            @Override
            public void tick(long nowNanos, Downstream next) {
                calls.add("tick " + nowNanos);
            }

            @Override
            public void finish(Downstream next) throws StageFailure {
                calls.add("finish");
                next.emit(new Item(StageHarness.parse("{'flushed': true}"), null));
            }
        };
        var library = StageLibrary.of(Map.of(
                "route", new StageLibrary.Entry(RouteStage.FACTORY, OnError.SKIP),
                "hold", new StageLibrary.Entry((options, context, compiler) -> recorder, OnError.SKIP)));
        StageHarness h = new StageHarness();
        List<Problem> problems = new ArrayList<>();
        var specs = PipelineCompiler.entries(StageHarness.parse(
                "[{'route': {'routes': [{'type': 'a', 'stages': [{'hold': {}}]}, {'type': 'b*', 'stages': [{'hold': {}}]}],"
                        + " 'default': [{'hold': {}}]}}]"), "/stages", problems);
        List<String> out = new ArrayList<>();
        var run = PipelineRun.start(specs, library, h.context(), item -> out.add(StageHarness.write(item.value())));
        run.tick();
        run.finish();
        assertEquals(List.of(), problems);
        String tick = "tick " + h.nanos.get();
        assertEquals(List.of(tick, tick, tick, "finish", "finish", "finish"), calls);
        assertEquals(3, out.size(), "each branch's flush goes on past the route");
    }

    @Test
    void badOptionsAreProblemsAtTheirPaths() {
        StageHarness h = new StageHarness();
        assertEquals(List.of("/stages/0/route/routes: is required (a list of {type, stages})"), h.problemLines("[{'route': {}}]"));
        List<String> problems = h.problemLines("[{'route': {'routes': [{'type': 'a'}, {'type': 'a', 'stages': [{'nope': {}}]}],"
                + " 'default': [{'filter': {}}]}}]").stream().map(p -> p.replaceAll("\\(stages: [^)]*\\)", "(stages: ...)")).toList();
        assertEquals(List.of("/stages/0/route/routes/0/stages: must be a list of stages",
                "/stages/0/route/routes/1/stages/0/nope: unknown stage \"nope\" (stages: ...)",
                "/stages/0/route/routes/1/type: \"a\" is routed twice; only the first route would ever see it",
                "/stages/0/route/default/0/filter/expr: is required"), problems);
    }

    @Test
    void aBranchStageKeepsItsIndexAfterAMalformedEntry() {
        assertEquals(List.of("/stages/0/route/routes/0/stages/0: a stage is an object with one field, its kind, such as {\"filter\": \".alert\"}",
                "/stages/0/route/routes/0/stages/1/transform/expr: refers to $params.x, but the key has no param \"x\""),
                new StageHarness().problemLines("[{'route': {'routes': [{'type': 'a', 'stages': ['bad', {'transform': '$params.x'}]}]}}]"));
    }
}
