package dev.evbus.pipeline.lookup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.evbus.event.pipeline.Pipeline;
import dev.evbus.pipeline.PipelineConfigException;
import dev.evbus.pipeline.StageHarness;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A Java plugin's {@code Pipeline.builder()} means what the same stages mean in a key file. */
class PipelineBuilderTest {
    @TempDir
    Path dir;

    private Pipeline.Builder seed() {
        return Pipeline.builder()
                .lookup("ip", "geo.csv", List.of("country", "city"), Map.of("country", "unknown", "city", "unknown"))
                .classify("level", Map.of("debug", 1, "info", 3, "warn", 5, "error", 9, "critical", 10), 0, "${threshold}")
                .filter(".alert");
    }

    @Test
    void theBuilderGivesTheSeedPipelinesTwoAlertLinesByteForByte() throws Exception {
        Files.writeString(dir.resolve("geo.csv"), SeedPipelineTest.CSV);
        StageHarness h = new StageHarness(dir).param("threshold", "7", IntNode.valueOf(7))
                .compile(seed().build().stages());
        SeedPipelineTest.EVENTS.forEach(h::send);
        assertEquals(SeedPipelineTest.ALERTS, h.lines());
        assertEquals(3, h.counters().filtered());
    }

    @Test
    void aCustomJavaStageShapesFiltersAndFailsEventsLikeALibraryStage() throws Exception {
        Files.writeString(dir.resolve("geo.csv"), SeedPipelineTest.CSV);
        Pipeline pipeline = seed()
                .custom("tag", (event, envelope, params, api) -> {
                    if (event.path("level").asText().equals("error")) {
                        return null;
                    }
                    if (event.path("ip").asText().endsWith(".1")) {
                        throw new IllegalStateException("refused " + event.path("ip").asText());
                    }
                    return ((ObjectNode) event.deepCopy()).put("seen", envelope.eventType());
                })
                .build();
        StageHarness h = new StageHarness(dir).param("threshold", "5", IntNode.valueOf(5))
                .compile(pipeline.stages());
        SeedPipelineTest.EVENTS.forEach(h::send);
        assertEquals(List.of("{\"ip\":\"198.51.100.42\",\"level\":\"warn\",\"message\":\"high memory usage detected\","
                + "\"country\":\"JP\",\"city\":\"Tokyo\",\"severity\":5,\"alert\":true,\"seen\":\"log.line\"}"), h.lines());
        assertEquals(2 + 1, h.counters().filtered(), "two info lines below the threshold, the error line dropped by the Java stage");
        assertEquals(1, h.counters().failed());
        assertTrue(h.warnings.get(0).contains("refused 198.51.100.1"), h.warnings.toString());
    }

    @Test
    void theBuilderIsCheckedByTheSameCompilerAsKeyFiles() {
        PipelineConfigException refused = assertThrows(PipelineConfigException.class, () -> new StageHarness(dir)
                .param("threshold", "7", IntNode.valueOf(7)).compile(seed().build().stages()));
        assertEquals("/stages/0/lookup/table", refused.problems().get(0).path(), refused.problems().toString());
    }
}
