package dev.evbus.bench;

import dev.evbus.testkit.Evbus;
import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Runs every measurement against the built product and prints one Markdown report (also written
 * to {@code bench/results/latest.md}). A failing section is reported and the rest still run;
 * whatever a section started is stopped when it ends, and everything on exit or Ctrl-C.
 */
public final class Bench {
    private final BenchOptions options;
    private final Cleanup cleanup;
    private final Report report = new Report();
    private double ceiling = Double.NaN;
    /** Prepared by the first section that needs it, kept until the end: the start-up and memory figures share it. */
    private JvmFloor floor;

    private Bench(BenchOptions options, Cleanup cleanup) {
        this.options = options;
        this.cleanup = cleanup;
    }

    /** A measurement whose processes live in {@code scope}. */
    /** Events for each run of the served-pipeline section: each is one POST to the webhook. */
    private static final long SERVED_EVENTS = 20_000;

    private interface Section {
        void run(Cleanup scope) throws Exception;
    }

    public static void main(String[] args) throws IOException {
        if (List.of(args).contains("--help")) {
            System.out.println(BenchOptions.USAGE);
            return;
        }
        BenchOptions options;
        try {
            options = BenchOptions.parse(args);
        } catch (IllegalArgumentException bad) {
            System.err.println("bench: " + bad.getMessage());
            System.exit(2);
            return;
        }
        Machine machine = Machine.describe(options.root());
        Cleanup cleanup = new Cleanup();
        Runtime.getRuntime().addShutdownHook(new Thread(cleanup::close, "bench-cleanup"));
        long started = System.nanoTime();
        Bench bench = new Bench(options, cleanup);
        try {
            bench.runAll();
        } finally {
            cleanup.close();
        }
        String markdown = bench.report.toMarkdown(machine, String.join(" ", argsWithoutRoot(args)),
                Duration.ofNanos(System.nanoTime() - started));
        System.out.println();
        System.out.print(markdown);
        Files.createDirectories(options.output().toAbsolutePath().getParent());
        Files.writeString(options.output(), markdown);
        System.err.println("bench: written to " + options.output());
    }

