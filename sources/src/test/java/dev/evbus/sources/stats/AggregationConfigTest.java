package dev.evbus.sources.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.junit.jupiter.api.Test;

class AggregationConfigTest {
    private static AggregationConfig read(String json) throws Exception {
        return AggregationConfig.read(new ObjectMapper().readTree(json));
    }

    private static String problem(String json) {
        JsonNode node;
        try {
            node = new ObjectMapper().readTree(json);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
        return assertThrows(IllegalArgumentException.class, () -> AggregationConfig.read(node)).getMessage();
    }

    @Test
    void absentSettingsAreSixtySecondWindowsEveryTenSecondsOverDataValue() {
        AggregationConfig config = AggregationConfig.read(null);
        assertEquals(new AggregationConfig("data.value", "source", 60_000, 10_000, List.of(), 6), config);
        assertEquals(11, config.slices());
    }

    @Test
    void everyOptionIsRead() throws Exception {
        AggregationConfig config = read("""
                {"field": "m.latency", "source_field": "meta.host", "window": "5m", "interval": "30s",
                 "percentiles": [50, 99.9, 50], "max_windows": 3}""");
        assertEquals(new AggregationConfig("m.latency", "meta.host", 300_000, 30_000, List.of(50.0, 99.9), 3), config);
        assertEquals(12, config.slices());
    }

    @Test
    void maxWindowsDefaultsToTheIntervalsInAWindow() throws Exception {
        assertEquals(4, read("{\"window\": \"2m\", \"interval\": \"30s\"}").maxWindows());
    }

    @Test
    void aBadOptionIsNamedWithItsPath() {
        assertEquals("sources.http.aggregation.window: must be a whole number of intervals (10000 ms), not 25000 ms",
                problem("{\"window\": \"25s\"}"));
        assertEquals("sources.http.aggregation.interval: must be at most window (60000 ms), not 120000 ms",
                problem("{\"interval\": \"2m\"}"));
        assertEquals("sources.http.aggregation.window: must be a duration such as \"60s\", \"500ms\" or \"1m\", not \"soon\"",
                problem("{\"window\": \"soon\"}"));
        assertEquals("sources.http.aggregation.percentiles: must hold numbers above 0 and at most 100, not 101",
                problem("{\"percentiles\": [50, 101]}"));
        assertEquals("sources.http.aggregation.percentiles: must be a list of numbers such as [50, 95, 99], not 50",
                problem("{\"percentiles\": 50}"));
        assertEquals("sources.http.aggregation.max_windows: must be a whole number of at least 1, not 0",
                problem("{\"max_windows\": 0}"));
        assertEquals("sources.http.aggregation.field: must be a dotted path such as \"data.value\", not \"data..value\"",
                problem("{\"field\": \"data..value\"}"));
        assertEquals("sources.http.aggregation.colour: unknown option (known: field, source_field, window, interval,"
                + " percentiles, max_windows)", problem("{\"colour\": 1}"));
        assertEquals("sources.http.aggregation: must be an object such as {\"window\": \"60s\", \"interval\": \"10s\"}",
                problem("[]"));
    }

    @Test
    void tooManySlicesOfTimeAreRefused() {
        assertEquals("sources.http.aggregation.window: window / interval + max_windows - 1 is 2159 slices of time;"
                + " at most 1000 (a longer interval or fewer windows)", problem("{\"window\": \"3h\", \"interval\": \"10s\"}"));
        assertEquals("sources.http.aggregation.max_windows: window / interval + max_windows - 1 is 1005 slices of time;"
                + " at most 1000 (a longer interval or fewer windows)", problem("{\"max_windows\": 1000}"));
    }
}
