package dev.evbus.pipeline.batch;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.evbus.pipeline.Problem;
import dev.evbus.pipeline.StageHarness;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class BatchStageTest {
    private final StageHarness harness = new StageHarness(Path.of("."));

    @Test
    void emitsOneArrayEachTimeSizeItemsArrivedAndTheRestAtTheEnd() throws Exception {
        harness.compile("[{\"batch\":{\"size\":3}}]");
        for (int i = 1; i <= 7; i++) {
            harness.send("t", "{\"n\":" + i + "}");
        }
        assertEquals(List.of("[{\"n\":1},{\"n\":2},{\"n\":3}]", "[{\"n\":4},{\"n\":5},{\"n\":6}]"), harness.lines());
        harness.finish();
        assertEquals("[{\"n\":7}]", harness.lines().get(2));
        assertEquals(3, harness.output.size());
    }

    @Test
    void emitsOnTheTickWhenTheWindowHasPassedSinceTheFirstItem() throws Exception {
        harness.compile("[{\"batch\":{\"window\":\"1s\"}}]");
        harness.send("t", "1");
        harness.advance(Duration.ofMillis(500));
        harness.send("t", "2");
        harness.advance(Duration.ofMillis(499));
        harness.tick();
        assertEquals(List.of(), harness.output);
        harness.advance(Duration.ofMillis(1));
        harness.tick();
        assertEquals(List.of("[1,2]"), harness.lines());
        harness.tick();
        harness.finish();
        assertEquals(1, harness.output.size());
    }

    @Test
    void anItemArrivingAfterTheWindowClosesTheOldBatchFirst() throws Exception {
        harness.compile("[{\"batch\":{\"window\":\"1s\"}}]");
        harness.send("t", "1");
        harness.advance(Duration.ofSeconds(2));
        harness.send("t", "2");
        harness.finish();
        assertEquals(List.of("[1]", "[2]"), harness.lines());
    }

    @Test
    void aWindowOfZeroBatchesBySizeAlone() throws Exception {
        harness.compile("[{\"batch\":{\"size\":2,\"window\":\"0\"}}]");
        harness.send("t", "1");
        harness.advance(Duration.ofHours(1));
        harness.tick();
        assertEquals(List.of(), harness.output);
        harness.send("t", "2");
        assertEquals(List.of("[1,2]"), harness.lines());
    }

    @Test
    void anEmptyStreamEmitsNothing() throws Exception {
        harness.compile("[{\"batch\":{}}]");
        harness.tick();
        harness.finish();
        assertEquals(List.of(), harness.output);
    }

    @Test
    void aSizeBelowOneAndABadWindowAreProblems() {
        assertEquals(List.of(new Problem("/stages/0/batch/size", "must be between 1 and 1000000"),
                new Problem("/stages/0/batch/window", "must be a duration such as 500ms, 10s or 1m, not \"soon\"")),
                harness.problems("[{\"batch\":{\"size\":0,\"window\":\"soon\"}}]"));
    }
}