    private void runAll() {
        if (options.needsCeiling()) {
            section("socket ceiling", scope -> {
                SocketCeiling.Result result = SocketCeiling.measure(options.ceilingEvents());
                ceiling = result.eventsPerSecond();
                report.measured("ceiling: the bus's event frames over one Unix socket, writer → newline-counting reader",
                        Report.rate(ceiling) + String.format(Locale.ROOT, " (%.0f MB/s)", result.megabytesPerSecond()));
            });
        }
        if (options.runs("throughput")) {
            section("throughput, 1 consumer", scope -> throughput(scope, 1, options.eventsOneConsumer(), 125_000, 1_000_000));
        }
        if (options.runs("fanout")) {
            section("throughput, " + options.manyConsumers() + " consumers",
                    scope -> throughput(scope, options.manyConsumers(), options.eventsManyConsumers(), 12_500, 100_000));
        }
        if (options.runs("replay")) {
            section("replay", scope -> ReplayBench.run(options.root(), options.replayEvents(), ceiling, scope, report));
        }
        if (options.runs("acked")) {
            for (LogMode mode : List.of(LogMode.MEMORY, LogMode.DURABLE)) {
                section("acked publish, " + mode.label(), scope -> DurableAckBench.run(options.root(), mode,
                        options.ackedEvents(), options.ackEvery(), options.ackWindow(), ceiling, scope, report));
            }
        }
        if (options.runs("latency")) {
            for (LogMode mode : List.of(LogMode.MEMORY, LogMode.DURABLE)) {
                section("latency, " + mode.label(), scope -> LatencyBench.run(options.root(), mode, scope,
                        options.latencyRate(), options.latencyWarmUp(), options.latencyLength(), report));
            }
        }
        if (options.runs("publisher")) {
            section("EventPublisher", scope -> EventPublisherBench.run(options.root(), options.publisherCalls(), scope,
                    report));
        }
        if (options.runs("startup")) {
            section("start-up, JVM floor", scope -> startup().floorAlone());
            section("start-up, bus running", scope -> startup().withBusRunning(scope));
            section("start-up, declarative key", scope -> startup().declarativeKey(scope));
            section("start-up, no bus", scope -> startup().withoutBus(scope));
            section("stop", scope -> startup().stopIdleBus(scope));
        }
        if (options.runs("memory")) {
            section("memory", scope -> MemoryBench.run(options.root(), floor(), options.pssConsumers(),
                    options.memoryConsumers(), scope, report));
        }
        if (options.runs("peers")) {
            section("mosquitto and redis-cli", scope -> PeersBench.run(options.startupRuns(), floor(), scope, report));
        }
        if (options.runs("pipe")) {
            section("pipe, CLI to CLI", scope -> PipeBench.run(options.root(), options.pipeEvents(), scope, report));
        }
        if (options.runs("pipeline")) {
            section("pipeline, enrichment", scope -> PipelineBench.enrichment(report));
            section("pipeline, geoip", scope -> PipelineBench.geoip(options.root(), report));
            section("pipeline, metrics", scope -> PipelineBench.metrics(report));
            if (options.paced()) {
                section("pipeline, 1 consumer of " + PipelineConsumeBench.KEY,
                        scope -> PipelineConsumeBench.run(options.root(), ceiling, scope, report));
            }
        }
        if (options.runs("served")) {
            section("served pipeline", scope -> ServedPipelineBench.run(options.root(), SERVED_EVENTS,
                    scope, report));
        }
        if (options.runs("aggregations")) {
            section("aggregations", scope -> AggregationBench.run(report));
        }
        if (options.runs("http")) {
            section("http, single events and batches", scope -> HttpIngestBench.run(options.root(),
                    options.httpLength(), ceiling, scope, report));
            section("http, latency to a consumer", scope -> HttpLatencyBench.run(options.root(), options.httpRate(),
                    options.httpLength(), scope, report));
            section("http, aggregations", scope -> HttpAggregationBench.run(options.root(), scope, report));
        }
        if (options.runs("bridge")) {
            section("bridge", scope -> BridgeBench.run(options.root(), scope, report));
        }
        report.note("load average at the end (1/5/15 min): " + Machine.currentLoadAverage()
                + "; the machine may be shared, and other work there skews every figure");
    }

    private StartupBench startup() throws Exception {
        return new StartupBench(options.root(), options.startupRuns(), floor(), report);
    }

    private JvmFloor floor() throws Exception {
        if (floor == null) {
            floor = cleanup.register(JvmFloor.prepare(CliJvm.read(options.root())));
        }
        return floor;
    }

    private void throughput(Cleanup scope, int consumers, long events, double pacedStart, double target) throws Exception {
        Evbus home = scope.register(Evbus.keepingSettings(options.root(), "10m"));
        LoadRig rig = scope.register(LoadRig.attach(home, consumers, null));
        ThroughputBench bench = new ThroughputBench(rig, new BenchPublisher(rig.socket(), System.nanoTime()), ceiling, report);
        bench.flatOut(events);
        if (options.paced()) {
            bench.highestCleanRate(pacedStart, target);
        }
        if (consumers == 1) {
            long busPid = BusStatus.of(home).pid();
            report.measured("daemon resident memory (VmRSS) after the 1-consumer throughput runs",
                    ResidentMemory.megabytes(ResidentMemory.kibibytes(busPid)));
        }
    }

    private void section(String name, Section body) {
        System.err.println("bench: " + name + "...");
        Cleanup scope = cleanup.register(new Cleanup());
        try {
            body.run(scope);
        } catch (Exception | AssertionError e) { // the fixtures fail with AssertionError, as in the tests
            report.failed(name, e);
            e.printStackTrace();
        } finally {
            cleanup.release(scope);
        }
    }

    /** The command as a user would type it: bench/run adds --root itself. */
    private static List<String> argsWithoutRoot(String[] args) {
        List<String> kept = new ArrayList<>(List.of("bench/run"));
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--root") && i + 1 < args.length) {
                i++;
            } else {
                kept.add(args[i]);
            }
        }
        return kept;
    }
}
