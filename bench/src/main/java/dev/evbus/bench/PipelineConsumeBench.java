package dev.evbus.bench;

import dev.evbus.testkit.Evbus;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * (i) SPEC §11's enrichment pipeline end to end: the repository's example key file and its geo
 * table installed in a private home as a user installs them, one real {@code evbus consume
 * log.alerts -p threshold=0} process, and {@code log.line} events (the five source events in turn)
 * published at paced rates, searched as {@link ThroughputBench} searches {@code consume raw}'s.
 * Threshold 0 makes every event an alert, so each published event is one output line to count.
 */
final class PipelineConsumeBench {
    static final String KEY = "log.alerts";
    static final String EVENT_TYPE = "log.line";
    /** Every event is an alert at threshold 0, so every published event is one output line. */
    private static final String THRESHOLD = "threshold=0";
    private static final String EXAMPLE_DIR = "examples/enrichment";
    private static final List<String> EXAMPLE_FILES = List.of("log-alerts.yaml", "geo.csv");
    private static final long WARM_UP_EVENTS = 100_000;
    private static final double PACED_START = 50_000;
    /** How long the check waits for output that stopped coming; it returns as soon as all of it came. */
    private static final Duration CHECK_QUIET = Duration.ofSeconds(10);

    private PipelineConsumeBench() {
    }

    static void run(Path root, double ceiling, Cleanup scope, Report report) throws Exception {
        Evbus home = scope.register(Evbus.keepingSettings(root, "10m"));
        install(root, home);
        LoadRig rig = scope.register(LoadRig.attachKey(home, KEY, "-p", THRESHOLD, "--quiet"));
        BenchPublisher publisher = BenchPublisher.rotating(rig.socket(), EVENT_TYPE, PipelineBench.SEED_EVENTS);
        checkOutput(rig, publisher);
        ThroughputBench bench = new ThroughputBench(rig, publisher, ceiling, report);
        bench.warmUp(WARM_UP_EVENTS);
        ThroughputBench.Search search = bench.searchCleanRate(PACED_START);
        ThroughputBench.Step best = search.best();
        String metric = "pipeline, 1 consumer of " + KEY + " (lookup → classify → filter, threshold 0 so every event is"
                + " output): highest paced rate with zero loss";
        String value = best == null ? "none at or above " + Report.rate(PACED_START)
                : Report.rate(best.delivered()) + (Double.isNaN(ceiling) ? "" : " (" + Report.ratio(best.delivered(), ceiling)
                        + ")") + "; consumer CPU " + Report.micros2(best.consumerCpuNanosPerEvent()) + " per event";
        report.measured(metric, value);
        report.note(search.note("1 consumer of " + KEY));
    }

    /** Copies the example key file and its table into {@code $EVBUS_HOME/keys/}, as a user installs a key file. */
    static void install(Path root, Evbus home) throws IOException {
        Path keys = Files.createDirectories(home.home().resolve("keys"));
        for (String name : EXAMPLE_FILES) {
            Path source = root.resolve(EXAMPLE_DIR).resolve(name);
            if (!Files.isRegularFile(source)) {
                throw new IllegalStateException(source + " is missing: the bench installs the enrichment example from"
                        + " the repository (--root " + root + ")");
            }
            Files.copy(source, keys.resolve(name));
        }
    }

    /**
     * Publishes the five source events once; the third one's output line must be SPEC §11's first
     * alert line (threshold 0 changes neither its severity nor its alert field).
     */
    private static void checkOutput(LoadRig rig, BenchPublisher publisher) throws IOException {
        int events = PipelineBench.SEED_EVENTS.size();
        long[] before = rig.lines();
        publisher.flatOut(events);
        Delivery delivery = rig.awaitDelivery(before, events, CHECK_QUIET);
        List<String> head = rig.consumers().getFirst().head();
        String expected = PipelineBench.SEED_ALERTS.getFirst();
        if (delivery.total() != events || head.size() < 3 || !head.get(2).equals(expected)) {
            throw new IllegalStateException("consume " + KEY + " -p " + THRESHOLD + " printed " + delivery.total() + " line(s) for"
                    + " SPEC §11's " + events + " source events, the third being "
                    + (head.size() < 3 ? "absent" : "'" + head.get(2) + "'") + ", not '" + expected + "'");
        }
    }
}
