package dev.evbus.pipeline.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.evbus.pipeline.Problem;
import dev.evbus.pipeline.StageHarness;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MetricsStageTest {
    private static final long START = StageHarness.START.toEpochMilli();

    @TempDir
    Path dir;

    private StageHarness harness() {
        return new StageHarness(dir);
    }

    private static JsonNode report(String line) {
        assertTrue(line.startsWith("metrics "), line);
        return StageHarness.parse(line.substring("metrics ".length()));
    }

    @Test
    void everyEventGoesOnUnchangedAndEachIntervalReportsCountBytesAndLagPerTypeAndSource() throws Exception {
        StageHarness harness = harness();
        harness.compile("[{\"metrics\":{\"every\":\"10s\"}}]");
        String signup = "{\"source\":\"signup\",\"timestamp\":" + (START - 1500) + "}";
        String shop = "{\"source\":\"shop\",\"timestamp\":" + (START - 4000) + ",\"data\":{\"total\":12}}";
        harness.send("user.created", signup);
        harness.advance(Duration.ofSeconds(2));
        harness.send("order.placed", shop);
        harness.send("user.created", signup);
        harness.advance(Duration.ofSeconds(7));
        harness.tick();
        assertEquals(List.of(), harness.reports, "the interval is still open");
        harness.advance(Duration.ofSeconds(1));
        harness.tick();

        assertEquals(List.of(signup, shop, signup), harness.lines());
        assertEquals(List.of("metrics {\"window\":{\"start\":\"2025-01-02T03:04:05Z\",\"end\":\"2025-01-02T03:04:15Z\"},"
                + "\"metrics\":["
                + "{\"type\":\"user.created\",\"source\":\"signup\",\"processed\":2,\"bytes\":{\"total\":" + 2 * signup.length()
                + ",\"avg\":" + signup.length() + ",\"max\":" + signup.length() + "},"
                + "\"lag_ms\":{\"avg\":2500,\"min\":1500,\"max\":3500,\"p50\":1500,\"p99\":3500}},"
                + "{\"type\":\"order.placed\",\"source\":\"shop\",\"processed\":1,\"bytes\":{\"total\":" + shop.length()
                + ",\"avg\":" + shop.length() + ",\"max\":" + shop.length() + "},"
                + "\"lag_ms\":{\"avg\":6000,\"min\":6000,\"max\":6000,\"p50\":6000,\"p99\":6000}}]}"),
                harness.reports);
        assertEquals(List.of(), harness.warnings);
    }

    @Test
    void anEventWithoutAReadableTimestampLagsFromTheBusSourceTimeAndRfc3339TimesAreRead() throws Exception {
        StageHarness harness = harness();
        harness.compile("[{\"metrics\":{\"every\":\"1s\",\"percentiles\":[]}}]");
        harness.advance(Duration.ofMillis(250));
        harness.send("a", "{\"source\":\"x\"}");
        harness.send("b", "{\"source\":\"x\",\"timestamp\":\"2025-01-02T04:04:05.250+01:00\"}");
        harness.send("c", "{\"source\":\"x\",\"timestamp\":\"yesterday\"}");
        harness.finish();

        JsonNode metrics = report(harness.reports.get(0)).get("metrics");
        assertEquals("{\"avg\":250,\"min\":250,\"max\":250}", metrics.get(0).get("lag_ms").toString(),
                "source_time is START; the clock is 250 ms later");
        assertEquals("{\"avg\":0,\"min\":0,\"max\":0}", metrics.get(1).get("lag_ms").toString());
        assertEquals("{\"avg\":250,\"min\":250,\"max\":250}", metrics.get(2).get("lag_ms").toString(),
                "a timestamp that is no time falls back to source_time");
        assertEquals(3, harness.output.size());
    }

    @Test
    void byGroupsOnItsOwnLabelsInTheOrderWrittenAndANonObjectPayloadStillCounts() throws Exception {
        StageHarness harness = harness();
        harness.compile("[{\"metrics\":{\"by\":{\"region\":\".data.region\",\"kind\":\"$event.event_type\"},"
                + "\"time\":\".data.at\",\"percentiles\":[90]}}]");
        String early = "{\"data\":{\"region\":\"eu\",\"at\":" + (START - 10) + "}}";
        harness.send("sale", early);
        harness.send("sale", "{\"data\":{\"region\":\"eu\",\"at\":" + (START - 30) + "}}");
        harness.send("sale", "[1,2]");
        harness.finish();

        JsonNode metrics = report(harness.reports.get(0)).get("metrics");
        assertEquals(2, metrics.size());
        assertEquals("{\"region\":\"eu\",\"kind\":\"sale\",\"processed\":2,\"bytes\":{\"total\":" + 2 * early.length()
                + ",\"avg\":" + early.length() + ",\"max\":" + early.length() + "},\"lag_ms\":{\"avg\":20,\"min\":10,\"max\":30,\"p90\":30}}", metrics.get(0).toString());
        assertEquals("{\"region\":null,\"kind\":\"sale\",\"processed\":1,\"bytes\":{\"total\":5,\"avg\":5,\"max\":5},"
                + "\"lag_ms\":null}", metrics.get(1).toString(), "an event whose time expression fails has no lag");
        assertEquals(List.of(), harness.warnings);
    }

    @Test
    void theEndOfTheStreamReportsTheOpenIntervalAndIdleIntervalsReportNothing() throws Exception {
        StageHarness harness = harness();
        harness.compile("[{\"metrics\":{\"every\":\"10s\"}}]");
        harness.send("a", "{}");
        harness.advance(Duration.ofSeconds(10));
        harness.tick();
        harness.advance(Duration.ofSeconds(45));
        harness.tick();
        harness.send("a", "{}");
        harness.advance(Duration.ofSeconds(3));
        harness.finish();

        assertEquals(2, harness.reports.size(), String.join("\n", harness.reports));
        assertEquals("{\"start\":\"2025-01-02T03:04:05Z\",\"end\":\"2025-01-02T03:04:15Z\"}",
                report(harness.reports.get(0)).get("window").toString());
        assertEquals("{\"start\":\"2025-01-02T03:04:55Z\",\"end\":\"2025-01-02T03:05:03Z\"}",
                report(harness.reports.get(1)).get("window").toString(),
                "intervals stay on the grid of the first event; the last ends when the stream does");
    }

    @Test
    void reportsGoToTheSinksWhenTheKeyNamesSomeAndNotToStderr() throws Exception {
        StageHarness harness = harness();
        harness.compile("[{\"metrics\":{\"sinks\":[{\"dir\":\"reports\"}]}}]");
        harness.send("a", "{\"source\":\"s\"}");
        harness.finish();

        assertEquals(List.of(), harness.reports);
        try (Stream<Path> files = Files.list(dir.resolve("reports"))) {
            List<Path> written = files.toList();
            assertEquals(1, written.size());
            JsonNode report = StageHarness.parse(Files.readString(written.get(0)));
            assertEquals(1, report.get("metrics").get(0).get("processed").asInt());
        }
    }

    @Test
    void groupsPastTheLimitCountTogetherUnderOtherWithOneWarning() throws Exception {
        StageHarness harness = harness();
        harness.compile("[{\"metrics\":{\"percentiles\":[]}}]");
        for (int i = 0; i < MetricsWindow.GROUP_LIMIT + 5; i++) {
            harness.send("t", "{\"source\":\"s" + i + "\"}");
        }
        harness.finish();

        JsonNode metrics = report(harness.reports.get(0)).get("metrics");
        assertEquals(MetricsWindow.GROUP_LIMIT + 1, metrics.size());
        JsonNode other = metrics.get(MetricsWindow.GROUP_LIMIT);
        assertEquals("(other)", other.get("type").asText());
        assertEquals("(other)", other.get("source").asText());
        assertEquals(5, other.get("processed").asInt());
        assertEquals(1, harness.warnings.size(), harness.warnings.toString());
    }

    @Test
    void badOptionsAreRefusedWithTheirPaths() {
        List<Problem> problems = harness().problems("[{\"metrics\":{\"every\":\"0s\",\"by\":{\"a\":3,\"b\":\".x |\"},"
                + "\"time\":\"\",\"percentiles\":[0],\"sinks\":[],\"colour\":\"red\"}}]");
        List<String> pointers = problems.stream().map(Problem::path).toList();
        assertEquals(List.of("/stages/0/metrics/every", "/stages/0/metrics/by/a", "/stages/0/metrics/by",
                "/stages/0/metrics/time", "/stages/0/metrics/percentiles", "/stages/0/metrics/sinks",
                "/stages/0/metrics/colour"), pointers, problems.toString());
    }
}
