package dev.evbus.sources.stats;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class SlidingAggregationsTest {
    /** A multiple of every interval used here, so interval k starts at T0 + k * interval. */
    private static final long T0 = 1_700_000_000_000L;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final AtomicLong clock = new AtomicLong(T0);

    private static AggregationConfig config(String json) {
        try {
            return AggregationConfig.read(JSON.readTree(json));
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static byte[] event(String source, String value) {
        return ("{\"id\":\"x\",\"source\":" + (source == null ? "null" : "\"" + source + "\"")
                + ",\"timestamp\":1,\"data\":{\"value\":" + value + "}}").getBytes(UTF_8);
    }

    private static String compact(String json) {
        try {
            return JSON.readTree(json).toString();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void aWindowHasTheExactCountSumAverageExtremesSourcesAndTypesOfItsEvents() {
        SlidingAggregations stats = new SlidingAggregations(AggregationConfig.defaults(), clock::get);
        stats.accepted("reading", event("a", "10"), T0 + 1_000);
        stats.accepted("reading", event("b", "20"), T0 + 2_000);
        stats.accepted("alert", event("a", "30.5"), T0 + 3_000);
        stats.accepted("alert", event("c", "\"n/a\""), T0 + 4_000);
        stats.accepted("note", "{\"data\":{}}".getBytes(UTF_8), T0 + 4_500);
        clock.set(T0 + 5_000);
        assertEquals(compact("""
                {"aggregations":[{"window":{"start":%d,"end":%d},"count":5,"sum":60.5,"avg":%s,"min":10,"max":30.5,
                 "distinctSources":3,"eventsByType":{"alert":2,"note":1,"reading":2}}],"count":1}"""
                .formatted(T0 - 50_000, T0 + 10_000, 60.5 / 3)), stats.aggregations().toString());
    }

    @Test
    void windowsSlideOneIntervalAtATimeAndAreListedOldestFirst() {
        SlidingAggregations stats = new SlidingAggregations(
                config("{\"window\":\"20s\",\"interval\":\"10s\",\"max_windows\":3}"), clock::get);
        for (int interval = 0; interval < 3; interval++) {
            for (int i = 0; i <= interval; i++) {
                stats.accepted("t", event("s", String.valueOf(interval + 1)), T0 + interval * 10_000L + i);
            }
        }
        clock.set(T0 + 25_000); // in interval 2
        assertEquals(List.of("-10000..10000 count 1 sum 1", "0..20000 count 3 sum 5", "10000..30000 count 5 sum 13"),
                windows(stats.aggregations()));
        clock.set(T0 + 30_000); // interval 3 opens: the oldest window leaves the list
        assertEquals(List.of("0..20000 count 3 sum 5", "10000..30000 count 5 sum 13", "20000..40000 count 3 sum 9"),
                windows(stats.aggregations()));
        clock.set(T0 + 50_000); // interval 5: intervals 0 and 1 have left every listed window
        stats.accepted("t", event("s", "100"), T0 + 50_000); // takes over the slot interval 1 held
        stats.accepted("t", event("s", "1000"), T0 + 10_000); // older than the ring: in no window
        assertEquals(List.of("20000..40000 count 3 sum 9", "40000..60000 count 1 sum 100"), windows(stats.aggregations()));
        assertEquals(8, stats.stats().path("stats").path("totalProcessed").asLong());
        assertEquals(4, stats.stats().path("bufferSize").asLong());
    }

    /** Each window as "start..end count n sum s", times relative to T0. */
    private static List<String> windows(JsonNode document) {
        List<String> out = new ArrayList<>();
        for (JsonNode window : document.path("aggregations")) {
            out.add((window.path("window").path("start").asLong() - T0) + ".." + (window.path("window").path("end").asLong() - T0)
                    + " count " + window.path("count").asLong() + " sum " + window.path("sum").asText());
        }
        assertEquals(out.size(), document.path("count").asInt());
        return out;
    }

    @Test
    void percentilesOfALargeWindowAreWithinOnePercent() {
        SlidingAggregations stats = new SlidingAggregations(config("{\"percentiles\":[50,90,99.9,100]}"), clock::get);
        for (int i = 1; i <= 100_000; i++) {
            stats.accepted("t", event("s", String.valueOf(i)), T0 + i % 60_000);
        }
        clock.set(T0 + 59_999);
        JsonNode window = last(stats.aggregations());
        assertEquals(100_000, window.path("count").asLong());
        JsonNode percentiles = window.path("percentiles");
        assertEquals(List.of("p50", "p90", "p99.9", "p100"), iterableNames(percentiles));
        assertWithinOnePercent(50_000, percentiles.path("p50").asDouble());
        assertWithinOnePercent(90_000, percentiles.path("p90").asDouble());
        assertWithinOnePercent(99_900, percentiles.path("p99.9").asDouble());
        assertEquals(100_000, percentiles.path("p100").asDouble());
    }

    @Test
    void percentilesOfAWindowWithoutNumbersAreNull() {
        SlidingAggregations stats = new SlidingAggregations(config("{\"percentiles\":[50]}"), clock::get);
        stats.accepted("t", event("s", "\"high\""), T0);
        JsonNode window = last(stats.aggregations());
        assertEquals("{\"p50\":null}", window.path("percentiles").toString());
        assertEquals("0 null null null", window.path("sum") + " " + window.path("avg") + " " + window.path("min") + " "
                + window.path("max"));
    }

    @Test
    void aSumPastTheLargestDoubleIsNullNotInfinity() {
        SlidingAggregations stats = new SlidingAggregations(AggregationConfig.defaults(), clock::get);
        stats.accepted("t", event("s", "1e308"), T0);
        stats.accepted("t", event("s", "1e308"), T0);
        JsonNode window = last(stats.aggregations());
        assertTrue(window.path("sum").isNull());
        assertEquals(1e308, window.path("max").asDouble());
    }

    private static List<String> iterableNames(JsonNode object) {
        List<String> names = new ArrayList<>();
        object.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static void assertWithinOnePercent(double expected, double actual) {
        assertTrue(Math.abs(actual - expected) <= expected * 0.01, expected + " vs " + actual);
    }

    private static JsonNode last(JsonNode document) {
        JsonNode list = document.path("aggregations");
        return list.get(list.size() - 1);
    }

    @Test
    void typesPastTheCapCountUnderOther() {
        SlidingAggregations stats = new SlidingAggregations(AggregationConfig.defaults(), clock::get);
        for (int i = 0; i < 1_005; i++) {
            stats.accepted("type-" + i, event("s", "1"), T0);
        }
        JsonNode types = last(stats.aggregations()).path("eventsByType");
        assertEquals(1_001, types.size());
        assertEquals(5, types.path(Aggregate.OTHER).asLong());
        assertEquals(1, types.path("type-999").asLong());
    }

    @Test
    void distinctSourcesPastTheCapAreFlagged() {
        SlidingAggregations stats = new SlidingAggregations(AggregationConfig.defaults(), clock::get);
        stats.accepted("t", event("s0", "1"), T0);
        assertTrue(last(stats.aggregations()).path("distinctSourcesCapped").isMissingNode());
        for (int i = 0; i < 10_005; i++) {
            stats.accepted("t", event("s" + i, "1"), T0);
        }
        JsonNode window = last(stats.aggregations());
        assertEquals(10_000, window.path("distinctSources").asInt());
        assertTrue(window.path("distinctSourcesCapped").asBoolean());
    }

    @Test
    void manySlicesShareTheSourceBudget() {
        assertEquals(10_000, SlidingAggregations.sourceCapPerSlice(11));
        assertEquals(120, SlidingAggregations.sourceCapPerSlice(1_000));
    }

    @Test
    void metricsPastTheCapCountUnderOther() {
        SlidingAggregations stats = new SlidingAggregations(AggregationConfig.defaults(), clock::get);
        for (int i = 0; i < 10_005; i++) {
            stats.accepted("t", event("s" + i, "1"), T0);
        }
        stats.accepted("t", event("s0", "1"), T0);
        JsonNode metrics = stats.stats().path("metrics");
        assertEquals(10_001, metrics.size());
        assertEquals(5, metrics.path(SourceMetrics.OTHER).asLong());
        assertEquals(2, metrics.path("t:s0").asLong());
    }

    @Test
    void statsBeforeAnyEventHaveZeroesAndNoLastTime() {
        SlidingAggregations stats = new SlidingAggregations(AggregationConfig.defaults(), clock::get);
        assertEquals(compact("""
                {"stats":{"totalProcessed":0,"totalFiltered":0,"avgProcessingTime":0.0,"throughput":0.0,
                 "lastProcessedAt":null},"metrics":{},"bufferSize":0}"""), stats.stats().toString());
        assertEquals("{\"aggregations\":[],\"count\":0}", stats.aggregations().toString());
    }

    @Test
    void statsCountProcessedFilteredTimingThroughputAndMetrics() {
        SlidingAggregations stats = new SlidingAggregations(AggregationConfig.defaults(), clock::get);
        for (int i = 0; i < 20; i++) {
            stats.accepted("reading", event(i % 2 == 0 ? "a" : "b", "1"), T0 + 1_000 + i);
        }
        for (int i = 0; i < 10; i++) {
            stats.accepted("alert", event(null, "1"), T0 + 12_000);
        }
        stats.filtered(3);
        stats.filtered(1);
        stats.processed(2_000_000);
        stats.processed(4_500_000);
        clock.set(T0 + 15_000); // 30 events in the 15 s since the start
        assertEquals(compact("""
                {"stats":{"totalProcessed":30,"totalFiltered":4,"avgProcessingTime":3.25,"throughput":2.0,
                 "lastProcessedAt":%d},"metrics":{"alert:(none)":10,"reading:a":10,"reading:b":10},"bufferSize":30}"""
                .formatted(T0 + 12_000)), stats.stats().toString());
        clock.set(T0 + 200_000); // every interval has left the ring
        JsonNode later = stats.stats();
        assertEquals(0, later.path("bufferSize").asLong());
        assertEquals(0.0, later.path("stats").path("throughput").asDouble());
        assertEquals(30, later.path("stats").path("totalProcessed").asLong());
    }

    @Test
    void concurrentPublishersAreAllCountedExactly() throws Exception {
        SlidingAggregations stats = new SlidingAggregations(AggregationConfig.defaults(), clock::get);
        int threads = 4;
        int each = 25_000;
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<Void>> done = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                String type = "type-" + t;
                Callable<Void> publisher = () -> {
                    start.await();
                    for (int i = 0; i < each; i++) {
                        stats.accepted(type, event("s" + (i % 7), "2"), T0 + i % 10_000);
                    }
                    return null;
                };
                done.add(pool.submit(publisher));
            }
            start.countDown();
            for (Future<Void> future : done) {
                future.get();
            }
        } finally {
            pool.shutdownNow();
        }
        JsonNode window = last(stats.aggregations());
        assertEquals(threads * each, window.path("count").asLong());
        assertEquals(2.0 * threads * each, window.path("sum").asDouble());
        assertEquals(7, window.path("distinctSources").asInt());
        for (int t = 0; t < threads; t++) {
            assertEquals(each, window.path("eventsByType").path("type-" + t).asLong());
        }
        JsonNode document = stats.stats();
        assertEquals(threads * each, document.path("stats").path("totalProcessed").asLong());
        assertEquals(threads * each, document.path("bufferSize").asLong());
        long metricTotal = 0;
        for (JsonNode n : document.path("metrics")) {
            metricTotal += n.asLong();
        }
        assertEquals(threads * each, metricTotal);
        assertEquals(T0 + 9_999, document.path("stats").path("lastProcessedAt").asLong());
    }
}
