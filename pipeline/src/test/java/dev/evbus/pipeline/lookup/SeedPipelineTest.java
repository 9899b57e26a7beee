package dev.evbus.pipeline.lookup;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.node.IntNode;
import dev.evbus.pipeline.StageHarness;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** SPEC §11's enrichment → severity → alert pipeline, byte for byte, with both table formats. */
class SeedPipelineTest {
    static final String CSV = "ip,country,city\n192.0.2.10,DE,Berlin\n198.51.100.42,JP,Tokyo\n203.0.113.5,AU,Sydney\n198.51.100.1,US,Chicago\n";
    static final String JSON = "{\"192.0.2.10\": {\"country\": \"DE\", \"city\": \"Berlin\"},"
            + " \"198.51.100.42\": {\"country\": \"JP\", \"city\": \"Tokyo\"},"
            + " \"203.0.113.5\": {\"country\": \"AU\", \"city\": \"Sydney\"},"
            + " \"198.51.100.1\": {\"country\": \"US\", \"city\": \"Chicago\"}}";
    static final List<String> EVENTS = List.of(
            "{\"ip\":\"192.0.2.10\",\"level\":\"info\",\"message\":\"user login successful\"}",
            "{\"ip\":\"198.51.100.42\",\"level\":\"warn\",\"message\":\"high memory usage detected\"}",
            "{\"ip\":\"203.0.113.5\",\"level\":\"error\",\"message\":\"disk full on /data\"}",
            "{\"ip\":\"192.0.2.10\",\"level\":\"info\",\"message\":\"config reload completed\"}",
            "{\"ip\":\"198.51.100.1\",\"level\":\"critical\",\"message\":\"auth service down\"}");
    static final List<String> ALERTS = List.of(
            "{\"ip\":\"203.0.113.5\",\"level\":\"error\",\"message\":\"disk full on /data\",\"country\":\"AU\",\"city\":\"Sydney\",\"severity\":9,\"alert\":true}",
            "{\"ip\":\"198.51.100.1\",\"level\":\"critical\",\"message\":\"auth service down\",\"country\":\"US\",\"city\":\"Chicago\",\"severity\":10,\"alert\":true}");

    static String stages(String table) {
        return "[{'lookup': {'field': 'ip', 'table': '" + table + "', 'fields': ['country', 'city'],"
                + " 'default': {'country': 'unknown', 'city': 'unknown'}}},"
                + " {'classify': {'field': 'level', 'values': {'debug': 1, 'info': 3, 'warn': 5, 'error': 9, 'critical': 10},"
                + " 'default': 0, 'score_field': 'severity', 'alert_field': 'alert', 'threshold': '${threshold}'}},"
                + " {'filter': '.alert'}]";
    }

    @TempDir
    Path dir;

    private StageHarness run(String tableName, String tableText) throws Exception {
        Files.writeString(dir.resolve(tableName), tableText);
        StageHarness h = new StageHarness(dir).param("threshold", "7", IntNode.valueOf(7)).compile(stages(tableName));
        EVENTS.forEach(h::send);
        return h;
    }

    @Test
    void theCsvTableGivesExactlyTheTwoAlertLinesAndThreeFiltered() throws Exception {
        StageHarness h = run("geo.csv", CSV);
        assertEquals(ALERTS, h.lines());
        assertEquals(3, h.counters().filtered());
        assertEquals(List.of(), h.warnings);
    }

    @Test
    void theJsonTableGivesExactlyTheTwoAlertLinesAndThreeFiltered() throws Exception {
        StageHarness h = run("geo.json", JSON);
        assertEquals(ALERTS, h.lines());
        assertEquals(3, h.counters().filtered());
    }

    @Test
    void aMissTakesTheDefaultsAndALowerThresholdLetsMoreThrough() throws Exception {
        Files.writeString(dir.resolve("geo.csv"), CSV);
        StageHarness h = new StageHarness(dir).param("threshold", "5", IntNode.valueOf(5)).compile(stages("geo.csv"));
        h.send("{\"ip\":\"10.0.0.1\",\"level\":\"warn\",\"message\":\"x\"}");
        assertEquals(List.of("{\"ip\":\"10.0.0.1\",\"level\":\"warn\",\"message\":\"x\",\"country\":\"unknown\",\"city\":\"unknown\",\"severity\":5,\"alert\":true}"),
                h.lines());
    }
}
