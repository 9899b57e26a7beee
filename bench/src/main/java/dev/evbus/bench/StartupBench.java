package dev.evbus.bench;

import dev.evbus.testkit.Evbus;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * (c) How long each kind of evbus process takes to start, beside the JVM's floor ({@link JvmFloor}):
 * {@code consume raw} and {@code consume log.alerts} to their {@code [event] ready} line, with a
 * bus running; {@code consume raw} forking the bus; {@code publish}, {@code --version},
 * {@code list} and {@code status} from launch to exit; {@code stop} of an idle bus. Every figure is a median over runs after a
 * discarded warm-up (page cache, the AOT cache's first mapping), and each run is followed by one
 * run of the floor, so a figure and its floor share whatever else the machine was doing.
 */
final class StartupBench {
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(30);
    // The targets ("every evbus process at the JVM's floor"), for the median.
    private static final Duration CONSUME_RAW = Duration.ofMillis(60);
    private static final Duration PUBLISH = Duration.ofMillis(60);
    private static final Duration COMMAND = Duration.ofMillis(50);
    private static final Duration FORKED_BUS = Duration.ofMillis(250);
    private static final Duration DECLARATIVE_KEY = Duration.ofMillis(120);

    private final Path root;
    private final int runs;
    private final JvmFloor floor;
    private final Report report;

    /** One timed launch, in nanoseconds. */
    private interface Launch {
        long nanos() throws Exception;
    }

    StartupBench(Path root, int runs, JvmFloor floor, Report report) {
        this.root = root;
        this.runs = runs;
        this.floor = floor;
        this.report = report;
    }

    /** The floor on its own, launch to exit: the row every other start-up row is compared with. */
    void floorAlone() throws IOException {
        long[] times = new long[runs];
        for (int i = 0; i < runs; i++) {
            times[i] = floor.timeOnce();
        }
        report.measured("JVM floor: " + floor.describe() + ", launch to exit", spread(Sample.of(times)));
    }

    void withBusRunning(Cleanup scope) throws Exception {
        Evbus home = scope.register(Evbus.keepingSettings(root, "10m"));
        startBus(home);
        measure("`consume raw` to its ready line, bus running", CONSUME_RAW, () -> readyTime(home, "raw"));
        measure("`publish` of one event, launch to exit, bus running", PUBLISH,
                () -> CommandResult.evbus(home, "publish", "bench.startup", "--data", "{\"n\":1}").requireSuccess("evbus publish")
                        .elapsed().toNanos());
        for (String command : List.of("--version", "list", "status")) {
            measure("`" + command + "`, launch to exit, bus running", COMMAND,
                    () -> CommandResult.evbus(home, command).requireSuccess("evbus " + command).elapsed().toNanos());
        }
        scope.release(home);
    }

    /** The enrichment example's key file installed in the home, as README's "Two examples" installs it. */
    void declarativeKey(Cleanup scope) throws Exception {
        Evbus home = scope.register(Evbus.keepingSettings(root, "10m"));
        PipelineConsumeBench.install(root, home);
        startBus(home);
        measure("`consume " + PipelineConsumeBench.KEY + "` (the enrichment example's key file) to its ready line,"
                + " bus running", DECLARATIVE_KEY, () -> readyTime(home, PipelineConsumeBench.KEY));
        scope.release(home);
    }

    /** A fresh home for every run, so each consumer finds no bus and forks one. */
    void withoutBus(Cleanup scope) throws Exception {
        measure("`consume raw` to its ready line, no bus (fresh home: the consumer forks the bus)", FORKED_BUS, () -> {
            Evbus home = scope.register(Evbus.keepingSettings(root, "2s"));
            try {
                return readyTime(home, "raw");
            } finally {
                scope.release(home);
            }
        });
    }

    /**
     * A fresh bus for every run, its consumer gone, then {@code stop} from launch to exit: what a
     * script waits for. It includes the bus's own way out (decision 0039). No target.
     */
    void stopIdleBus(Cleanup scope) throws Exception {
        Timed stop = timed(() -> {
            Evbus home = scope.register(Evbus.keepingSettings(root, "10m"));
            try {
                startBus(home);
                return CommandResult.evbus(home, "stop").requireSuccess("evbus stop").elapsed().toNanos();
            } finally {
                scope.release(home);
            }
        });
        report.measured("`stop` of an idle bus, launch to exit (the bus gone)", stop.value());
    }

    private void measure(String what, Duration target, Launch launch) throws Exception {
        Timed timed = timed(launch);
        report.checked(what, timed.value(), "≤ " + target.toMillis() + " ms (median)",
                timed.sample().median() <= target.toNanos());
    }

    /** Runs and their median, with the floor's median from the same minutes beside it. */
    private record Timed(Sample sample, String value) {
    }

    private Timed timed(Launch launch) throws Exception {
        launch.nanos();
        long[] times = new long[runs];
        long[] floors = new long[runs];
        for (int i = 0; i < runs; i++) {
            times[i] = launch.nanos();
            floors[i] = floor.timeOnce();
        }
        Sample sample = Sample.of(times);
        long floorMedian = Sample.of(floors).median();
        return new Timed(sample, spread(sample) + "; floor " + Report.millis(floorMedian) + ", "
                + String.format(Locale.ROOT, "%.1f× the floor", (double) sample.median() / floorMedian));
    }

    /** The first consumer forks the bus, which then outlives it for the home's idle timeout. */
    private static void startBus(Evbus home) throws Exception {
        readyTime(home, "raw");
        if (!BusStatus.of(home).running()) {
            throw new IllegalStateException("no bus running in " + home.home() + " after a consumer forked one");
        }
    }

    private static long readyTime(Evbus home, String key) throws IOException, InterruptedException {
        String[] args = key.equals("raw") ? new String[] {"-p", ConsumerProcess.EVENT_PATTERN} : new String[0];
        try (ConsumerProcess consumer = ConsumerProcess.launchKey(home, null, key, args)) {
            return consumer.awaitReady(READY_TIMEOUT).toNanos();
        }
    }

    private static String spread(Sample sample) {
        return "median " + Report.millis(sample.median()) + ", p90 " + Report.millis(sample.percentile(0.9)) + " ("
                + sample.size() + " runs)";
    }
}
