package dev.evbus.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.evbus.event.RawEvent;
import dev.evbus.event.RawJson;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * (i) Pipelines inside one JVM, without a bus: what SPEC §11's enrichment pipeline (lookup on the
 * seed's 4-row geo table → classify severity → filter .alert) costs per event, built from key-file
 * stage entries through the compiler and the standard library exactly as a consumer builds it;
 * and what one geoip lookup costs on MaxMind's test City database, for addresses it has and
 * addresses it has not; and what the metrics stage adds per event. Each figure is the median of
 * three timed runs after a warm-up.
 */
final class PipelineBench {
    static final long EVENTS = 1_000_000;
    private static final long WARM_UP = 300_000;
    private static final int ROUNDS = 3;

    static final List<String> SEED_EVENTS = List.of(
            "{\"ip\":\"192.0.2.10\",\"level\":\"info\",\"message\":\"user login successful\"}",
            "{\"ip\":\"198.51.100.42\",\"level\":\"warn\",\"message\":\"high memory usage detected\"}",
            "{\"ip\":\"203.0.113.5\",\"level\":\"error\",\"message\":\"disk full on /data\"}",
            "{\"ip\":\"192.0.2.10\",\"level\":\"info\",\"message\":\"config reload completed\"}",
            "{\"ip\":\"198.51.100.1\",\"level\":\"critical\",\"message\":\"auth service down\"}");
    static final List<String> SEED_ALERTS = List.of(
            "{\"ip\":\"203.0.113.5\",\"level\":\"error\",\"message\":\"disk full on /data\",\"country\":\"AU\",\"city\":\"Sydney\",\"severity\":9,\"alert\":true}",
            "{\"ip\":\"198.51.100.1\",\"level\":\"critical\",\"message\":\"auth service down\",\"country\":\"US\",\"city\":\"Chicago\",\"severity\":10,\"alert\":true}");
    private static final String GEO_TABLE = "ip,country,city\n192.0.2.10,DE,Berlin\n198.51.100.42,JP,Tokyo\n"
            + "203.0.113.5,AU,Sydney\n198.51.100.1,US,Chicago\n";
    private static final String ENRICHMENT = "[{\"lookup\":{\"field\":\"ip\",\"table\":\"geo.csv\",\"key\":\"ip\","
            + "\"fields\":[\"country\",\"city\"],\"default\":{\"country\":\"unknown\",\"city\":\"unknown\"}}},"
            + "{\"classify\":{\"field\":\"level\",\"values\":{\"debug\":1,\"info\":3,\"warn\":5,\"error\":9,\"critical\":10},"
            + "\"default\":0,\"score_field\":\"severity\",\"alert_field\":\"alert\",\"threshold\":\"${threshold}\"}},"
            + "{\"filter\":\".alert\"}]";
    private static final List<String> GEO_HITS = List.of("81.2.69.142", "2.125.160.216", "89.160.20.112", "175.16.199.1",
            "216.160.83.56");

    private PipelineBench() {
    }

    static void enrichment(Report report) throws Exception {
        Path dir = Files.createTempDirectory("evbus-bench-pipeline");
        try {
            Files.writeString(dir.resolve("geo.csv"), GEO_TABLE);
            ObjectNode paramsJson = JsonNodeFactory.instance.objectNode().put("threshold", 7);
            InProcessPipeline pipeline = InProcessPipeline.compile(ENRICHMENT, dir, Map.of("threshold", "7"), paramsJson);
            Events seed = Events.of(SEED_EVENTS);
            pipeline.keep(SEED_ALERTS.size());
            seed.feed(pipeline, SEED_EVENTS.size(), false);
            List<String> alerts = pipeline.kept().stream().map(JsonNode::toString).toList();
            if (!alerts.equals(SEED_ALERTS) || pipeline.out() != 2) {
                throw new IllegalStateException("the enrichment pipeline printed " + alerts + ", not SPEC §11's two alert lines");
            }
            String what = "pipeline: SPEC §11 enrichment (lookup, 4-row CSV → classify → filter .alert) in one JVM, cost per event,"
                    + " median of " + ROUNDS + " × " + Report.count(EVENTS) + " events";
            double nanos = seed.median(pipeline, false);
            report.checked(what, Report.micros2(nanos) + " (" + Report.rate(1e9 / nanos) + ")",
                    "< 100 µs (SPEC §11; aim < 10 µs)", nanos < 100_000);
            double withJson = seed.median(pipeline, true);
            report.measured(what + ", with parsing each event's JSON and writing each output line",
                    Report.micros2(withJson) + " (" + Report.rate(1e9 / withJson) + ")");
            long expected = SEED_ALERTS.size() + (WARM_UP + EVENTS * ROUNDS) * 2 * 2 / SEED_EVENTS.size();
            if (pipeline.out() != expected || pipeline.warnings() != 0) {
                throw new IllegalStateException("expected " + expected + " alerts and no warning, got " + pipeline.out()
                        + " and " + pipeline.warnings() + " warnings");
            }
        } finally {
            try (var files = Files.list(dir)) {
                for (Path file : files.toList()) {
                    Files.delete(file);
                }
            }
            Files.delete(dir);
        }
    }

