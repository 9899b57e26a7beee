package dev.evbus.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;

/**
 * (c) Time from launching {@code evbus consume raw} to its {@code [event] ready} line, with a bus
 * already running and with none (the consumer forks it), and {@code evbus list} as the floor set
 * by JVM start-up. The first run of each kind is a discarded warm-up (page cache, AOT files).
 */
final class StartupBench {
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(30);

    private final Path launcher;
    private final int runs;
    private final Report report;

    StartupBench(Path launcher, int runs, Report report) {
        this.launcher = launcher;
        this.runs = runs;
        this.report = report;
    }

    void listFloor(Cleanup scope) throws IOException {
        BusHome home = scope.register(BusHome.create(launcher, "10s"));
        long[] times = new long[runs];
        home.run("list").requireSuccess("evbus list");
        for (int i = 0; i < runs; i++) {
            times[i] = home.run("list").requireSuccess("evbus list").elapsed().toNanos();
        }
        summarise("`evbus list` (JVM start-up floor)", Sample.of(times), null);
        scope.release(home);
    }

    void readyWithBusRunning(Cleanup scope) throws IOException, InterruptedException {
        BusHome home = scope.register(BusHome.create(launcher, "10m"));
        readyTime(home);
        long[] times = new long[runs];
        for (int i = 0; i < runs; i++) {
            times[i] = readyTime(home);
        }
        summarise("`consume raw` to ready line, bus already running", Sample.of(times), Duration.ofMillis(200));
        scope.release(home);
    }

    void readyWithoutBus(Cleanup scope) throws IOException, InterruptedException {
        long[] times = new long[runs];
        for (int i = -1; i < runs; i++) {
            BusHome home = scope.register(BusHome.create(launcher, "2s"));
            long time = readyTime(home);
            if (i >= 0) {
                times[i] = time;
            }
            scope.release(home);
        }
        summarise("`consume raw` to ready line, no bus (fresh home, consumer forks the bus)", Sample.of(times), null);
    }

    private static long readyTime(BusHome home) throws IOException, InterruptedException {
        try (ConsumerProcess consumer = ConsumerProcess.launch(home, false, null)) {
            return consumer.awaitReady(READY_TIMEOUT).toNanos();
        }
    }

    private void summarise(String what, Sample sample, Duration target) {
        String value = "median " + Report.millis(sample.median()) + ", p90 " + Report.millis(sample.percentile(0.9))
                + " (" + sample.size() + " runs)";
        if (target == null) {
            report.measured(what, value);
        } else {
            report.checked(what, value, "≤ " + target.toMillis() + " ms (median)", sample.median() <= target.toNanos());
        }
    }
}
