package dev.evbus.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** What to measure and how much of it; every size has a default that keeps a full run within about eight minutes. */
record BenchOptions(Path root, long eventsOneConsumer, long eventsManyConsumers, int manyConsumers,
                    int latencyRate, Duration latencyWarmUp, Duration latencyLength, int startupRuns,
                    int memoryConsumers, int pssConsumers, long pipeEvents, long ceilingEvents, boolean paced,
                    long replayEvents, long ackedEvents, int ackEvery, int ackWindow, long publisherCalls,
                    Duration httpLength, int httpRate, Set<String> sections, Path output) {

    static final List<String> SECTIONS = List.of("ceiling", "throughput", "fanout", "replay", "acked", "latency",
            "publisher", "startup", "memory", "peers", "pipe", "pipeline", "served", "aggregations", "http", "bridge");

    static final String USAGE = String.join("\n",
            "usage: bench/run [--no-build] [option value]...",
            "  --events-one N        events for the 1-consumer flat-out run (default 1000000)",
            "  --events-many N       events for the many-consumer flat-out run (default 200000)",
            "  --many N              consumers in the fan-out runs (default 16)",
            "  --replay-events N     events published, then replayed with --since all (default 1000000)",
            "  --acked-events N      events for the acknowledged-publish runs (default 1000000)",
            "  --ack-every N         frames per ack request in those runs (default 1000)",
            "  --ack-window N        acks a producer may have outstanding (default 16)",
            "  --publisher-calls N   timed EventPublisher.publish calls per mode (default 1000000)",
            "  --latency-rate N      events/s for the latency runs (default 10000)",
            "  --latency-seconds N   measured seconds, after a 2 s warm-up (default 10)",
            "  --startup-runs N      runs per start-up figure, each followed by a run of the JVM floor (default 10)",
            "  --pss-consumers N     idle consumers measured together for their PSS (default 20)",
            "  --memory-consumers N  consumers attached for the bus's memory figure (default 100)",
            "  --pipe-events N       events piped CLI to CLI, evbus and redis alike (default 1000000)",
            "  --http-seconds N      length of each timed wrk run in the http section (default 8)",
            "  --http-rate N         events/s POSTed for the http latency figure (default 5000)",
            "  --ceiling-events N    events for the socket ceiling (default 5000000)",
            "  --paced true|false    search the highest rate without loss, also for the pipeline (default true)",
            "  --only LIST           comma-separated sections to run: " + String.join(",", SECTIONS),
            "                        (every throughput figure needs the ceiling: it is measured whenever one runs)",
            "  --output FILE         where the Markdown goes besides stdout (default bench/results/latest.md)");

    private static final List<String> KNOWN = List.of("root", "events-one", "events-many", "many", "latency-rate",
            "latency-seconds", "startup-runs", "memory-consumers", "pss-consumers", "pipe-events", "ceiling-events", "paced",
            "replay-events", "acked-events", "ack-every", "ack-window", "publisher-calls", "http-seconds", "http-rate", "only", "output");

    static BenchOptions parse(String[] args) {
        Map<String, String> given = new HashMap<>();
        for (int i = 0; i < args.length; i++) {
            String name = args[i].startsWith("--") ? args[i].substring(2) : "";
            if (!KNOWN.contains(name) || i + 1 >= args.length) {
                throw new IllegalArgumentException("unknown option or missing value: " + args[i] + "\n" + USAGE);
            }
            given.put(name, args[++i]);
        }
        Path root = Path.of(given.getOrDefault("root", ".")).toAbsolutePath().normalize();
        return new BenchOptions(root,
                Long.parseLong(given.getOrDefault("events-one", "1000000")),
                Long.parseLong(given.getOrDefault("events-many", "200000")),
                Integer.parseInt(given.getOrDefault("many", "16")),
                Integer.parseInt(given.getOrDefault("latency-rate", "10000")),
                Duration.ofSeconds(2),
                Duration.ofSeconds(Long.parseLong(given.getOrDefault("latency-seconds", "10"))),
                Integer.parseInt(given.getOrDefault("startup-runs", "10")),
                Integer.parseInt(given.getOrDefault("memory-consumers", "100")),
                Integer.parseInt(given.getOrDefault("pss-consumers", "20")),
                Long.parseLong(given.getOrDefault("pipe-events", "1000000")),
                Long.parseLong(given.getOrDefault("ceiling-events", "5000000")),
                Boolean.parseBoolean(given.getOrDefault("paced", "true")),
                Long.parseLong(given.getOrDefault("replay-events", "1000000")),
                Long.parseLong(given.getOrDefault("acked-events", "1000000")),
                Integer.parseInt(given.getOrDefault("ack-every", "1000")),
                Integer.parseInt(given.getOrDefault("ack-window", "16")),
                Long.parseLong(given.getOrDefault("publisher-calls", "1000000")),
                Duration.ofSeconds(Long.parseLong(given.getOrDefault("http-seconds", "8"))),
                Integer.parseInt(given.getOrDefault("http-rate", "5000")),
                sections(given.getOrDefault("only", String.join(",", SECTIONS))),
                Path.of(given.getOrDefault("output", root.resolve("bench/results/latest.md").toString())));
    }

    private static Set<String> sections(String list) {
        Set<String> chosen = new LinkedHashSet<>(List.of(list.split(",")));
        if (!SECTIONS.containsAll(chosen)) {
            throw new IllegalArgumentException("--only takes some of " + SECTIONS + ", not " + list);
        }
        return chosen;
    }

    boolean runs(String section) {
        return sections.contains(section);
    }

    /** Whether any section that reports a share of the socket ceiling runs. */
    boolean needsCeiling() {
        return runs("ceiling") || runs("throughput") || runs("fanout") || runs("replay") || runs("acked") || runs("http");
    }
}
