package dev.evbus.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.evbus.sources.stats.AggregationConfig;
import dev.evbus.sources.stats.SlidingAggregations;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * SPEC §12's stream statistics inside one JVM, without a bus or HTTP: what one accepted event
 * costs the sliding windows (parsing its value and source, counting it), and what
 * {@code GET /aggregations} costs to compute and serialise with {@link #EVENTS} events in the
 * windows (default 60 s windows every 10 s, so every listed window is full), without and with
 * percentiles. Events are SPEC §12 {@code POST /events} bodies from 1,000 sources of 20 types.
 */
final class AggregationBench {
    static final int EVENTS = 1_000_000;
    private static final int WARM_UP = EVENTS;
    private static final int ROUNDS = 5;
    private static final int QUERIES = 21;
    private static final int PAYLOADS = 10_000;
    /** A multiple of 10 s: the ring's 11 intervals end exactly at "now". */
    private static final long NOW = 1_700_000_110_000L - 1;

    private AggregationBench() {
    }

    static void run(Report report) throws Exception {
        byte[][] payloads = payloads();
        String[] types = new String[20];
        Arrays.setAll(types, i -> "reading." + i);
        Clock clock = Clock.fixed(Instant.ofEpochMilli(NOW), ZoneOffset.UTC);
        for (String percentiles : new String[] {null, "[50, 95, 99]"}) {
            AggregationConfig config = AggregationConfig.read(
                    percentiles == null ? null : new ObjectMapper().readTree("{\"percentiles\":" + percentiles + "}"));
            long span = (long) config.slices() * config.intervalMillis();
            feed(new SlidingAggregations(config, clock), payloads, types, WARM_UP, span);
            double[] perEvent = new double[ROUNDS];
            SlidingAggregations full = null;
            for (int round = 0; round < ROUNDS; round++) {
                full = new SlidingAggregations(config, clock);
                perEvent[round] = feed(full, payloads, types, EVENTS, span);
            }
            Arrays.sort(perEvent);
            String with = percentiles == null ? "" : ", percentiles " + percentiles;
            report.measured("aggregations: one accepted event into the windows (parse value and source, count)" + with
                    + ", in one JVM, median of " + ROUNDS + " × " + Report.count(EVENTS) + " events",
                    String.format(Locale.ROOT, "%.0f ns", perEvent[ROUNDS / 2]));
            double query = medianQuery(full);
            report.checked("aggregations: GET /aggregations body (compute + serialise) with " + Report.count(EVENTS)
                    + " events in " + config.maxWindows() + " windows of 60 s" + with + ", median of " + QUERIES + " calls",
                    String.format(Locale.ROOT, "%.2f ms", query / 1e6), "< 10 ms (SPEC §12)", query < 10e6);
        }
    }

    /** Feeds {@code events} spread evenly over the last {@code span} ms; nanoseconds per event. */
    private static double feed(SlidingAggregations windows, byte[][] payloads, String[] types, int events, long span) {
        long started = System.nanoTime();
        for (int i = 0; i < events; i++) {
            windows.accepted(types[i % types.length], payloads[i % payloads.length], NOW - span + 1 + i * span / events);
        }
        return (System.nanoTime() - started) / (double) events;
    }

    /** Median nanoseconds of one query, after as many untimed ones; checks it counts every event. */
    private static double medianQuery(SlidingAggregations windows) throws Exception {
        long[] took = new long[QUERIES];
        long total = 0;
        for (int i = 0; i < QUERIES * 2; i++) {
            long started = System.nanoTime();
            byte[] body = windows.aggregations().toString().getBytes(StandardCharsets.UTF_8);
            long nanos = System.nanoTime() - started;
            if (i >= QUERIES) {
                took[i - QUERIES] = nanos;
            } else if (i == 0) {
                for (JsonNode window : new ObjectMapper().readTree(body).path("aggregations")) {
                    total += window.path("count").asLong();
                }
            }
        }
        if (total < EVENTS) { // 11 intervals, 6 windows of 6: each event is in 1 to 6 of them
            throw new IllegalStateException("the windows hold " + total + " events in all, fewer than the " + EVENTS + " fed");
        }
        Arrays.sort(took);
        return took[QUERIES / 2];
    }

    private static byte[][] payloads() {
        SplittableRandom random = new SplittableRandom(12);
        byte[][] out = new byte[PAYLOADS][];
        for (int i = 0; i < PAYLOADS; i++) {
            out[i] = String.format(Locale.ROOT, "{\"id\":\"evt-%d\",\"type\":\"reading\",\"source\":\"sensor-%d\","
                    + "\"timestamp\":%d,\"data\":{\"value\":%.2f,\"unit\":\"C\"}}", i, random.nextInt(1_000), NOW,
                    random.nextDouble(-20, 120)).getBytes(StandardCharsets.UTF_8);
        }
        return out;
    }
}
