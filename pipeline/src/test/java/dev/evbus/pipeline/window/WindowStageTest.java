package dev.evbus.pipeline.window;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.evbus.pipeline.Problem;
import dev.evbus.pipeline.StageHarness;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class WindowStageTest {
    private final StageHarness harness = new StageHarness(Path.of("."));

    private void send(String type, String source, String value) {
        harness.send(type, "{\"source\":\"" + source + "\",\"data\":{\"value\":" + value + "}}");
    }

    private void at(long seconds, String type, String source, String value) {
        harness.advance(Duration.ofSeconds(seconds));
        send(type, source, value);
    }

    @Test
    void aTumblingWindowEmitsItsAggregateWhenItCloses() throws Exception {
        harness.compile("[{\"window\":{}}]");
        send("page.view", "a", "1");
        at(10, "click", "b", "5");
        at(10, "page.view", "a", "\"n/a\"");
        harness.advance(Duration.ofSeconds(39));
        harness.tick();
        assertEquals(List.of(), harness.output);
        harness.advance(Duration.ofSeconds(1));
        harness.tick();
        assertEquals(List.of("{\"window\":{\"start\":\"2025-01-02T03:04:05Z\",\"end\":\"2025-01-02T03:05:05Z\"},\"count\":3,"
                + "\"sum\":6,\"avg\":3,\"min\":1,\"max\":5,\"distinctSources\":2,\"eventsByType\":{\"page.view\":2,\"click\":1}}"),
                harness.lines());
        harness.finish();
        assertEquals(1, harness.output.size());
    }

    @Test
    void aSlidingWindowEmitsEveryIntervalOverTheLastSize() throws Exception {
        harness.compile("[{\"window\":{\"mode\":\"sliding\",\"size\":\"30s\",\"every\":\"10s\",\"group_by_type\":false}}]");
        send("t", "a", "1");
        at(15, "t", "b", "2");
        at(10, "t", "c", "3");
        for (int i = 0; i < 5; i++) {
            harness.advance(Duration.ofSeconds(i == 0 ? 5 : 10));
            harness.tick();
        }
        assertEquals(List.of(
                "{\"window\":{\"start\":\"2025-01-02T03:03:45Z\",\"end\":\"2025-01-02T03:04:15Z\"},\"count\":1,\"sum\":1,\"avg\":1,\"min\":1,\"max\":1,\"distinctSources\":1}",
                "{\"window\":{\"start\":\"2025-01-02T03:03:55Z\",\"end\":\"2025-01-02T03:04:25Z\"},\"count\":2,\"sum\":3,\"avg\":1.5,\"min\":1,\"max\":2,\"distinctSources\":2}",
                "{\"window\":{\"start\":\"2025-01-02T03:04:05Z\",\"end\":\"2025-01-02T03:04:35Z\"},\"count\":3,\"sum\":6,\"avg\":2,\"min\":1,\"max\":3,\"distinctSources\":3}",
                "{\"window\":{\"start\":\"2025-01-02T03:04:15Z\",\"end\":\"2025-01-02T03:04:45Z\"},\"count\":2,\"sum\":5,\"avg\":2.5,\"min\":2,\"max\":3,\"distinctSources\":2}",
                "{\"window\":{\"start\":\"2025-01-02T03:04:25Z\",\"end\":\"2025-01-02T03:04:55Z\"},\"count\":1,\"sum\":3,\"avg\":3,\"min\":3,\"max\":3,\"distinctSources\":1}"),
                harness.lines());
        harness.advance(Duration.ofSeconds(10));
        harness.tick();
        harness.finish();
        assertEquals(5, harness.output.size());
    }

    @Test
    void theEndOfTheStreamEmitsTheOpenWindowEndingThere() throws Exception {
        harness.compile("[{\"window\":{\"size\":\"1m\"}}]");
        send("t", "a", "2");
        at(5, "t", "a", "4");
        harness.advance(Duration.ofSeconds(2));
        harness.finish();
        assertEquals(List.of("{\"window\":{\"start\":\"2025-01-02T03:04:05Z\",\"end\":\"2025-01-02T03:04:12Z\"},\"count\":2,"
                + "\"sum\":6,\"avg\":3,\"min\":2,\"max\":4,\"distinctSources\":1,\"eventsByType\":{\"t\":2}}"), harness.lines());
    }

    @Test
    void aWindowWithoutNumericValuesCountsItsItemsAndLeavesTheNumbersNull() throws Exception {
        harness.compile("[{\"window\":{\"value\":\".v\",\"distinct\":\".host\"}}]");
        harness.send("t", "{\"v\":\"x\",\"host\":\"h1\"}");
        harness.send("t", "{\"host\":{\"id\":1}}");
        harness.send("t", "[]");
        harness.finish();
        assertEquals(List.of("{\"window\":{\"start\":\"2025-01-02T03:04:05Z\",\"end\":\"2025-01-02T03:04:05Z\"},\"count\":3,"
                + "\"sum\":0,\"avg\":null,\"min\":null,\"max\":null,\"distinctSources\":2,\"eventsByType\":{\"t\":3}}"),
                harness.lines());
        assertEquals(List.of(), harness.warnings);
    }

    @Test
    void anIdleGapEmitsNoEmptyWindowsAndTheNextItemOpensANewOne() throws Exception {
        harness.compile("[{\"window\":{\"size\":\"10s\",\"group_by_type\":false}}]");
        send("t", "a", "1");
        harness.advance(Duration.ofHours(1));
        harness.tick();
        at(3, "t", "a", "7");
        harness.advance(Duration.ofSeconds(7));
        harness.tick();
        assertEquals(List.of(
                "{\"window\":{\"start\":\"2025-01-02T03:04:05Z\",\"end\":\"2025-01-02T03:04:15Z\"},\"count\":1,\"sum\":1,\"avg\":1,\"min\":1,\"max\":1,\"distinctSources\":1}",
                "{\"window\":{\"start\":\"2025-01-02T04:04:05Z\",\"end\":\"2025-01-02T04:04:15Z\"},\"count\":1,\"sum\":7,\"avg\":7,\"min\":7,\"max\":7,\"distinctSources\":1}"),
                harness.lines());
    }

    @Test
    void percentilesAreExactForSmallWindows() throws Exception {
        harness.compile("[{\"window\":{\"percentiles\":[50,95,99.9],\"group_by_type\":false}}]");
        for (int i = 100; i >= 1; i--) {
            send("t", "s", Integer.toString(i));
        }
        harness.finish();
        assertEquals("{\"p50\":50,\"p95\":95,\"p99.9\":100}", harness.output.get(0).get("percentiles").toString());
    }

    @Test
    void percentilesOfLargeWindowsAreWithinOnePercent() throws Exception {
        harness.compile("[{\"window\":{\"percentiles\":[50,99]}}]");
        for (int i = 1; i <= 100_000; i++) {
            send("t", "s", Integer.toString(i - 20_000));
        }
        harness.finish();
        double p50 = harness.output.get(0).get("percentiles").get("p50").asDouble();
        double p99 = harness.output.get(0).get("percentiles").get("p99").asDouble();
        assertTrue(Math.abs(p50 - 30_000) <= 300, "p50 " + p50);
        assertTrue(Math.abs(p99 - 79_000) <= 790, "p99 " + p99);
    }

    @Test
    void distinctValuesAreCappedPerWindowWithOneWarning() throws Exception {
        harness.compile("[{\"window\":{}}]");
        for (int i = 0; i <= Pane.DISTINCT_LIMIT + 5; i++) {
            send("t", "s" + i, "1");
        }
        harness.finish();
        assertEquals(Pane.DISTINCT_LIMIT, harness.output.get(0).get("distinctSources").asInt());
        assertEquals(List.of("window: more than 10000 distinct values in one window; distinctSources counts the first 10000"),
                harness.warnings);
    }

    @Test
    void badOptionsAreProblemsAtTheirFields() {
        assertEquals(List.of(new Problem("/stages/0/window/every", "is for mode: sliding (a tumbling window emits once per size)"),
                new Problem("/stages/0/window/percentiles", "must hold numbers above 0 and at most 100, not 0"),
                new Problem("/stages/0/window/value", "is not a valid jq expression: Cannot compile query: .a |")),
                harness.problems("[{\"window\":{\"every\":\"5s\",\"percentiles\":[0,50],\"value\":\".a |\"}}]"));
        assertEquals(List.of(new Problem("/stages/0/window/mode", "must be tumbling or sliding, not \"hopping\"")),
                harness.problems("[{\"window\":{\"mode\":\"hopping\"}}]"));
        assertEquals(List.of(new Problem("/stages/0/window/every", "must be more than 0 and at most size (10000 ms)")),
                harness.problems("[{\"window\":{\"mode\":\"sliding\",\"size\":\"10s\",\"every\":\"20s\"}}]"));
        assertEquals(List.of(new Problem("/stages/0/window/every", "size / every needs 10000 slices of time; at most 3600"
                + " (make size a multiple of every)")),
                harness.problems("[{\"window\":{\"mode\":\"sliding\",\"size\":\"10s\",\"every\":\"7ms\"}}]"));
    }
}
