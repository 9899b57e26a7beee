package dev.evbus.bench;

import dev.evbus.testkit.Evbus;
import dev.evbus.testkit.Poll;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;

/**
 * (f) Replay from the retention log: N events go into a bus that no reader of their type is
 * attached to (an idle consumer of another type keeps the bus alive, since a bus lives only while
 * someone is attached), then {@code consume raw --since all --max-events N} is launched and timed
 * from its launch to its last line. The launch-to-last figure includes the consumer's JVM start-up
 * on purpose: that is what a user waits for; the ready-to-last figure shows the log read alone.
 */
final class ReplayBench {
    /** Large enough that a million 200-byte events (about 300 bytes each in the log) all stay. */
    static final String RETENTION = "{\"max_bytes\":\"512MiB\",\"max_age\":\"10m\"}";
    private static final Duration ATTACH_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration DELIVERY_QUIET = Duration.ofSeconds(3);
    private static final Duration POLL = Duration.ofMillis(2);
    private static final double TARGET = 1_000_000;

    private ReplayBench() {
    }

    static void run(Path root, long events, double ceiling, Cleanup scope, Report report)
            throws IOException, InterruptedException {
        Evbus home = scope.register(Evbus.keepingSettings(root, "10m"));
        home.writeAppConfig("{\"retention\":" + RETENTION + "}\n");
        ConsumerGroup group = scope.register(new ConsumerGroup());
        group.add(ConsumerProcess.launchIdle(home));
        BusStatus status = BusStatus.awaitConsumers(home, 1, ATTACH_TIMEOUT);
        PublishRun publish = new BenchPublisher(status.socket(), System.nanoTime()).flatOut(events);
        report.measured("replay: " + Report.count(events) + " events published with no reader attached (into the log)",
                Report.rate(publish.eventsPerSecond()) + " (" + Report.ratio(publish.eventsPerSecond(), ceiling) + ")");
        BusStatus filled = BusStatus.of(home);
        if (filled.log() != null && filled.log().events() < events) {
            report.note("replay: the log holds only " + Report.count(filled.log().events()) + " of "
                    + Report.count(events) + " events (max_bytes " + Report.count(filled.log().maxBytes()) + ")");
        }
        long busCpuBefore = CpuTime.nanos(status.pid());
        ConsumerProcess replayer = group.add(ConsumerProcess.launch(home, null, "-p", ConsumerProcess.EVENT_PATTERN,
                "--since", "all", "--max-events", Long.toString(events)));
        long readyNanos = replayer.launchedNanos() + replayer.awaitReady(READY_TIMEOUT).toNanos();
        long lines = awaitLines(replayer, events);
        long busCpu = CpuTime.nanos(status.pid()) - busCpuBefore;
        long last = replayer.lastArrivalNanos();
        double fromLaunch = lines * 1e9 / Math.max(1, last - replayer.launchedNanos());
        double fromReady = lines * 1e9 / Math.max(1, last - readyNanos);
        report.checked("replay: `consume --since all --max-events " + Report.count(events)
                        + "`, launch to last line (JVM start-up included)",
                Report.rate(fromLaunch) + " (" + Report.ratio(fromLaunch, ceiling) + "; " + Report.count(lines) + " of "
                        + Report.count(events) + " lines in " + Report.millis(last - replayer.launchedNanos()) + ")",
                "≥ " + Report.rate(TARGET), lines == events && fromLaunch >= TARGET);
        report.measured("replay: ready line to last line (the log read alone)",
                Report.rate(fromReady) + " (" + Report.ratio(fromReady, ceiling) + ")");
        report.measured("replay: bus CPU per replayed event / bus resident memory holding the log",
                Report.micros2(busCpu / (double) Math.max(1, lines)) + " / "
                        + ResidentMemory.megabytes(ResidentMemory.kibibytes(status.pid())));
        scope.release(group);
        scope.release(home);
    }

    /** Waits for {@code expected} lines, or until none has come for a while (the rest is not coming). */
    private static long awaitLines(ConsumerProcess consumer, long expected) {
        long seen = consumer.lines();
        long lastGrowth = System.nanoTime();
        while (seen < expected && System.nanoTime() - lastGrowth < DELIVERY_QUIET.toNanos()) {
            Poll.pause(POLL);
            long now = consumer.lines();
            if (now != seen) {
                seen = now;
                lastGrowth = System.nanoTime();
            }
        }
        return seen;
    }
}