    static void geoip(Path root, Report report) throws Exception {
        Path database = testDatabase(root);
        String stages = "[{\"geoip\":{\"field\":\"ip\",\"database\":" + InProcessPipeline.JSON.writeValueAsString(database.toString())
                + "}}]";
        InProcessPipeline pipeline = InProcessPipeline.compile(stages, database.getParent(), Map.of(),
                JsonNodeFactory.instance.objectNode());
        Events hits = Events.of(GEO_HITS.stream().map(ip -> "{\"ip\":\"" + ip + "\",\"level\":\"info\"}").toList());
        pipeline.keep(GEO_HITS.size());
        hits.feed(pipeline, GEO_HITS.size(), false);
        List<String> countries = pipeline.kept().stream().map(node -> node.path("country").asText()).toList();
        if (!countries.equals(List.of("GB", "GB", "SE", "CN", "US"))) {
            throw new IllegalStateException("the geoip stage found " + countries + " for " + GEO_HITS);
        }
        List<String> missing = new ArrayList<>();
        for (int i = 1; i <= 50; i++) {
            missing.add("{\"ip\":\"192.0.2." + i + "\",\"level\":\"info\"}");
        }
        Events misses = Events.of(missing);
        String what = "pipeline: geoip stage (country, city) on MaxMind's test City DB in one JVM, cost per event, median of "
                + ROUNDS + " × " + Report.count(EVENTS) + " lookups";
        double hit = hits.median(pipeline, false);
        report.measured(what + ", addresses in the DB (5)", Report.micros2(hit) + " (" + Report.rate(1e9 / hit) + ")");
        double miss = misses.median(pipeline, false);
        report.measured(what + ", addresses not in it (50)", Report.micros2(miss) + " (" + Report.rate(1e9 / miss) + ")");
        if (pipeline.warnings() != 0) {
            throw new IllegalStateException(pipeline.warnings() + " lookups failed");
        }
    }

    /**
     * The {@code metrics} stage as the event-processing example ends with it: every event counted
     * in its type and source group, sized as JSON and lagged from its timestamp. Reports go
     * nowhere here; an interval of 60 s closes at most once or twice in a run.
     */
    static void metrics(Report report) throws Exception {
        InProcessPipeline pipeline = InProcessPipeline.compile("[{\"metrics\":{\"every\":\"60s\"}}]", Path.of("."), Map.of(),
                JsonNodeFactory.instance.objectNode());
        List<String> events = new ArrayList<>();
        for (String source : List.of("signup", "shop", "billing", "admin", "api")) {
            events.add("{\"id\":\"evt-1\",\"type\":\"order.placed\",\"source\":\"" + source + "\",\"timestamp\":1767225600000,"
                    + "\"data\":{\"order_id\":\"o-7\",\"total\":129.5},\"metadata\":{\"processor_version\":\"1.0.0\"}}");
        }
        Events recipe = Events.of(events);
        double nanos = recipe.median(pipeline, false);
        report.measured("pipeline: metrics stage (count, JSON size and lag per type and source, 5 groups) in one JVM, cost per event,"
                + " median of " + ROUNDS + " × " + Report.count(EVENTS) + " events", Report.micros2(nanos) + " ("
                + Report.rate(1e9 / nanos) + ")");
        if (pipeline.out() != WARM_UP + EVENTS * ROUNDS || pipeline.warnings() != 0) {
            throw new IllegalStateException("the metrics stage passed on " + pipeline.out() + " events with "
                    + pipeline.warnings() + " warnings");
        }
    }

    /** MaxMind's test database, which the repository's tests find in {@code shared/data} above the checkout. */
    private static Path testDatabase(Path root) {
        for (Path dir = root.toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("shared/data/GeoLite2-City-Test.mmdb");
            if (Files.isRegularFile(candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException("shared/data/GeoLite2-City-Test.mmdb is not above " + root);
    }

    /** Events fed round-robin, each as a parsed payload and as the bytes a consumer receives. */
    private record Events(List<RawEvent> envelopes, List<JsonNode> payloads, List<byte[]> bytes) {
        static Events of(List<String> lines) throws IOException {
            List<RawEvent> envelopes = new ArrayList<>();
            List<JsonNode> payloads = new ArrayList<>();
            List<byte[]> bytes = new ArrayList<>();
            for (String line : lines) {
                JsonNode payload = InProcessPipeline.JSON.readTree(line);
                envelopes.add(new RawEvent("log.line", null, "0", envelopes.size() + 1, RawJson.of(payload)));
                payloads.add(payload);
                bytes.add(line.getBytes(StandardCharsets.UTF_8));
            }
            return new Events(envelopes, payloads, bytes);
        }

        /** Nanoseconds per event, median of the timed rounds after a warm-up. */
        double median(InProcessPipeline pipeline, boolean json) throws IOException {
            feed(pipeline, WARM_UP, json);
            double[] rounds = new double[ROUNDS];
            for (int i = 0; i < ROUNDS; i++) {
                long started = System.nanoTime();
                feed(pipeline, EVENTS, json);
                rounds[i] = (System.nanoTime() - started) / (double) EVENTS;
            }
            Arrays.sort(rounds);
            return rounds[ROUNDS / 2];
        }

        void feed(InProcessPipeline pipeline, long events, boolean json) throws IOException {
            pipeline.write(json);
            int n = envelopes.size();
            for (long i = 0; i < events; i++) {
                int k = (int) (i % n);
                JsonNode payload = json ? InProcessPipeline.JSON.readTree(bytes.get(k)) : payloads.get(k);
                pipeline.accept(envelopes.get(k), payload);
            }
        }
    }
}
